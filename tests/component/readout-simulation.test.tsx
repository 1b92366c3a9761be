/**
 * The simulation's readout-only mode in a simulated DOM, with fake Web Workers (happy-dom has
 * none): choosing it (and the address keeping the choice), the SAE presets, a run split across
 * several workers whose parts combine into the table, progress that adds up, cancelling every
 * worker, a failure in one worker stopping the others, and refusals with the limits.
 */
import { fireEvent, render, waitFor } from "@testing-library/preact";
import { describe, expect, test } from "vitest";
import { expectedMisreads } from "../../src/math/error-rates.ts";
import { typicalNoise } from "../../src/math/formulas.ts";
import { combineRanges } from "../../src/features/simulation/engine/large-readout.ts";
import { createReadoutKernel } from "../../src/features/simulation/engine/readout-kernel.ts";
import { FEATURE_BLOCK, readFeatureRange, splitFeatures, type RangeTotals } from "../../src/features/simulation/engine/large-readout.ts";
import { validateLargeReadout, type LargeReadoutParams } from "../../src/features/simulation/engine/readout-params.ts";
import { runToEnd } from "../../src/math/run-to-end.ts";
import type { RangeJob, SweepJob } from "../../src/features/simulation/engine/run.ts";
import { simulateSweepSync, summarizeSweep } from "../../src/features/simulation/engine/sweep.ts";
import { bestThreshold } from "../../src/math/thresholds.ts";
import Simulation from "../../src/features/simulation/islands/Simulation.tsx";
import { fakeWorkers } from "./fake-worker.ts";
import { expectCleanMarkup, expectInvalid, resetPage, textInput, typeInto, useCleanPage, valueOf, addressQuery } from "./helpers.tsx";

useCleanPage();

const built = simulateSweepSync({ n: 256, m: 2048, l: 4, seed: 1, trials: 20 });
if (!built.ok) throw new Error(built.error.message);
const BUILT = summarizeSweep(built.result);

function setup(workers = 3) {
  const sweeps = fakeWorkers<SweepJob>();
  const ranges = fakeWorkers<RangeJob>();
  const view = render(<Simulation initial={BUILT} createWorker={sweeps.createWorker} createReadoutWorker={ranges.createWorker} workers={workers} />);
  const root = () => view.container.querySelector<HTMLElement>("[data-simulation]")!;
  const button = (name: string) => Array.from(root().querySelectorAll("button")).find((b) => b.textContent?.trim() === name);
  const click = (name: string) => fireEvent.click(button(name)!);
  const modeButton = (value: string) => root().querySelector<HTMLButtonElement>(`.simulation__modes button[data-mode="${value}"]`)!;
  const chosen = (value: string) => modeButton(value).getAttribute("aria-pressed") === "true";
  const choose = (value: string) => fireEvent.click(modeButton(value));
  return { root, sweeps: sweeps.workers, ranges: ranges.workers, button, click, chosen, choose, unmount: view.unmount };
}

/** The real totals of each range of a small job, as its workers would send them. */
function totals(job: { n: number; m: number; l: number; seed: number; trials: number }, parts: number): RangeTotals[] {
  return splitFeatures(job.m, parts).map((range) => runToEnd(readFeatureRange(validated(job), range, createReadoutKernel())));
}

/** The job as the page sends it: validated, its second threshold the best single one for the shape. */
function validated(job: { n: number; m: number; l: number; seed: number; trials: number }): LargeReadoutParams {
  const checked = validateLargeReadout({ ...job, threshold: bestThreshold(job.n, job.m, job.l).threshold });
  if (!checked.ok) throw new Error(checked.error.message);
  return checked.params;
}

