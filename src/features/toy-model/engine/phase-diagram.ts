/**
 * The trained phase diagram (Elhage et al., "Toy Models of Superposition", 2022, "The phase
 * change"): a grid of small toy models over feature density p = 1 − S (columns, log axis 0.01 … 1)
 * and the relative importance r of the last ("extra") feature (rows, log axis 0.1 … 10), each cell
 * trained from a few restarts and coloured by what its best model does with the features.
 *
 *   one neuron   n = 1, m = 2, importances (1, r): keeps feature 1, keeps feature 2 (the extra
 *                feature takes the neuron), or keeps both in superposition (antipodal);
 *   two neurons  n = 2, m = 3, importances (1, 1, r): the extra feature is dropped, takes a
 *                dimension of its own (one of the others is dropped), or all three are kept in
 *                two dimensions (superposition).
 *
 * A feature is kept when ‖Wᵢ‖ > ½. Each cell trains `restarts` models (small-model-trainer.ts) and
 * keeps the one of lowest loss — the exact expected loss for one neuron (phase-theory.ts), a loss on
 * common fresh inputs for two — because single runs can settle in a local minimum: with one neuron,
 * a start whose two weights have the same sign often ends with one feature and the other leaking in
 * beside it, and near the boundary only some starts reach the better phase at all. Restarts come in
 * mirror pairs: restart 2k + 1 starts from restart 2k's weights with the extra feature's column
 * negated, so every pair tries both relative signs. A cell's restarts train in lockstep on one
 * stream of batches (drawing a batch costs about as much as a model's step). Every cell starts from
 * the same restarts' weights and data stream (seeds depend on the job's seed and the restart, not
 * the cell), so that neighbouring cells differ only in p and r.
 *
 * As a job: a generator that yields after every piece of about a millisecond (a chunk of training
 * steps), for a Web Worker to drive with progress and Cancel (src/compute/jobs/drive.ts); a job can
 * take a checkerboard share of the cells, so that two workers share a grid, and {@link mergePhaseDiagrams} puts
 * the parts together. Plain data throughout (no undefined values: absent means absent key).
 */
import { refuseJob, type JobError } from "../../../compute/jobs/protocol.ts";
import { REPRESENTED_NORM } from "./geometry.ts";
import { canonicalPhase, expectedLossOneNeuron, oneNeuronPhase, optimalPhases, type OneNeuronPhase } from "./phase-theory.ts";
import { createSmallBatch, createSmallTrainer, drawSmallBatch, probeSmallLoss, smallUpdate } from "./small-model-trainer.ts";

/** Which of the paper's two phase diagrams. */
export type PhaseDiagramShape = "one-neuron" | "two-neurons";

/** What a two-neuron model does with its three features (the extra one is feature 3). */
export type TwoNeuronPhase = "extra-dropped" | "extra-dedicated" | "superposition" | "other";

/** A cell's phase, for either shape. */
export type Phase = OneNeuronPhase | TwoNeuronPhase;

/** The axes' ranges, as in the paper's figures. */
export const DENSITY_RANGE = [0.01, 1] as const;
export const IMPORTANCE_RANGE = [0.1, 10] as const;

/** A phase-diagram job as a page (or an address) gives it; see {@link validatePhaseDiagram}. */
export interface PhaseDiagramInput {
  readonly shape: PhaseDiagramShape;
  /** Columns: cells along the density axis. */
  readonly densityCells: number;
  /** Rows: cells along the importance axis. */
  readonly importanceCells: number;
  /** Adam steps per model, each on a fresh batch of 1 024 inputs. */
  readonly steps: number;
  /** Models per cell (the best counts). */
  readonly restarts: number;
  /** Seed of every model's initial weights and data. */
  readonly seed: number;
  /** This job trains the cells with row + column ≡ part (mod parts): 0 … parts − 1 (default 0). */
  readonly part?: number;
  /** How many jobs share the grid (default 1). */
  readonly parts?: number;
}

/** A job that passed validation, with `part` and `parts` filled in. */
export type PhaseDiagramSettings = Required<PhaseDiagramInput>;

