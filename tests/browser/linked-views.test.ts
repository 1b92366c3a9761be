/**
 * A link opens on exactly what was linked: until a calculator shows the linked scenario it reads
 * as busy with its prerendered (default) numbers hidden, nothing is announced, and then every
 * calculator on the page shows the link's numbers, in view or not. And nothing a
 * reader does while a calculator is still loading is lost: keys on a slider, text, clicks.
 */
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { PARAMETERS } from "../../src/numbers/parameters.ts";
import { stepOf, valueAt } from "../../src/ui/slider-scale.ts";
import { addressParam, openPage, outputValue, siteUrl, useBrowser } from "./harness.ts";

const browser = useBrowser();

// The post's formulas written out again, independently of src/math.
const epsilonOf = (n: number, m: number) => Math.sqrt((8 * Math.log(m)) / n);
const levelsOf = (n: number, m: number, l: number) => Math.sqrt(n / (8 * l * Math.log(m)));

/** What each calculator of a page shows right now: busy, or its first output's value, and whether its numbers can be seen. */
async function snapshot(page: Page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>("[data-calculator]"), (calc) => {
      const output = calc.querySelector("output")!;
      return {
        name: calc.dataset.calculator!,
        busy: calc.getAttribute("aria-busy") === "true",
        value: Number(output.getAttribute("data-value")),
        outputColour: getComputedStyle(output).color,
        nInput: calc.querySelector<HTMLInputElement>('input[name="n"]')!.value,
        nInputColour: getComputedStyle(calc.querySelector('input[name="n"]')!).color,
        figureVisible: getComputedStyle(calc.querySelector(".figure__plot")!).visibility !== "hidden",
        announced: Array.from(calc.querySelectorAll('[aria-live="polite"]'), (el) => el.textContent ?? "").join(""),
      };
    }),
  );
}

test("a linked view: busy with the defaults hidden until it shows the link, then every calculator on the link's numbers, nothing announced", async () => {
  const context = await browser().newContext({ viewport: { width: 1000, height: 700 } });
  const page = await context.newPage();
  const n = 768;
  const m = 24576;
  await page.goto(siteUrl(`sparsity/?n=${n}&m=${m}`), { waitUntil: "commit" });
  const expected: Record<string, number> = { epsilon: epsilonOf(n, m), sparsity: epsilonOf(n, m) * Math.sqrt(PARAMETERS.l.default) };
  // The first look as soon as the parser has reached both calculators; then again once none is busy.
  // (How soon that is — within a second on a quiet machine — is a timing, held in the performance
  // project: tests/browser/performance.test.ts.)
  await page.waitForFunction(() => document.querySelectorAll("[data-calculator]").length === 2, undefined, { polling: 10 });
  const seen: { when: string; calculators: Awaited<ReturnType<typeof snapshot>> }[] = [{ when: "first look", calculators: await snapshot(page) }];
  await page.waitForFunction(
    () => Array.from(document.querySelectorAll("[data-calculator]")).every((c) => c.getAttribute("aria-busy") !== "true"),
    undefined,
    {
      polling: 10,
      timeout: 60_000,
    },
  );
  seen.push({ when: "settled", calculators: await snapshot(page) });
  for (const { when, calculators } of seen) {
    expect(calculators.map((c) => c.name)).toEqual(["epsilon", "sparsity"]);
    for (const c of calculators) {
      expect(c.announced, `${c.name} at ${when}`).toBe("");
      if (c.busy) {
        // Its numbers are the defaults: not to be seen.
        expect(c.outputColour, `${c.name} at ${when}`).toBe("rgba(0, 0, 0, 0)");
        expect(c.nInputColour).toBe("rgba(0, 0, 0, 0)");
        expect(c.figureVisible).toBe(false);
      } else {
        expect(c.value, `${c.name} at ${when}`).toBeCloseRel(expected[c.name]!, 1e-12);
        expect(c.nInput).toBe(String(n));
      }
    }
  }
  // Once settled, every calculator shows the link, the one out of view included.
  expect(seen[1]!.calculators.every((c) => !c.busy)).toBe(true);
  await context.close();
});

test("the simulation opens on the linked layer, seed and trials", async () => {
  const { page, context, problems } = await openPage(browser(), "typical-vs-worst-case/?n=128&m=1024&l=2&seed=9&trials=30");
  const sim = page.locator("[data-simulation]");
  await expect.poll(() => sim.getAttribute("aria-busy")).toBeNull();
  for (const [name, value] of Object.entries({ n: "128", m: "1024", l: "2", seed: "9", trials: "30" })) {
    expect(await sim.locator(`input[name="${name}"]`).inputValue()).toBe(value);
  }
  expect(problems).toEqual([]);
  await context.close();
});

test("without a link nothing is busy and the prerendered numbers show", async () => {
  const { page, context } = await openPage(browser(), "sparsity/");
  const calculators = await snapshot(page);
  expect(calculators.every((c) => !c.busy && c.figureVisible && c.outputColour !== "rgba(0, 0, 0, 0)")).toBe(true);
  await context.close();
});

test("keys pressed on a slider while its calculator loads are applied once it is ready", async () => {
  const context = await browser().newContext({ viewport: { width: 1000, height: 700 } });
  const page = await context.newPage();
  // Hold the calculator's code back until the keys have been pressed, so they surely arrive while it loads.
  let release = () => {};
  const keysPressed = new Promise<void>((resolve) => (release = resolve));
  let released = false;
  await page.route(/\/_astro\/Calculator\.[^/]*\.js$/, async (route) => {
    await keysPressed;
    released = true;
    await route.continue();
  });
  await page.goto(siteUrl("boolean-ish/"), { waitUntil: "networkidle" });
  const calc = page.locator('[data-calculator="levels"]');
  const slider = calc.locator('input[name="l"] ~ input[type="range"]');
  // Focusing the slider (as form-field navigation does) wakes the calculator; the keys follow at once.
  await slider.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  expect(released).toBe(false);
  release();
  const range = PARAMETERS.l.slider!;
  const l = valueAt(range, stepOf(range, PARAMETERS.l.default) + 3);
  await expect.poll(() => calc.locator('input[name="l"]').inputValue()).toBe(String(l));
  expect(await outputValue(page, "levels", "levels")).toBeCloseRel(levelsOf(4096, 100_000, l), 1e-12);
  await expect.poll(() => addressParam(page, "l")).toBe(String(l));
  await context.close();
});
