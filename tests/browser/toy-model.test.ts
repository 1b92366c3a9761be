/**
 * The toy model in a real Chromium, on the built site: the paper's classic results come out of
 * training in the reader's browser with the presets' fixed seeds (dense inputs: two features kept;
 * very sparse: five in a pentagon), in a Web Worker started by the first Train that never blocks
 * the page; progress shows, a long run can be cancelled keeping the last results, bad input and
 * oversized jobs are refused before anything starts, the settings are in the address, axe finds
 * nothing while running or after, and without JavaScript the build's run and figures are there.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { openPage, useBrowser } from "./harness.ts";

const browser = useBrowser();

/** The toy-model island, woken as a reader's first touch would wake it. */
async function toyModel(page: Page) {
  const root = page.locator("[data-toy-model]");
  await root.scrollIntoViewIfNeeded();
  await root.dispatchEvent("pointerdown");
  await page.waitForFunction(() => document.querySelector("[data-toy-model]")?.closest("astro-island")?.hasAttribute("ssr") === false, undefined, {
    timeout: 60_000,
  });
  return root;
}

async function outputs(page: Page): Promise<Record<string, string>> {
  return page
    .locator("[data-toy-model] output")
    .evaluateAll((os) => Object.fromEntries(os.map((o) => [o.getAttribute("name"), o.getAttribute("data-value") ?? o.textContent ?? ""])));
}

async function state(page: Page): Promise<string | null> {
  return page.locator("[data-toy-model]").getAttribute("data-state");
}

async function trained(page: Page, timeout = 30_000): Promise<void> {
  // Polled every 100 ms rather than every frame: the page's thread is the reader's, not the test's.
  await page.waitForFunction(() => document.querySelector("[data-toy-model]")?.getAttribute("data-state") === "done", undefined, {
    timeout,
    polling: 100,
  });
}

/** Loads a preset as a reader would: its button, or on a phone the entry of its list (src/ui/Presets.tsx). */
async function pressPreset(page: Page, label: string): Promise<void> {
  const button = page.locator("[data-toy-model] .presets button", { hasText: label });
  if (await button.isVisible()) return button.click();
  const list = page.locator("[data-toy-model] .presets select", { has: page.locator("option", { hasText: label }) });
  const value = await list.locator("option", { hasText: label }).getAttribute("value");
  await list.selectOption(value!);
}

describe("the classic results, trained in the browser", () => {
  test("two neurons, five dense features: the two most important kept, at right angles", async () => {
    const { page, context, problems } = await openPage(browser(), "trained-toy-models/");
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    const root = await toyModel(page);
    // Nothing of the training before the reader asks for it.
    expect(requests.filter((u) => /worker/.test(u))).toEqual([]);
    await pressPreset(page, "dense, S = 0");
    await root.getByRole("button", { name: "Train", exact: true }).click();
    await trained(page);
    expect(requests.some((u) => /worker/.test(u))).toBe(true);
    const values = await outputs(page);
    expect(Number(values.represented)).toBe(2);
    const angles = values["neighbour-angles"]!.split(" ").map(Number);
    expect(angles).toHaveLength(2);
    expect(Math.abs(angles[0]! - 90)).toBeLessThan(3);
    // The figures are redrawn from this run, the plane among them.
    await expect.poll(() => root.locator("[data-figure='plane'] svg").getAttribute("aria-description")).toMatch(/2 of 5 features represented/);
    const url = new URL(page.url());
    expect(Object.fromEntries(["n", "m", "sparsity", "importance", "steps", "seed"].map((k) => [k, url.searchParams.get(k)]))).toEqual({
      n: "2",
      m: "5",
      sparsity: "0",
      importance: "0.9",
      steps: "10000",
      seed: "0",
    });
    expect(problems).toEqual([]);
    await context.close();
  });

  test("two neurons, five very sparse features: all five, a pentagon, neighbours 72° apart", async () => {
    const { page, context, problems } = await openPage(browser(), "trained-toy-models/");
    const root = await toyModel(page);
    await pressPreset(page, "very sparse, S = 0.99");
    await root.getByRole("button", { name: "Train", exact: true }).click();
    await trained(page);
    const values = await outputs(page);
    expect(Number(values.represented)).toBe(5);
    const angles = values["neighbour-angles"]!.split(" ").map(Number);
    expect(angles).toHaveLength(5);
    for (const angle of angles) expect(Math.abs(angle - 72)).toBeLessThan(3);
    // A pentagon is a tight frame: its RMS overlap is the Welch floor.
    expect(Number(values["rms-overlap"]) / Number(values.welch)).toBeCloseTo(1, 2);
    expect(Number(values["relu-noise"])).toBeLessThan(Number(values["linear-noise"]));
    await expect.poll(() => root.locator("[data-figure='plane'] svg").getAttribute("aria-description")).toMatch(/5 of 5 features represented/);
    expect(problems).toEqual([]);
    await context.close();
  });
});

