/**
 * What random directions would give at the dictionary's own n and m, computed (not simulated), to
 * set beside its measured geometry:
 *
 *   random-rms     1/√n: the RMS overlap of two independent uniform unit vectors in ℝⁿ;
 *   random-worst   E[max_{j=1…m−1} |t_j|]: the expected largest |overlap| of one latent with m − 1
 *                  random others, t_j independent with the exact overlap law of overlap.ts
 *                  (density ∝ (1 − t²)^((n−3)/2)); with F(s) = P(|t| ≤ s) = 1 − 2·P(t > s),
 *                  E[max] = ∫₀¹ P(max > s) ds = ∫₀¹ (1 − F(s)^(m−1)) ds, integrated numerically;
 *   welch          the Welch floor √((m − n)/(n(m − 1))) (packing.ts), below which no arrangement's
 *                  RMS or largest overlap can go;
 *   post-epsilon   the post's ε = √(8 ln m / n) (formulas.ts);
 *   pairs above s  the expected number of the m(m − 1)/2 pairs with |overlap| > s, m(m − 1)·P(t > s);
 *   and the |cos| histogram random directions would give: expected pairs per bin,
 *   pairs · P(a ≤ |t| < b) = pairs · 2·(P(t > a) − P(t > b)).
 */
import { fromLn, type LogQuantity } from "../../../math/big-number.ts";
import { epsilon } from "../../../math/formulas.ts";
import { lnOverlapTail } from "../../../math/overlap.ts";
import { welchBound } from "../../../math/packing.ts";
import { DictionaryFileError } from "./errors.ts";

/** The comparison values at one (n, m). */
export interface RandomComparison {
  readonly randomRms: number;
  readonly randomWorst: number;
  readonly welch: number;
  readonly postEpsilon: number;
}

function requireShape(n: number, m: number): void {
  if (!Number.isInteger(n) || n < 1 || n > 2 ** 30)
    throw new DictionaryFileError("request", `n must be an integer 1 … 2^30 for the random comparison, got ${n}`);
  if (!Number.isInteger(m) || m < 2) throw new DictionaryFileError("request", `the random comparison needs at least 2 live latents, got ${m}`);
}

/** ln P(|t| ≤ s) for 0 ≤ s < 1 (−Infinity at s = 0), n ≥ 2. */
function lnOverlapCdfAbs(n: number, s: number): number {
  return Math.log1p(-2 * Math.exp(lnOverlapTail(n, s)));
}

/** P(max of `others` independent |t| > s) = 1 − F(s)^others, without cancellation. */
function maxExceeds(n: number, others: number, s: number): number {
  if (s <= 0) return 1;
  if (s >= 1) return 0;
  return -Math.expm1(others * lnOverlapCdfAbs(n, s));
}

/** 16-point Gauss–Legendre nodes and weights on [−1, 1] (positive half; symmetric). */
const GL_NODES = [
  0.0950125098376374, 0.2816035507792589, 0.4580167776572274, 0.6178762444026438, 0.755404408355003, 0.8656312023878318, 0.9445750230732326,
  0.9894009349916499,
];
const GL_WEIGHTS = [
  0.1894506104550685, 0.1826034150449236, 0.1691565193950025, 0.1495959888165767, 0.1246289712555339, 0.0951585116824928, 0.0622535239386479,
  0.0271524594117541,
];

/**
 * random-worst: the expected largest |overlap| of one unit vector with m − 1 independent uniform
 * unit vectors in ℝⁿ, ∫₀¹ (1 − F(s)^(m−1)) ds. The integrand falls from 1 to 0 across a narrow
 * band around √(2 ln m / n); the band's ends [a, b] are found by bisection (integrand within 10⁻¹⁵
 * of 1 below a, under 10⁻¹⁵ above b), the integral is a + ∫_a^b by 64 panels of 16-point
 * Gauss–Legendre: accurate to about 10⁻¹², far below anything measured.
 * n = 1: every |overlap| is 1, so 1. Domain: n integer 1 … 2^30, m integer ≥ 2; otherwise a
 * {@link DictionaryFileError} "request".
 */
