/**
 * The feature-dimensionality experiment as a job: toy models of equally important features (r = 1)
 * trained by the site's trainer (src/features/toy-model/engine/train.ts) at densities log-spaced along a sweep,
 * each measured by dimensions per feature n/‖W‖²_F, every feature's dimensionality Dᵢ
 * (feature-dimensionality.ts) and the post's view (post-view.ts).
 *
 * A generator that passes on the trainer's yields (about one per millisecond of work), for a Web
 * Worker to drive with progress and Cancel; a job can take every `parts`-th model so that two workers
 * share a sweep ({@link mergeDimensionalitySweeps}). Plain data throughout.
 */
import { refuseJob, type JobError } from "../../../compute/jobs/protocol.ts";
import { trainingWork, validateToyModel, type ToyModelSettings } from "./settings.ts";
import { trainToyModel } from "./train.ts";
import type { ToyKernelChoice } from "./toy-kernel.ts";
import { dimensionsPerFeature, featureDimensionalities } from "./feature-dimensionality.ts";
import { postView, type PostView } from "./post-view.ts";

/** A sweep as a page gives it; see {@link validateDimensionalitySweep}. */
export interface DimensionalitySweepInput {
  /** Neurons and features of every model. */
  readonly n: number;
  readonly m: number;
  /** Models along the sweep. */
  readonly points: number;
  /** The sweep's densities p = 1 − S run log-spaced from maxDensity down to minDensity. */
  readonly minDensity: number;
  readonly maxDensity: number;
  /** Adam steps per model. */
  readonly steps: number;
  readonly seed: number;
  /** This job trains share `part` of `parts` of the models ({@link sweepShare}; defaults 0 and 1). */
  readonly part?: number;
  readonly parts?: number;
}

export type DimensionalitySweepSettings = Required<DimensionalitySweepInput>;

export type DimensionalitySweepField = keyof DimensionalitySweepInput | "job";

/** Why a job cannot run: the field to blame and a sentence naming the limit. */
export type DimensionalitySweepError = JobError<DimensionalitySweepField>;

export type CheckedDimensionalitySweep =
  { readonly ok: true; readonly settings: DimensionalitySweepSettings } | { readonly ok: false; readonly error: DimensionalitySweepError };

/** Models along a sweep: 2 … 40. */
export const MAX_SWEEP_POINTS = 40;
/** Largest sweep: Σ over its models of the trainer's work (multiply-adds) ≤ 2³⁸, about eight times
 * one training job's limit. */
export const MAX_SWEEP_WORK = 2 ** 38;

/**
 * The sweep a page opens on: n = 10 neurons, m = 100 features, 14 models from p = 0.8 down to 0.04
 * (1/(1 − S) from 1.25 to 25), 2 000 steps each: about a minute of one core here, half that on two
 * (scripts/bench-toy-phase.ts). It shows n/‖W‖²_F falling from 1 to the ½ plateau of antipodal
 * pairs (1/(1 − S) ≈ 2.5 to 4), then pentagons (2/5) and square antiprisms (3/8) near 4 to 5;
 * 3 000 steps give the same picture. The paper's size (m = 400 features in n = 30 dimensions, as
 * independent replications use it) costs 5 to 65 ms a step here against 1 to 4 ms for this one:
 * ten minutes or more, not a tab's minute.
 */
export const DEFAULT_DIMENSIONALITY_SWEEP: DimensionalitySweepSettings = {
  n: 10,
  m: 100,
  points: 14,
  minDensity: 0.04,
  maxDensity: 0.8,
  steps: 2000,
  seed: 0,
  part: 0,
  parts: 1,
};

/**
 * The densities of a sweep: maxDensity·(minDensity/maxDensity)^(i/(points − 1)), i = 0 … points − 1
 * (decreasing, so that 1/(1 − S) increases). Domain: a validated sweep.
 */
export function sweepDensities(settings: Pick<DimensionalitySweepSettings, "points" | "minDensity" | "maxDensity">): number[] {
  const { points, minDensity, maxDensity } = settings;
  return Array.from({ length: points }, (_, i) => maxDensity * (minDensity / maxDensity) ** (i / (points - 1)));
}

