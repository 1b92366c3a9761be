/**
 * A toy-model training job: its settings, their domain, the limits that keep a job within a
 * browser tab, and the defaults. `validateToyModel` checks any input and never throws: it returns
 * the settings or a typed error whose message names the field and the limit.
 *
 * Cost of a job, in multiply-adds (see step.ts for the algorithm; l = m(1 − S) is the expected
 * number of nonzero inputs per sample, B = 1 024 the batch):
 *   per step  B·(min(m·l, n·(l + m)) + l·m + m) + 1.5·n·m²
 *             (forward pass by the cheaper form; A = Σ x gᵀ with g taken dense; the per-feature
 *             pass; WᵀW and W (A + Aᵀ))
 * Measured here (Node 24, one core of a shared 2-core server): 0.4–1 ns per multiply-add with the
 * WebAssembly SIMD kernel and 1–2.5 ns with the JavaScript fallback; more for the smallest models,
 * whose fixed costs per sample dominate (n = 2, m = 5: 0.03–0.15 ms a step, so 100 000 steps stay
 * within about 15 s).
 */
import { BATCH_SIZE } from "./step.ts";
import { checkWholeNumber, refuseJob, type JobError } from "../../../compute/jobs/protocol.ts";
import { formatCount, grouped } from "../../../numbers/format.ts";
import { MAX_TRAINING_STEPS, PARAMETERS } from "../../../numbers/parameters.ts";

/** A training job as a reader (or an address) gives it; see {@link validateToyModel} for the domain. */
export interface ToyModelInput {
  /** Neurons: the hidden dimension. */
  readonly n: number;
  /** Features. */
  readonly m: number;
  /** S: the probability that a feature is 0 in an input. */
  readonly sparsity: number;
  /** r: feature i has importance rⁱ (i = 0 … m − 1). */
  readonly importance: number;
  /** Adam steps, each on a fresh batch of 1 024 inputs. */
  readonly steps: number;
  /** Seed of the initial weights and of the data: the same seed gives the same model. */
  readonly seed: number;
}

/** A job that passed {@link validateToyModel}: every field present and within the limits. */
export type ToyModelSettings = ToyModelInput;

/** A field of a job, or "job" for a limit on several fields at once. */
export type ToyModelField = keyof ToyModelInput | "job";

/** Why a job cannot run, for the reader: the field to blame and a sentence naming the limit. */
export type ToyModelError = JobError<ToyModelField>;

/** The outcome of {@link validateToyModel}: the settings, or the first error. */
export type CheckedToyModel = { readonly ok: true; readonly settings: ToyModelSettings } | { readonly ok: false; readonly error: ToyModelError };

/** Largest n: 256 neurons (toy models are small; the per-step cost grows as n·m²). */
export const MAX_TOY_NEURONS = 256;
/** Largest m: 512 features (the m × m matrices of a step stay at 2 MB each, and the Gram matrix a
 * measurement returns at 262 144 numbers). */
export const MAX_TOY_FEATURES = 512;
/** Most training steps: the parameter table's (src/numbers/parameters.ts), 100 000. */
export const MAX_TOY_STEPS = MAX_TRAINING_STEPS;
/** Largest training work, steps × {@link stepWork}: 2^35 ≈ 3.4·10¹⁰ multiply-adds, about 20 s here
 * with the WebAssembly kernel. Room for the reference runs (n = 20, m = 80, 6 000 steps at any
 * sparsity from 0.7 up; 2.5·10¹⁰ at S = 0.7). */
export const MAX_TOY_WORK = 2 ** 35;

/**
 * Multiply-adds of one training step (see the file's comment): B·(min(m·l, n·(l + m)) + l·m + m)
 * + 1.5·n·m² with l = m(1 − S) and B = 1 024. Domain: n, m ≥ 1, 0 ≤ S ≤ 1 (finite, > 0).
 */
export function stepWork(n: number, m: number, S: number): number {
  const l = m * (1 - S);
  return BATCH_SIZE * (Math.min(m * l, n * (l + m)) + l * m + m) + 1.5 * n * m * m;
}

/**
 * The settings a page opens on: n = 20, m = 80 at S = 0.99, 3 000 steps — 50 features represented
 * in 20 dimensions, where the post's ε (1.32) allows none. 0.9 s of training here with the
 * WebAssembly kernel, 1.5 s of computing with the JavaScript fallback.
 */
export const DEFAULT_TOY_MODEL: ToyModelSettings = {
  n: 20,
  m: 80,
  sparsity: PARAMETERS.sparsity.default,
  importance: PARAMETERS.importance.default,
  steps: PARAMETERS.steps.default,
  seed: 0,
};

/** A named job worth showing: what it shows, the short label of its button, and its settings. */
export interface ToyModelPreset {
  /** What the run shows, in a sentence's worth of words. */
  readonly name: string;
  /** Its button's label, among the presets of the same n and m. */
  readonly label: string;
  readonly settings: ToyModelSettings;
}

