/**
 * Error rates for reading m random feature directions: the post's order-of-magnitude limits as
 * computed probabilities.
 *
 * Setting (the site's extension of "Some costs of superposition"): m unit vectors v₁ … v_m drawn
 * uniformly at random in ℝⁿ; an input activates l of them at amplitude 1, x = Σ_{active} vᵢ; every
 * feature f is read as r_f = ⟨v_f, x⟩ and counts as on when r_f > ½.
 *
 *   inactive f:  r_f = |x| t, t = ⟨v_f, x/|x|⟩ an overlap (overlap.ts), so it misreads when
 *                t > 1/(2|x|); given x, the m − l inactive readouts are independent (their
 *                directions are), and the chance of each is q(|x|) = P(t > 1/(2|x|)).
 *   active a:    r_a = 1 + ⟨v_a, y⟩, y the sum of the other l − 1, so it misreads when the
 *                overlap is below −1/(2|y|): by symmetry the same law, with l − 1 vectors.
 *
 *   p_false_on   = E q(|x|),  x a sum of l vectors              (does not depend on m)
 *   p_false_off  = E q(|y|),  y a sum of l − 1 vectors          (0 when l = 1)
 *   misreads     = (m − l) p_false_on + l p_false_off           (expected, per input)
 *   all right    = E[(1 − q(|x|))^(m−l) c] / E[c] · (1 − p_false_off)^l
 *
 * The first three are exact given the law of |x| (random-walk.ts: exact for l ≤ 2, a three-
 * cumulant shifted gamma beyond, within 0.3 % for n ≥ 8 in the bulk; the tails below). For n = 1 (every direction ±u)
 * everything is exact: all m read right only when the l active share a sign and the m − l
 * inactive have the other, probability 2^(1−m) whatever l.
 *
 * All right: the inactive readouts are independent given x (exact), but the active ones are tied
 * to |x| — they sum to |x|² — so a short x, which keeps the inactive readouts below ½, pulls the
 * active readouts down too. The site's notes multiply the two factors as if independent; that
 * overstates all right, by 2× at n = 64, m = 512, l = 4 and by orders of magnitude in deep tails.
 * Here c is the chance that all l active readouts are above ½ given |x| (active-readouts.ts), so
 * the inactive factor is averaged over the inputs in proportion to their chance of reading the
 * active features right. Exact for l = 1 and computed exactly for l = 2 (both active readouts
 * are 1 + ⟨v₁, v₂⟩). Beyond, a model, measured against a conditional Monte Carlo that draws the
 * active directions exactly (src/math/rates-monte-carlo.ts, scripts/checks/all-right-error-map.ts):
 * within 4 % wherever all right is at least 1 % (95 shapes, n = 16 … 2 304), but off in the tail
 * in either direction, by up to −61 % at 10⁻¹³ and +65 % at 10⁻⁷ (3 % of |log10| at most over the
 * shapes measured reliably). So its digits are shown only where verified, and a range of powers of
 * ten elsewhere (src/math/rate-accuracy.ts). p_false_on and p_false_off, from the same law of |x|,
 * are within 0.3 % down to 10⁻¹⁰⁰ and 6 % at 10⁻¹²⁰⁵, the deepest measured. All right falls with l
 * wherever n ≥ 12 and it is
 * above 10⁻¹¹; below n = 12 the model's few per cent can reorder neighbouring l near l = m, and
 * at n = 1 and 2 even p_false_on does not rise with l at every step (±u directions cancel in
 * pairs: at n = 1 an even number of active features can sum to 0).
 *
 * Probabilities are returned as {@link LogQuantity}: a misread at n = 65 536 can have probability
 * 10⁻¹⁰⁰⁰, and all right at large l 10⁻¹⁰⁰⁰⁰. Arguments outside the domain throw a RangeError
 * naming the argument; nothing returns NaN or Infinity.
 */
import { fromLn, type LogQuantity } from "./big-number.ts";
import { requireActive, requireCount } from "./domain.ts";
import { requireNeurons } from "./overlap.ts";
import { lnAllBelowGivenActivesRight } from "./active-readouts.ts";
import { lnAllBelow, lnAllBelowOne, lnMeanTail, lnPairAndAllBelow } from "./random-walk.ts";
import { lnAddExp, lnBeta, lnOneMinusExp } from "./special-functions.ts";

export { MAX_ERROR_RATE_NEURONS, overlapTail } from "./overlap.ts";