/** The trainer's settings of model i of a sweep (importance 1: every feature equally important). */
function modelSettings(settings: DimensionalitySweepSettings, density: number): ToyModelSettings {
  return { n: settings.n, m: settings.m, sparsity: 1 - density, importance: 1, steps: settings.steps, seed: settings.seed };
}

/**
 * Checks a sweep. Domain: anything. Returns the settings when points is an integer 2 … 40; the
 * densities satisfy 0 < minDensity < maxDensity ≤ 1; parts 1 … 8 and part 0 … parts − 1; every
 * model passes the trainer's `validateToyModel` (n, m, steps, seed and the per-job work limit);
 * and the whole sweep's work is at most 2³⁸ multiply-adds. Otherwise the first failure, naming the
 * field and the limit.
 */
export function validateDimensionalitySweep(input: Partial<Record<keyof DimensionalitySweepInput, unknown>>): CheckedDimensionalitySweep {
  const { n, m, points, minDensity, maxDensity, steps, seed, part = 0, parts = 1 } = input;
  if (typeof points !== "number" || !Number.isInteger(points) || points < 2 || points > MAX_SWEEP_POINTS) {
    return refuseJob(
      typeof points === "number" && points > MAX_SWEEP_POINTS ? "too-large" : "invalid",
      "points",
      `points must be a whole number from 2 to ${MAX_SWEEP_POINTS}.`,
    );
  }
  if (typeof maxDensity !== "number" || !(maxDensity > 0 && maxDensity <= 1)) {
    return refuseJob("invalid", "maxDensity", "maxDensity must be a number above 0 and at most 1 (the densest model's 1 − S).");
  }
  if (typeof minDensity !== "number" || !(minDensity > 0 && minDensity < maxDensity)) {
    return refuseJob("invalid", "minDensity", "minDensity must be a number above 0 and below maxDensity (the sparsest model's 1 − S).");
  }
  if (typeof parts !== "number" || !Number.isInteger(parts) || parts < 1 || parts > 8)
    return refuseJob("invalid", "parts", "parts must be a whole number from 1 to 8.");
  if (typeof part !== "number" || !Number.isInteger(part) || part < 0 || part >= parts) {
    return refuseJob("invalid", "part", `part must be a whole number from 0 to parts − 1 = ${parts - 1}.`);
  }
  const settings = { n, m, points, minDensity, maxDensity, steps, seed, part, parts } as DimensionalitySweepSettings;
  let work = 0;
  for (const density of sweepDensities(settings)) {
    const checked = validateToyModel(modelSettings(settings, density));
    if (!checked.ok)
      return refuseJob(
        checked.error.code === "too-large" ? "too-large" : "invalid",
        checked.error.field === "sparsity" || checked.error.field === "importance" ? "job" : checked.error.field,
        checked.error.message,
      );
    work += trainingWork(checked.settings);
  }
  if (work > MAX_SWEEP_WORK) {
    return refuseJob(
      "too-large",
      "job",
      `the sweep would take ${work.toExponential(2)} multiply-adds, above the limit of 2^38: use fewer points, steps, features or neurons.`,
    );
  }
  return { ok: true, settings };
}

/** One trained model of the sweep, measured. */
export interface DimensionalityPoint {
  /** Its index along the sweep. */
  readonly index: number;
  readonly density: number;
  /** 1/(1 − S) = 1/p: the paper's horizontal axis. */
  readonly inverseDensity: number;
  /** n / ‖W‖²_F. */
  readonly dimensionsPerFeature: number;
  /** Dᵢ for each of the m features (0 for a feature with Wᵢ = 0). */
  readonly dimensionalities: number[];
  /** Mean batch loss over the last interval of training. */
  readonly finalLoss: number;
  /** The post's view of the same model. */
  readonly post: PostView;
}

export interface DimensionalityProgress {
  /** Models finished by this job, and in all. */
  readonly models: number;
  readonly totalModels: number;
  /** Work done / to do by this job (multiply-adds of training), 0 … 1. */
  readonly fraction: number;
  /** The models finished so far, in order. */
  readonly points: DimensionalityPoint[];
}

