/**
 * Performance guards, in a real Chromium against the built site: each timing is held to its guard
 * (scripts/site/budgets.ts), a margin that holds on a loaded 2-core machine and still catches a
 * gross regression; `npm run bench:site` reports the same timings against their (tighter) targets.
 * The figures are printed so a run shows them. Runs in its own vitest project after the other
 * browser tests, so that timings are not taken while other test files load the machine; every
 * wall-clock assertion of the suite lives here.
 */
import { expect, test } from "vitest";
import { BUDGETS } from "../../scripts/site/budgets.ts";
import { MEASURED_SLIDER_STEPS, measureFirstTouch, measurePageWeight, measureSliderSteps, SLIDER_BENCHMARKS } from "../../scripts/site/metrics.ts";
import {
  longest,
  measureDictionary,
  measureLinkedView,
  measurePhaseGrid,
  measureReadoutCancel,
  measureSimulationRun,
  measureTraining,
} from "../../scripts/site/run-metrics.ts";
import { PAGES, siteUrl, useBrowser } from "./harness.ts";

const browser = useBrowser();

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const guard = (name: keyof typeof BUDGETS) =>
  `guard ${BUDGETS[name].guard} ${BUDGETS[name].unit}, target ${BUDGETS[name].target} ${BUDGETS[name].unit}`;

test.each(PAGES)("page /%s loads at most 15 KB of JavaScript before interaction", async (path) => {
  const weight = await measurePageWeight(browser(), siteUrl(path));
  console.log(
    `budget: /${path} — ${kb(weight.jsBeforeInteraction)} JS run before interaction (${guard("jsBeforeInteraction")}), ` +
      `${kb(weight.jsPreloaded)} fetched ahead of a touch, ${kb(weight.totalGzip)} in all`,
  );
  expect(weight.jsBeforeInteraction).toBeLessThanOrEqual(BUDGETS.jsBeforeInteraction.guard * 1024);
});

test.each(SLIDER_BENCHMARKS)(
  "on /%s the %s calculator answers each %s slider step without a gross delay",
  async (path, calculator, field) => {
    const timings = await measureSliderSteps(browser(), siteUrl(path), calculator, field);
    console.log(
      `input: /${path} ${calculator} ${field} — the ${timings.distinctSteps} steps' median takes: p50 ${timings.stepP50.toFixed(1)} ms, p95 ${timings.stepP95.toFixed(1)} ms ` +
        `(raw takes: p50 ${timings.p50.toFixed(1)} ms, p95 ${timings.p95.toFixed(1)} ms over ${timings.samples.length}; ${guard("sliderStepP95")})`,
    );
    expect(timings.samples).toHaveLength(MEASURED_SLIDER_STEPS);
    // 20 values each way across the middle of the range: 40 distinct steps.
    expect(timings.distinctSteps).toBe(40);
    expect(timings.stepP50).toBeLessThanOrEqual(BUDGETS.sliderStepP50.guard);
    expect(timings.stepP95).toBeLessThanOrEqual(BUDGETS.sliderStepP95.guard);
  },
  60_000,
);

test.each(SLIDER_BENCHMARKS.flatMap(([path, calculator]) => (["desktop", "mobile"] as const).map((device) => [path, calculator, device] as const)))(
  "on /%s the %s calculator answers a first touch without a gross delay (%s)",
  async (path, calculator, device) => {
    // The median of three loads: one slow start of the browser is not the page's doing.
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) runs.push((await measureFirstTouch(browser(), siteUrl(path), calculator, device === "mobile")).ms);
    const median = [...runs].sort((a, b) => a - b)[1]!;
    const budget = device === "mobile" ? "firstTouchMobile" : "firstTouchDesktop";
    console.log(
      `first touch: /${path} ${calculator} ${device} — ${median.toFixed(0)} ms (runs ${runs.map((r) => r.toFixed(0)).join(", ")}; ${guard(budget)})`,
    );
    expect(median).toBeLessThanOrEqual(BUDGETS[budget].guard);
  },
  60_000,
);

test("a simulation run does not block the page: no gross main-thread task from typing the settings to the redrawn figures", async () => {
  const { longTasks } = await measureSimulationRun(browser(), siteUrl("typical-vs-worst-case/"));
  console.log(
    `simulation run: main-thread tasks over 50 ms: ${longTasks.length === 0 ? "none" : longTasks.join(", ") + " ms"} (${guard("longestTask")})`,
  );
  expect(longest(longTasks)).toBeLessThanOrEqual(BUDGETS.longestTask.guard);
}, 90_000);

