/**
 * A simulation job: its parameters, their domain, and the limits that keep a job within a few
 * seconds and a few tens of megabytes in a browser tab. `validateSimulation` checks any input and
 * never throws: it returns either the job or a typed error whose message names the limit.
 *
 * The largest number of readout trials is a parameter's domain (MAX_TRIALS in ../parameters.ts).
 *
 * Costs, in multiply-adds (one ≈ 0.04 ns with the WebAssembly SIMD kernel on a 2024 server core,
 * ≈ 0.4 ns with the JavaScript fallback):
 *   embedding   m·n Gaussian samples (≈ 10–20 ns each)
 *   all pairs   m(m−1)/2 · n          (the Gram matrix, upper triangle)
 *   readout     trials · m · n        (every feature read on every input), plus trials · l · n to
 *                                     build the inputs
 */

import { checkWholeNumber, refuseJob, type JobError } from "../../../compute/jobs/protocol.ts";
import { grouped } from "../../../numbers/format.ts";
import { MAX_TRIALS } from "../../../numbers/parameters.ts";

export interface SimulationInput {
  /** Neurons: dimension of the space. */
  readonly n: number;
  /** Features: unit vectors drawn. */
  readonly m: number;
  /** Features active in each readout trial, at amplitude 1. */
  readonly l: number;
  /** Seed of the random numbers: the same seed gives the same results. */
  readonly seed: number;
  /** Readout trials (random inputs); 0 skips the readout measurements. */
  readonly trials: number;
  /** Whether to measure all pairs of features (the Gram matrix); default true. */
  readonly overlaps?: boolean;
}

/** A job that passed {@link validateSimulation}: every field present and within the limits. */
export interface SimulationParams {
  readonly n: number;
  readonly m: number;
  readonly l: number;
  readonly seed: number;
  readonly trials: number;
  readonly overlaps: boolean;
}

export type SimulationField = "n" | "m" | "l" | "seed" | "trials" | "overlaps" | "job";

/** Why a job was refused, naming the field to blame and the limit (see ../jobs/protocol.ts). */
export type SimulationError = JobError<SimulationField>;

export type CheckedSimulation = { readonly ok: true; readonly params: SimulationParams } | { readonly ok: false; readonly error: SimulationError };

/** Largest n: 2^20 neurons (more than any model's width, and one vector stays under 4 MB). */
export const MAX_NEURONS = 2 ** 20;
/** Largest m: 2^20 features. */
export const MAX_FEATURES = 2 ** 20;
/** Largest embedding, m·n numbers: 2^24 (64 MB as float32; the engine holds one packed copy). */
export const MAX_EMBEDDING_NUMBERS = 2 ** 24;
/** Largest m for the all-pairs measurement: 16 384 features (134 million pairs). */
export const MAX_PAIR_FEATURES = 16384;
/** Largest all-pairs work, m(m−1)/2 · n multiply-adds: 2^36 ≈ 6.9·10¹⁰ (m = 16 384 at n = 512,
 * m = 8 192 at n = 2 048, m = 4 096 at n = 8 192; about 2.5 s with the WebAssembly kernel here,
 * 25 s with the JavaScript fallback). */
export const MAX_PAIR_WORK = 2 ** 36;
/** Largest readout work, trials · m · n multiply-adds: 2^36 ≈ 6.9·10¹⁰ (about 3 s here). */
export const MAX_READOUT_WORK = 2 ** 36;
/** A count as the messages write it: 16,384. */
export function count(x: number): string {
  return grouped(x, 0);
}

/** A power of two as the messages write it: 16,384 (2^14). */
export function power(x: number): string {
  return `${count(x)} (2^${Math.log2(x)})`;
}

/**
 * Checks a job. Domain: anything (fields may be missing, non-numbers, NaN …). Returns the job, with
 * `overlaps` defaulted to true, when
 *   n integer 1 … 2^20;  m integer 2 … 2^20;  l integer 1 … m;  seed integer 0 … 2^53 − 1;
 *   trials integer 0 … 10⁶;  overlaps boolean or absent;
 *   m·n ≤ 2^24;  if overlaps: m ≤ 16 384 and m(m−1)/2 · n ≤ 2^36;  trials · m · n ≤ 2^36.
 * Otherwise returns the first failure in that order, as a {@link SimulationError}.
 */
export function validateSimulation(input: Partial<Record<keyof SimulationInput, unknown>>): CheckedSimulation {
  const { n, m, l, seed, trials } = input;
  const overlaps = input.overlaps ?? true;
  const failure =
    checkWholeNumber("n", n, 1, MAX_NEURONS, `n (neurons) must be a whole number from 1 to ${power(MAX_NEURONS)}`) ??
    checkWholeNumber("m", m, 2, MAX_FEATURES, `m (features) must be a whole number from 2 to ${power(MAX_FEATURES)}`) ??
    checkWholeNumber("l", l, 1, typeof m === "number" ? m : Infinity, "l (active features) must be a whole number from 1 to m") ??
    checkWholeNumber("seed", seed, 0, Number.MAX_SAFE_INTEGER, "the seed must be a whole number from 0 to 2^53 − 1") ??
    checkWholeNumber("trials", trials, 0, MAX_TRIALS, `trials must be a whole number from 0 to ${count(MAX_TRIALS)}`);
  if (failure !== undefined) return failure;
  if (typeof overlaps !== "boolean") return refuseJob("invalid", "overlaps", "overlaps must be true or false.");
  // All numbers from here on: the checks above passed.
  const N = n as number;
  const M = m as number;
  const T = trials as number;
  if (M * N > MAX_EMBEDDING_NUMBERS) {
    return refuseJob(
      "too-large",
      "job",
      `m·n = ${count(M * N)} numbers is above the limit of ${power(MAX_EMBEDDING_NUMBERS)} for one embedding ` +
        `(64 MB as float32): use fewer features or neurons.`,
    );
  }
  if (overlaps) {
    if (M > MAX_PAIR_FEATURES) {
      return refuseJob(
        "too-large",
        "m",
        `m = ${count(M)} is above the limit of ${count(MAX_PAIR_FEATURES)} features for measuring all pairs ` +
          `(${count((MAX_PAIR_FEATURES * (MAX_PAIR_FEATURES - 1)) / 2)} pairs); turn off the all-pairs measurement or use fewer features.`,
      );
    }
    const pairWork = ((M * (M - 1)) / 2) * N;
    if (pairWork > MAX_PAIR_WORK) {
      return refuseJob(
        "too-large",
        "job",
        `all pairs: m(m−1)/2 · n = ${count(pairWork)} multiply-adds is above the limit of ${power(MAX_PAIR_WORK)} ` +
          `(several seconds of computing): use fewer features or neurons.`,
      );
    }
  }
  const readoutWork = T * M * N;
  if (readoutWork > MAX_READOUT_WORK) {
    return refuseJob(
      "too-large",
      "job",
      `readout: trials · m · n = ${count(readoutWork)} multiply-adds is above the limit of ${power(MAX_READOUT_WORK)} ` +
        `(several seconds of computing): use fewer trials, features or neurons.`,
    );
  }
  return { ok: true, params: { n: N, m: M, l: l as number, seed: seed as number, trials: T, overlaps } };
}
