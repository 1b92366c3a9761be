/**
 * The calculators' slow outputs in a real Chromium: computed in the page's one Web Worker, which
 * refines "all read right" by Monte Carlo where the fast value is only a range; the levels
 * calculator's on/off misreads from the same kind of worker. (Its timings are the performance
 * test's.)
 */
import { expect, test } from "vitest";
import { calculator, openPage, outputValue, useBrowser } from "./harness.ts";

const browser = useBrowser();

const workerScripts = (page: import("playwright-core").Page) =>
  page.evaluate(() => performance.getEntriesByType("resource").filter((e) => /later-results-worker/.test(e.name)).length);

test("at n = 128, m = 1 024, l = 8 all read right shows the worker's Monte Carlo: 6.3 × 10⁻⁷ within 10 %", async () => {
  const { page, context, problems } = await openPage(browser(), "sparsity/?n=128&m=1024&l=8");
  const calc = await calculator(page, "sparsity");
  const allRight = calc.locator('output[name="all-right"]');
  // A range first (the fast value is 27 % low there), busy while the Monte Carlo runs; then two figures.
  await expect.poll(() => allRight.textContent(), { timeout: 20_000 }).toMatch(/^6\.\d × 10⁻⁷$/);
  expect(await allRight.getAttribute("aria-busy")).toBeNull();
  expect(Math.abs((await outputValue(page, "sparsity", "all-right")) / 6.31e-7 - 1)).toBeLessThan(0.1);
  expect(await workerScripts(page)).toBe(1);
  // A change of l is answered by the same worker: the misreads follow, and the range of a deeper tail stays a range.
  await calc.locator('input[name="l"]').fill("32");
  await expect.poll(() => calc.locator('output[name="expected-misreads"]').getAttribute("aria-busy")).toBeNull();
  await expect.poll(() => allRight.getAttribute("aria-busy"), { timeout: 20_000 }).toBeNull();
  expect(await allRight.textContent()).toMatch(/^between 10⁻/);
  expect(await workerScripts(page)).toBe(1);
  expect(problems).toEqual([]);
  await context.close();
});

test("the levels calculator's on/off misreads come from its page's worker", async () => {
  const { page, context, problems } = await openPage(browser(), "boolean-ish/");
  const calc = await calculator(page, "levels");
  await calc.locator('input[name="n"]').fill("1024");
  await calc.locator('input[name="m"]').fill("4096");
  await calc.locator('input[name="l"]').fill("16");
  await expect.poll(() => calc.locator('output[name="on-off-misreads"]').getAttribute("aria-busy")).toBeNull();
  // 0.129 misreads per input: the site's notes (semi-analytic), n = 1 024, m = 4 096, l = 16.
  await expect.poll(() => outputValue(page, "levels", "on-off-misreads")).toBeCloseTo(0.129, 3);
  expect(await workerScripts(page)).toBe(1);
  expect(problems).toEqual([]);
  await context.close();
});
