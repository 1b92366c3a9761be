/**
 * The phase-diagram and dimensionality-sweep islands in a simulated DOM, with fake Web Workers:
 * the states idle → running → done | cancelled, a run split across two workers (one part each, the
 * parts' progress added up, their results merged), the table of every cell and the figure redrawn
 * after a run, the seed and restarts in the address, refusals of bad input without starting a
 * worker, a failing part stopping the others. The results the fake workers "return" are real ones,
 * trained here on small grids with fixed seeds.
 */
import { fireEvent, render, waitFor } from "@testing-library/preact";
import { describe, expect, test } from "vitest";
import {
  DEFAULT_DIMENSIONALITY_SWEEP,
  trainDimensionalitySweep,
  type DimensionalitySweepResult,
  type DimensionalitySweepSettings,
} from "../../src/features/toy-model/engine/dimensionality-sweep.ts";
import {
  DEFAULT_PHASE_DIAGRAM,
  mergePhaseDiagrams,
  trainPhaseDiagram,
  type PhaseDiagramSettings,
} from "../../src/features/toy-model/engine/phase-diagram.ts";
import type { ToyPhaseJob, ToyPhaseProgress } from "../../src/features/toy-model/engine/phase-jobs.ts";
import { PHASE_DIAGRAM_GRIDS, PAGE_SWEEP } from "../../src/features/toy-model/engine/phase-scenario.ts";
import { summarizePhaseDiagram, summarizeSweep } from "../../src/features/toy-model/engine/phase-summary.ts";
import DimensionalitySweep from "../../src/features/toy-model/islands/DimensionalitySweep.tsx";
import PhaseDiagram from "../../src/features/toy-model/islands/PhaseDiagram.tsx";
import { fakeWorkers } from "./fake-worker.ts";
import { addressQuery, expectCleanMarkup, expectInvalid, expectValid, resetPage, textInput, typeInto, useCleanPage } from "./helpers.tsx";

useCleanPage();

/** Runs a job's generator to its end, keeping its last progress. */
function finish<P, R>(job: Generator<P, R, void>): { result: R; progress: P[] } {
  const progress: P[] = [];
  for (;;) {
    const next = job.next();
    if (next.done) return { result: next.value, progress };
    progress.push(next.value);
  }
}

/** A small one-neuron grid, trained here in two parts (what two workers would return). */
const SMALL: PhaseDiagramSettings = { ...DEFAULT_PHASE_DIAGRAM, densityCells: 4, importanceCells: 4, steps: 150, restarts: 2, seed: 3 };
const PARTS = [0, 1].map((part) => finish(trainPhaseDiagram({ ...SMALL, part, parts: 2 })));
const WHOLE = mergePhaseDiagrams(PARTS.map((p) => p.result));
/** Stands in for the build's grid. */
const BUILT = summarizePhaseDiagram(finish(trainPhaseDiagram({ ...SMALL, seed: 1, part: 0, parts: 1 })).result);

function setupPhase(options: { shape?: "one-neuron" | "two-neurons" } = {}) {
  const { workers, createWorker } = fakeWorkers<ToyPhaseJob>();
  const view = render(
    <PhaseDiagram
      shape={options.shape ?? "one-neuron"}
      initial={BUILT}
      boundary={[
        { importance: 0.1, density: 0.18 },
        { importance: 1, density: 0.71 },
        { importance: 10, density: 0.18 },
      ]}
      figure={<svg data-prerendered="figure" aria-label="prerendered phase diagram" />}
      table={<table data-prerendered="table" />}
      createWorker={createWorker}
      workers={2}
    />,
  );
  const root = view.container.querySelector<HTMLElement>("[data-phase-diagram]")!;
  const button = (name: string) => Array.from(root.querySelectorAll("button")).find((b) => b.textContent?.trim() === name);
  const click = (name: string) => fireEvent.click(button(name)!);
  return { root, workers, button, click };
}