export interface DimensionalitySweepResult {
  readonly settings: DimensionalitySweepSettings;
  readonly points: DimensionalityPoint[];
}

/**
 * The models of a validated sweep that job `part` of `parts` trains, in sweep order: the sweep's
 * models shared out by work (densest first, each to the part with the least work so far), since a
 * dense model costs several times a sparse one. Every model goes to exactly one part.
 */
export function sweepShare(settings: DimensionalitySweepSettings): { index: number; density: number }[] {
  const models = sweepDensities(settings).map((density, index) => ({ index, density, work: trainingWork(modelSettings(settings, density)) }));
  const load = new Array<number>(settings.parts).fill(0);
  const owner = new Array<number>(models.length);
  for (const model of [...models].sort((a, b) => b.work - a.work || a.index - b.index)) {
    const part = load.indexOf(Math.min(...load));
    owner[model.index] = part;
    load[part] = load[part]! + model.work;
  }
  return models.filter((model) => owner[model.index] === settings.part).map(({ index, density }) => ({ index, density }));
}

/**
 * Trains and measures this job's models of a validated sweep (its {@link sweepShare}),
 * yielding a {@link DimensionalityProgress} as often as the trainer yields (about every
 * millisecond) and after every model, and returns the {@link DimensionalitySweepResult}. Stopping
 * early is not calling next() again. `kernel` as for the trainer. Domain: settings that pass
 * `validateDimensionalitySweep`; others throw a RangeError with its message on the first next().
 */
export function* trainDimensionalitySweep(
  settings: DimensionalitySweepSettings,
  kernel: ToyKernelChoice = "auto",
): Generator<DimensionalityProgress, DimensionalitySweepResult, void> {
  const checked = validateDimensionalitySweep(settings);
  if (!checked.ok) throw new RangeError(checked.error.message);
  const mine = sweepShare(checked.settings);
  const works = mine.map(({ density }) => trainingWork(modelSettings(checked.settings, density)));
  const totalWork = works.reduce((a, b) => a + b, 0);
  const points: DimensionalityPoint[] = [];
  let doneWork = 0;
  for (const [at, { index, density }] of mine.entries()) {
    const training = trainToyModel(modelSettings(checked.settings, density), kernel);
    let next = training.next();
    while (!next.done) {
      const inModel = next.value.fraction * works[at]!;
      yield { models: points.length, totalModels: mine.length, fraction: (doneWork + inModel) / totalWork, points: points.slice() };
      next = training.next();
    }
    const result = next.value;
    doneWork += works[at]!;
    const weights = { n: checked.settings.n, m: checked.settings.m, W: result.W, b: result.b };
    points.push({
      index,
      density,
      inverseDensity: 1 / density,
      dimensionsPerFeature: dimensionsPerFeature(weights),
      dimensionalities: featureDimensionalities(weights),
      finalLoss: result.finalLoss,
      post: postView(weights, density),
    });
    yield { models: points.length, totalModels: mine.length, fraction: doneWork / totalWork, points: points.slice() };
  }
  return { settings: checked.settings, points };
}

/**
 * Puts together the results of jobs that shared one sweep (the same settings but `part`).
 * Domain: one result per part 0 … parts − 1 of the same sweep; otherwise a RangeError.
 */
export function mergeDimensionalitySweeps(parts: readonly DimensionalitySweepResult[]): DimensionalitySweepResult {
  if (parts.length === 0) throw new RangeError("mergeDimensionalitySweeps needs at least one part");
  const first = parts[0]!.settings;
  const key = (s: DimensionalitySweepSettings) => JSON.stringify({ ...s, part: 0 });
  if (parts.some((r) => key(r.settings) !== key(first) || r.settings.parts !== parts.length))
    throw new RangeError("the parts come from different sweeps");
  if (new Set(parts.map((r) => r.settings.part)).size !== parts.length) throw new RangeError("a part is given twice and another is missing");
  const points = parts.flatMap((r) => r.points).sort((a, b) => a.index - b.index);
  if (points.length !== first.points || points.some((p, i) => p.index !== i)) throw new RangeError("the parts do not cover every model exactly once");
  return { settings: { ...first, part: 0, parts: 1 }, points };
}