test("training a toy model does not block the page: the worker advances while no gross main-thread task runs", async () => {
  const { longTasks, stepsInASecond } = await measureTraining(browser(), siteUrl("trained-toy-models/"));
  console.log(
    `toy model: ${stepsInASecond} steps in a second; main-thread tasks over 50 ms: ${longTasks.length === 0 ? "none" : longTasks.join(", ") + " ms"} (${guard("longestTask")})`,
  );
  expect(stepsInASecond).toBeGreaterThan(0);
  expect(longest(longTasks)).toBeLessThanOrEqual(BUDGETS.longestTask.guard);
}, 90_000);

test("the toy model's one-neuron phase grid trains in the browser without a gross delay, and without blocking the page", async () => {
  const { ms, workers, longTasks } = await measurePhaseGrid(browser(), siteUrl("trained-toy-models/"));
  console.log(
    `phase grid: 400 cells on ${workers} workers in ${(ms / 1000).toFixed(1)} s (${guard("phaseGrid")}); ` +
      `main-thread tasks over 50 ms: ${longTasks.length === 0 ? "none" : longTasks.join(", ") + " ms"} (${guard("longestTask")})`,
  );
  expect(workers).toBeGreaterThanOrEqual(1);
  expect(ms).toBeLessThanOrEqual(BUDGETS.phaseGrid.guard);
  expect(longest(longTasks)).toBeLessThanOrEqual(BUDGETS.longestTask.guard);
}, 360_000);

test("cancelling a readout-only run stops every worker promptly, and the run does not block the page", async () => {
  // Gemma Scope's 1M-latent SAE on Gemma 2 9B: many seconds of work, split across the machine's cores.
  const cores = await (async () => {
    const probe = await browser().newContext();
    const page = await probe.newPage();
    const n = await page.evaluate(() => navigator.hardwareConcurrency);
    await probe.close();
    return Math.max(1, Math.min(8, n));
  })();
  const { stoppedMs, longTasks, problems } = await measureReadoutCancel(browser(), siteUrl(), cores);
  console.log(
    `readout cancel: ${cores} workers stopped ${stoppedMs.toFixed(0)} ms after the cancel (${guard("cancelStops")}); ` +
      `main-thread tasks over 50 ms: ${longTasks.length === 0 ? "none" : longTasks.join(", ") + " ms"}`,
  );
  expect(stoppedMs).toBeLessThanOrEqual(BUDGETS.cancelStops.guard);
  expect(longest(longTasks)).toBeLessThanOrEqual(BUDGETS.longestTask.guard);
  expect(problems).toEqual([]);
}, 120_000);

test("a linked view shows the link's numbers in every calculator without a gross delay", async () => {
  const { ms } = await measureLinkedView(browser(), siteUrl("sparsity/?n=768&m=24576"));
  console.log(`linked view: every calculator on the link's numbers ${ms.toFixed(0)} ms after navigation (${guard("linkedView")})`);
  expect(ms).toBeLessThanOrEqual(BUDGETS.linkedView.guard);
}, 60_000);

test("the dictionary page measures a 16 384 × 2 304 decoder in exact mode without a gross delay, and without blocking the page", async () => {
  const { geometryMs, totalMs, longTasks, workers, problems } = await measureDictionary(browser(), siteUrl());
  console.log(
    `dictionary: 16,384 × 2,304 float32, exact, ${workers} workers — geometry ${(geometryMs / 1000).toFixed(1)} s after the file was chosen ` +
      `(${guard("dictionaryExact")}), everything (readouts at L0 32, random directions' TopK) ${(totalMs / 1000).toFixed(1)} s; ` +
      `main-thread tasks over 50 ms: ${longTasks.length === 0 ? "none" : longTasks.join(", ") + " ms"}`,
  );
  expect(problems).toEqual([]);
  expect(geometryMs).toBeLessThanOrEqual(BUDGETS.dictionaryExact.guard);
  expect(longest(longTasks)).toBeLessThanOrEqual(BUDGETS.longestTask.guard);
}, 600_000);