/** A field of a job, or "job" for a limit on several at once. */
export type PhaseDiagramField = keyof PhaseDiagramInput | "job";

/** Why a job cannot run: the field to blame and a sentence naming the limit. */
export type PhaseDiagramError = JobError<PhaseDiagramField>;

export type CheckedPhaseDiagram =
  { readonly ok: true; readonly settings: PhaseDiagramSettings } | { readonly ok: false; readonly error: PhaseDiagramError };

/** Cells per axis: 4 … 40. */
export const MIN_PHASE_CELLS = 4;
export const MAX_PHASE_CELLS = 40;
/** Steps per model: 100 … 20 000. */
export const MIN_PHASE_STEPS = 100;
export const MAX_PHASE_STEPS = 20_000;
/** Restarts per cell: 1 … 8. */
export const MAX_PHASE_RESTARTS = 8;
/** Largest job: cells × restarts × steps ≤ 2·10⁷ training steps (about 2 to 4 minutes on one core
 * here; the default grid is a tenth of it). */
export const MAX_PHASE_WORK = 2e7;
/** Largest seed: 2³² − 1 (model seeds are seed·8 + restart pair, well within 2⁵³). */
export const MAX_PHASE_SEED = 2 ** 32 - 1;

/**
 * The grid a page opens on: one neuron, 20 × 20 cells, 8 restarts (four mirror pairs) of 1 000
 * steps: 3.2·10⁶ model-steps, about 26 s of one core here and half that on two free cores
 * (scripts/bench-toy-phase.ts). Less training misses the better phase more often: 6 restarts of
 * 1 000 steps, or 8 of 750, each put a cell with margin 0.65 in the wrong phase for seed 1 (its
 * single-feature restarts stuck in a poor minimum, |w| ≈ 1.4 with a negative bias, behind a
 * superposition restart still on its way out).
 */
export const DEFAULT_PHASE_DIAGRAM: PhaseDiagramSettings = {
  shape: "one-neuron",
  densityCells: 20,
  importanceCells: 20,
  steps: 1000,
  restarts: 8,
  seed: 0,
  part: 0,
  parts: 1,
};

function checkInteger(field: PhaseDiagramField, x: unknown, min: number, max: number, what: string): CheckedPhaseDiagram | undefined {
  if (typeof x !== "number" || !Number.isInteger(x)) return refuseJob("invalid", field, `${field} must be a whole number: ${what}.`);
  if (x < min) return refuseJob("invalid", field, `${field} is too small: ${what}.`);
  if (x > max) return refuseJob("too-large", field, `${field} = ${x} is above the limit: ${what}.`);
  return undefined;
}

/**
 * Checks a job. Domain: anything. Returns the settings when shape is "one-neuron" or "two-neurons";
 * densityCells and importanceCells are integers 4 … 40; steps 100 … 20 000; restarts 1 … 8; seed
 * 0 … 2³² − 1; parts 1 … 8 and part 0 … parts − 1 (both optional); and cells × restarts × steps
 * ≤ 2·10⁷. Otherwise the first failure in that order, naming the field and the limit.
 */
