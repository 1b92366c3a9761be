/**
 * The calculators in a real Chromium: typing, sliders and keys change the outputs, the scenario
 * round-trips through the address, and bad input is caught next to its field.
 */
import { expect, test } from "vitest";
import { addressParam, calculator, openPage, outputValue, siteUrl, useBrowser } from "./harness.ts";

const browser = useBrowser();

const epsilonOf = (n: number, m: number) => Math.sqrt((8 * Math.log(m)) / n);

test("typing n and m updates ε, the figure and the address; other calculators follow", async () => {
  const { page, context, problems } = await openPage(browser(), "sparsity/");
  const eps = await calculator(page, "epsilon");
  await eps.locator('input[name="n"]').fill("768");
  await eps.locator('input[name="m"]').fill("1e6");
  expect(await outputValue(page, "epsilon", "epsilon")).toBeCloseTo(epsilonOf(768, 1e6), 12);
  await expect.poll(() => addressParam(page, "n")).toBe("768");
  await expect.poll(() => addressParam(page, "m")).toBe("1000000");
  // The figure is redrawn in the browser (Plot loaded on demand) and shows the new point.
  await expect.poll(() => eps.locator("figure svg").getAttribute("aria-description")).toContain("ε = 0.");
  expect(await eps.locator("figure svg").getAttribute("aria-description")).toContain(`ε = ${epsilonOf(768, 1e6).toFixed(3)}`);
  // The sparsity calculator on the same page shows the same scenario, without being touched.
  await expect.poll(() => page.locator('[data-calculator="sparsity"] input[name="n"]').inputValue()).toBe("768");
  expect(await outputValue(page, "sparsity", "noise")).toBeCloseTo(epsilonOf(768, 1e6) * Math.sqrt(10), 12);
  expect(problems).toEqual([]);
  await context.close();
});

test("redrawing every calculator's figure builds no Intl formatter (the first one loads locale data: a 30 ms task)", async () => {
  const context = await browser().newContext();
  // Counts every Intl object the page builds, and every number formatted by locale.
  await context.addInitScript(() => {
    const built: string[] = [];
    (window as unknown as { intlBuilt: string[] }).intlBuilt = built;
    for (const name of ["NumberFormat", "DateTimeFormat", "PluralRules", "Collator", "RelativeTimeFormat", "ListFormat", "Segmenter"] as const) {
      const Original = Intl[name] as unknown as new (...args: unknown[]) => object;
      (Intl as unknown as Record<string, unknown>)[name] = new Proxy(Original, {
        construct: (target, args) => (built.push(name), Reflect.construct(target, args)),
        apply: (target, self, args) => (built.push(name), Reflect.apply(target as unknown as (...a: unknown[]) => unknown, self, args)),
      });
    }
    const toLocaleString = Number.prototype.toLocaleString;
    Number.prototype.toLocaleString = function (this: number, ...args: []) {
      built.push("toLocaleString");
      return toLocaleString.apply(this, args);
    };
  });
  const page = await context.newPage();
  for (const [path, name, field, value, drawn] of [
    ["sparsity/", "epsilon", "n", "768", "ε = 0."],
    ["sparsity/", "sparsity", "l", "12", "l = 12"],
    ["boolean-ish/", "levels", "l", "7", "l = 7"],
  ] as const) {
    if (!page.url().endsWith(path)) await page.goto(siteUrl(path), { waitUntil: "networkidle" });
    const calc = await calculator(page, name);
    await calc.locator(`input[name="${field}"]`).fill(value);
    // A figure out of view is redrawn when it comes into view (LiveFigure.tsx): look at it, as a reader would.
    await calc.locator("figure").scrollIntoViewIfNeeded();
    await expect.poll(() => calc.locator("figure svg").getAttribute("aria-description")).toContain(drawn);
  }
  expect(await page.evaluate(() => (window as unknown as { intlBuilt: string[] }).intlBuilt)).toEqual([]);
  await context.close();
});

