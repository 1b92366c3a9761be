/**
 * What the simulation should find, in closed form: the statistics of m unit vectors drawn
 * uniformly at random in ℝⁿ (normalised Gaussians), against which its measurements are plotted.
 * See "Random embeddings, measured" in the site's notes on the mathematics; the post's own worst-
 * case figure ε = √(8 ln m / n) is `epsilon` in ../formulas.ts, and so are the typical and
 * worst-of-m readout noise, re-exported here.
 *
 * Symbols: n neurons (integer ≥ 1), m features (integer ≥ 2), l active features (1 ≤ l ≤ m).
 * Like ../formulas.ts, these assume arguments in their domain and throw a RangeError naming the
 * argument otherwise: they never return NaN or Infinity.
 */

import { requireActive, requireCount } from "./domain.ts";

/**
 * RMS overlap of two independent random unit vectors in ℝⁿ: √E[⟨u,v⟩²] = 1/√n, exactly
 * (⟨u,v⟩² has mean 1/n by symmetry: the n squared components of u sum to 1).
 * Domain: n integer ≥ 1.
 */
export function rmsOverlap(n: number): number {
  requireCount("n", n, 1);
  return 1 / Math.sqrt(n);
}

/**
 * Mean |overlap| of two random unit vectors: E|⟨u,v⟩| ≈ √(2/(πn)), the mean absolute value of a
 * normal variable of variance 1/n. The exact value is Γ(n/2) / (√π Γ((n+1)/2)), larger by a factor
 * 1 + 1/(4n) + O(1/n²) (0.1% at n = 256); at n = 1 it is exactly 1 against √(2/π) ≈ 0.80.
 * Domain: n integer ≥ 1.
 */
export function meanAbsOverlap(n: number): number {
  requireCount("n", n, 1);
  return Math.sqrt(2 / (Math.PI * n));
}

/**
 * Largest |overlap| among the m(m−1)/2 pairs of m random unit vectors, to leading order:
 * √(4 ln m / n) (from √(2 ln P / n) with P ≈ m²/2 pairs). Measured values run at 0.86–0.92 of it
 * (finite-m correction). It is √2 smaller than the post's ε = √(8 ln m / n), which is a safe upper
 * bound. Valid while the result is well below 1 (for n of a few ln m or less, overlaps saturate at
 * 1 and the formula exceeds it). Domain: n integer ≥ 1, m integer ≥ 2.
 */
export function expectedMaxOverlap(n: number, m: number): number {
  requireCount("n", n, 1);
  requireCount("m", m, 2);
  return Math.sqrt((4 * Math.log(m)) / n);
}

// The typical and worst-of-m readout noise and the typical levels are formulas of the site, shown
// by the calculators too: defined once, in ../formulas.ts, and re-exported here beside the other
// statistics the simulation is checked against.
export { typicalLevels, typicalNoise, worstNoise } from "./formulas.ts";

/**
 * Spread of an active feature's readout around its own amplitude, per unit of the others'
 * amplitude: the interference from the l − 1 other active features, √((l − 1)/n) (exact in
 * expectation, like {@link typicalNoise}). With the probed feature at amplitude a and the others
 * at amplitude b, the readout is a ± b·√((l − 1)/n); the simulation's measured counterpart is
 * `activeRms`. Zero when l = 1 (no interference). Domain: n integer ≥ 1, l integer ≥ 1.
 */
export function probeSpread(n: number, l: number): number {
  requireCount("n", n, 1);
  requireActive(l, undefined);
  return Math.sqrt((l - 1) / n);
}
