/**
 * The phase diagram and the dimensionality sweep as worker jobs: validation errors name the field,
 * both kinds run to "done" with progress, Cancel takes effect, and no piece of work between two
 * yields is long enough to hold up a cancel message (the page promises Cancel within 100 ms).
 */
import { describe, expect, it } from "vitest";
import { runToyPhaseJob, type ToyPhaseProgress } from "../../src/features/toy-model/engine/phase-jobs.ts";
import { DEFAULT_PHASE_DIAGRAM, trainPhaseDiagram } from "../../src/features/toy-model/engine/phase-diagram.ts";
import { DEFAULT_DIMENSIONALITY_SWEEP, trainDimensionalitySweep } from "../../src/features/toy-model/engine/dimensionality-sweep.ts";

/**
 * The longest CPU time one next() of a generator takes, in ms, over its first `calls` calls. CPU
 * time rather than the wall clock: on this shared machine the process can be descheduled for tens
 * of milliseconds in the middle of any piece, which says nothing about the piece.
 */
function longestPiece(job: Generator<unknown, unknown, void>, calls: number): number {
  let longest = 0;
  for (let i = 0; i < calls; i++) {
    const start = process.cpuUsage();
    const next = job.next();
    const used = process.cpuUsage(start);
    longest = Math.max(longest, (used.user + used.system) / 1000);
    if (next.done) break;
  }
  return longest;
}

describe("the phase jobs", () => {
  it("refuse invalid settings and unknown kinds, naming the field", async () => {
    const bad = await runToyPhaseJob({ job: "phase-diagram", ...DEFAULT_PHASE_DIAGRAM, steps: 5 });
    expect(bad).toMatchObject({ status: "error", error: { code: "invalid", field: "steps" } });
    const big = await runToyPhaseJob({ job: "dimensionality-sweep", ...DEFAULT_DIMENSIONALITY_SWEEP, points: 99 });
    expect(big).toMatchObject({ status: "error", error: { code: "too-large", field: "points" } });
    const unknown = await runToyPhaseJob({ job: "other" } as never);
    expect(unknown).toMatchObject({ status: "error", error: { field: "job" } });
  });

  it("run a small phase diagram and a small sweep to the end, with progress up to 1", async () => {
    const seen: ToyPhaseProgress[] = [];
    const grid = await runToyPhaseJob(
      { job: "phase-diagram", ...DEFAULT_PHASE_DIAGRAM, densityCells: 4, importanceCells: 4, restarts: 2, steps: 200 },
      { onProgress: (p) => seen.push(p), progressMs: 0 },
    );
    expect(grid.status).toBe("done");
    if (grid.status === "done" && "cells" in grid.result) expect(grid.result.cells).toHaveLength(16);
    expect(seen.at(-1)!.fraction).toBe(1);
    const sweep = await runToyPhaseJob({ job: "dimensionality-sweep", ...DEFAULT_DIMENSIONALITY_SWEEP, n: 2, m: 5, points: 2, steps: 50 });
    expect(sweep.status).toBe("done");
    if (sweep.status === "done" && "points" in sweep.result) expect(sweep.result.points).toHaveLength(2);
  });

  it("stop when cancelled", async () => {
    const controller = new AbortController();
    const running = runToyPhaseJob({ job: "phase-diagram", ...DEFAULT_PHASE_DIAGRAM }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const outcome = await running;
    expect(outcome.status).toBe("cancelled");
  });

  it("yield often enough for Cancel to be taken within 100 ms: no piece of work takes 50 ms", { timeout: 60_000 }, () => {
    // The first cells include compiling the code and the first theory searches; 600 pieces cover
    // several cells. The sweep's models are made short so that the measurements at their ends count.
    expect(longestPiece(trainPhaseDiagram(DEFAULT_PHASE_DIAGRAM), 600)).toBeLessThan(50);
    expect(longestPiece(trainPhaseDiagram({ ...DEFAULT_PHASE_DIAGRAM, shape: "two-neurons" }), 600)).toBeLessThan(50);
    expect(longestPiece(trainDimensionalitySweep({ ...DEFAULT_DIMENSIONALITY_SWEEP, points: 3, steps: 100 }), 100_000)).toBeLessThan(50);
  });
});
