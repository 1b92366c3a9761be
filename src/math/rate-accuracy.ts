/**
 * How accurately each error rate of m random directions is known, and so how the calculators may
 * show it: with digits where it is verified to within 10 % of the true value, as a range of powers
 * of ten where nothing verified reaches that.
 *
 * Measured (scripts/checks/all-right-error-map.ts, the fast quadratures of error-rates.ts against
 * the conditional Monte Carlo of rates-monte-carlo.ts; scripts/checks/all_right_mc.py repeats part
 * of it in numpy):
 *
 *   p_false_on, p_false_off   exact for l ≤ 2 (n = 1: always). Beyond, from the three-cumulant
 *   (and the misreads they    law of |x|: within 0.3 % down to 10⁻¹⁰ at every n ≥ 8, 1.4 % at
 *   add up to, at ½ or the    10⁻³⁰³ (n = 16 384, l = 3), 5.7 % at 10⁻¹²⁰⁵ (n = 65 536, l = 3, the
 *   best threshold)           deepest measured), 3.5 % at n = 2. Verified to 10⁻¹²⁰⁰.
 *   all right                 exact for l ≤ 2 and n = 1. Beyond, within 3.9 % wherever it is at
 *                             least 1 % (95 shapes, n = 16 … 2 304, l = 3 … 32); below that the
 *                             error grows with the depth of the tail and the share of active
 *                             features, in either direction: −27 % at 6.3·10⁻⁷ (n = 128, m = 1 024,
 *                             l = 8), −61 % at 3.6·10⁻¹³ (256, 2 048, 16), −46 % at 6·10⁻²²
 *                             (Gemma Scope 2B 16k, L0 82), +65 % at 1.4·10⁻⁷ (128, 786 432, 3).
 *                             In logarithms, at most 3.2 % of |log10 P| over the 61 shapes measured
 *                             reliably in the tail (4.8 % counting the unreliable ones), so a range
 *                             of ±10 % of the exponent (at least ±1) is shown there.
 *
 * The Monte Carlo itself can stand in for the fast value where it converges quickly (small l, a
 * tail within reach of its tilt): {@link refineAllRight}, 40–100 ms, for a Web Worker or a result
 * shown after the others (the calculators' own later results stay within a frame's budget).
 */
import { fromLn, type LogQuantity } from "./big-number.ts";
import { allRightMonteCarloSteps, MAX_MONTE_CARLO_ACTIVE } from "./rates-monte-carlo.ts";
import { runToEnd } from "./run-to-end.ts";

/** How a value may be shown. */
export type Accuracy =
  /** Computed exactly (to the quadrature's 10⁻⁹): three significant figures. */
  | { readonly kind: "exact" }
  /** Verified to within 10 % of the true value: two significant figures. */
  | { readonly kind: "verified" }
  /** Known to about 25 %: one significant figure, said to be approximate ("about 0.7"). */
  | { readonly kind: "about" }
  /** Known only to within a range of powers of ten: lowLog10 ≤ log10 of the value ≤ highLog10. */
  | { readonly kind: "range"; readonly lowLog10: number; readonly highLog10: number }
  /** Known only from above: log10 of the value ≤ highLog10 (a prediction measured never to fall short). */
  | { readonly kind: "below"; readonly highLog10: number };

/** All right is shown with the fast method's digits from this log10 up (1 %), at n ≥ {@link ALL_RIGHT_DIGITS_FROM_N}. */
export const ALL_RIGHT_DIGITS_FROM_LOG10 = -2;
/** The smallest n of the measured grid. */
export const ALL_RIGHT_DIGITS_FROM_N = 16;
/** The rates p_false_on, p_false_off (and misreads) are verified down to this log10. */
export const TAIL_RATES_VERIFIED_TO_LOG10 = -1200;
/** Half-width of a range, as a share of |log10| (three times the largest error measured reliably). */
export const RANGE_SHARE = 0.1;

/**
 * The range shown for a value whose log10 is `log10` but whose digits are not verified: ±10 % of
 * |log10|, at least ±1, widened outward to whole powers of ten, and no higher than `mostLog10`
 * (0 for a probability; a count's largest possible value otherwise).
 */
export function rangeAround(log10: number, mostLog10 = 0): Accuracy {
  const half = Math.max(1, RANGE_SHARE * Math.abs(log10));
  return { kind: "range", lowLog10: Math.floor(log10 - half), highLog10: Math.min(mostLog10, Math.ceil(log10 + half)) };
}

/**
 * How the fast "all right" of (n, m, l) may be shown, given its log10: exact for n = 1 and l ≤ 2;
 * verified at log10 ≥ −2 and n ≥ 16; otherwise a range. Domain: the shapes error-rates.ts accepts.
 */
export function allRightAccuracy(n: number, l: number, log10: number): Accuracy {
  if (n === 1 || l <= 2) return { kind: "exact" };
  if (log10 >= ALL_RIGHT_DIGITS_FROM_LOG10 && n >= ALL_RIGHT_DIGITS_FROM_N) return { kind: "verified" };
  return rangeAround(log10);
}

/**
 * How p_false_on (k = l), p_false_off (k = l − 1) or a sum of them may be shown, given the log10 of
 * the smallest term: exact when every term comes from k ≤ 2 (or n = 1), verified down to 10⁻¹²⁰⁰,
 * a range below. `largestK` is the largest number of summed directions among the terms.
 */
export function tailRateAccuracy(n: number, largestK: number, smallestLog10: number): Accuracy {
  if (n === 1 || largestK <= 2) return { kind: "exact" };
  if (smallestLog10 >= TAIL_RATES_VERIFIED_TO_LOG10) return { kind: "verified" };
  return rangeAround(smallestLog10);
}