export function validatePhaseDiagram(input: Partial<Record<keyof PhaseDiagramInput, unknown>>): CheckedPhaseDiagram {
  const { shape, densityCells, importanceCells, steps, restarts, seed, part = 0, parts = 1 } = input;
  if (shape !== "one-neuron" && shape !== "two-neurons") {
    return refuseJob("invalid", "shape", 'shape must be "one-neuron" (n = 1, m = 2) or "two-neurons" (n = 2, m = 3).');
  }
  const failure =
    checkInteger(
      "densityCells",
      densityCells,
      MIN_PHASE_CELLS,
      MAX_PHASE_CELLS,
      `cells along the density axis, ${MIN_PHASE_CELLS} to ${MAX_PHASE_CELLS}`,
    ) ??
    checkInteger(
      "importanceCells",
      importanceCells,
      MIN_PHASE_CELLS,
      MAX_PHASE_CELLS,
      `cells along the importance axis, ${MIN_PHASE_CELLS} to ${MAX_PHASE_CELLS}`,
    ) ??
    checkInteger("steps", steps, MIN_PHASE_STEPS, MAX_PHASE_STEPS, `training steps per model, ${MIN_PHASE_STEPS} to ${MAX_PHASE_STEPS}`) ??
    checkInteger("restarts", restarts, 1, MAX_PHASE_RESTARTS, `models trained per cell, 1 to ${MAX_PHASE_RESTARTS}`) ??
    checkInteger("seed", seed, 0, MAX_PHASE_SEED, "the seed must be a whole number from 0 to 2^32 − 1") ??
    checkInteger("parts", parts, 1, 8, "jobs sharing the grid, 1 to 8") ??
    checkInteger("part", part, 0, (parts as number) - 1, `this job's share of the grid, 0 to parts − 1 = ${(parts as number) - 1}`);
  if (failure !== undefined) return failure;
  const settings: PhaseDiagramSettings = {
    shape,
    densityCells: densityCells as number,
    importanceCells: importanceCells as number,
    steps: steps as number,
    restarts: restarts as number,
    seed: seed as number,
    part: part as number,
    parts: parts as number,
  };
  const work = phaseDiagramWork(settings);
  if (work > MAX_PHASE_WORK) {
    return refuseJob(
      "too-large",
      "job",
      `the grid would take cells × restarts × steps = ${work} training steps, above the limit of ${MAX_PHASE_WORK}: ` +
        "use fewer cells, restarts or steps.",
    );
  }
  return { ok: true, settings };
}

/** Training steps of the whole grid (every part): cells × restarts × steps. */
export function phaseDiagramWork(settings: Pick<PhaseDiagramSettings, "densityCells" | "importanceCells" | "restarts" | "steps">): number {
  return settings.densityCells * settings.importanceCells * settings.restarts * settings.steps;
}

/**
 * Centres of `cells` equal cells on a log axis from lo to hi: lo·(hi/lo)^((i + ½)/cells), i = 0 …
 * cells − 1. Domain: cells integer ≥ 1, 0 < lo < hi finite; otherwise a RangeError.
 */
export function logCellCentres(lo: number, hi: number, cells: number): number[] {
  if (!Number.isInteger(cells) || cells < 1) throw new RangeError(`cells must be an integer ≥ 1, got ${cells}`);
  if (!(lo > 0 && hi > lo && Number.isFinite(hi))) throw new RangeError(`the axis needs 0 < lo < hi, got ${lo}, ${hi}`);
  return Array.from({ length: cells }, (_, i) => lo * (hi / lo) ** ((i + 0.5) / cells));
}

/**
 * The phase of a two-neuron model's weights (W n × m row-major, n = 2, m = 3) by which features
 * have ‖Wᵢ‖ > ½: all three → "superposition"; features 1 and 2 only → "extra-dropped"; the extra
 * feature (3) and one other → "extra-dedicated"; anything else (fewer than two kept) → "other".
 * Domain: 6 finite numbers; otherwise a RangeError.
 */
export function twoNeuronPhase(W: readonly number[]): TwoNeuronPhase {
  if (W.length !== 6 || !W.every(Number.isFinite)) throw new RangeError(`W must be 6 finite numbers (2 × 3), got [${W.join(", ")}]`);
  const kept = [0, 1, 2].map((i) => Math.hypot(W[i]!, W[3 + i]!) > REPRESENTED_NORM);
  if (kept[0] && kept[1] && kept[2]) return "superposition";
  if (kept[0] && kept[1]) return "extra-dropped";
  if (kept[2] && (kept[0] || kept[1])) return "extra-dedicated";
  return "other";
}

/** One trained model of a cell. */
export interface PhaseRestart {
  readonly phase: Phase;
  /** Its loss: exact expected loss (one neuron) or on common fresh inputs (two neurons). */
  readonly loss: number;
}

/** What the theory says at a cell (one neuron only; see phase-theory.ts). */
export interface PhaseCellTheory {
  /** Phase of the lowest exact expected loss, each phase's weights optimised. */
  readonly phase: OneNeuronPhase;
  /** (second-lowest − lowest) / second-lowest loss among the phases: 0 on the boundary. */
  readonly margin: number;
  /** Phase of the canonical solutions W = (1, 0), (0, 1), (1, −1). */
  readonly canonical: OneNeuronPhase;
}

