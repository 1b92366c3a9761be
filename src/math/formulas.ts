/**
 * The formulas of "Some costs of superposition" (Linsefors, 2024), one function each.
 *
 * Symbols (see the glossary on /reference/):
 *   n  neurons, integer ≥ 1            m  features, integer ≥ 2
 *   l  active features, 1 ≤ l ≤ m       a  largest amplitude, real > 0
 *   ε  interference of one unit of one feature on another
 *
 * These functions assume arguments already in their domain (use `validate.ts` on user input).
 * Called outside it they throw a RangeError naming the argument: they never return NaN or
 * Infinity. Quantities that can exceed double range (m ≲ e^(n/8)) return a {@link LogQuantity}.
 */
import { fromLn, fromLog10, fromValue, MIN_NORMAL_DOUBLE, type LogQuantity } from "./big-number.ts";
import { requireActive, requireCount, requirePositive } from "./domain.ts";

/**
 * Pairwise interference from the Johnson–Lindenstrauss lemma: ε = √(8 ln m / n).
 * Domain: n integer ≥ 1, m integer ≥ 2. Increases with m, decreases with n. Worst-case figure
 * (the post's footnote): typical overlaps are smaller, about 1/√n.
 */
export function epsilon(n: number, m: number): number {
  requireCount("n", n, 1);
  requireCount("m", m, 2);
  return Math.sqrt((8 * Math.log(m)) / n);
}

/**
 * Noise on one feature from l active ones, each of one unit, adding like a random walk: ε·√l.
 * Domain: n ≥ 1, m ≥ 2, 1 ≤ l ≤ m, all integers.
 */
export function sparsityNoise(n: number, m: number, l: number): number {
  requireActive(l, m);
  return epsilon(n, m) * Math.sqrt(l);
}

/**
 * Whether the signal (one unit) beats the noise: ε·√l < 1. Same domain as {@link sparsityNoise}.
 */
export function signalBeatsNoise(n: number, m: number, l: number): boolean {
  return sparsityNoise(n, m, l) < 1;
}

/**
 * Largest number of simultaneously active features, from ε√l < 1: l_max = n / (8 ln m).
 * A real number (the boundary), not rounded: the post's limits are order-of-magnitude.
 * Domain: n integer ≥ 1, m integer ≥ 2.
 */
export function maxActiveFeatures(n: number, m: number): number {
  requireCount("n", n, 1);
  requireCount("m", m, 2);
  return n / (8 * Math.log(m));
}

/**
 * Largest number of features with one active at a time (l = 1 in ε√l < 1): m_max = e^(n/8).
 * Returned in log space because it overflows a double from n ≈ 5 678 on.
 * Domain: n integer ≥ 1.
 */
export function maxFeatures(n: number): LogQuantity {
  requireCount("n", n, 1);
  return fromLn(n / 8);
}

/**
 * Noise with amplitudes up to a: a·ε·√l = a·√(8 l ln m / n).
 * Domain: n ≥ 1, m ≥ 2, 1 ≤ l ≤ m integers; a finite and > 0. A log-space quantity because a
 * near the top of double range times a noise above 1 would overflow, and a near the bottom
 * (5e-324) times a noise below 1 would underflow to 0.
 */
export function amplitudeNoise(n: number, m: number, l: number, a: number): LogQuantity {
  requirePositive("a", a);
  const noise = a * sparsityNoise(n, m, l);
  return Number.isFinite(noise) && noise >= MIN_NORMAL_DOUBLE ? fromValue(noise) : fromLog10(Math.log10(a) + Math.log10(sparsityNoise(n, m, l)));
}

/**
 * Distinguishable activation levels: amplitude over noise, a / (a ε √l) = √(n / (8 l ln m)).
 * Independent of a (the noise scales with the amplitude). Below about 2 the feature is
 * boolean-ish: on or off is all that can be read.
 * Domain: n ≥ 1, m ≥ 2, 1 ≤ l ≤ m, all integers.
 */
export function activationLevels(n: number, m: number, l: number): number {
  return 1 / sparsityNoise(n, m, l);
}

/** Below this many distinguishable levels a feature carries little more than on/off. */
export const BOOLEAN_ISH_LEVELS = 2;

// ---- Typical and worst-of-m noise (beyond the post) ----------------------------------------------
//
// The post's ε is a worst-case bound on any one overlap (its footnote says so). In the comments a
// reader, jacob_drori, pointed out that m random unit directions typically overlap by about
// 1/√n, and the author agreed. For m directions drawn at random, the noise on a readout then has
// two natural sizes, each answering its own question (see the "typical vs worst case" page):
//   typical:   the readout of one feature picked beforehand,         √(l / n)
//   worst:     the worst of the m readouts of one input,             √(2 ln m · l / n)
// The post's ε√l is above both. Computed as products of square roots, so that no intermediate
// (l / n, 2 ln m · l) can overflow or underflow anywhere in the domain.

/** Readout threshold: a feature counts as on when its readout exceeds ½ (midway from 0 to 1). */
export const READOUT_THRESHOLD = 0.5;

/**
 * Typical readout noise on an inactive feature when l others are active at one unit: the sum of l
 * overlaps of RMS 1/√n each, uncorrelated, so its RMS is √(l / n), exactly, in expectation over
 * random embeddings. Smaller than the post's ε√l by √(8 ln m). Does not depend on m.
 * Domain: n integer ≥ 1, l integer ≥ 1.
 */
export function typicalNoise(n: number, l: number): number {
  requireCount("n", n, 1);
  requireCount("l", l, 1);
  return Math.sqrt(l) / Math.sqrt(n);
}

