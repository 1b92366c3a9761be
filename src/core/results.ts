/**
 * What each calculator shows, computed from a valid scenario. One function per calculator, each
 * returning the same shape (its outputs, and a verdict where it has one), so that the prerendered
 * page, the islands and the tests read the very same numbers and one component shows them all.
 */
import type { LogQuantity } from "./big-number.ts";
import { errorRates, expectedMisreads, MAX_ERROR_RATE_NEURONS, pFalseOff, pFalseOn, type ErrorRates } from "./error-rates.ts";
import { formatCount, formatLogQuantity, formatNumber, formatToAccuracy } from "./format.ts";
import { allRightAccuracy, refineAllRight, sumAccuracy, tailRateAccuracy, topkAccuracy, type Accuracy } from "../math/rate-accuracy.ts";
import { bestThreshold } from "../math/thresholds.ts";
import { topkMisreads } from "../math/topk-misreads.ts";
import { coherenceFloor } from "./packing.ts";
import {
  activationLevels,
  amplitudeNoise,
  BOOLEAN_ISH_LEVELS,
  epsilon,
  featuresForEpsilon,
  maxActiveFeatures,
  maxFeatures,
  neuronsForEpsilon,
  neuronsForLevels,
  neuronsForSparsity,
  sparsityNoise,
  typicalLevels,
  typicalNoise,
  worstNoise,
} from "./formulas.ts";
import type { Scenario } from "./scenario.ts";

/**
 * One displayed result. `value` is the full-precision number when it fits a double; `log10` is
 * set instead when it does not (e^(n/8) for large n). `text` is what the reader sees: for an
 * error rate, only the digits its accuracy allows (src/math/rate-accuracy.ts), while `value` and
 * `log10` keep the computed number in full.
 */
export interface Result {
  readonly value?: number;
  readonly log10?: number;
  readonly text: string;
  /** For an error rate: how it is known ("exact", "verified" to 10 %, "about", or a "range"). */
  readonly accuracy?: Accuracy["kind"];
}

/** A calculator's judgement of its scenario, in words and as a value for tests and tools. */
export interface Verdict {
  /** A short stable token: "signal" / "noise", "graded" / "boolean-ish". */
  readonly value: string;
  /** Whether the verdict is the good news. */
  readonly ok: boolean;
  /** What the reader sees. */
  readonly text: string;
}

/** Everything one calculator shows: its outputs by name, and its verdict when it has one. */
export interface CalculatorResults<Output extends string = string> {
  readonly outputs: Readonly<Record<Output, Result>>;
  readonly verdict?: Verdict;
}

function plain(value: number, text = formatNumber(value)): Result {
  return { value, text };
}

/** A count that may be beyond double range (neurons needed for a tiny ε, say). */
function count(q: LogQuantity): Result {
  return q.value !== undefined ? { value: q.value, text: formatCount(q.value) } : huge(q);
}

/** A real that may be beyond double range: plain when it fits, log10 otherwise. */
function huge(q: LogQuantity): Result {
  return q.value !== undefined ? { value: q.value, text: formatLogQuantity(q) } : { log10: q.log10, text: formatLogQuantity(q) };
}

/**
 * ε = √(8 ln m / n), the floor below which no arrangement of m directions in ℝⁿ can push the
 * largest overlap (Welch, and Levenstein's where it is higher: packing.ts), and ε's two inverses at
 * the target ε: the neurons needed to bring ε down to `eps` with m features, and the features n
 * neurons can hold at interference at most `eps`.
 * Uses n, m, eps of the scenario.
 */
export function epsilonResults({ n, m, eps }: Scenario): CalculatorResults<"epsilon" | "welch" | "n-for-eps" | "m-for-eps"> {
  return {
    outputs: {
      epsilon: plain(epsilon(n, m)),
      welch: plain(coherenceFloor(n, m)),
      "n-for-eps": count(neuronsForEpsilon(m, eps)),
      "m-for-eps": huge(featuresForEpsilon(n, eps)),
    },
  };
}

/**
 * An error rate as the calculators show it: the number in full in `value` (or `log10` beyond a
 * double), the text with only the digits its accuracy allows; 0 exactly.
 */
function rate(q: LogQuantity | 0, accuracy: Accuracy, kind: "probability" | "count"): Result {
  if (q === 0) return { value: 0, text: "0", accuracy: "exact" };
  const text = formatToAccuracy(q, accuracy, kind);
  return q.value !== undefined ? { value: q.value, text, accuracy: accuracy.kind } : { log10: q.log10, text, accuracy: accuracy.kind };
}

const log10Of = (q: LogQuantity | 0): number => (q === 0 ? -Infinity : q.log10);

/**
 * The accuracy of p_false_on (k = l), of p_false_off (k = l − 1), and of the misreads that add
 * them up, (m − l) p_false_on + l p_false_off.
 */