test("a link with parameters opens the same scenario", async () => {
  const { page, context } = await openPage(browser(), "boolean-ish/?n=1600&m=50000&l=5&a=3");
  await calculator(page, "levels");
  await expect.poll(() => page.locator('[data-calculator="levels"] input[name="n"]').inputValue()).toBe("1600");
  const noise = 3 * epsilonOf(1600, 50000) * Math.sqrt(5);
  expect(await outputValue(page, "levels", "noise")).toBeCloseTo(noise, 12);
  expect(await outputValue(page, "levels", "levels")).toBeCloseTo(3 / noise, 12);
  // Reloading the address the page wrote gives the same outputs.
  await page.locator('[data-calculator="levels"] input[name="l"]').fill("7");
  await expect.poll(() => addressParam(page, "l")).toBe("7");
  const written = await page.evaluate(() => location.href);
  const before = await outputValue(page, "levels", "levels");
  await page.goto(written);
  await calculator(page, "levels");
  await expect.poll(() => outputValue(page, "levels", "levels")).toBe(before);
  await context.close();
});

test("the slider and its arrow keys change the value and the outputs", async () => {
  const { page, context } = await openPage(browser(), "sparsity/");
  const calc = await calculator(page, "sparsity");
  const before = await outputValue(page, "sparsity", "noise");
  const slider = calc.locator('input[name="l"] ~ input[type="range"]');
  await slider.focus();
  for (let i = 0; i < 10; i++) await page.keyboard.press("ArrowRight");
  const after = await outputValue(page, "sparsity", "noise");
  expect(after).toBeGreaterThan(before);
  expect(Number(await calc.locator('input[name="l"]').inputValue())).toBeGreaterThan(10);
  await context.close();
});

const BAD_INPUTS: [field: string, text: string][] = [
  ["n", ""],
  ["n", "abc"],
  ["n", "-5"],
  ["n", "0"],
  ["n", "12.5"],
  ["m", "1e400"],
  ["m", "1"],
  ["l", "<img src=x onerror=alert(1)>"],
  ["l", "1000000"],
  ["a", "0"],
];

test.each(BAD_INPUTS)("bad input %s = %j is flagged next to the field and keeps the results", async (field, text) => {
  const { page, context, problems } = await openPage(browser(), "boolean-ish/");
  const calc = await calculator(page, "levels");
  const before = await calc.locator("output").evaluateAll((os) => os.map((o) => o.getAttribute("data-value")));
  const input = calc.locator(`input[name="${field}"]`);
  await input.fill(text);
  await expect.poll(() => input.getAttribute("aria-invalid")).toBe("true");
  const messageId = await input.getAttribute("aria-describedby");
  const message = await page.locator(`[id="${messageId}"]`).innerText();
  expect(message).toMatch(/must be|cannot exceed/);
  const after = await calc.locator("output").evaluateAll((os) => os.map((o) => o.getAttribute("data-value")));
  expect(after).toEqual(before);
  const body = await page.locator("body").innerText();
  expect(body).not.toMatch(/\bNaN\b|\bInfinity\b|\bundefined\b/);
  expect(await page.locator("main img").count()).toBe(0);
  expect(problems).toEqual([]);
  await context.close();
});

test("what a reader types before the calculator has woken up is kept and computed", async () => {
  const { page, context, problems } = await openPage(browser(), "sparsity/");
  const input = page.locator('[data-calculator="epsilon"] input[name="n"]');
  // Typing focuses the field (which wakes the island) and types at once, before hydration ends.
  await input.fill("");
  await input.pressSequentially("2048", { delay: 0 });
  await expect.poll(() => outputValue(page, "epsilon", "epsilon")).toBeCloseTo(epsilonOf(2048, 1e5), 12);
  expect(await input.inputValue()).toBe("2048");
  // The address follows, so it links to what is on screen.
  await expect.poll(() => addressParam(page, "n")).toBe("2048");
  expect(problems).toEqual([]);
  await context.close();
});

test("the first click on a preset of a calculator that has not woken yet is not lost", async () => {
  const { page, context, problems } = await openPage(browser(), "sparsity/");
  const preset = page.locator('[data-calculator="epsilon"] .presets button', { hasText: /^GPT-2 small 768$/ });
  await preset.scrollIntoViewIfNeeded();
  // One real click: its pointerdown wakes the island, its click lands before the island can answer.
  await preset.click();
  await expect.poll(() => page.locator('[data-calculator="epsilon"] input[name="n"]').inputValue()).toBe("768");
  expect(await outputValue(page, "epsilon", "epsilon")).toBeCloseTo(epsilonOf(768, 1e5), 12);
  expect(problems).toEqual([]);
  await context.close();
});
