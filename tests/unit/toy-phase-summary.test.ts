/**
 * What the page says of a phase diagram and a sweep (phase-summary.ts), counted by hand on small
 * made-up results; the tolerance each sticky fraction is read with; the jobs a scenario asks for
 * (phase-scenario.ts), split into parts that cover the grid once; and the page's fields, whose
 * limits are the engine's own.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIO } from "../../src/numbers/scenario.ts";
import { PARAMETERS } from "../../src/numbers/parameters.ts";
import { parseParameter } from "../../src/numbers/validate.ts";
import type { DimensionalityPoint, DimensionalitySweepResult } from "../../src/features/toy-model/engine/dimensionality-sweep.ts";
import { STICKY_GEOMETRIES } from "../../src/features/toy-model/engine/feature-dimensionality.ts";
import {
  DEFAULT_PHASE_DIAGRAM,
  MAX_PHASE_RESTARTS,
  MAX_PHASE_SEED,
  validatePhaseDiagram,
  type PhaseCell,
  type PhaseDiagramResult,
} from "../../src/features/toy-model/engine/phase-diagram.ts";
import { validateDimensionalitySweep } from "../../src/features/toy-model/engine/dimensionality-sweep.ts";
import { PAGE_SWEEP, PHASE_DIAGRAM_GRIDS, phaseDiagramJobs, sweepJobs } from "../../src/features/toy-model/engine/phase-scenario.ts";
import {
  FAR_MARGIN,
  stickyFractionOf,
  stickyTolerance,
  summarizePhaseDiagram,
  summarizeSweep,
} from "../../src/features/toy-model/engine/phase-summary.ts";
import { postView } from "../../src/features/toy-model/engine/post-view.ts";

/** A one-neuron cell: its trained phase, its restarts' phases, and the theory's phase and margin. */
function cell(index: number, phase: PhaseCell["phase"], restarts: PhaseCell["phase"][], theory?: [PhaseCell["phase"], number]): PhaseCell {
  return {
    index,
    row: Math.floor(index / 2),
    column: index % 2,
    density: 0.1 * (index + 1),
    importance: 0.5 + index,
    phase,
    loss: 0.01,
    W: [1, -1],
    b: [0, 0],
    restarts: restarts.map((p) => ({ phase: p, loss: 0.01 })),
    ...(theory ? { theory: { phase: theory[0] as "superposition", margin: theory[1], canonical: theory[0] as "superposition" } } : {}),
  };
}

describe("a phase diagram's summary", () => {
  it("counts phases, cells whose restarts disagreed, and agreement with the theory near and far from its boundary", () => {
    const result: PhaseDiagramResult = {
      settings: { ...DEFAULT_PHASE_DIAGRAM, densityCells: 2, importanceCells: 2 },
      densities: [0.1, 0.5],
      importances: [0.3, 3],
      cells: [
        cell(0, "superposition", ["superposition", "feature-1"], ["superposition", 0.9]),
        cell(1, "feature-1", ["feature-1", "feature-1"], ["superposition", 0.1]),
        cell(2, "feature-2", ["feature-2", "feature-2"], ["feature-2", 0.5]),
        cell(3, "feature-1", ["superposition", "feature-1"], ["feature-2", FAR_MARGIN + 0.01]),
      ],
    };
    const summary = summarizePhaseDiagram(result);
    expect(summary.cells).toBe(4);
    expect(summary.phases).toEqual({ superposition: 1, "feature-1": 2, "feature-2": 1 });
    expect(summary.mixedRestarts).toBe(2);
    expect(summary.theory).toEqual({
      agree: 2,
      far: 3,
      farAgree: 2,
      farMisses: [{ density: 0.4, importance: 3.5, trained: "feature-1", predicted: "feature-2" }],
    });
  });

  it("has no theory part for a two-neuron grid", () => {
    const result: PhaseDiagramResult = {
      settings: { ...PHASE_DIAGRAM_GRIDS["two-neurons"], densityCells: 2, importanceCells: 1 },
      densities: [0.1, 0.5],
      importances: [1],
      cells: [cell(0, "superposition", ["superposition", "other"]), cell(1, "extra-dropped", ["extra-dropped"])],
    };
    const summary = summarizePhaseDiagram(result);
    expect(summary.theory).toBeUndefined();
    expect(summary.phases).toEqual({ superposition: 1, "extra-dropped": 1 });
    expect(summary.mixedRestarts).toBe(1);
  });
});

describe("the sticky fractions' tolerances", () => {
  it("are half the distance to the nearest other fraction, so that no value is read as two", () => {
    const of = (label: string) => stickyTolerance(STICKY_GEOMETRIES.find((g) => g.label === label)!);
    expect(of("1")).toBeCloseTo(0.125, 12);
    expect(of("3/4")).toBeCloseTo(1 / 24, 12);
    expect(of("2/3")).toBeCloseTo(1 / 24, 12);
    expect(of("1/2")).toBeCloseTo(0.05, 12);
    expect(of("2/5")).toBeCloseTo(0.0125, 12);
    expect(of("3/8")).toBeCloseTo(0.0125, 12);
    for (let v = 0; v <= 1; v += 0.001) {
      const readAs = STICKY_GEOMETRIES.filter((g) => Math.abs(v - g.fraction) <= stickyTolerance(g));
      expect(readAs.length, `value ${v}`).toBeLessThanOrEqual(1);
      expect(stickyFractionOf(v)).toBe(readAs[0]);
    }
    expect(stickyFractionOf(0.54)?.label).toBe("1/2");
    expect(stickyFractionOf(0.56)).toBeUndefined();
    expect(stickyFractionOf(0)).toBeUndefined();
  });
});