function rateAccuracies(
  n: number,
  m: number,
  l: number,
  pFalseOn: LogQuantity,
  pFalseOff: LogQuantity | 0,
): { on: Accuracy; off: Accuracy; misreads: Accuracy } {
  const on = tailRateAccuracy(n, l, pFalseOn.log10);
  const off: Accuracy = pFalseOff === 0 ? { kind: "exact" } : tailRateAccuracy(n, l - 1, pFalseOff.log10);
  const misreads = sumAccuracy([
    { log10: m > l ? Math.log10(m - l) + pFalseOn.log10 : -Infinity, accuracy: on },
    { log10: Math.log10(l) + log10Of(pFalseOff), accuracy: off },
  ]);
  return { on, off, misreads };
}

/** Expected misreads against ½ alone, as shown (the levels calculator's on/off reading). */
function misreadsResult(n: number, m: number, l: number): Result {
  const on = pFalseOn(n, l);
  return rate(expectedMisreads(n, m, l), rateAccuracies(n, m, l, on, pFalseOff(n, l)).misreads, "count");
}

/**
 * "All m read right" as shown: the fast value's digits where they are verified (rate-accuracy.ts),
 * a range of powers of ten elsewhere. Domain: a shape error-rates.ts accepts, and its all right.
 */
export function allRightResult(n: number, l: number, allRight: LogQuantity): Result {
  return rate(allRight, allRightAccuracy(n, l, allRight.log10), "probability");
}

/**
 * All right refined by the conditional Monte Carlo (rate-accuracy.ts, refineAllRight: about 40 ms,
 * so for a Web Worker or a result shown after the others): its estimate with two significant
 * figures when the Monte Carlo verifies it to 10 %, undefined when it does not (the fast result's
 * range then stands) or when the fast value is already verified or exact. Domain as
 * {@link errorRateResults}.
 */
export function refinedAllRightResult(n: number, m: number, l: number): Result | undefined {
  if (n > MAX_ERROR_RATE_NEURONS) return undefined;
  const fast = errorRates(n, m, l).allRight;
  if (allRightAccuracy(n, l, fast.log10).kind !== "range") return undefined;
  const refined = refineAllRight(n, m, l);
  if (refined === undefined || !refined.verified || refined.estimate === undefined) return undefined;
  return rate(refined.estimate, { kind: "verified" }, "probability");
}

/** Outputs of a shape the error rates do not cover (n beyond MAX_ERROR_RATE_NEURONS): said, not computed. */
const NOT_COMPUTED: Result = { text: `not computed beyond n = 2^30` };

/** The best single threshold as a number, and its ends said in words. */
function thresholdResult(threshold: number, n: number): Result {
  if (n === 1) return { value: threshold, text: "any (at n = 1 every threshold reads alike)" };
  if (threshold === 1) return { value: 1, text: "just below 1 (no misreads)" };
  if (threshold === 0) return { value: 0, text: "just above 0 (every feature is active)" };
  return { value: threshold, text: formatNumber(threshold, 3) };
}

/**
 * The error rates of random directions (error-rates.ts), the best single threshold and its
 * misreads (src/math/thresholds.ts), and the TopK reading's predicted misreads
 * (src/math/topk-misreads.ts), as the calculators show them: each rate with the digits its
 * accuracy allows (src/math/rate-accuracy.ts). Quadratures and searches: 5–20 ms.
 */
export function errorRateResults(n: number, m: number, l: number): Record<ErrorRateOutput, Result> {
  if (n > MAX_ERROR_RATE_NEURONS) {
    return {
      "p-false-on": NOT_COMPUTED,
      "p-false-off": NOT_COMPUTED,
      "expected-misreads": NOT_COMPUTED,
      "all-right": NOT_COMPUTED,
      "l-at-90": NOT_COMPUTED,
      "l-at-50": NOT_COMPUTED,
      "best-threshold": NOT_COMPUTED,
      "misreads-best-threshold": NOT_COMPUTED,
      "misreads-topk": NOT_COMPUTED,
    };
  }
  const rates: ErrorRates = errorRates(n, m, l);
  const accuracy = rateAccuracies(n, m, l, rates.pFalseOn, rates.pFalseOff);
  const limit = (x: number): Result => ({
    value: x,
    text: x === 0 ? "none: not even one" : x === m ? `${formatCount(x)}: every l` : formatCount(x),
  });
  const best = bestThreshold(n, m, l);
  const atBest =
    best.pFalseOn === 0
      ? { misreads: best.pFalseOff === 0 ? ({ kind: "exact" } as const) : tailRateAccuracy(n, l - 1, best.pFalseOff.log10) }
      : rateAccuracies(n, m, l, best.pFalseOn, best.pFalseOff);
  const topk = n >= 2 ? topkMisreads(n, m, l) : undefined;
  return {
    "p-false-on": rate(rates.pFalseOn, accuracy.on, "probability"),
    "p-false-off": rate(rates.pFalseOff, accuracy.off, "probability"),
    "expected-misreads": rate(rates.expectedMisreads, accuracy.misreads, "count"),
    "all-right": allRightResult(n, l, rates.allRight),
    "l-at-90": limit(rates.lAt90),
    "l-at-50": limit(rates.lAt50),
    "best-threshold": thresholdResult(best.threshold, n),
    "misreads-best-threshold": rate(best.misreads, atBest.misreads, "count"),
    "misreads-topk":
      topk === undefined
        ? { text: "not defined at n = 1 (the readouts tie)" }
        : rate(topk, topk === 0 ? { kind: "exact" } : topkAccuracy(l, topk.log10), "count"),
  };
}