/** One cell of the grid. */
export interface PhaseCell {
  /** Row-major index: row · densityCells + column. */
  readonly index: number;
  /** Row (importance, increasing) and column (density, increasing). */
  readonly row: number;
  readonly column: number;
  readonly density: number;
  readonly importance: number;
  /** The phase of the restart of lowest loss. */
  readonly phase: Phase;
  /** Its loss. */
  readonly loss: number;
  /** Its weights: W n × m row-major (W[k·m + i]: feature i on neuron k) and b. */
  readonly W: number[];
  readonly b: number[];
  /** Every restart, in order. */
  readonly restarts: PhaseRestart[];
  /** One neuron only. */
  readonly theory?: PhaseCellTheory;
}

/** How far a job is. */
export interface PhaseDiagramProgress {
  /** Models trained so far by this job, and in all. */
  readonly models: number;
  readonly totalModels: number;
  /** Training steps done / to do by this job, 0 … 1. */
  readonly fraction: number;
  /** The cells finished so far, in the order they finished. */
  readonly cells: PhaseCell[];
}

/** A finished job (or several merged). */
export interface PhaseDiagramResult {
  readonly settings: PhaseDiagramSettings;
  /** Column centres (density) and row centres (importance). */
  readonly densities: number[];
  readonly importances: number[];
  /** The cells this job trained, by index (all of them after merging every part). */
  readonly cells: PhaseCell[];
}

/** Model-steps between two yields (shared among a cell's restarts): about 0.1 ms (sparse) to
 * 0.5 ms (dense) of work. */
const STEPS_PER_PIECE = 64;
/** Fresh batches on which two-neuron restarts are compared (common to all restarts of a job). */
const PROBE_BATCHES = 16;

/** Seed of restart j of a job: pairs share a draw (the second mirrored), so seed·8 + ⌊j/2⌋. */
function restartSeed(seed: number, restart: number): number {
  return seed * 8 + Math.floor(restart / 2);
}

/**
 * Trains this job's cells of a validated grid (row + column ≡ part mod parts, row by row),
 * yielding a {@link PhaseDiagramProgress} after every piece of {@link STEPS_PER_PIECE} steps and
 * after every cell, and returns the {@link PhaseDiagramResult}. Stopping early is not calling next()
 * again. Domain: settings that pass `validatePhaseDiagram`; others throw a RangeError with its
 * message on the first call of next().
 */