/** A model of a sweep whose n/‖W‖²_F and Dᵢ are given (its weights are a stand-in for the post's view). */
function point(index: number, inverseDensity: number, dimensionsPerFeature: number, dimensionalities: number[]): DimensionalityPoint {
  return {
    index,
    density: 1 / inverseDensity,
    inverseDensity,
    dimensionsPerFeature,
    dimensionalities,
    finalLoss: 0.1,
    post: postView({ n: 2, m: 4, W: [1, 0, -1, 0, 0, 1, 0, -1], b: [0, 0, 0, 0] }, 1 / inverseDensity),
  };
}

describe("a sweep's summary", () => {
  it("finds the plateaus of n/‖W‖²_F and counts the features at each fraction, model by model", () => {
    const sweep: DimensionalitySweepResult = {
      settings: { ...PAGE_SWEEP, n: 2, m: 4, points: 5 },
      points: [
        point(0, 1.25, 0.98, [1, 1, 0, 0]),
        point(1, 2, 0.52, [0.5, 0.5, 0.49, 0.53]),
        point(2, 3, 0.47, [0.5, 0.5, 0.5, 0.5]),
        point(3, 4, 0.41, [0.4, 0.41, 0.375, 0]),
        point(4, 5, 0.3, [0.3, 0.3, 0.3, 0.3]),
      ],
    };
    const summary = summarizeSweep(sweep);
    expect(summary.plateaus).toEqual([{ label: "1/2", name: "digon (antipodal pair)", from: 2, to: 3, models: 2 }]);
    expect(summary.stuck.map((counts) => counts["1/2"])).toEqual([0, 4, 4, 0, 0]);
    expect(summary.stuck[0]!["1"]).toBe(2);
    expect(summary.stuck[3]).toMatchObject({ "2/5": 2, "3/8": 1 });
    expect(summary.stuck[4]).toEqual({ "1": 0, "3/4": 0, "2/3": 0, "1/2": 0, "2/5": 0, "3/8": 0 });
  });
});

describe("the page's jobs", () => {
  it("put the scenario's seed and restarts on the shape's grid, in parts that together cover every cell once", () => {
    const scenario = { ...DEFAULT_SCENARIO, phaseSeed: 7, restarts: 3 };
    for (const shape of ["one-neuron", "two-neurons"] as const) {
      for (const parts of [1, 2, 3]) {
        const jobs = phaseDiagramJobs(shape, scenario, parts);
        expect(jobs.map((j) => j.part)).toEqual(Array.from({ length: parts }, (_, i) => i));
        for (const job of jobs) {
          expect(job).toMatchObject({ ...PHASE_DIAGRAM_GRIDS[shape], seed: 7, restarts: 3, parts, part: job.part });
          expect(validatePhaseDiagram(job).ok).toBe(true);
        }
      }
    }
    expect(PHASE_DIAGRAM_GRIDS["two-neurons"]).toMatchObject({
      shape: "two-neurons",
      densityCells: 12,
      importanceCells: 12,
      restarts: 8,
      steps: 1000,
    });
    const sweeps = sweepJobs({ ...DEFAULT_SCENARIO, sweepSeed: 4 }, 2);
    expect(sweeps.map((s) => [s.seed, s.part, s.parts])).toEqual([
      [4, 0, 2],
      [4, 1, 2],
    ]);
    for (const s of sweeps) expect(validateDimensionalitySweep(s).ok).toBe(true);
  });

  it("take their seeds and restarts from fields whose limits are the engine's", () => {
    expect(PARAMETERS.phaseSeed.max).toBe(MAX_PHASE_SEED);
    expect(PARAMETERS.restarts.max).toBe(MAX_PHASE_RESTARTS);
    expect(PARAMETERS.restarts.min).toBe(1);
    expect(PARAMETERS.phaseSeed.default).toBe(PHASE_DIAGRAM_GRIDS["one-neuron"].seed);
    expect(PARAMETERS.restarts.default).toBe(PHASE_DIAGRAM_GRIDS["one-neuron"].restarts);
    expect(PARAMETERS.sweepSeed.default).toBe(PAGE_SWEEP.seed);
    expect(parseParameter("phaseSeed", "4294967295")).toEqual({ ok: true, value: MAX_PHASE_SEED });
    expect(parseParameter("phaseSeed", "4294967296").ok).toBe(false);
    expect(parseParameter("restarts", "9")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/restarts must be a whole number from 1 to 8/),
    });
    expect(parseParameter("restarts", "0").ok).toBe(false);
    expect(validateDimensionalitySweep({ ...PAGE_SWEEP, seed: PARAMETERS.sweepSeed.max }).ok).toBe(true);
    expect(validatePhaseDiagram({ ...DEFAULT_PHASE_DIAGRAM, seed: PARAMETERS.phaseSeed.max, restarts: PARAMETERS.restarts.max }).ok).toBe(true);
  });
});
