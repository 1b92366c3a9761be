/**
 * The trained phase diagram: its settings, its job contract (progress, parts that merge into the
 * whole, reproducibility), and the result that matters — trained cells away from the boundary are
 * the phase the theory predicts, for every seed.
 *
 * "Away from the boundary" is measured by the theory's margin, (second-lowest − lowest expected
 * loss) / second-lowest over the phases: 0 on the boundary, near 1 deep inside a phase. The cut is
 * 0.3, from a survey of the 400 cells of the 20 × 20 grid, each trained from 8 mirror pairs of
 * 1 000 steps (node scripts/bench-toy-phase.ts --survey): with margins up to 0.3, as few as 3 of a
 * cell's 8 pairs ended in the predicted phase (the better phase's basin is narrow there, and at
 * r ≈ 1 with dense inputs some runs are still moving between phases after 1 000 steps), so the 4
 * pairs of a grid cell can all miss it; above 0.3, at least 5 of 8 did in every cell, so 4 pairs
 * all miss with probability about (3/8)⁴ ≈ 2 % in the worst cell and far less in most (the grids
 * below, and the 20 × 20 grids of seeds 0 and 1, have no such miss).
 */
import { describe, expect, it } from "vitest";
import {
  DEFAULT_PHASE_DIAGRAM,
  logCellCentres,
  mergePhaseDiagrams,
  trainPhaseDiagram,
  twoNeuronPhase,
  validatePhaseDiagram,
  type PhaseDiagramProgress,
  type PhaseDiagramResult,
  type PhaseDiagramSettings,
} from "../../src/features/toy-model/engine/phase-diagram.ts";

/** Runs a job to its end, keeping every progress it yields. */
function run(settings: PhaseDiagramSettings): { result: PhaseDiagramResult; progress: PhaseDiagramProgress[] } {
  const job = trainPhaseDiagram(settings);
  const progress: PhaseDiagramProgress[] = [];
  for (;;) {
    const next = job.next();
    if (next.done) return { result: next.value, progress };
    progress.push(next.value);
  }
}

const tiny: PhaseDiagramSettings = { ...DEFAULT_PHASE_DIAGRAM, densityCells: 4, importanceCells: 4, steps: 100, restarts: 2 };

describe("a phase-diagram job's settings", () => {
  it("accepts the default and fills in part and parts", () => {
    expect(validatePhaseDiagram(DEFAULT_PHASE_DIAGRAM)).toEqual({ ok: true, settings: DEFAULT_PHASE_DIAGRAM });
    const { part: _part, parts: _parts, ...rest } = DEFAULT_PHASE_DIAGRAM;
    expect(validatePhaseDiagram(rest)).toEqual({ ok: true, settings: DEFAULT_PHASE_DIAGRAM });
  });

  it("names the field and the limit of anything outside the domain", () => {
    const field = (input: Record<string, unknown>) => {
      const checked = validatePhaseDiagram({ ...DEFAULT_PHASE_DIAGRAM, ...input });
      return checked.ok ? "ok" : `${checked.error.code}:${checked.error.field}`;
    };
    expect(field({ shape: "three-neurons" })).toBe("invalid:shape");
    expect(field({ densityCells: 3 })).toBe("invalid:densityCells");
    expect(field({ densityCells: 41 })).toBe("too-large:densityCells");
    expect(field({ importanceCells: 20.5 })).toBe("invalid:importanceCells");
    expect(field({ steps: 99 })).toBe("invalid:steps");
    expect(field({ steps: 20_001 })).toBe("too-large:steps");
    expect(field({ restarts: 0 })).toBe("invalid:restarts");
    expect(field({ restarts: 9 })).toBe("too-large:restarts");
    expect(field({ seed: -1 })).toBe("invalid:seed");
    expect(field({ seed: 2 ** 32 })).toBe("too-large:seed");
    expect(field({ parts: 9 })).toBe("too-large:parts");
    expect(field({ parts: 2, part: 2 })).toBe("too-large:part");
    expect(field({ densityCells: 40, importanceCells: 40, restarts: 8, steps: 2000 })).toBe("too-large:job");
    expect(field({ seed: "1" })).toBe("invalid:seed");
  });
});

describe("the grid's axes", () => {
  it("puts cell centres at equal ratios, half a cell in from each end", () => {
    const centres = logCellCentres(0.01, 1, 4);
    expect(centres[0]).toBeCloseRel(0.01 * 100 ** (1 / 8), 1e-14);
    for (let i = 1; i < 4; i++) expect(centres[i]! / centres[i - 1]!).toBeCloseRel(100 ** (1 / 4), 1e-13);
    expect(() => logCellCentres(1, 1, 3)).toThrow(/lo < hi/);
    expect(() => logCellCentres(0.1, 1, 0)).toThrow(/cells/);
  });
});