export function* trainPhaseDiagram(settings: PhaseDiagramSettings): Generator<PhaseDiagramProgress, PhaseDiagramResult, void> {
  const checked = validatePhaseDiagram(settings);
  if (!checked.ok) throw new RangeError(checked.error.message);
  const { shape, densityCells, importanceCells, steps, restarts, seed, part, parts } = checked.settings;
  const densities = logCellCentres(DENSITY_RANGE[0], DENSITY_RANGE[1], densityCells);
  const importances = logCellCentres(IMPORTANCE_RANGE[0], IMPORTANCE_RANGE[1], importanceCells);
  const [n, m] = shape === "one-neuron" ? [1, 2] : [2, 3];
  // Cells by (row + column) mod parts: for two parts a checkerboard, so that each part gets as
  // many dense (slow) cells as sparse (fast) ones.
  const mine: number[] = [];
  for (let index = 0; index < densityCells * importanceCells; index++) {
    if ((Math.floor(index / densityCells) + (index % densityCells)) % parts === part) mine.push(index);
  }
  const totalModels = mine.length * restarts;
  const cells: PhaseCell[] = [];
  let models = 0;
  let stepsDone = 0;
  const progress = (): PhaseDiagramProgress => ({ models, totalModels, fraction: stepsDone / (totalModels * steps), cells: cells.slice() });
  for (const index of mine) {
    const row = Math.floor(index / densityCells);
    const column = index % densityCells;
    const density = densities[column]!;
    const importance = importances[row]!;
    const featureImportances = shape === "one-neuron" ? [1, importance] : [1, 1, importance];
    // The restarts train in lockstep on one stream of batches (the first restart's data stream).
    const batch = createSmallBatch(m, 1 - density, restartSeed(seed, 0));
    const trainers = Array.from({ length: restarts }, (_, restart) =>
      createSmallTrainer(
        {
          n,
          m,
          importances: featureImportances,
          sparsity: 1 - density,
          seed: restartSeed(seed, restart),
          mirrored: restart % 2 === 1 ? [m - 1] : [],
        },
        batch,
      ),
    );
    for (let done = 0; done < steps;) {
      const chunk = Math.min(Math.max(1, Math.floor(STEPS_PER_PIECE / restarts)), steps - done);
      for (let s = 0; s < chunk; s++) {
        drawSmallBatch(batch);
        for (const trainer of trainers) smallUpdate(trainer);
      }
      done += chunk;
      stepsDone += chunk * restarts;
      if (done < steps) yield progress();
    }
    const trained = trainers.map((trainer) => {
      const { w, b } = trainer.state;
      // W from the trainer's layout (by feature) to n × m row-major.
      const W = Array.from({ length: n * m }, (_, at) => w[(at % m) * n + Math.floor(at / m)]!);
      const loss =
        shape === "one-neuron"
          ? expectedLossOneNeuron({ w1: w[0]!, w2: w[1]!, b1: b[0]!, b2: b[1]! }, density, importance)
          : probeSmallLoss(trainer, seed, PROBE_BATCHES);
      const phase: Phase = shape === "one-neuron" ? oneNeuronPhase(W[0]!, W[1]!) : twoNeuronPhase(W);
      return { phase, loss, W, b: Array.from(b) };
    });
    models += restarts;
    const best = trained.reduce((a, c) => (c.loss < a.loss ? c : a));
    const cell: PhaseCell = {
      index,
      row,
      column,
      density,
      importance,
      phase: best.phase,
      loss: best.loss,
      W: best.W,
      b: best.b,
      restarts: trained.map(({ phase, loss }) => ({ phase, loss })),
      ...(shape === "one-neuron" ? { theory: cellTheory(density, importance) } : {}),
    };
    cells.push(cell);
    yield progress();
  }
  return { settings: checked.settings, densities, importances, cells: cells.sort((a, c) => a.index - c.index) };
}

/** The theory at one cell: the optimal phase and its margin, and the canonical phase. */
export function cellTheory(density: number, importance: number): PhaseCellTheory {
  const optimal = optimalPhases(density, importance);
  return { phase: optimal.phase, margin: optimal.margin, canonical: canonicalPhase(density, importance) };
}

/**
 * Puts together the results of jobs that shared one grid (the same settings but `part`): their cells
 * by index, with `part` 0 and `parts` 1 in the settings. Domain: one result per part 0 … parts − 1,
 * all of the same grid; otherwise a RangeError saying what does not fit.
 */
export function mergePhaseDiagrams(parts: readonly PhaseDiagramResult[]): PhaseDiagramResult {
  if (parts.length === 0) throw new RangeError("mergePhaseDiagrams needs at least one part");
  const first = parts[0]!.settings;
  const key = (s: PhaseDiagramSettings) => JSON.stringify({ ...s, part: 0 });
  const seen = new Set<number>();
  for (const result of parts) {
    if (key(result.settings) !== key(first)) throw new RangeError("the parts come from different grids");
    if (result.settings.parts !== parts.length) throw new RangeError(`expected ${result.settings.parts} parts, got ${parts.length}`);
    seen.add(result.settings.part);
  }
  if (seen.size !== parts.length) throw new RangeError("a part is given twice and another is missing");
  const cells = parts.flatMap((result) => result.cells).sort((a, c) => a.index - c.index);
  if (cells.length !== first.densityCells * first.importanceCells || cells.some((cell, i) => cell.index !== i)) {
    throw new RangeError("the parts do not cover every cell exactly once");
  }
  return { settings: { ...first, part: 0, parts: 1 }, densities: parts[0]!.densities, importances: parts[0]!.importances, cells };
}
