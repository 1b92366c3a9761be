/**
 * The phase diagrams and the dimensionality sweep as the toy-model page runs them: the grids and
 * the sweep it opens on (trained once when the site is built, and again in the reader's browser on
 * Run), the fields a reader sets (in the page's shared scenario, so in the address), and the jobs
 * a scenario asks for, one per worker.
 */
import type { ParameterName } from "../../../numbers/parameters.ts";
import type { Scenario } from "../../../numbers/scenario.ts";
import { DEFAULT_DIMENSIONALITY_SWEEP, type DimensionalitySweepSettings } from "./dimensionality-sweep.ts";
import { DEFAULT_PHASE_DIAGRAM, IMPORTANCE_RANGE, type PhaseDiagramShape, type PhaseDiagramSettings } from "./phase-diagram.ts";

/**
 * The grids a page opens on. One neuron: the engine's default, 20 × 20 cells of 8 restarts of
 * 1 000 steps (about 13 s of a core per half, two halves on two workers). Two neurons: 12 × 12
 * cells of the same training (about 10 s of a core per half): a 20 × 20 grid takes 27 s per half,
 * beyond the 20 s a reader should wait.
 */
export const PHASE_DIAGRAM_GRIDS: Readonly<Record<PhaseDiagramShape, PhaseDiagramSettings>> = {
  "one-neuron": DEFAULT_PHASE_DIAGRAM,
  "two-neurons": { ...DEFAULT_PHASE_DIAGRAM, shape: "two-neurons", densityCells: 12, importanceCells: 12 },
};

/** The sweep a page opens on: the engine's default (n = 10, m = 100, 14 models of 2 000 steps). */
export const PAGE_SWEEP: DimensionalitySweepSettings = DEFAULT_DIMENSIONALITY_SWEEP;

/** The fields of a phase diagram, in the order the page shows them: its seed and restarts per cell. */
export const PHASE_DIAGRAM_FIELDS = ["phaseSeed", "restarts"] as const satisfies readonly ParameterName[];

/** The field of the sweep: its seed. */
export const SWEEP_FIELDS = ["sweepSeed"] as const satisfies readonly ParameterName[];

/** Which page field each job field is set by (a refusal aimed at a job field is shown next to it). */
export const PHASE_FIELD_OF = { seed: "phaseSeed", restarts: "restarts" } as const satisfies Record<string, ParameterName>;
export const SWEEP_FIELD_OF = { seed: "sweepSeed" } as const satisfies Record<string, ParameterName>;

/**
 * The jobs of a phase diagram of `shape` on the scenario's seed and restarts, split into `parts`
 * (1 … 8) for as many workers: the same grid, part 0 … parts − 1 (a checkerboard for two).
 * Domain: parts an integer 1 … 8 (the engine refuses others when the job starts).
 */
export function phaseDiagramJobs(shape: PhaseDiagramShape, scenario: Scenario, parts: number): PhaseDiagramSettings[] {
  const grid = { ...PHASE_DIAGRAM_GRIDS[shape], seed: scenario.phaseSeed, restarts: scenario.restarts };
  return Array.from({ length: parts }, (_, part) => ({ ...grid, part, parts }));
}

/** The jobs of the page's sweep on the scenario's seed, split into `parts` (1 … 8). */
export function sweepJobs(scenario: Scenario, parts: number): DimensionalitySweepSettings[] {
  return Array.from({ length: parts }, (_, part) => ({ ...PAGE_SWEEP, seed: scenario.sweepSeed, part, parts }));
}

/**
 * Where the theory's boundary is drawn: 41 importances evenly spaced on the log axis from 0.1 to
 * 10 (r = 1 among them), and four more close to r = 1, where the boundary has its peak and a kink
 * (p_opt ≈ 0.71 at r = 1, 0.67 at r = 0.95).
 */
export const BOUNDARY_IMPORTANCES: readonly number[] = [
  ...Array.from({ length: 41 }, (_, i) => (i === 20 ? 1 : IMPORTANCE_RANGE[0] * (IMPORTANCE_RANGE[1] / IMPORTANCE_RANGE[0]) ** (i / 40))),
  0.97,
  0.99,
  1.01,
  1.03,
].sort((a, b) => a - b);