describe("two-neuron phases", () => {
  it("are named by which of the three features have ‖Wᵢ‖ > ½", () => {
    // W is 2 × 3 row-major: column i = feature i.
    expect(twoNeuronPhase([1, 0, 0, 0, 1, 0])).toBe("extra-dropped");
    expect(twoNeuronPhase([1, 0, 0, 0, 0, 1])).toBe("extra-dedicated");
    expect(twoNeuronPhase([0, 1, 0, 0, 0, 1])).toBe("extra-dedicated");
    expect(twoNeuronPhase([1, -0.5, -0.5, 0, 0.87, -0.87])).toBe("superposition");
    expect(twoNeuronPhase([1, 0, 0, 0, 0, 0])).toBe("other");
    expect(() => twoNeuronPhase([1, 0, 0])).toThrow(/6 finite/);
  });
});

describe("the phase-diagram job", () => {
  it("reports progress that only moves forward, then every cell with its restarts and theory", () => {
    const { result, progress } = run(tiny);
    expect(progress.length).toBeGreaterThan(16);
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]!.fraction).toBeGreaterThanOrEqual(progress[i - 1]!.fraction);
      expect(progress[i]!.cells.length).toBeGreaterThanOrEqual(progress[i - 1]!.cells.length);
    }
    expect(progress.at(-1)!.fraction).toBe(1);
    expect(progress.at(-1)!.models).toBe(32);
    expect(result.cells.map((cell) => cell.index)).toEqual([...Array(16).keys()]);
    for (const cell of result.cells) {
      expect(cell.restarts).toHaveLength(2);
      expect(cell.loss).toBe(Math.min(...cell.restarts.map((r) => r.loss)));
      expect(cell.density).toBe(result.densities[cell.column]);
      expect(cell.importance).toBe(result.importances[cell.row]);
      expect(cell.theory).toBeDefined();
      expect(cell.W).toHaveLength(2);
    }
  });

  it("is reproducible, and two parts merge into exactly the whole", () => {
    const whole = run(tiny).result;
    expect(run(tiny).result).toEqual(whole);
    const parts = [0, 1].map((part) => run({ ...tiny, part, parts: 2 }).result);
    expect(parts[0]!.cells.every((cell) => (cell.row + cell.column) % 2 === 0)).toBe(true);
    expect(parts[0]!.cells).toHaveLength(8);
    expect(mergePhaseDiagrams(parts)).toEqual(whole);
    expect(mergePhaseDiagrams([parts[1]!, parts[0]!])).toEqual(whole);
    expect(() => mergePhaseDiagrams([parts[0]!])).toThrow(/parts/);
    expect(() => mergePhaseDiagrams([parts[0]!, parts[0]!])).toThrow(/twice/);
    expect(() => mergePhaseDiagrams([parts[0]!, run({ ...tiny, seed: 1, part: 1, parts: 2 }).result])).toThrow(/different grids/);
  });

  it("throws the validation message for settings outside the domain", () => {
    expect(() => trainPhaseDiagram({ ...tiny, restarts: 0 }).next()).toThrow(/restarts/);
  });
});

describe("the trained one-neuron diagram against the theory", () => {
  const FAR = 0.3;
  for (const seed of [0, 1, 2]) {
    it(`has every cell with margin above ${FAR} in the predicted phase (seed ${seed}, 10 × 10 cells)`, { timeout: 60_000 }, () => {
      const { result } = run({ ...DEFAULT_PHASE_DIAGRAM, densityCells: 10, importanceCells: 10, seed });
      const far = result.cells.filter((cell) => cell.theory!.margin > FAR);
      // Most of the grid is far from the boundary, in all three phases.
      expect(far.length).toBeGreaterThan(70);
      for (const phase of ["feature-1", "feature-2", "superposition"]) expect(far.some((cell) => cell.theory!.phase === phase)).toBe(true);
      const wrong = far
        .filter((cell) => cell.phase !== cell.theory!.phase)
        .map((cell) => `p=${cell.density.toFixed(3)} r=${cell.importance.toFixed(2)}: ${cell.phase}`);
      expect(wrong).toEqual([]);
    });
  }
});

describe("the trained two-neuron diagram", () => {
  it(
    "keeps all three features in superposition when inputs are sparse, and drops the extra one when it is dense and unimportant",
    { timeout: 60_000 },
    () => {
      const { result } = run({ ...DEFAULT_PHASE_DIAGRAM, shape: "two-neurons", densityCells: 4, importanceCells: 4 });
      // Column 0: p ≈ 0.018 (about one input in 55 has a given feature on).
      expect(result.cells.filter((cell) => cell.column === 0).map((cell) => cell.phase)).toEqual(Array(4).fill("superposition"));
      // p ≈ 0.56 and r ≈ 0.18: the extra feature is not worth its interference.
      expect(result.cells.find((cell) => cell.column === 3 && cell.row === 0)!.phase).toBe("extra-dropped");
      expect(result.cells.every((cell) => cell.theory === undefined && cell.W.length === 6)).toBe(true);
    },
  );
});