function requireShape(n: number, m: number, l: number): void {
  requireNeurons(n);
  requireCount("m", m, 2);
  requireActive(l, m);
}

/**
 * n = 1: ln P(S_k = 0) for the walk S_k of k random signs: C(k, k/2) / 2^k for even k, written
 * with Γ's duplication formula as B(k/2 + ½, ½) / π so that no factorial overflows.
 */
function lnSignWalkAtZero(k: number): number {
  if (k === 0) return 0;
  if (k % 2 === 1) return -Infinity;
  return lnBeta(k / 2 + 0.5, 0.5) - Math.log(Math.PI);
}

/**
 * ln E q_τ(|x|), q_τ(r) = P(t > τ/r), x the sum of k random unit vectors: the log of the chance
 * that one more random direction reads above the threshold τ (½ unless given; thresholds.ts asks
 * for others). n = 1: the direction is ±x/|x| and |x| is a whole number, so ½ P(x ≠ 0) for every
 * τ ≤ 1. Capped at ln ½ (q ≤ ½ because τ/|x| > 0), against the last digit of the quadrature.
 * Domain: n integer 1 … 2^30, k integer ≥ 1, 0 < τ ≤ 1 (< 1 when k = 1 and n ≥ 2: a lone
 * direction reads 1 against itself, and no other reads above 1, so the log would be −∞).
 */
export function lnReadsAbove(n: number, k: number, threshold = 0.5): number {
  if (n === 1) return -Math.LN2 + lnOneMinusExp(lnSignWalkAtZero(k));
  return Math.min(-Math.LN2, lnMeanTail(n, k, threshold));
}

/** The quantities of one (n, m), each computed at most once per l. */
export interface Shape {
  readonly n: number;
  readonly m: number;
  /** ln p_false_on at l (= ln p_false_off at l + 1). */
  lnFalseOn(l: number): number;
  /** ln of all right at l. */
  lnAllRight(l: number): number;
}

/**
 * The last shape asked for, with everything computed for it so far: a reader dragging l keeps n
 * and m, and the l at 90 % and 50 % (searches over l, a few milliseconds) depend on n and m only.
 * Pure in effect: a cache of deterministic values.
 */
let lastShape: Shape | undefined;

function shape(n: number, m: number): Shape {
  if (lastShape !== undefined && lastShape.n === n && lastShape.m === m) return lastShape;
  lastShape = newShape(n, m);
  return lastShape;
}

function newShape(n: number, m: number): Shape {
  const falseOn = new Map<number, number>();
  const allRightAt = new Map<number, number>();
  const self: Shape = {
    n,
    m,
    lnFalseOn(l) {
      let value = falseOn.get(l);
      if (value === undefined) falseOn.set(l, (value = lnReadsAbove(n, l)));
      return value;
    },
    lnAllRight(l) {
      let value = allRightAt.get(l);
      if (value === undefined) allRightAt.set(l, (value = Math.min(0, computeAllRight(self, l))));
      return value;
    },
  };
  return self;
}

/**
 * Beyond this l the tied active readouts are not computed: their factor's l·(…) terms leave double
 * range near l = 10³⁰⁸, and all right is below 2^(−l) < 10^(−2·10¹⁵) anyway (each of the l active
 * readouts is below ½ with probability near ½ once l ≫ n). There the mean-field product
 * (1 − p_false_on)^(m−l) (1 − p_false_off)^l stands in.
 */
const LARGEST_TIED_L = Number.MAX_SAFE_INTEGER;

function computeAllRight({ n, m, lnFalseOn }: Shape, l: number): number {
  if (n === 1) return (1 - m) * Math.LN2;
  if (l === 1) return lnAllBelowOne(n, m - 1);
  if (l === 2) return lnPairAndAllBelow(n, m - 2);
  const active = lnAllBelow(l, lnFalseOn(l - 1));
  if (l > LARGEST_TIED_L) return lnAllBelow(m - l, lnFalseOn(l)) + active;
  return lnAllBelowGivenActivesRight(n, l, m - l) + active;
}

function lnExpectedMisreads(s: Shape, l: number): number {
  const inactive = s.m > l ? Math.log(s.m - l) + s.lnFalseOn(l) : -Infinity;
  const active = l > 1 ? Math.log(l) + s.lnFalseOn(l - 1) : -Infinity;
  return lnAddExp(inactive, active);
}