describe("the page's words below the simulation", () => {
  test("follow the mode: a sweep's notes with a sweep, a readout-only run's with readouts only", () => {
    const sweeps = fakeWorkers<SweepJob>();
    const ranges = fakeWorkers<RangeJob>();
    const view = render(
      <Simulation
        initial={BUILT}
        createWorker={sweeps.createWorker}
        createReadoutWorker={ranges.createWorker}
        workers={1}
        sweepNotes={<p>In the figure of the noise</p>}
        readoutNotes={<p>which draws no figure</p>}
      />,
    );
    expect(view.container.textContent).toContain("In the figure of the noise");
    expect(view.container.textContent).not.toContain("which draws no figure");
    fireEvent.click(view.container.querySelector<HTMLButtonElement>('.simulation__modes button[data-mode="readout"]')!);
    expect(view.container.textContent).toContain("which draws no figure");
    expect(view.container.textContent).not.toContain("In the figure of the noise");
  });
});

describe("choosing readouts only", () => {
  test("the sweep is the default; the other mode shows its own plan, no run yet, and goes into the address", () => {
    const { root, chosen, choose, sweeps, ranges } = setup();
    expect(chosen("sweep")).toBe(true);
    expect(chosen("readout")).toBe(false);
    expect(root().getAttribute("data-mode")).toBeNull();
    choose("readout");
    expect(chosen("readout")).toBe(true);
    expect(chosen("sweep")).toBe(false);
    expect(root().getAttribute("data-mode")).toBe("readout");
    expect(root().textContent).toContain("No readout-only run yet");
    expect(root().querySelector(".simulation__plan")?.textContent).toMatch(/2,048 random directions in 256 dimensions.*200 random inputs.*3 workers/);
    expect(addressQuery().get("run")).toBe("readout");
    // The shared scenario stays: n, m, l as they were.
    expect(textInput(root(), "n").value).toBe("256");
    expect(sweeps).toHaveLength(0);
    expect(ranges).toHaveLength(0);
    expectCleanMarkup(root());
    choose("sweep");
    expect(root().getAttribute("data-mode")).toBeNull();
    expect(addressQuery().get("run")).toBe("sweep");
  });

  test("a link with run=readout opens in that mode", async () => {
    resetPage("?run=readout&n=512&m=100000&l=10");
    const { root } = setup();
    await waitFor(() => expect(root().getAttribute("data-mode")).toBe("readout"));
    expect(textInput(root(), "m").value).toBe("100000");
  });

  test("an SAE's preset sets n, m and l to its shape and switches to readouts only", () => {
    const { root, chosen } = setup();
    const preset = Array.from(root().querySelectorAll(".presets button")).find(
      (b) => b.textContent === "Gemma 2 9B · Gemma Scope layer 20 · 1M · L0 193",
    );
    expect(preset).toBeDefined();
    fireEvent.click(preset!);
    expect(textInput(root(), "n").value).toBe("3584");
    expect(textInput(root(), "m").value).toBe("1048576");
    expect(textInput(root(), "l").value).toBe("193");
    expect(chosen("readout")).toBe(true);
    const pressed = root().querySelector(".presets:not(.simulation__modes) button[aria-pressed='true']");
    // The SAE's one name (src/facts/real-saes.ts), as in the calculators' presets and the real-SAEs tables.
    expect(pressed?.textContent).toBe("Gemma 2 9B · Gemma Scope layer 20 · 1M · L0 193");
    expect(root().querySelector(".simulation__plan")?.textContent).toMatch(/1,048,576 random directions in 3,584 dimensions/);
  });
});