/**
 * How the sum (m − l) p_false_on + l p_false_off may be shown, from the log10 of its two terms
 * (−∞ for a term that is 0), each term's accuracy (that of its rate) and the largest log10 the sum
 * can have: a term below 1 % of the other cannot move the sum by more than 1 %, so the larger
 * term's accuracy stands; otherwise the worse of the two. A range is the rate's range carried
 * over to the sum: moved by the sum's log10 less the rate's, as wide as it was.
 */
export function sumAccuracy(
  terms: readonly { readonly log10: number; readonly rateLog10: number; readonly accuracy: Accuracy }[],
  mostLog10: number,
): Accuracy {
  const rank = (a: Accuracy): number => ({ exact: 0, verified: 1, about: 2, below: 3, range: 4 })[a.kind];
  const largest = Math.max(...terms.map((t) => t.log10));
  const counted = terms.filter((t) => t.log10 > largest - 2);
  const worst = counted.reduce((worst, t) => (rank(t.accuracy) > rank(worst.accuracy) ? t : worst));
  if (worst.accuracy.kind !== "range") return worst.accuracy;
  const sumLog10 = largest + Math.log10(terms.reduce((sum, t) => sum + 10 ** (t.log10 - largest), 0));
  const shift = sumLog10 - worst.rateLog10;
  return {
    kind: "range",
    lowLog10: Math.floor(worst.accuracy.lowLog10 + shift),
    highLog10: Math.min(mostLog10, Math.ceil(worst.accuracy.highLog10 + shift)),
  };
}

/** TopK's prediction is verified to 10 % from this many neurons up (where it misreads 2 or more). */
export const TOPK_VERIFIED_FROM_N = 16;

/**
 * How the TopK prediction (topk-misreads.ts) may be shown, from its log10, by its measured error
 * against simulations of random directions (TOPK_VERIFIED_ERROR and TOPK_ABOUT_ERROR there;
 * tests/unit/topk-misreads.test.ts holds each figure): exact for l ≤ 2 and when it is 0. From 2
 * misreads per input up, verified at n ≥ 16 (within 6 %) and "about" below 16 neurons (within
 * 21 %); from 1 to 2, "about" (within 15 %). Below 1 the mean field overstates, by up to 45 % near
 * 1 and tenfold in the tail, and no measurement fell short of it by more than two standard errors:
 * it is shown as what it is there, a bound from above.
 */
export function topkAccuracy(n: number, l: number, log10: number): Accuracy {
  if (l <= 2) return { kind: "exact" };
  if (log10 >= Math.log10(2)) return n >= TOPK_VERIFIED_FROM_N ? { kind: "verified" } : { kind: "about" };
  if (log10 >= 0) return { kind: "about" };
  return { kind: "below", highLog10: log10 };
}

/** Work of one refinement, in the units below (40–100 ms of one core). */
const REFINE_WORK = 4e5;
/** A refinement counts when its standard error is within 1/30 (10 % is then 3 standard errors) … */
const REFINE_RELATIVE_ERROR = 1 / 30;
/** … and at least this many draws carry it (Kish), so that the standard error itself is sound. */
const REFINE_EFFECTIVE_DRAWS = 200;

/** A Monte Carlo refinement of all right, and whether it verifies the value to 10 %. */
export interface RefinedAllRight {
  readonly estimate: LogQuantity | undefined;
  readonly relativeError: number;
  readonly draws: number;
  readonly effectiveDraws: number;
  /** Whether the estimate is within 10 % of the true value (3.3 standard errors). */
  readonly verified: boolean;
}

/**
 * All right by the conditional Monte Carlo with a fixed budget: draws = 4·10⁵ / (l·min(l, n)/2 + 3l)
 * (each draw costs about that many random numbers; 40–100 ms in all), seed 1, so the same shape
 * always gives the same estimate. Verified when its standard error is within 1/30 (10 % is three
 * standard errors) and at least 200 effective draws carry it; undefined when l is beyond the Monte Carlo's limit or n = 1 (exact
 * anyway). Domain: n integer 1 … 2^30, m integer ≥ 2, l integer 1 … m.
 */
export function refineAllRight(n: number, m: number, l: number): RefinedAllRight | undefined {
  return runToEnd(refineAllRightSteps(n, m, l));
}

/**
 * {@link refineAllRight} as a generator that yields every 64 draws (a millisecond or less), for a
 * Web Worker that takes messages between them; the same result. Same domain.
 */
export function* refineAllRightSteps(n: number, m: number, l: number): Generator<void, RefinedAllRight | undefined, void> {
  if (n === 1 || l > MAX_MONTE_CARLO_ACTIVE) return undefined;
  const perDraw = (l * Math.min(l, n)) / 2 + 3 * l;
  const draws = Math.max(1, Math.floor(REFINE_WORK / perDraw));
  const steps = allRightMonteCarloSteps(n, m, l, { draws, seed: 1 });
  let step = steps.next();
  while (!step.done) {
    yield;
    step = steps.next();
  }
  const mc = step.value;
  const estimate = mc.lnEstimate === -Infinity ? undefined : fromLn(Math.min(0, mc.lnEstimate));
  return {
    estimate,
    relativeError: mc.relativeError,
    draws: mc.draws,
    effectiveDraws: mc.effectiveDraws,
    verified: estimate !== undefined && mc.relativeError <= REFINE_RELATIVE_ERROR && mc.effectiveDraws >= REFINE_EFFECTIVE_DRAWS,
  };
}