/**
 * p_false_on: the probability that an inactive feature reads above ½ when l random features are
 * active, E q(|x|) with q(r) = P(t > 1/(2r)) and x the sum of the l active directions. Independent
 * of m. Rises with l (towards ½), falls with n. Domain: n integer 1 … 2^30, l integer ≥ 1.
 */
export function pFalseOn(n: number, l: number): LogQuantity {
  requireNeurons(n);
  requireActive(l);
  return fromLn(lnReadsAbove(n, l));
}

/**
 * p_false_off: the probability that an active feature reads below ½, E q(|y|) with y the sum of
 * the other l − 1 active directions; equal to p_false_on at l − 1. Exactly 0 when l = 1 (a lone
 * active feature reads exactly 1), returned as the number 0. Domain as {@link pFalseOn}.
 */
export function pFalseOff(n: number, l: number): LogQuantity | 0 {
  requireNeurons(n);
  requireActive(l);
  return l === 1 ? 0 : fromLn(lnReadsAbove(n, l - 1));
}

/**
 * Expected misreads per input: (m − l) p_false_on + l p_false_off, the features read wrongly
 * with the threshold at ½. Always > 0. Rises with m and l, falls with n.
 * Domain: n integer 1 … 2^30, m integer ≥ 2, l integer 1 … m.
 */
export function expectedMisreads(n: number, m: number, l: number): LogQuantity {
  requireShape(n, m, l);
  return fromLn(lnExpectedMisreads(shape(n, m), l));
}

/**
 * The probability that all m features of one input are read right:
 * E[(1 − q(|x|))^(m−l) c] / E[c] · (1 − p_false_off)^l, c the chance that the l active readouts
 * are all above ½ given |x| (see the file comment); exact for n = 1 and l ≤ 2; beyond, within 4 %
 * of Monte Carlo where at least 1 % and off by up to about a factor of 2 deeper in the tail (file
 * comment): show it through src/math/rate-accuracy.ts. In (0, 1]; falls with m, rises with n, falls with l (for n ≥ 12
 * wherever it is above 10⁻¹¹).
 * Domain: n integer 1 … 2^30, m integer ≥ 2, l integer 1 … m.
 */
export function allRight(n: number, m: number, l: number): LogQuantity {
  requireShape(n, m, l);
  return fromLn(shape(n, m).lnAllRight(l));
}

/**
 * "l at p": the largest number of active features l (1 ≤ l ≤ m) for which all m features are
 * still read right with probability at least p, so that allRight(lAt) ≥ p > allRight(lAt + 1).
 * Returns 0 when even l = 1 fails (allRight(n, m, 1) < p: too many features for n neurons to
 * read even one at a time), and m when every l up to m passes.
 * Domain: n integer 1 … 2^30, m integer ≥ 2, 0 < probability < 1.
 */
export function lAt(n: number, m: number, probability: number): number {
  requireNeurons(n);
  requireCount("m", m, 2);
  requireProbability(probability);
  return largestPassing(shape(n, m), Math.log(probability));
}

function requireProbability(p: number): void {
  if (!(p > 0 && p < 1)) throw new RangeError(`probability must be a number strictly between 0 and 1, got ${p}`);
}

/** Where reading every one of m features right stops being likely, for one (n, m). */
export interface AllRightBand {
  /** {@link lAt} at 90 %. */
  readonly lAt90: number;
  /** {@link lAt} at 50 %. */
  readonly lAt50: number;
}

/**
 * The l at which all m random features are still read right 90 % and 50 % of the time: the band
 * where reading every feature goes from likely to a coin toss. Domain as {@link lAt}.
 */
export function allRightBand(n: number, m: number): AllRightBand {
  requireNeurons(n);
  requireCount("m", m, 2);
  const s = shape(n, m);
  const lAt90 = largestPassing(s, Math.log(0.9));
  // All right at lAt90 is ≥ 90 % ≥ 50 %, so the second search starts there.
  return { lAt90, lAt50: largestPassing(s, Math.log(0.5), Math.max(1, lAt90)) };
}

/** Everything the error-rate readouts show for one (n, m, l). */
export interface ErrorRates {
  readonly pFalseOn: LogQuantity;
  /** 0 when l = 1. */
  readonly pFalseOff: LogQuantity | 0;
  readonly expectedMisreads: LogQuantity;
  readonly allRight: LogQuantity;
  /** {@link lAt} at 90 %. */
  readonly lAt90: number;
  /** {@link lAt} at 50 %. */
  readonly lAt50: number;
}