describe("a phase diagram", () => {
  test("opens idle on the build's grid: its figure, its table and what it says, with no worker started", () => {
    const { root, workers, button } = setupPhase();
    expect(root.getAttribute("data-phase-diagram")).toBe("one-neuron");
    expect(root.getAttribute("data-state")).toBe("idle");
    expect(textInput(root, "phaseSeed").value).toBe("0");
    expect(textInput(root, "restarts").value).toBe("8");
    expect(root.querySelector("[data-prerendered='figure']")).not.toBeNull();
    expect(root.querySelector("[data-prerendered='table']")).not.toBeNull();
    const summary = root.querySelector("[data-phase-summary]")!.textContent!;
    expect(summary).toContain("4 × 4 cells, 2 models of 150 steps per cell, seed 1, made when this page was built");
    expect(summary).toMatch(/of 16 cells are in the phase the theory predicts/);
    expect(button("Run")).toBeDefined();
    expect(button("Cancel")).toBeUndefined();
    expect(root.querySelector("progress")).toBeNull();
    expect(workers).toHaveLength(0);
    expectCleanMarkup(root);
  });

  test("runs split across two workers, adds up their progress, merges their grids, then shows the table and redraws the figure", async () => {
    const { root, workers, click, button } = setupPhase();
    typeInto(root, "phaseSeed", "3");
    click("Run");
    expect(workers).toHaveLength(2);
    workers.forEach((worker, part) =>
      expect(worker.lastInput).toEqual({ job: "phase-diagram", ...PHASE_DIAGRAM_GRIDS["one-neuron"], seed: 3, restarts: 8, part, parts: 2 }),
    );
    expect(root.getAttribute("data-state")).toBe("running");
    expect(button("Cancel")).toBeDefined();
    // Part 0 halfway, part 1 not heard from yet: a quarter of the whole.
    const half = PARTS[0]!.progress.find((p) => "cells" in p && p.cells.length === 4)! as ToyPhaseProgress;
    workers[0]!.reply({ type: "progress", id: workers[0]!.lastId, progress: { ...half, fraction: 0.5 } });
    expect(Number(root.querySelector("progress")!.getAttribute("value"))).toBeCloseTo(0.25, 12);
    expect(root.querySelector(".toy-model__progress")!.textContent).toBe("25%, 4 of 16 cells");
    // The build's table stays until the run is done.
    expect(root.querySelector("[data-prerendered='table']")).not.toBeNull();
    workers[1]!.reply({ type: "done", id: workers[1]!.lastId, result: PARTS[1]!.result, seconds: 1 });
    expect(root.getAttribute("data-state")).toBe("running");
    workers[0]!.reply({ type: "done", id: workers[0]!.lastId, result: PARTS[0]!.result, seconds: 1 });
    expect(root.getAttribute("data-state")).toBe("done");
    expect(button("Cancel")).toBeUndefined();

    // Every cell in the table, with its phase, centre and the theory's verdict.
    const cells = Array.from(root.querySelectorAll<HTMLTableCellElement>("td[data-phase]"));
    expect(cells).toHaveLength(16);
    for (const cell of WHOLE.cells) {
      const td = cells.find((c) => c.dataset.density === String(cell.density) && c.dataset.importance === String(cell.importance))!;
      expect(td.dataset.phase).toBe(cell.phase);
      expect(td.dataset.theory).toBe(cell.theory!.phase);
    }
    // Rows from the largest importance down, as in the figure.
    const firstRow = root.querySelector("tbody tr")!;
    expect(Number(firstRow.querySelector<HTMLTableCellElement>("td")!.dataset.importance)).toBe(WHOLE.importances.at(-1));
    const summary = root.querySelector("[data-phase-summary]")!.textContent!;
    expect(summary).toMatch(/4 × 4 cells, 2 models of 150 steps per cell, seed 3, [\d.]+ s in your browser on 2 workers/);
    const agree = WHOLE.cells.filter((c) => c.phase === c.theory!.phase).length;
    expect(summary).toContain(`${agree} of 16 cells are in the phase the theory predicts`);
    expectCleanMarkup(root);
    // The figure is redrawn from the run (Plot loaded on demand): one cell per grid cell.
    await waitFor(() => expect(root.querySelector("[data-prerendered='figure']")).toBeNull(), { timeout: 10_000 });
    const svg = root.querySelector("[data-figure='phase-diagram'] svg")!;
    expect(svg.getAttribute("aria-description")).toContain("4 × 4 cells");
    expect(root.querySelector("figcaption")!.textContent).toMatch(/seed 3, [\d.]+ s in your browser/);
  });

  test("cancelling stops both workers, says cancelled and keeps the last completed grid; late replies change nothing", () => {
    const { root, workers, click, button } = setupPhase();
    click("Run");
    const ids = workers.map((w) => w.lastId);
    click("Cancel");
    expect(root.getAttribute("data-state")).toBe("cancelled");
    workers.forEach((worker, i) => expect(worker.sent.at(-1)).toEqual({ type: "cancel", id: ids[i] }));
    expect(root.querySelector("[data-prerendered='table']")).not.toBeNull();
    expect(root.querySelector("progress")).toBeNull();
    expect(document.activeElement).toBe(button("Run"));
    workers[0]!.reply({ type: "done", id: ids[0], result: PARTS[0]!.result, seconds: 1 });
    workers[1]!.reply({ type: "done", id: ids[1], result: PARTS[1]!.result, seconds: 1 });
    expect(root.getAttribute("data-state")).toBe("cancelled");
    expect(root.querySelector("[data-prerendered='table']")).not.toBeNull();
    // A new run reuses the two workers.
    click("Run");
    expect(workers).toHaveLength(2);
    expect(root.getAttribute("data-state")).toBe("running");
  });

  test("writes the seed and the restarts into the address, and reads them from it", async () => {
    const first = setupPhase();
    typeInto(first.root, "phaseSeed", "42");
    typeInto(first.root, "restarts", "2");
    expect(addressQuery().get("phaseSeed")).toBe("42");
    expect(addressQuery().get("restarts")).toBe("2");
    resetPage("?phaseSeed=5&restarts=1");
    document.body.innerHTML = "";
    const { root, workers, click } = setupPhase();
    await waitFor(() => expect(textInput(root, "phaseSeed").value).toBe("5"));
    click("Run");
    expect(workers[0]!.lastInput).toMatchObject({ seed: 5, restarts: 1, part: 0, parts: 2 });
  });

  test.each([
    ["restarts", "9", /^Too large: restarts must be a whole number from 1 to 8/],
    ["restarts", "0", /^Too small: restarts must be/],
    ["restarts", "2.5", /restarts is a count of models per cell, so it must be a whole number/],
    ["phaseSeed", "4294967296", /^Too large: seed must be a whole number from 0 to 4,294,967,295/],
    ["phaseSeed", "<img src=x onerror=alert(1)>", /^Not a number: seed must be/],
  ])("%s = %j is flagged next to its field and starts nothing", (field, text, message) => {
    const { root, workers, click } = setupPhase();
    typeInto(root, field, text);
    expectInvalid(root, field, message);
    click("Run");
    expect(workers).toHaveLength(0);
    expect(root.getAttribute("data-state")).toBe("idle");
    expect(document.activeElement).toBe(textInput(root, field));
    expectCleanMarkup(root);
    typeInto(root, field, "1");
    expectValid(root, field);
  });

  test("an error in one part is said, stops the other part, and keeps the last completed grid", () => {
    const { root, workers, click } = setupPhase();
    click("Run");
    workers[1]!.reply({
      type: "error",
      id: workers[1]!.lastId,
      error: { code: "failed", field: "job", message: "The phase diagram could not run: out of memory" },
    });
    expect(root.getAttribute("data-state")).toBe("idle");
    expect(root.querySelector("[role='alert']")?.textContent).toContain("out of memory");
    expect(workers[0]!.sent.at(-1)).toEqual({ type: "cancel", id: workers[0]!.lastId });
    expect(root.querySelector("[data-prerendered='table']")).not.toBeNull();
  });

  test("parts that do not fit together are a failure, not a wrong grid", () => {
    const { root, workers, click } = setupPhase();
    click("Run");
    workers[0]!.reply({ type: "done", id: workers[0]!.lastId, result: PARTS[0]!.result, seconds: 1 });
    workers[1]!.reply({ type: "done", id: workers[1]!.lastId, result: PARTS[0]!.result, seconds: 1 });
    expect(root.querySelector("[role='alert']")?.textContent).toMatch(/The phase diagram could not put its parts together/);
    expect(root.querySelector("[data-prerendered='table']")).not.toBeNull();
  });

  test("a worker that cannot load is said, and the next run starts fresh workers", () => {
    const { root, workers, click } = setupPhase();
    click("Run");
    workers[0]!.fail();
    expect(root.textContent).toMatch(/The phase diagram could not start in this browser/);
    click("Run");
    expect(workers).toHaveLength(4);
    expect(root.getAttribute("data-state")).toBe("running");
  });

  test("with two neurons, runs the 12 × 12 grid of three features and names its phases", () => {
    const { root, workers, click } = setupPhase({ shape: "two-neurons" });
    expect(root.getAttribute("data-phase-diagram")).toBe("two-neurons");
    expect(root.querySelector(".calculator__title")!.textContent).toContain("two neurons, three features");
    click("Run");
    expect(workers[1]!.lastInput).toMatchObject({
      job: "phase-diagram",
      shape: "two-neurons",
      densityCells: 12,
      importanceCells: 12,
      part: 1,
      parts: 2,
    });
  });
});

