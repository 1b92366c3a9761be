/**
 * Taking things away, in a real browser: a figure downloads as it is on screen (redrawn for the
 * reader's scenario) as SVG and as PNG; a simulation run downloads as CSV and JSON with its
 * settings and seed; a formula's LaTeX copies.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Download, Page } from "playwright-core";
import { expect, test } from "vitest";
import { DIST } from "../build/built-site.ts";
import { calculator, hydrateAll, openPage, siteUrl, useBrowser } from "./harness.ts";

const browser = useBrowser();

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ download: Download; body: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  const path = await download.path();
  return { download, body: readFileSync(path) };
}

test("a redrawn figure downloads as it is on screen, as SVG and as PNG", async () => {
  const { page, context, problems } = await openPage(browser(), "sparsity/", { acceptDownloads: true });
  const calc = await calculator(page, "epsilon");
  await calc.locator('input[name="n"]').fill("768");
  await expect.poll(() => calc.locator("figure svg").first().getAttribute("aria-description")).toContain("768");
  const svg = await downloaded(page, () => calc.locator('a[data-figure-download="svg"]').click());
  expect(svg.download.suggestedFilename()).toBe("epsilon.svg");
  const text = svg.body.toString("utf8");
  expect(text).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(text).not.toMatch(/var\(--|NaN|Infinity|undefined/);
  // Not the build's file of the default figure: the one on screen, for n = 768.
  expect(text).not.toBe(readFileSync(join(DIST, "figures", "epsilon.svg"), "utf8"));
  const width = Number(/\swidth="(\d+(?:\.\d+)?)"/.exec(text)?.[1]);
  const png = await downloaded(page, () => calc.locator('a[data-figure-download="png"]').click());
  expect(png.download.suggestedFilename()).toBe("epsilon.png");
  expect(png.body.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  expect(png.body.readUInt32BE(16)).toBe(2 * width);
  expect(problems).toEqual([]);
  await context.close();
});

test("a simulation run downloads as CSV and JSON with its settings and seed", async () => {
  const { page, context } = await openPage(browser(), "typical-vs-worst-case/?n=64&m=256&l=2&seed=7&trials=20", { acceptDownloads: true });
  await hydrateAll(page);
  const sim = page.locator("[data-simulation]");
  await sim.getByRole("button", { name: "Run", exact: true }).click();
  await expect.poll(() => sim.getAttribute("data-state")).toBe("done");
  const csv = await downloaded(page, () => sim.getByRole("button", { name: "Download this run as CSV" }).click());
  expect(csv.download.suggestedFilename()).toBe("simulation-n64-m256-l2-seed7.csv");
  const [header, ...rows] = csv.body.toString("utf8").trim().split("\r\n");
  expect(header!.split(",")).toContain("all_right_fraction");
  const ls = rows.map((row) => Number(row.split(",")[4]));
  expect(ls).toContain(2);
  for (const row of rows) expect(row.split(",").slice(0, 3)).toEqual(["64", "256", "7"]);
  const json = await downloaded(page, () => sim.getByRole("button", { name: "Download this run as JSON" }).click());
  const run = JSON.parse(json.body.toString("utf8"));
  expect(run.settings).toEqual({ n: 64, m: 256, l: 2, seed: 7, trials: 20 });
  expect(run.points).toHaveLength(rows.length);
  expect(run.source).toContain("seed=7");
  // The numbers are the ones on screen.
  expect(run.overlaps.rms).toBe(Number(await sim.locator('output[name="rms-overlap"]').getAttribute("data-value")));
  await context.close();
});

test("a formula's LaTeX copies", async () => {
  const context = await browser().newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(siteUrl()).origin });
  const page = await context.newPage();
  await page.goto(siteUrl("reference/"), { waitUntil: "networkidle" });
  const formula = page.locator("#formula-epsilon");
  await formula.getByRole("button", { name: /^Copy LaTeX/ }).click();
  await expect.poll(() => page.locator("[data-copy-status]").textContent()).toBe("LaTeX copied");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(
    await formula
      .locator('.formula__math annotation[encoding="application/x-tex"]')
      .textContent()
      .then((t) => t?.trim()),
  );
  expect(copied).toContain("\\varepsilon");
  await context.close();
});
