/**
 * A trained model seen the way "Some costs of superposition" counts: how many features it keeps per
 * neuron, against how many the post's sparsity limit allows at the model's density, and how much
 * its kept directions overlap, against the Welch floor no arrangement can beat.
 *
 * The post's count: l features active at once must satisfy l ≲ l_max = n / (8 ln m). With m
 * features each active with probability p (density), l = m·p, so the post allows m features while
 * 8·p·m·ln m ≤ n; the largest such m (a real number, the post's limits being order-of-magnitude)
 * is its count for n neurons at density p.
 */
import { maxActiveFeatures } from "../../../math/formulas.ts";
import { welchBound } from "../../../math/packing.ts";
import { representedOverlaps, type ToyModelWeights } from "./geometry.ts";

/** The post's numbers for one trained model (plain data; absent keys where a number does not exist). */
export interface PostView {
  readonly n: number;
  readonly m: number;
  readonly density: number;
  /** Features with ‖Wᵢ‖ > ½, and per neuron. */
  readonly represented: number;
  readonly featuresPerNeuron: number;
  /** l = m·p: features active per input, on average. */
  readonly activeFeatures: number;
  /** The post's l_max = n / (8 ln m) for the model's n and m. */
  readonly postMaxActive: number;
  /** The post's count at this density ({@link postFeatureCount}), and per neuron. */
  readonly postFeatures: number;
  readonly postFeaturesPerNeuron: number;
  /** RMS and largest |cos| between the kept directions (absent with fewer than two). */
  readonly rmsOverlap?: number;
  readonly maxOverlap?: number;
  /** Welch's floor for that many directions in ℝⁿ, √((k − n)/(n(k − 1))), 0 when k ≤ n (absent
   * with fewer than two). */
  readonly welchFloor?: number;
}

/**
 * The post's count of features for n neurons at density p: the root m ≥ 1 of 8·p·m·ln m = n
 * (m·ln m rises from 0 at m = 1, so the root is unique), found by bisection to a relative 10⁻¹².
 * Examples: n = 30 gives m ≈ 14.2 at p = 0.1 and m ≈ 3.2 at p = 1; n = 10 gives m ≈ 20.6 at p = 0.02.
 * Domain: n finite > 0, 0 < p ≤ 1; otherwise a RangeError naming the argument.
 */
export function postFeatureCount(n: number, density: number): number {
  if (!(n > 0 && Number.isFinite(n))) throw new RangeError(`n must be a finite number > 0, got ${n}`);
  if (!(density > 0 && density <= 1)) throw new RangeError(`density must be in (0, 1], got ${density}`);
  const excess = (m: number) => 8 * density * m * Math.log(m) - n;
  let lo = 1;
  let hi = 2;
  while (excess(hi) < 0) hi *= 2;
  while (hi - lo > 1e-12 * hi) {
    const mid = (lo + hi) / 2;
    if (excess(mid) < 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The post's view of trained weights at density p (see {@link PostView}).
 * Domain: valid weights (see `checkWeights`) with m ≥ 2, 0 < p ≤ 1; otherwise a RangeError.
 */
export function postView(model: ToyModelWeights, density: number): PostView {
  const overlaps = representedOverlaps(model);
  const { n, m } = model;
  const k = overlaps.represented;
  const postFeatures = postFeatureCount(n, density);
  return {
    n,
    m,
    density,
    represented: k,
    featuresPerNeuron: k / n,
    activeFeatures: m * density,
    postMaxActive: maxActiveFeatures(n, m),
    postFeatures,
    postFeaturesPerNeuron: postFeatures / n,
    ...(overlaps.rms === undefined ? {} : { rmsOverlap: overlaps.rms }),
    ...(overlaps.maxAbs === undefined ? {} : { maxOverlap: overlaps.maxAbs }),
    ...(k >= 2 ? { welchFloor: welchBound(n, k) } : {}),
  };
}
