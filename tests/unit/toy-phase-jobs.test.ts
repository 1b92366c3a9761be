/**
 * The phase diagram and the dimensionality sweep as worker jobs: validation errors name the field,
 * both kinds run to "done" with progress, Cancel takes effect, and no piece of work between two
 * yields is large enough to hold up a cancel message (the page promises Cancel within 100 ms).
 * The pieces are measured in work (model-steps, multiply-adds), not timed: every wall-clock
 * assertion lives in tests/browser/performance.test.ts.
 */
import { describe, expect, it, vi } from "vitest";
import { runToyPhaseJob, type ToyPhaseProgress } from "../../src/features/toy-model/engine/phase-jobs.ts";
import { DEFAULT_PHASE_DIAGRAM, trainPhaseDiagram } from "../../src/features/toy-model/engine/phase-diagram.ts";
import { DEFAULT_DIMENSIONALITY_SWEEP, trainDimensionalitySweep } from "../../src/features/toy-model/engine/dimensionality-sweep.ts";

/**
 * The work done since the last reset, counted where the engines call the trainers: for the phase
 * diagram in batch passes (drawing one batch of 1 024 inputs, or one model's loss and gradient on
 * it: about the same cost) and in searches for a cell's optimal phases; for the sweep in the
 * trainer's own estimate of its work in nanoseconds (trainer.ts: per sample drawn and passed, per
 * row of WᵀW, per column of ∂L/∂W, per Adam update), summed over the pieces it actually ran.
 */
const work = vi.hoisted(() => ({ batchPasses: 0, theorySearches: 0, estimatedNs: 0 }));

vi.mock("../../src/features/toy-model/engine/small-model-trainer.ts", async (original) => {
  const real = await original<typeof import("../../src/features/toy-model/engine/small-model-trainer.ts")>();
  return {
    ...real,
    drawSmallBatch: (...args: Parameters<typeof real.drawSmallBatch>) => (work.batchPasses++, real.drawSmallBatch(...args)),
    smallUpdate: (...args: Parameters<typeof real.smallUpdate>) => (work.batchPasses++, real.smallUpdate(...args)),
    // Each probe batch is drawn and then passed through the model.
    probeSmallLoss: (...args: Parameters<typeof real.probeSmallLoss>) => ((work.batchPasses += 2 * args[2]), real.probeSmallLoss(...args)),
  };
});

vi.mock("../../src/features/toy-model/engine/phase-theory.ts", async (original) => {
  const real = await original<typeof import("../../src/features/toy-model/engine/phase-theory.ts")>();
  return { ...real, optimalPhases: (...args: Parameters<typeof real.optimalPhases>) => (work.theorySearches++, real.optimalPhases(...args)) };
});

vi.mock("../../src/features/toy-model/engine/trainer.ts", async (original) => {
  const real = await original<typeof import("../../src/features/toy-model/engine/trainer.ts")>();
  type Trainer = ReturnType<typeof real.createTrainer>;
  return {
    ...real,
    createTrainer: (...args: Parameters<typeof real.createTrainer>): Trainer => {
      const trainer = real.createTrainer(...args);
      const { kernel, cost } = trainer;
      const counted = {
        ...kernel,
        gram: (from: number, to: number) => ((work.estimatedNs += ((to - from) * cost.column) / 2), kernel.gram(from, to)),
        accumulate: (from: number, to: number) => ((work.estimatedNs += (to - from) * cost.row), kernel.accumulate(from, to)),
        gradient: (from: number, to: number) => ((work.estimatedNs += (to - from) * cost.column), kernel.gradient(from, to)),
      };
      return { ...trainer, kernel: counted };
    },
    drawRows: (trainer: Trainer, from: number, to: number) => (
      (work.estimatedNs += (to - from) * trainer.cost.draw),
      real.drawRows(trainer, from, to)
    ),
    updateParameters: (trainer: Trainer) => ((work.estimatedNs += trainer.cost.update), real.updateParameters(trainer)),
  };
});

/** The most work of each kind that one next() of a generator did, over its whole run. */
function mostPerPiece(job: Generator<unknown, unknown, void>): typeof work {
  const most = { batchPasses: 0, theorySearches: 0, estimatedNs: 0 };
  for (;;) {
    Object.assign(work, { batchPasses: 0, theorySearches: 0, estimatedNs: 0 });
    const next = job.next();
    for (const kind of Object.keys(most) as (keyof typeof work)[]) most[kind] = Math.max(most[kind], work[kind]);
    if (next.done) return most;
  }
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

  it("yield often enough for Cancel to be taken within 100 ms: every piece of work is bounded", { timeout: 60_000 }, () => {
    // A piece of the phase diagram: one chunk of 64 model-steps (each a batch drawn for the cell's
    // restarts and one update per restart: 8 + 64 batch passes at 8 restarts, about 0.5 ms when
    // dense), and at a cell's end the last chunk, the probes of two-neuron cells (16 batches drawn
    // and passed per restart) and one search for the optimal phases (Nelder–Mead, at most 1 500
    // evaluations of a closed-form loss per start).
    const small = { ...DEFAULT_PHASE_DIAGRAM, densityCells: 4, importanceCells: 4, steps: 200 };
    const chunk = (64 / small.restarts) * (1 + small.restarts);
    const oneNeuron = mostPerPiece(trainPhaseDiagram(small));
    expect(oneNeuron.batchPasses).toBe(chunk);
    expect(oneNeuron.theorySearches).toBe(1);
    const twoNeurons = mostPerPiece(trainPhaseDiagram({ ...small, shape: "two-neurons" }));
    expect(twoNeurons.batchPasses).toBe(chunk + 2 * 16 * small.restarts);
    expect(twoNeurons.theorySearches).toBe(0);
    // The sweep passes on the trainer's pieces: it yields once its estimate reaches 1 ms, so a piece
    // is at most 1 ms and one step's part of 0.25 ms (here at the densest and sparsest models).
    const sweep = mostPerPiece(trainDimensionalitySweep({ ...DEFAULT_DIMENSIONALITY_SWEEP, points: 3, steps: 100 }));
    expect(sweep.estimatedNs).toBeGreaterThan(0.5e6);
    expect(sweep.estimatedNs).toBeLessThanOrEqual(1.25e6);
  });
});
