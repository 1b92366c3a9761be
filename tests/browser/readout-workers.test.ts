/**
 * The readout-only simulation in a real Chromium, on the built site: a large job (m = 2^19, far
 * beyond what all pairs allow) split across several Web Workers gives the same numbers, digit for
 * digit, as the same job on one worker with the same seed; and a cancel reaches every worker.
 * The number of workers follows navigator.hardwareConcurrency, which each test sets before the
 * page loads. Timings (how fast a cancel stops them) belong to the performance project.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { siteUrl, useBrowser } from "./harness.ts";
import { openReadout, workerReplies } from "../../scripts/site/run-metrics.ts";

const browser = useBrowser();

/** A large job: 524 288 features in 512 dimensions, 16 active, 100 inputs. */
const JOB = "typical-vs-worst-case/?run=readout&n=512&m=524288&l=16&seed=3&trials=100";

async function runToEnd(page: Page): Promise<void> {
  await page.locator("[data-simulation]").getByRole("button", { name: "Run", exact: true }).click();
  await page.waitForFunction(() => document.querySelector("[data-simulation]")?.getAttribute("data-state") === "done", undefined, {
    timeout: 60_000,
  });
}

/** Every output of the run: its full-precision value (or log10) and its text. */
async function outputs(page: Page): Promise<Record<string, string>> {
  return page
    .locator("[data-simulation] output")
    .evaluateAll((os) =>
      Object.fromEntries(os.map((o) => [o.getAttribute("name"), `${o.getAttribute("data-value")}|${o.getAttribute("data-log10")}|${o.textContent}`])),
    );
}

test("a large readout split across 4 workers equals the same job on 1 worker, number for number", async () => {
  const single = await openReadout(browser(), siteUrl(JOB), 1);
  await runToEnd(single.page);
  const one = await outputs(single.page);
  expect(await single.page.locator("[data-simulation] caption").innerText()).toMatch(/m = 524,288, .* on 1 worker\./);
  expect(new Set((await workerReplies(single.page)).map((r) => r.worker)).size).toBe(1);
  // The finished run's table, the choice of run and the presets pass axe (WCAG 2.2 AA).
  const axe = await new AxeBuilder({ page: single.page })
    .include("[data-simulation]")
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  expect(single.problems).toEqual([]);
  await single.context.close();

  const split = await openReadout(browser(), siteUrl(JOB), 4);
  await runToEnd(split.page);
  const four = await outputs(split.page);
  expect(await split.page.locator("[data-simulation] caption").innerText()).toMatch(/on 4 workers\./);
  // Each of the four workers sent its part back.
  const done = (await workerReplies(split.page)).filter((r) => r.type === "done").map((r) => r.worker);
  expect(new Set(done)).toEqual(new Set([0, 1, 2, 3]));
  expect(split.problems).toEqual([]);
  await split.context.close();

  expect(Object.keys(one).sort()).toEqual([
    "active-noise",
    "all-correct",
    "all-correct-predicted",
    "best-threshold",
    "false-off",
    "false-on",
    "misreads",
    "misreads-best-threshold",
    "misreads-topk",
    "rms-noise",
    "worst-noise",
  ]);
  for (const [name, text] of Object.entries(one)) expect(text, name).not.toMatch(/NaN|Infinity|undefined/);
  expect(four).toEqual(one);
  // And the numbers are what random directions should give: √(16/512) = 0.177 typical noise.
  const rms = Number(one["rms-noise"]!.split("|")[0]);
  expect(Math.abs(rms / Math.sqrt(16 / 512) - 1)).toBeLessThan(0.02);
}, 150_000);

test("cancelling a readout-only run reaches every worker, and keeps the page's last results", async () => {
  // The shape of Gemma Scope's 1M-latent SAE on Gemma 2 9B: far more work than the time to cancel.
  const { page, context, problems, root } = await openReadout(
    browser(),
    siteUrl("typical-vs-worst-case/?run=readout&n=3584&m=1048576&l=193&seed=1&trials=100"),
    3,
  );
  await root.getByRole("button", { name: "Run", exact: true }).click();
  await expect.poll(() => root.locator("progress").evaluate((p) => (p as HTMLProgressElement).value), { timeout: 20_000 }).toBeGreaterThan(0);
  await root.getByRole("button", { name: "Cancel" }).click();
  expect(await root.getAttribute("data-state")).toBe("cancelled");
  await expect.poll(() => root.locator("progress").count()).toBe(0);
  // Every worker answers the cancel: none is left computing.
  await expect
    .poll(
      async () =>
        (await workerReplies(page))
          .filter((r) => r.type === "cancelled")
          .map((r) => r.worker)
          .sort(),
      { timeout: 10_000 },
    )
    .toEqual([0, 1, 2]);
  expect(await root.textContent()).toContain("No readout-only run yet");
  expect(problems).toEqual([]);
  await context.close();
}, 60_000);