/** A small sweep, trained here in two parts. */
const SWEEP: DimensionalitySweepSettings = { ...DEFAULT_DIMENSIONALITY_SWEEP, n: 4, m: 12, points: 3, steps: 150, seed: 2 };
const SWEEP_PARTS = [0, 1].map((part) => finish(trainDimensionalitySweep({ ...SWEEP, part, parts: 2 }, "js")).result);
const BUILT_SWEEP = finish(trainDimensionalitySweep({ ...SWEEP, seed: 1, part: 0, parts: 1 }, "js")).result;

function setupSweep() {
  const { workers, createWorker } = fakeWorkers<ToyPhaseJob>();
  const view = render(
    <DimensionalitySweep
      initial={{ settings: BUILT_SWEEP.settings, summary: summarizeSweep(BUILT_SWEEP) }}
      dimensionality={<svg data-prerendered="dimensionality" aria-label="prerendered" />}
      postCount={<svg data-prerendered="post-count" aria-label="prerendered" />}
      overlaps={<svg data-prerendered="overlaps" aria-label="prerendered" />}
      table={<table data-prerendered="table" />}
      createWorker={createWorker}
      workers={2}
    />,
  );
  const root = view.container.querySelector<HTMLElement>("[data-dimensionality-sweep]")!;
  const click = (name: string) => fireEvent.click(Array.from(root.querySelectorAll("button")).find((b) => b.textContent?.trim() === name)!);
  return { root, workers, click };
}