test("a link to a run opens on its settings and reproduces the same numbers in a fresh page", async () => {
  const path = "trained-toy-models/?n=2&m=5&sparsity=0.99&importance=0.9&steps=4000&seed=0";
  const results: Record<string, string>[] = [];
  for (let i = 0; i < 2; i++) {
    const { page, context, problems } = await openPage(browser(), path);
    const root = await toyModel(page);
    expect(await root.locator('input[name="n"]').inputValue()).toBe("2");
    expect(await root.locator('input[name="steps"]').inputValue()).toBe("4000");
    await root.getByRole("button", { name: "Train", exact: true }).click();
    await trained(page);
    expect(await root.locator("caption").innerText()).toMatch(/n = 2, m = 5, S = 0\.99, r = 0\.9, 4,000 steps, seed 0, [\d.]+ s in your browser/);
    results.push(await outputs(page));
    expect(problems).toEqual([]);
    await context.close();
  }
  expect(results[1]).toEqual(results[0]);
});

test("a long run shows its progress and the falling loss, and cancelling keeps the last results", async () => {
  const { page, context, problems } = await openPage(browser(), "trained-toy-models/");
  const root = await toyModel(page);
  const before = await outputs(page);
  // About 2.4·10¹⁰ multiply-adds: many seconds of training.
  await root.locator('input[name="steps"]').fill("60000");
  await root.getByRole("button", { name: "Train", exact: true }).click();
  expect(await state(page)).toBe("running");
  await expect.poll(() => root.locator("progress").evaluate((p) => (p as HTMLProgressElement).value), { timeout: 60_000 }).toBeGreaterThan(0);
  await expect.poll(() => root.locator(".toy-model__progress").innerText()).toMatch(/step [\d,]+ of 60,000, loss \d/);
  await expect.poll(() => root.locator(".toy-model__sparkline polyline").count()).toBe(1);
  // It keeps training: the step count advances. (That the page's own thread stays free meanwhile is
  // a timing, held in the performance project: tests/browser/performance.test.ts.)
  const stepAt = async () => Number((await root.locator(".toy-model__progress").innerText()).match(/step ([\d,]+)/)![1]!.replace(/,/g, ""));
  const from = await stepAt();
  await expect.poll(stepAt, { timeout: 60_000 }).toBeGreaterThan(from);
  expect(await state(page)).toBe("running");
  await root.getByRole("button", { name: "Cancel" }).click();
  expect(await state(page)).toBe("cancelled");
  expect(await outputs(page)).toEqual(before);
  await expect.poll(() => root.locator("progress").count()).toBe(0);
  // Still cancelled a moment later: nothing from the stopped run arrives.
  await page.waitForTimeout(300);
  expect(await state(page)).toBe("cancelled");
  expect(await outputs(page)).toEqual(before);
  expect(problems).toEqual([]);
  await context.close();
});

test("bad input and oversized jobs are refused next to their field or the button, before anything starts", async () => {
  const { page, context, problems } = await openPage(browser(), "trained-toy-models/");
  const requests: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  const root = await toyModel(page);
  const m = root.locator('input[name="m"]');
  await m.fill("600");
  await expect.poll(() => m.getAttribute("aria-invalid")).toBe("true");
  expect(await page.locator(`[id="${await m.getAttribute("aria-describedby")}"]`).innerText()).toMatch(
    /above the limit: m \(features\) must be a whole number from 2 to 512/,
  );
  const train = root.getByRole("button", { name: "Train", exact: true });
  await train.click();
  expect(await state(page)).toBe("idle");
  await m.fill("512");
  await root.locator('input[name="n"]').fill("256");
  await root.locator('input[name="sparsity"]').fill("0");
  await root.locator('input[name="steps"]').fill("100000");
  await expect.poll(() => train.getAttribute("aria-describedby")).toBeTruthy();
  expect(await page.locator(`[id="${await train.getAttribute("aria-describedby")}"]`).innerText()).toMatch(/above the limit of 34,359,738,368/);
  await train.click();
  const sparsity = root.locator('input[name="sparsity"]');
  await sparsity.fill("<b>1</b>");
  await expect.poll(() => sparsity.getAttribute("aria-invalid")).toBe("true");
  await train.click();
  expect(await state(page)).toBe("idle");
  expect(requests.filter((u) => /worker/.test(u))).toEqual([]);
  expect(await root.locator("b").count()).toBe(0);
  expect(await root.innerText()).not.toMatch(/\bNaN\b|\bInfinity\b|\bundefined\b/);
  expect(problems).toEqual([]);
  await context.close();
});