/**
 * All error rates of one (n, m, l) at once, sharing the work: the l-searches reuse each other's
 * evaluations and the values at l. Same results as the single functions, same domain as
 * {@link allRight}.
 */
export function errorRates(n: number, m: number, l: number): ErrorRates {
  requireShape(n, m, l);
  const s = shape(n, m);
  return {
    pFalseOn: fromLn(s.lnFalseOn(l)),
    pFalseOff: l === 1 ? 0 : fromLn(s.lnFalseOn(l - 1)),
    expectedMisreads: fromLn(lnExpectedMisreads(s, l)),
    allRight: fromLn(s.lnAllRight(l)),
    ...allRightBand(n, m),
  };
}

// ---- Searching l: the largest l at which all m are still read right with a given chance ----
// All right falls with l, so a bracket search, started from an estimate and narrowed by
// interpolation, finds it in a handful of evaluations, each of which the shape caches.

/**
 * A first guess of the largest l with all right ≥ p: with |x| ≈ √l and t ≈ N(0, 1/n), each of the
 * m inactive features misreads with probability Φ̄(√(n/(4l))), and all right ≈ e^(−m Φ̄) = p when
 * Φ̄(z) = −ln p / m =: P. The Gaussian tail inverts as z ≈ √(y − ln y), y = −2 ln(P √(2π)), to a
 * few per cent for small P; then l ≈ n/(4z²). Only a starting point for the search.
 */
function estimateLargestPassing(n: number, m: number, lnP: number): number {
  const y = -2 * (Math.log(-lnP) - Math.log(m) + 0.5 * Math.log(2 * Math.PI));
  const zSquared = y > 2 ? y - Math.log(y) : 0.5;
  return n / (4 * zSquared);
}

/**
 * The largest l in 1 … m with ln all right ≥ ln p, 0 if there is none. All right falls with l, so
 * the search keeps a bracket lo (passes) < hi (fails): it probes at the estimate above, steps away
 * from it by factors 1.05, 1.05², 1.05⁴ … until the bracket closes, then narrows it by interpolation.
 * −ln(all right) is about (m − l) e^(−n/(8l)), so ln(−ln all right) is nearly linear in 1/l, and
 * interpolating it there usually lands within one of the answer; while the bracket is wide the
 * guess keeps a tenth of it on either side, so a poor guess still shrinks it.
 * `knownToPass` is an l already known to pass (1 when none is).
 */
function largestPassing(s: Shape, lnP: number, knownToPass = 1): number {
  const { m } = s;
  if (knownToPass === 1 && s.lnAllRight(1) < lnP) return 0;
  let lo = knownToPass;
  if (lo >= m) return m;
  let hi = 0;
  const estimate = Math.round(estimateLargestPassing(s.n, m, lnP));
  let factor = 1.05;
  if (estimate > lo) {
    const probe = Math.min(m, estimate);
    if (s.lnAllRight(probe) >= lnP) lo = probe;
    else hi = probe;
  }
  while (hi === 0) {
    if (lo >= m) return m;
    const probe = Math.min(m, Math.max(lo + 1, Math.round(lo * factor)));
    if (s.lnAllRight(probe) >= lnP) lo = probe;
    else hi = probe;
    factor *= factor;
  }
  // Estimate too high: step down from it until one passes (or lo, known to pass, is reached).
  for (let probe = Math.round(hi / factor); probe > lo && lo < hi - 1; probe = Math.round(hi / factor)) {
    if (s.lnAllRight(probe) >= lnP) {
      lo = probe;
      break;
    }
    hi = probe;
    factor *= factor;
  }
  const target = Math.log(-lnP);
  while (hi - lo > 1) {
    const gLo = Math.log(-s.lnAllRight(lo));
    const gHi = Math.log(-s.lnAllRight(hi));
    let guess = 1 / (1 / lo + ((target - gLo) / (gHi - gLo)) * (1 / hi - 1 / lo));
    if (!Number.isFinite(guess)) guess = Math.sqrt(lo * hi);
    const margin = hi - lo > 16 ? (hi - lo) / 10 : 0;
    const mid = Math.round(Math.min(hi - 1 - margin, Math.max(lo + 1 + margin, guess)));
    if (!(mid > lo && mid < hi)) break; // beyond 2^53, where neighbouring integers merge
    if (s.lnAllRight(mid) >= lnP) lo = mid;
    else hi = mid;
  }
  return lo;
}