describe("the dimensionality sweep", () => {
  test("opens idle on the build's sweep, runs split across two workers on the address's seed, and shows the merged models", async () => {
    const { root, workers, click } = setupSweep();
    expect(root.getAttribute("data-state")).toBe("idle");
    expect(root.querySelector("[data-sweep-summary]")!.textContent).toContain(
      "n = 4, m = 12, 3 models of 150 steps, seed 1, made when this page was built",
    );
    for (const name of ["dimensionality", "post-count", "overlaps", "table"])
      expect(root.querySelector(`[data-prerendered='${name}']`), name).not.toBeNull();
    typeInto(root, "sweepSeed", "2");
    expect(addressQuery().get("sweepSeed")).toBe("2");
    click("Run");
    expect(workers).toHaveLength(2);
    workers.forEach((worker, part) => expect(worker.lastInput).toEqual({ job: "dimensionality-sweep", ...PAGE_SWEEP, seed: 2, part, parts: 2 }));
    expect(root.getAttribute("data-state")).toBe("running");
    workers[0]!.reply({
      type: "progress",
      id: workers[0]!.lastId,
      progress: { models: 1, totalModels: 2, fraction: 0.6, points: [SWEEP_PARTS[0]!.points[0]!] },
    });
    expect(root.querySelector(".toy-model__progress")!.textContent).toBe("30%, 1 of 3 models");
    workers.forEach((worker, part) =>
      worker.reply({ type: "done", id: worker.lastId, result: SWEEP_PARTS[part] as DimensionalitySweepResult, seconds: 2 }),
    );
    expect(root.getAttribute("data-state")).toBe("done");
    const rows = Array.from(root.querySelectorAll<HTMLTableRowElement>("tbody tr"));
    const merged = [...SWEEP_PARTS.flatMap((p) => p.points)].sort((a, b) => a.index - b.index);
    expect(rows.map((r) => Number(r.dataset.inverseDensity))).toEqual(merged.map((p) => p.inverseDensity));
    expect(rows.map((r) => Number(r.dataset.dimensionsPerFeature))).toEqual(merged.map((p) => p.dimensionsPerFeature));
    expect(root.querySelector("[data-sweep-summary]")!.textContent).toMatch(
      /n = 4, m = 12, 3 models of 150 steps, seed 2, [\d.]+ s in your browser on 2 workers/,
    );
    expectCleanMarkup(root);
    await waitFor(() => expect(root.querySelectorAll("[data-prerendered]")).toHaveLength(0), { timeout: 10_000 });
    const labels = Array.from(root.querySelectorAll("figure svg"), (svg) => svg.getAttribute("aria-label"));
    expect(labels).toEqual([
      "Dimensions per feature against sparsity, with the sticky fractions",
      "Features per neuron: the trained models against the post's count",
      "Overlaps of the kept features against the Welch floor",
    ]);
  });

  test("cancelling stops both workers and keeps the build's sweep", () => {
    const { root, workers, click } = setupSweep();
    click("Run");
    click("Cancel");
    expect(root.getAttribute("data-state")).toBe("cancelled");
    for (const worker of workers) expect(worker.sent.at(-1)).toMatchObject({ type: "cancel" });
    expect(root.querySelector("[data-prerendered='table']")).not.toBeNull();
  });

  test("a bad seed is flagged next to its field and starts nothing", () => {
    const { root, workers, click } = setupSweep();
    typeInto(root, "sweepSeed", "-1");
    expectInvalid(root, "sweepSeed", /^Negative values are not allowed: seed must be a whole number from 0 to 9,007,199,254,740,991/);
    click("Run");
    expect(workers).toHaveLength(0);
    expect(root.getAttribute("data-state")).toBe("idle");
  });
});
