/**
 * The error rates of m random directions read against a threshold (src/math/error-rates.ts), the
 * best single threshold (src/math/thresholds.ts) and a TopK reading (src/math/topk-misreads.ts), as
 * the site shows them: each rate with the digits its accuracy allows (src/math/rate-accuracy.ts).
 * Shared by the sparsity and levels calculators, the simulation's tables and the pages' prose.
 */
import type { LogQuantity } from "../math/big-number.ts";
import { errorRates, expectedMisreads, MAX_ERROR_RATE_NEURONS, pFalseOff, pFalseOn, type ErrorRates } from "../math/error-rates.ts";
import { allRightAccuracy, refineAllRightSteps, sumAccuracy, tailRateAccuracy, topkAccuracy, type Accuracy } from "../math/rate-accuracy.ts";
import { MAX_MONTE_CARLO_ACTIVE } from "../math/rates-monte-carlo.ts";
import { bestThreshold } from "../math/thresholds.ts";
import { topkMisreads } from "../math/topk-misreads.ts";
import { formatCount, formatNumber } from "./format.ts";
import { rate, type Result } from "./shown.ts";
import { runToEnd } from "../math/run-to-end.ts";

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
  const misreads = sumAccuracy(
    [
      { log10: m > l ? Math.log10(m - l) + pFalseOn.log10 : -Infinity, rateLog10: pFalseOn.log10, accuracy: on },
      { log10: Math.log10(l) + log10Of(pFalseOff), rateLog10: log10Of(pFalseOff), accuracy: off },
    ],
    Math.log10(m),
  );
  return { on, off, misreads };
}

/** Expected misreads against ½ alone, as shown (the levels calculator's on/off reading). */
export function misreadsResult(n: number, m: number, l: number): Result {
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
 * All right refined by the conditional Monte Carlo (rate-accuracy.ts, refineAllRight: 40–100 ms,
 * so for a Web Worker: src/features/calculators/engine/later-results.ts): its estimate with two
 * significant figures when the Monte Carlo verifies it to 10 %, undefined when it does not (the
 * fast result's range then stands) or when the fast value is already verified or exact. Domain as
 * {@link errorRateResults}.
 */
export function refinedAllRightResult(n: number, m: number, l: number): Result | undefined {
  if (n > MAX_ERROR_RATE_NEURONS || !allRightNeedsRefining(n, l, allRightResult(n, l, errorRates(n, m, l).allRight))) return undefined;
  return runToEnd(refinedAllRightSteps(n, m, l));
}

/**
 * Whether all right, as shown (`allRightShown`, from {@link errorRateResults}), is one the Monte
 * Carlo may refine: shown as a range, with n ≥ 2 and l within the Monte Carlo's limit.
 */
export function allRightNeedsRefining(n: number, l: number, allRightShown: Result): boolean {
  return n >= 2 && n <= MAX_ERROR_RATE_NEURONS && l <= MAX_MONTE_CARLO_ACTIVE && allRightShown.accuracy === "range";
}

/**
 * The Monte Carlo of {@link refinedAllRightResult} as a generator that yields about every
 * millisecond, for a Web Worker, whatever the fast value (the caller asks
 * {@link allRightNeedsRefining} first): the verified estimate, or undefined. Domain: a shape
 * error-rates.ts accepts with n ≥ 2.
 */
export function* refinedAllRightSteps(n: number, m: number, l: number): Generator<void, Result | undefined, void> {
  const refined = yield* refineAllRightSteps(n, m, l);
  if (refined === undefined || !refined.verified || refined.estimate === undefined) return undefined;
  return rate(refined.estimate, { kind: "verified" }, "probability");
}

/** Outputs of a shape the error rates do not cover (n beyond MAX_ERROR_RATE_NEURONS): said, not computed. */
export const NOT_COMPUTED: Result = { text: `not computed beyond n = 2^30` };

/** The best single threshold as a number, and its ends said in words. */
function thresholdResult(threshold: number, n: number, m: number, l: number): Result {
  if (n === 1) return { value: threshold, text: "any (at n = 1 every threshold reads alike)" };
  if (threshold === 1) return { value: 1, text: l === 1 ? "just below 1 (no misreads)" : "just below 1 (the misreads fall all the way to 1)" };
  if (threshold === 0)
    return { value: 0, text: l === m ? "just above 0 (every feature is active)" : "just above 0 (the misreads fall all the way to 0)" };
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
    "best-threshold": thresholdResult(best.threshold, n, m, l),
    "misreads-best-threshold": rate(best.misreads, atBest.misreads, "count"),
    "misreads-topk":
      topk === undefined
        ? { text: "not defined at n = 1 (the readouts tie)" }
        : rate(topk, topk === 0 ? { kind: "exact" } : topkAccuracy(n, l, topk.log10), "count"),
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