/**
 * Named settings worth showing: the paper's reference pictures with two neurons and five features,
 * from dense to very sparse inputs (seeds that reach the picture: other seeds can settle in
 * another local minimum), and the notes' larger model at four sparsities.
 */
export const TOY_MODEL_PRESETS: readonly ToyModelPreset[] = [
  {
    name: "Two neurons, five dense features: two kept, orthogonal",
    label: "dense, S = 0",
    settings: { n: 2, m: 5, sparsity: 0, importance: 0.9, steps: 10_000, seed: 0 },
  },
  {
    name: "Two neurons, five features at S = 0.7: two antipodal pairs, the least important dropped",
    label: "S = 0.7",
    settings: { n: 2, m: 5, sparsity: 0.7, importance: 0.9, steps: 4000, seed: 1 },
  },
  {
    name: "Two neurons, five sparse features: a pentagon",
    label: "very sparse, S = 0.99",
    settings: { n: 2, m: 5, sparsity: 0.99, importance: 0.9, steps: 4000, seed: 0 },
  },
  { name: "20 neurons, 80 features, S = 0.7", label: "S = 0.7", settings: { n: 20, m: 80, sparsity: 0.7, importance: 0.9, steps: 6000, seed: 0 } },
  { name: "20 neurons, 80 features, S = 0.9", label: "S = 0.9", settings: { n: 20, m: 80, sparsity: 0.9, importance: 0.9, steps: 6000, seed: 0 } },
  { name: "20 neurons, 80 features, S = 0.97", label: "S = 0.97", settings: { n: 20, m: 80, sparsity: 0.97, importance: 0.9, steps: 6000, seed: 0 } },
  { name: "20 neurons, 80 features, S = 0.99", label: "S = 0.99", settings: { n: 20, m: 80, sparsity: 0.99, importance: 0.9, steps: 6000, seed: 0 } },
];

/** Whole numbers with thousands grouped ("12,000"), in full while exact; without Intl (see grouped). */
function count(x: number): string {
  return Number.isSafeInteger(x) ? grouped(x, 0) : formatCount(x);
}

/**
 * Checks a job. Domain: anything (fields may be missing, non-numbers, NaN …). Returns the settings
 * when
 *   n integer 1 … 256;  m integer 2 … 512;  sparsity 0 ≤ S < 1;  importance 0 < r ≤ 1;
 *   steps integer 1 … 100 000;  seed integer 0 … 2^53 − 1;  steps · stepWork(n, m, S) ≤ 2^35.
 * Otherwise returns the first failure in that order, as a {@link ToyModelError}.
 */
export function validateToyModel(input: Partial<Record<keyof ToyModelInput, unknown>>): CheckedToyModel {
  const { n, m, sparsity, importance, steps, seed } = input;
  const failure =
    checkWholeNumber("n", n, 1, MAX_TOY_NEURONS, `n (neurons) must be a whole number from 1 to ${MAX_TOY_NEURONS}`) ??
    checkWholeNumber("m", m, 2, MAX_TOY_FEATURES, `m (features) must be a whole number from 2 to ${MAX_TOY_FEATURES}`);
  if (failure !== undefined) return failure;
  if (typeof sparsity !== "number" || !(sparsity >= 0 && sparsity < 1)) {
    return refuseJob(
      "invalid",
      "sparsity",
      "sparsity must be a number from 0 up to, but not including, 1: the probability that a feature is 0 in an input.",
    );
  }
  if (typeof importance !== "number" || !(importance > 0 && importance <= 1)) {
    return refuseJob(
      "invalid",
      "importance",
      "importance must be a number above 0 and at most 1: feature i counts rⁱ in the loss (1: all features equal).",
    );
  }
  const later =
    checkWholeNumber("steps", steps, 1, MAX_TOY_STEPS, `steps must be a whole number from 1 to ${count(MAX_TOY_STEPS)}`) ??
    checkWholeNumber("seed", seed, 0, Number.MAX_SAFE_INTEGER, "the seed must be a whole number from 0 to 2^53 − 1");
  if (later !== undefined) return later;
  const settings = { n: n as number, m: m as number, sparsity, importance, steps: steps as number, seed: seed as number };
  const work = trainingWork(settings);
  if (work > MAX_TOY_WORK) {
    return refuseJob(
      "too-large",
      "job",
      `training: steps × (multiply-adds per step) = ${count(settings.steps)} × ${count(Math.round(work / settings.steps))} ` +
        `= ${count(Math.round(work))} is above the limit of ${count(MAX_TOY_WORK)} (2^35, about 20 s of computing): ` +
        `use fewer steps, features or neurons, or sparser inputs.`,
    );
  }
  return { ok: true, settings };
}

/** Multiply-adds of a whole job: steps × {@link stepWork}. Domain: settings in their domain. */
export function trainingWork(settings: ToyModelSettings): number {
  return settings.steps * stepWork(settings.n, settings.m, settings.sparsity);
}