describe("a readout-only run", () => {
  const job = { n: 64, m: 3 * FEATURE_BLOCK + 100, l: 3, seed: 2, trials: 20 };

  function start() {
    const ctx = setup(3);
    ctx.choose("readout");
    for (const [field, value] of Object.entries(job)) typeInto(ctx.root(), field, String(value));
    ctx.click("Run");
    return ctx;
  }

  test("is split into one range per worker, its progress adds up, and the parts combine into the table", () => {
    const { root, ranges, button } = start();
    const parts = splitFeatures(job.m, 3);
    expect(ranges).toHaveLength(3);
    ranges.forEach((worker, i) => {
      expect(worker.sent).toEqual([{ type: "start", id: worker.lastId, input: { ...validated(job), from: parts[i]!.from, to: parts[i]!.to } }]);
    });
    expect(root().getAttribute("data-state")).toBe("running");
    expect(button("Cancel")).toBeDefined();

    // Each part's fraction counts in proportion to its features.
    ranges[0]!.reply({ type: "progress", id: ranges[0]!.lastId, progress: { phase: "features", fraction: 0.5 } });
    ranges[2]!.reply({ type: "progress", id: ranges[2]!.lastId, progress: { phase: "inputs", fraction: 1 } });
    const expected = 0.5 * ((parts[0]!.to - parts[0]!.from) / job.m) + (parts[2]!.to - parts[2]!.from) / job.m;
    expect(Number(root().querySelector("progress")!.getAttribute("value"))).toBeCloseTo(expected, 12);
    expect(root().querySelector(".simulation__progress")?.textContent).toMatch(/building the inputs/);

    // The parts arrive in any order; the result is their combination.
    const results = totals(job, 3);
    for (const i of [2, 0, 1]) ranges[i]!.reply({ type: "done", id: ranges[i]!.lastId, result: results[i]!, seconds: 0.01 });
    expect(root().getAttribute("data-state")).toBe("done");
    const combined = combineRanges(validated(job), results);
    expect(valueOf(root(), "misreads")).toBe(combined.misreadsMean);
    // The best threshold and TopK, each a mean per input with its standard error.
    expect(valueOf(root(), "best-threshold")).toBe(bestThreshold(job.n, job.m, job.l).threshold);
    expect(valueOf(root(), "misreads-best-threshold")).toBe(combined.thresholdMisreadsMean);
    expect(valueOf(root(), "misreads-topk")).toBe(combined.topkMisreadsMean);
    expect(Number(root().querySelector('output[name="misreads-topk"]')!.getAttribute("data-se"))).toBe(combined.topkMisreadsSe);
    expect(valueOf(root(), "false-on")).toBe(combined.falseOnRate);
    expect(valueOf(root(), "false-off")).toBe(combined.falseOffRate);
    expect(valueOf(root(), "rms-noise")).toBe(combined.inactiveRms);
    expect(valueOf(root(), "active-noise")).toBe(combined.activeRms);
    expect(valueOf(root(), "worst-noise")).toBe(combined.worstMean);
    expect(valueOf(root(), "all-correct")).toBe(combined.allCorrectFraction);
    const caption = root().querySelector("caption")?.textContent ?? "";
    expect(caption).toMatch(/n = 64, m = 12,388, l = 3, seed 2, 20 inputs, .* s in your browser on 3 workers/);
    // The predictions beside them: √(3/64) and the exact expected misreads.
    expect(root().textContent).toContain(String(typicalNoise(64, 3).toFixed(3)));
    expect(root().textContent).toContain(expectedMisreads(64, job.m, 3).value!.toFixed(0).slice(0, 2));
    expect(root().querySelector('output[name="all-correct-predicted"]')?.hasAttribute("data-log10")).toBe(true);
    // Each column holds one kind of thing: the count of inputs goes with the share measured, and
    // the last column is a ratio (or a dash) in every row.
    const allRow = root().querySelector('output[name="all-correct"]')!.closest("tr")!;
    expect(allRow.cells[1]!.textContent).toMatch(/of 20$/);
    for (const row of Array.from(root().querySelectorAll("tbody tr")))
      expect((row as HTMLTableRowElement).cells[3]!.textContent).toMatch(/^(\d[\d.,]*×|—)$/);
    // Why some numbers carry an error bar and others not.
    expect(root().querySelector(".simulation__note")?.textContent).toMatch(/standard error across them/);
    expectCleanMarkup(root());
    // And a download of it.
    expect(button("CSV") ?? root().querySelector("[aria-label='Download this run as CSV']")).toBeTruthy();
  });

  test("cancelling tells every worker still at it, and keeps the last completed run", () => {
    const { root, ranges, click } = start();
    const first = totals(job, 3);
    ranges.forEach((w, i) => w.reply({ type: "done", id: w.lastId, result: first[i]!, seconds: 0.01 }));
    const before = valueOf(root(), "misreads");
    typeInto(root(), "seed", "3");
    click("Run");
    const id = ranges[0]!.lastId!;
    ranges[1]!.reply({ type: "done", id, result: first[1]!, seconds: 0.01 });
    click("Cancel");
    expect(root().getAttribute("data-state")).toBe("cancelled");
    expect(root().querySelector(".run-cancelled")?.textContent).toBe("Cancelled — showing the last finished run.");
    expect(ranges[0]!.sent.at(-1)).toEqual({ type: "cancel", id });
    expect(ranges[2]!.sent.at(-1)).toEqual({ type: "cancel", id });
    // The worker that had finished is not told.
    expect(ranges[1]!.sent.at(-1)?.type).toBe("start");
    // Late replies of the cancelled run change nothing.
    ranges[0]!.reply({ type: "done", id, result: first[0]!, seconds: 0.01 });
    ranges[2]!.reply({ type: "done", id, result: first[2]!, seconds: 0.01 });
    expect(root().getAttribute("data-state")).toBe("cancelled");
    expect(valueOf(root(), "misreads")).toBe(before);
  });

  test("cancelling the first run says that nothing has run yet", () => {
    const { root, click } = start();
    click("Cancel");
    expect(root().querySelector(".run-cancelled")?.textContent).toBe("Cancelled — nothing run yet.");
  });

  test("a failure in one worker stops the others and is said", () => {
    const { root, ranges } = start();
    const id = ranges[1]!.lastId;
    ranges[1]!.reply({ type: "error", id, error: { code: "failed", field: "job", message: "The simulation could not run: out of memory" } });
    expect(root().getAttribute("data-state")).toBe("idle");
    expect(root().querySelector("[role='alert']")?.textContent).toContain("out of memory");
    expect(ranges[0]!.sent.at(-1)).toEqual({ type: "cancel", id });
    expect(ranges[2]!.sent.at(-1)).toEqual({ type: "cancel", id });
  });

  test("a worker that cannot load is said; the workers are ended and the next run starts fresh ones", () => {
    const { root, ranges, click } = start();
    ranges[0]!.fail();
    expect(root().getAttribute("data-state")).toBe("idle");
    expect(root().textContent).toMatch(/could not start in this browser/);
    expect(ranges.slice(0, 3).every((w) => w.terminated)).toBe(true);
    click("Run");
    expect(ranges).toHaveLength(6);
    expect(root().getAttribute("data-state")).toBe("running");
  });

  test("reuses its workers for the next run, and ends them when the island goes", () => {
    const { ranges, click, unmount } = start();
    const first = totals(job, 3);
    ranges.forEach((w, i) => w.reply({ type: "done", id: w.lastId, result: first[i]!, seconds: 0.01 }));
    click("Run");
    expect(ranges).toHaveLength(3);
    unmount();
    expect(ranges.every((w) => w.terminated)).toBe(true);
  });
});

