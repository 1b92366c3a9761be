/**
 * Performance budgets, in a real Chromium against the built site; the figures are printed so a
 * run shows them. Runs in its own vitest project after the other browser tests, so that timings
 * are not taken while other test files load the machine.
 */
import { expect, test } from "vitest";
import { measurePageWeight, measureSliderSteps, SLIDER_BENCHMARKS } from "../../scripts/site/metrics.ts";
import { PAGES, siteUrl, useBrowser } from "./harness.ts";

const browser = useBrowser();
/** At most this much gzip JavaScript before the reader touches a control (the brief's budget). */
const JS_BUDGET = 15 * 1024;
/** Main-thread work per slider step must fit one 60 Hz frame. */
const FRAME_MS = 16;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

test.each(PAGES)("page /%s loads at most 15 KB of JavaScript before interaction", async (path) => {
  const weight = await measurePageWeight(browser(), siteUrl(path));
  console.log(`budget: /${path} — ${kb(weight.jsBeforeInteraction)} JS before interaction (limit ${kb(JS_BUDGET)}), ${kb(weight.totalGzip)} in all`);
  expect(weight.jsBeforeInteraction).toBeLessThanOrEqual(JS_BUDGET);
});

test.each(SLIDER_BENCHMARKS)(
  "on /%s the %s calculator answers each %s slider step within a frame",
  async (path, calculator, field) => {
    const timings = await measureSliderSteps(browser(), siteUrl(path), calculator, field, 100);
    console.log(
      `input: /${path} ${calculator} ${field} — p50 ${timings.p50.toFixed(1)} ms, p95 ${timings.p95.toFixed(1)} ms over ${timings.samples.length} steps`,
    );
    expect(timings.samples).toHaveLength(100);
    expect(timings.p95).toBeLessThanOrEqual(FRAME_MS);
  },
  60_000,
);