/**
 * Worst readout noise over all m features of one input, to leading order: the largest of m roughly
 * normal noises of RMS √(l / n) is about √(2 ln m) times their RMS, √(2 ln m · l / n). (Measured on
 * random embeddings it runs at 0.88–0.94 of this, a finite-m correction.) Stays below the threshold
 * ½, so that every one of the m features reads right, exactly when l < n / (8 ln m): the post's
 * own sparsity limit, reached by another road. Domain: n ≥ 1, m ≥ 2, 1 ≤ l ≤ m, all integers.
 */
export function worstNoise(n: number, m: number, l: number): number {
  requireCount("n", n, 1);
  requireCount("m", m, 2);
  requireActive(l, m);
  return (Math.sqrt(2 * Math.log(m)) * Math.sqrt(l)) / Math.sqrt(n);
}

/**
 * Distinguishable activation levels at the typical noise, amplitudes up to a:
 * a / (a √(l / n)) = √(n / l), independent of a. Larger than the post's √(n / (8 l ln m)) by
 * √(8 ln m). Domain: n integer ≥ 1, l integer ≥ 1.
 */
export function typicalLevels(n: number, l: number): number {
  requireCount("n", n, 1);
  requireCount("l", l, 1);
  return Math.sqrt(n) / Math.sqrt(l);
}

/**
 * Most features active at once when only a typical readout must be right: √(l / n) < ½ gives
 * l < n / 4. A real (the boundary), like {@link maxActiveFeatures}; the strict question, every one
 * of the m readouts right, gives the post's n / (8 ln m) instead (see {@link worstNoise}).
 * Domain: n integer ≥ 1.
 */
export function typicalMaxActiveFeatures(n: number): number {
  requireCount("n", n, 1);
  return n * READOUT_THRESHOLD * READOUT_THRESHOLD;
}

// ---- Inverse questions --------------------------------------------------------------------------

/**
 * The smallest integer n ≥ 1 for which `holds(n)` is true, given the base-10 logarithm of a
 * real-valued estimate of the boundary. Why not just Math.ceil: rounding in the closed form can
 * land one off the boundary, and the inverse must agree exactly with the forward formula. Assumes
 * `holds` is monotone in n. Beyond 2^53 integers are no longer exact, and beyond 10^308 not even
 * representable, so there the estimate itself is returned (in log space).
 */
function smallestNeuronCount(log10Estimate: number, holds: (n: number) => boolean): LogQuantity {
  if (log10Estimate > Math.log10(Number.MAX_SAFE_INTEGER)) return fromLog10(log10Estimate);
  let n = Math.max(1, Math.ceil(10 ** log10Estimate));
  while (n > 1 && holds(n - 1)) n--;
  while (!holds(n)) {
    // The estimate fell just short of 2^53 but the boundary lies beyond it, where n + 1 === n
    // (the loop would never end): 2^53 is as close as a double gets.
    if (n >= Number.MAX_SAFE_INTEGER) return fromValue(Number.MAX_SAFE_INTEGER + 1);
    n++;
  }
  return fromValue(n);
}

/**
 * Neurons needed for interference at most ε with m features: the smallest integer
 * n ≥ 8 ln m / ε². Inverse of {@link epsilon} in n. Domain: m integer ≥ 2, ε finite > 0.
 */
export function neuronsForEpsilon(m: number, eps: number): LogQuantity {
  requireCount("m", m, 2);
  requirePositive("ε", eps);
  const log10Estimate = Math.log10(8 * Math.log(m)) - 2 * Math.log10(eps);
  return smallestNeuronCount(log10Estimate, (n) => epsilon(n, m) <= eps);
}

/**
 * Features that fit in n neurons at interference at most ε: m ≤ e^(n ε² / 8).
 * Inverse of {@link epsilon} in m; log space because it overflows quickly.
 * Domain: n integer ≥ 1, 0 < ε ≤ 1 (above 1 the interference exceeds the signal, and e^(nε²/8)
 * could exceed even log-space range).
 */
export function featuresForEpsilon(n: number, eps: number): LogQuantity {
  requireCount("n", n, 1);
  requirePositive("ε", eps);
  if (eps > 1) throw new RangeError(`ε must be at most 1, got ${eps}`);
  return fromLn((n * eps * eps) / 8);
}

/**
 * Neurons needed so that l of m features can be active with the signal above the noise
 * (ε√l < 1): the smallest integer n > 8 l ln m. Inverse of {@link maxActiveFeatures} in n.
 * Domain: m integer ≥ 2, 1 ≤ l ≤ m integer.
 */
export function neuronsForSparsity(m: number, l: number): LogQuantity {
  requireCount("m", m, 2);
  requireActive(l, m);
  return smallestNeuronCount(Math.log10(8 * Math.log(m)) + Math.log10(l), (n) => signalBeatsNoise(n, m, l));
}

/**
 * Neurons needed to distinguish at least k activation levels with l of m features active:
 * √(n / (8 l ln m)) ≥ k  ⇔  n ≥ 8 l k² ln m (smallest such integer). Inverse of
 * {@link activationLevels} in n. Domain: m integer ≥ 2, 1 ≤ l ≤ m integer, k finite > 0.
 */
export function neuronsForLevels(m: number, l: number, k: number): LogQuantity {
  requireCount("m", m, 2);
  requireActive(l, m);
  requirePositive("k", k);
  const log10Estimate = Math.log10(8 * Math.log(m)) + Math.log10(l) + 2 * Math.log10(k);
  return smallestNeuronCount(log10Estimate, (n) => activationLevels(n, m, l) >= k);
}