/**
 * The error-rate outputs: chances of a misread, misreads per input, all m right, l at 90 % and 50 %,
 * the best single threshold and the misreads there, and the misreads of a TopK reading.
 */
export type ErrorRateOutput =
  | "p-false-on"
  | "p-false-off"
  | "expected-misreads"
  | "all-right"
  | "l-at-90"
  | "l-at-50"
  | "best-threshold"
  | "misreads-best-threshold"
  | "misreads-topk";

/** The outputs of the sparsity calculator. */
export type SparsityOutput = "noise" | "typical-noise" | "worst-noise" | "l-max" | "m-max" | "n-min" | ErrorRateOutput;

/** The sparsity calculator's outputs from the post's formulas: everything but the error rates. */
export type SparsityFormulaOutput = Exclude<SparsityOutput, ErrorRateOutput>;

/**
 * Noise ε√l (the post's estimate) and, beside it, the typical √(l/n) and worst-of-m
 * √(2 ln m · l/n) noise of a random embedding; the limits n/(8 ln m) and e^(n/8); the neurons l of
 * m features need; and whether the signal (one unit) beats the noise ε√l. Closed forms only:
 * microseconds. Domain: a valid scenario.
 */
export function sparsityFormulaResults({ n, m, l }: Scenario): CalculatorResults<SparsityFormulaOutput> {
  const noise = sparsityNoise(n, m, l);
  const beats = noise < 1;
  return {
    outputs: {
      noise: plain(noise),
      "typical-noise": plain(typicalNoise(n, l)),
      "worst-noise": plain(worstNoise(n, m, l)),
      "l-max": plain(maxActiveFeatures(n, m)),
      "m-max": huge(maxFeatures(n)),
      "n-min": count(neuronsForSparsity(m, l)),
    },
    verdict: beats
      ? { value: "signal", ok: true, text: "the signal (1) beats the noise" }
      : { value: "noise", ok: false, text: "the noise drowns the signal (ε√l ≥ 1)" },
  };
}

/**
 * Everything the sparsity calculator shows: {@link sparsityFormulaResults} and, for m random
 * directions read against ½, the error rates (error-rates.ts) with the l at which all m are still
 * read right 90 % and 50 % of the time, the best threshold and TopK ({@link errorRateResults}:
 * quadratures, milliseconds).
 * Domain: a valid scenario.
 */
export function sparsityResults(s: Scenario): CalculatorResults<SparsityOutput> {
  const formulas = sparsityFormulaResults(s);
  return { ...formulas, outputs: { ...formulas.outputs, ...errorRateResults(s.n, s.m, s.l) } };
}

/** The outputs of the levels calculator. */
export type LevelsOutput = "noise" | "levels" | "typical-levels" | "on-off-misreads" | "n-for-levels";

/**
 * Noise a·ε·√l, the post's distinguishable levels √(n/(8 l ln m)) (and at the typical noise of a
 * random embedding, √(n/l), larger by √(8 ln m)), the neurons k levels need, and whether fewer
 * than {@link BOOLEAN_ISH_LEVELS} levels leave a feature boolean-ish.
 */
export function levelsResults({ n, m, l, a, k }: Scenario): CalculatorResults<LevelsOutput> {
  const levels = activationLevels(n, m, l);
  return {
    outputs: {
      noise: huge(amplitudeNoise(n, m, l, a)),
      levels: plain(levels),
      "typical-levels": plain(typicalLevels(n, l)),
      // Two levels, on and off, read against ½: what the error rates say of the coarsest reading.
      "on-off-misreads": n > MAX_ERROR_RATE_NEURONS ? NOT_COMPUTED : misreadsResult(n, m, l),
      "n-for-levels": count(neuronsForLevels(m, l, k)),
    },
    verdict:
      levels < BOOLEAN_ISH_LEVELS
        ? { value: "boolean-ish", ok: false, text: "boolean-ish: little more than on or off" }
        : { value: "graded", ok: true, text: "more than on and off can be told apart" },
  };
}
