/**
 * The overlap t = ⟨u, v⟩ of a fixed unit vector u with a uniformly random unit vector v in ℝⁿ:
 * the one-dimensional law behind every readout of a random embedding.
 *
 *   n = 1:   v = ±u, so t = ±1, each with probability ½.
 *   n ≥ 2:   density c_n (1 − t²)^((n−3)/2) on [−1, 1], c_n = 1 / B(½, (n − 1)/2);
 *            t² ~ Beta(½, (n − 1)/2), hence for 0 ≤ s < 1
 *            P(t > s) = ½ P(t² > s²) = ½ I_{1−s²}((n − 1)/2, ½)
 *            (n = 2: t = cos θ with θ uniform, P(t > s) = arccos(s) / π; n = 3: t is uniform).
 *
 * Why exact and not the Gaussian t ≈ N(0, 1/n): the tails decide the error rates, and there the
 * Gaussian is far off: at n = 64, P(t > ½) is 1.11·10⁻⁵, the Gaussian says 3.17·10⁻⁵.
 */
import { fromLn, fromValue, type LogQuantity } from "./big-number.ts";
import { requireCount } from "./domain.ts";
import { lnBeta, lnIncompleteBeta, lnOneMinusExp } from "./special-functions.ts";

/**
 * Largest n the overlap tail and the error rates accept: 2^30 ≈ 1.07·10⁹ neurons, far beyond any
 * model's width. Why a limit: the continued fraction of the tail loses about n·3·10⁻¹⁷ of relative
 * accuracy where it converges slowest (checked against mpmath: 5·10⁻¹⁰ at n = 2^24, 2.5·10⁻⁸ at
 * 2^30, 10⁻⁶ at 2^40), so past this bound the digits would no longer be worth showing.
 */
export const MAX_ERROR_RATE_NEURONS = 2 ** 30;

/** n must be an integer 1 … 2^30 (see {@link MAX_ERROR_RATE_NEURONS}). */
export function requireNeurons(n: number): void {
  requireCount("n", n, 1);
  if (n > MAX_ERROR_RATE_NEURONS) throw new RangeError(`n must be at most 2^30 for the error rates, got ${n}`);
}

/** The normalising constant ln B(½, (n − 1)/2) of the overlap density, remembered for the last n. */
let cachedN = 0;
let cachedLnB = 0;
function lnNormaliser(n: number): number {
  if (n !== cachedN) {
    cachedLnB = lnBeta(0.5, (n - 1) / 2);
    cachedN = n;
  }
  return cachedLnB;
}

/**
 * ln P(t > s) for 0 ≤ s < 1, given s² and 1 − s² separately (a caller who knows s² as 1/(1 + E)
 * passes E/(1 + E) for 1 − s² with no rounding from the subtraction). n integer ≥ 2.
 * Always finite and at most ln ½.
 */
export function lnUpperTailFromSquares(n: number, sSquared: number, oneMinusSSquared: number): number {
  if (sSquared === 0) return -Math.LN2;
  return lnIncompleteBeta((n - 1) / 2, 0.5, oneMinusSSquared, sSquared, lnNormaliser(n)) - Math.LN2;
}

/**
 * ln(density(s) / P(t > s)) = −ln(d/ds ln P(t > s)), the hazard of the overlap at 0 ≤ s < 1,
 * given ln(1 − s²) and ln P(t > s); n ≥ 2. Used for the slopes of the error-rate integrands.
 */
export function lnOverlapDensityOverTail(n: number, lnOneMinusSSquared: number, lnTail: number): number {
  return ((n - 3) / 2) * lnOneMinusSSquared - lnNormaliser(n) - lnTail;
}

/** ln of the overlap density at t, c_n (1 − t²)^((n−3)/2), given ln(1 − t²); n ≥ 2. */
export function lnOverlapDensity(n: number, lnOneMinusTSquared: number): number {
  return ((n - 3) / 2) * lnOneMinusTSquared - lnNormaliser(n);
}

/**
 * ln P(t > s) for any s in [−1, 1): for n = 1, ln ½; for n ≥ 2 and s ≥ 0 the beta tail, and for
 * s < 0, by symmetry, ln(1 − P(t > −s)) (at least ln ½, so nothing is lost). n integer ≥ 1.
 */
export function lnOverlapTail(n: number, s: number): number {
  if (n === 1) return -Math.LN2;
  if (s === -1) return 0;
  if (s < 0) return lnOneMinusExp(lnOverlapTail(n, -s));
  return lnUpperTailFromSquares(n, s * s, (1 - s) * (1 + s));
}

/**
 * P(t > s): the probability that a uniformly random unit vector in ℝⁿ has overlap above s with a
 * fixed one, exactly (the beta law above, not the Gaussian shortcut). Carried in log space: at
 * n = 65 536 and s = ½ it is about 10⁻⁴⁰⁹⁶.
 * Domain: n integer 1 … 2^30, s a number in [−1, 1). Results: ½ for every such s when n = 1 (t = ±1);
 * for n ≥ 2 it falls from 1 at s = −1 through ½ at s = 0 towards 0 as s → 1, and is never 0.
 * Outside the domain (s ≥ 1, where the probability is 0; s < −1; NaN; n not a positive integer)
 * throws a RangeError naming the argument.
 */
export function overlapTail(n: number, s: number): LogQuantity {
  requireNeurons(n);
  if (!(s >= -1 && s < 1)) throw new RangeError(`s must be a number in [−1, 1), got ${s}`);
  // The exact cases exactly (½ and 1 would come back from log space a rounding off).
  if (n === 1) return fromValue(0.5);
  if (s === -1) return fromValue(1);
  return fromLn(lnOverlapTail(n, s));
}
