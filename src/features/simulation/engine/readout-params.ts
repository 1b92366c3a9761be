/**
 * A large readout job (large-readout.ts): readouts only, at the scale of real sparse autoencoders,
 * with the embedding regenerated on demand instead of stored. Its parameters, its limits, and the
 * check of any input, which never throws: it returns the job or a typed error naming the limit.
 *
 * What a job costs (measured here, one core of a 2024 server, WebAssembly relaxed SIMD):
 *   directions   m·n Gaussians, about 3.5 ns each, drawn once per run (whatever the trials)
 *   readouts     trials · m · n multiply-adds, about 0.022 ns each
 *   inputs       trials · l · n Gaussians, drawn again by every worker (each needs every input)
 * The Gemma Scope 9B shape (n = 3 584, m = 2^20, l = 193) with 100 inputs is 3.8·10⁹ Gaussians and
 * 3.8·10¹¹ multiply-adds: about 20 s of one core, shared among the workers.
 *
 * Memory: each worker holds the inputs (trials · n float32, at most 2^22: 16 MB), one block of 16
 * features and the list of active features: never the m × n embedding.
 */
import { checkWholeNumber, refuseJob } from "../../../compute/jobs/protocol.ts";
import { count, power, type SimulationError, type SimulationInput } from "./params.ts";

/**
 * The input of a large readout job: the model's shape, the seed, the number of inputs, and a
 * second threshold θ the features are also read against (besides the post's ½): a page passes the
 * best single threshold for the shape (bestThreshold in src/math/thresholds.ts), so that the run
 * measures the misreads the best JumpReLU-like reading would make. ½ when absent.
 */
export type LargeReadoutInput = Pick<SimulationInput, "n" | "m" | "l" | "seed" | "trials"> & { readonly threshold?: number };

/** A job that passed {@link validateLargeReadout}. */
export interface LargeReadoutParams {
  readonly n: number;
  readonly m: number;
  readonly l: number;
  readonly seed: number;
  readonly trials: number;
  /** The second threshold θ, strictly between 0 and 1. */
  readonly threshold: number;
}

export type CheckedLargeReadout =
  { readonly ok: true; readonly params: LargeReadoutParams } | { readonly ok: false; readonly error: SimulationError };

/** Largest n: 16 384 neurons (wider than any model on the site's list: GPT-3's 12 288). */
export const MAX_LARGE_NEURONS = 2 ** 14;
/** Largest m: 2^24 ≈ 16.8 million features. */
export const MAX_LARGE_FEATURES = 2 ** 24;
/** Largest l: 4 096 features active at once. */
export const MAX_LARGE_ACTIVE = 4096;
/** Largest number of inputs: 1 024. */
export const MAX_LARGE_TRIALS = 1024;
/** Largest batch of inputs, trials · n float32 numbers: 2^22 (16 MB in each worker). */
export const MAX_LARGE_BATCH = 2 ** 22;
/** Largest number of Gaussians in the directions, m · n: 2^34 ≈ 1.7·10¹⁰ (about a minute of one core). */
export const MAX_LARGE_DIRECTIONS = 2 ** 34;
/** Largest readout work, trials · m · n multiply-adds: 2^40 ≈ 1.1·10¹² (about 25 s of one core). */
export const MAX_LARGE_READOUT_WORK = 2 ** 40;
/** Largest input work, trials · l · n Gaussians (done by every worker): 2^30 ≈ 1.1·10⁹ (a few seconds). */
export const MAX_LARGE_INPUT_WORK = 2 ** 30;

/**
 * Checks a large readout job. Domain: anything (fields may be missing, non-numbers, NaN …).
 * Returns the job when
 *   n integer 1 … 2^14;  m integer 2 … 2^24;  l integer 1 … min(m, 4 096);  seed integer 0 … 2^53 − 1;
 *   trials integer 1 … 1 024;  threshold a number strictly between 0 and 1, or absent (then ½);
 *   trials·n ≤ 2^22;  m·n ≤ 2^34;  trials·m·n ≤ 2^40;  trials·l·n ≤ 2^30.
 * Otherwise returns the first failure in that order, as a {@link SimulationError} naming the limit.
 */
export function validateLargeReadout(input: Partial<Record<keyof LargeReadoutInput, unknown>>): CheckedLargeReadout {
  const { n, m, l, seed, trials } = input;
  const threshold = input.threshold ?? 0.5;
  const failure =
    checkWholeNumber(
      "n",
      n,
      1,
      MAX_LARGE_NEURONS,
      `n (neurons) must be a whole number from 1 to ${power(MAX_LARGE_NEURONS)} for a readout-only run`,
    ) ??
    checkWholeNumber(
      "m",
      m,
      2,
      MAX_LARGE_FEATURES,
      `m (features) must be a whole number from 2 to ${power(MAX_LARGE_FEATURES)} for a readout-only run`,
    ) ??
    checkWholeNumber(
      "l",
      l,
      1,
      typeof m === "number" ? Math.min(m, MAX_LARGE_ACTIVE) : MAX_LARGE_ACTIVE,
      `l (active features) must be a whole number from 1 to m, and at most ${count(MAX_LARGE_ACTIVE)} for a readout-only run`,
    ) ??
    checkWholeNumber("seed", seed, 0, Number.MAX_SAFE_INTEGER, "the seed must be a whole number from 0 to 2^53 − 1") ??
    checkWholeNumber(
      "trials",
      trials,
      1,
      MAX_LARGE_TRIALS,
      `trials must be a whole number from 1 to ${count(MAX_LARGE_TRIALS)} for a readout-only run`,
    );
  if (failure !== undefined) return failure;
  if (typeof threshold !== "number" || !(threshold > 0 && threshold < 1)) {
    return refuseJob("invalid", "job", `the threshold must be a number strictly between 0 and 1, got ${String(threshold)}.`);
  }
  const N = n as number;
  const M = m as number;
  const L = l as number;
  const T = trials as number;
  if (T * N > MAX_LARGE_BATCH) {
    return refuseJob(
      "too-large",
      "job",
      `trials · n = ${count(T * N)} numbers of input is above the limit of ${power(MAX_LARGE_BATCH)} (16 MB in each worker): use fewer trials or neurons.`,
    );
  }
  if (M * N > MAX_LARGE_DIRECTIONS) {
    return refuseJob(
      "too-large",
      "job",
      `m · n = ${count(M * N)} random numbers for the directions is above the limit of ${power(MAX_LARGE_DIRECTIONS)} ` +
        `(about a minute of computing): use fewer features or neurons.`,
    );
  }
  if (T * M * N > MAX_LARGE_READOUT_WORK) {
    return refuseJob(
      "too-large",
      "job",
      `readout: trials · m · n = ${count(T * M * N)} multiply-adds is above the limit of ${power(MAX_LARGE_READOUT_WORK)} ` +
        `(half a minute of computing or more): use fewer trials, features or neurons.`,
    );
  }
  if (T * L * N > MAX_LARGE_INPUT_WORK) {
    return refuseJob(
      "too-large",
      "job",
      `inputs: trials · l · n = ${count(T * L * N)} random numbers is above the limit of ${power(MAX_LARGE_INPUT_WORK)} ` +
        `(every worker builds every input): use fewer trials, active features or neurons.`,
    );
  }
  return { ok: true, params: { n: N, m: M, l: L, seed: seed as number, trials: T, threshold } };
}