export function randomWorstOverlap(n: number, m: number): number {
  requireShape(n, m);
  if (n === 1) return 1;
  const others = m - 1;
  const bisect = (test: (s: number) => boolean): number => {
    // The smallest s in [0, 1] where test(s) holds, test monotone false → true.
    let lo = 0;
    let hi = 1;
    for (let i = 0; i < 60; i++) {
      const mid = (lo + hi) / 2;
      if (test(mid)) hi = mid;
      else lo = mid;
    }
    return hi;
  };
  const a = bisect((s) => maxExceeds(n, others, s) < 1 - 1e-15) * 0.999;
  const b = Math.min(1, bisect((s) => maxExceeds(n, others, s) < 1e-15) * 1.001 + 1e-12);
  const panels = 64;
  const width = (b - a) / panels;
  let integral = a;
  for (let p = 0; p < panels; p++) {
    const mid = a + (p + 0.5) * width;
    let panel = 0;
    for (let q = 0; q < GL_NODES.length; q++) {
      const offset = (GL_NODES[q]! * width) / 2;
      panel += GL_WEIGHTS[q]! * (maxExceeds(n, others, mid - offset) + maxExceeds(n, others, mid + offset));
    }
    integral += (panel * width) / 2;
  }
  return integral;
}

/**
 * The comparison values for a dictionary of m live latents in ℝⁿ (see the module header).
 * Domain: n integer 1 … 2^30, m integer ≥ 2; otherwise a {@link DictionaryFileError} "request".
 */
export function randomComparison(n: number, m: number): RandomComparison {
  requireShape(n, m);
  return { randomRms: 1 / Math.sqrt(n), randomWorst: randomWorstOverlap(n, m), welch: welchBound(n, m), postEpsilon: epsilon(n, m) };
}

/**
 * Expected number of `pairs` random pairs whose |overlap| falls in each of `bins` equal bins over
 * [0, 1] (bin b: b/bins ≤ |t| < (b + 1)/bins, the last bin closed at 1), from the exact overlap law:
 * pairs · 2·(P(t > a) − P(t > b)), each difference formed in log space so the far tail's tiny
 * counts keep their digits. n = 1: all pairs in the last bin (|t| = 1).
 * Domain: n integer 1 … 2^30, pairs ≥ 0, bins integer ≥ 1; otherwise a RangeError.
 */
export function randomHistogram(n: number, pairs: number, bins: number): Float64Array {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be an integer ≥ 1, got ${bins}`);
  if (!(pairs >= 0 && pairs < Infinity)) throw new RangeError(`pairs must be a finite number ≥ 0, got ${pairs}`);
  if (!Number.isInteger(n) || n < 1 || n > 2 ** 30) throw new RangeError(`n must be an integer 1 … 2^30, got ${n}`);
  const expected = new Float64Array(bins);
  if (n === 1) {
    expected[bins - 1] = pairs;
    return expected;
  }
  let lnLower = lnOverlapTail(n, 0);
  for (let b = 0; b < bins; b++) {
    if (b === bins - 1) {
      expected[b] = pairs * 2 * Math.exp(lnLower);
      break;
    }
    const lnUpper = lnOverlapTail(n, (b + 1) / bins);
    expected[b] = pairs * -2 * Math.exp(lnLower) * Math.expm1(lnUpper - lnLower);
    lnLower = lnUpper;
  }
  return expected;
}

/**
 * The expected number of the m(m − 1)/2 pairs of m random unit vectors in ℝⁿ whose |overlap|
 * exceeds s: m(m − 1)/2 · 2·P(t > s), in log space (at n = 2 304 and s = ½ it is about 10⁻¹³⁰).
 * Domain: n, m integers (n 1 … 2^30, m ≥ 2), 0 ≤ s < 1; otherwise a {@link DictionaryFileError} or
 * a RangeError.
 */
export function randomPairsAbove(n: number, m: number, s: number): LogQuantity {
  requireShape(n, m);
  if (!(s >= 0 && s < 1)) throw new RangeError(`s must be in [0, 1), got ${s}`);
  return fromLn(Math.log(m) + Math.log(m - 1) + lnOverlapTail(n, s));
}