describe("refusals in readout-only mode", () => {
  test.each([
    ["trials", "2000", /trials = 2,000 is above the limit: trials must be a whole number from 1 to 1,024 for a readout-only run/],
    ["m", "20000000", /m = 20,000,000 is above the limit: .* 16,777,216 \(2\^24\) for a readout-only run/],
    ["n", "20000", /n = 20,000 is above the limit: .* 16,384 \(2\^14\) for a readout-only run/],
  ])("%s = %s is flagged next to its field and starts nothing", (field, text, message) => {
    const { root, choose, ranges, click } = setup();
    choose("readout");
    typeInto(root(), field, text);
    expectInvalid(root(), field, message);
    click("Run");
    expect(ranges).toHaveLength(0);
    expect(root().getAttribute("data-state")).toBe("idle");
    expectCleanMarkup(root());
  });

  test("a job too large as a whole: the limit next to the Run button", () => {
    const { root, choose, ranges, click, button } = setup();
    choose("readout");
    typeInto(root(), "n", "4096");
    typeInto(root(), "m", "4194304");
    typeInto(root(), "trials", "100");
    const id = button("Run")!.getAttribute("aria-describedby");
    expect(root().ownerDocument.getElementById(id!)?.textContent).toMatch(/trials · m · n = .* above the limit of 1,099,511,627,776 \(2\^40\)/);
    click("Run");
    expect(ranges).toHaveLength(0);
  });
});