test("without JavaScript, the build's run, its numbers and its figures are on the page", async () => {
  const { page, context } = await openPage(browser(), "trained-toy-models/", { javaScriptEnabled: false });
  const values = await outputs(page);
  for (const name of ["loss", "represented", "rms-overlap", "welch", "max-overlap", "linear-noise", "relu-noise", "expected-active", "l-max"]) {
    expect(Number.isFinite(Number(values[name])), name).toBe(true);
  }
  expect(Number(values.represented)).toBeGreaterThan(20);
  // Every figure drawn (the desktop variant at this width), and the pictures of the two-neuron models.
  const shown = await page.evaluate(() =>
    // The toy model's own figures (the phase diagrams and the sweep have their tests: toy-phase.test.ts).
    Array.from(document.querySelectorAll<SVGSVGElement>("[data-toy-model] figure svg, #figure-planes svg"))
      .filter((svg) => svg.getClientRects().length > 0)
      .map((svg) => svg.getAttribute("aria-label")),
  );
  expect(shown).toHaveLength(4);
  expect(shown).toContain("Feature directions of toy models with two neurons");
  // The text quotes the numbers the table shows.
  // textContent: the paragraph may be off screen, where it is not rendered (content-visibility).
  expect((await page.locator("[data-build-number='represented']").first().textContent())?.trim()).toBe(values.represented);
  await context.close();
});

test("on a phone, the figures redrawn after a run keep their text at 10 px or more and never scroll sideways", async () => {
  const { page, context, problems } = await openPage(browser(), "trained-toy-models/", {
    viewport: { width: 375, height: 812 },
    isMobile: true,
    hasTouch: true,
  });
  const root = await toyModel(page);
  await pressPreset(page, "very sparse, S = 0.99");
  await root.getByRole("button", { name: "Train", exact: true }).click();
  await trained(page);
  // All four redrawn: the plane shown, and no prerendered variant left.
  await expect.poll(() => root.locator("[data-figure='plane']:not([hidden]) svg").count()).toBe(1);
  expect(await root.locator(".figure__variant").count()).toBe(0);
  const figures = await page.evaluate(() =>
    Array.from(document.querySelectorAll<SVGSVGElement>("[data-toy-model] figure:not([hidden]) svg"))
      .filter((svg) => svg.getClientRects().length > 0)
      .map((svg) => {
        const scale = svg.getBoundingClientRect().width / (svg.viewBox.baseVal?.width || svg.width.baseVal.value);
        const sizes = Array.from(svg.querySelectorAll("text"), (t) => parseFloat(getComputedStyle(t).fontSize) * scale);
        const box = svg.closest("figure")!;
        return { label: svg.getAttribute("aria-label"), smallest: Math.min(...sizes), overflow: box.scrollWidth - box.clientWidth };
      }),
  );
  expect(figures).toHaveLength(4);
  for (const f of figures) {
    expect(f.smallest, f.label!).toBeGreaterThanOrEqual(9.99);
    expect(f.overflow, f.label!).toBeLessThanOrEqual(0);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  expect(problems).toEqual([]);
  await context.close();
});

test.each(["light", "dark"] as const)(
  "has no axe violations while training, after a run and with an error shown (%s mode)",
  async (colorScheme) => {
    const { page, context, problems } = await openPage(browser(), "trained-toy-models/?steps=60000", { colorScheme });
    const root = await toyModel(page);
    const axe = async () => {
      const results = await new AxeBuilder({ page })
        .include("[data-toy-model]")
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
        .analyze();
      return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    };
    await root.getByRole("button", { name: "Train", exact: true }).click();
    expect(await state(page)).toBe("running");
    await expect.poll(() => root.locator(".toy-model__sparkline").count(), { timeout: 60_000 }).toBe(1);
    expect(await axe()).toEqual([]);
    await root.getByRole("button", { name: "Cancel" }).click();
    await pressPreset(page, "very sparse, S = 0.99");
    await root.getByRole("button", { name: "Train", exact: true }).click();
    await trained(page);
    await expect.poll(() => root.locator("[data-figure='plane'] svg").getAttribute("aria-description")).toMatch(/features represented/);
    expect(await axe()).toEqual([]);
    await root.locator('input[name="importance"]').fill("0");
    await root.locator('input[name="m"]').fill("600");
    expect(await axe()).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  },
  60_000,
);
