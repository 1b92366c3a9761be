/**
 * How many dimensions each feature of a trained toy model gets (Elhage et al., "Toy Models of
 * Superposition", 2022, "Feature Dimensionality"):
 *
 *   dimensions per feature   n / ‖W‖²_F: the model's n dimensions shared out over its features,
 *                            each represented feature counting ‖Wᵢ‖² ≈ 1 (1 when every kept
 *                            feature has a dimension of its own, ½ when they pair up antipodally);
 *   feature dimensionality   Dᵢ = ‖Wᵢ‖² / Σⱼ (Ŵᵢ·Wⱼ)², j over all features (i included, Ŵᵢ = Wᵢ/‖Wᵢ‖):
 *                            the fraction of a dimension feature i has to itself — 1 when no other
 *                            feature overlaps it, ½ for each of an antipodal pair.
 *
 * With equally important features the paper found both quantities sticking at fractions d/k as
 * sparsity grows: the features form regular figures of k features in d dimensions, each a tight
 * frame (its features' Dᵢ sum to d, so each has d/k). {@link STICKY_GEOMETRIES} names them.
 *
 * W is given n × m row-major (W[k·m + i]), as `ToyModelResult.W`; every function checks it and
 * throws a RangeError rather than return NaN.
 */
import { checkWeights, type ToyModelWeights } from "./geometry.ts";

/** A figure features settle in: k features sharing d dimensions, each with Dᵢ = d/k. */
export interface StickyGeometry {
  /** Dᵢ = d/k. */
  readonly fraction: number;
  readonly dimensions: number;
  readonly features: number;
  /** The fraction as text ("2/5"). */
  readonly label: string;
  /** What the features form. */
  readonly name: string;
}

/**
 * The fractions the paper marks, largest first: a dimension of its own (1), tetrahedron (3/4, four
 * features in three dimensions), triangle (2/3), digon — an antipodal pair (1/2), pentagon (2/5),
 * square antiprism (3/8).
 */
export const STICKY_GEOMETRIES: readonly StickyGeometry[] = [
  { fraction: 1, dimensions: 1, features: 1, label: "1", name: "a dimension of its own" },
  { fraction: 3 / 4, dimensions: 3, features: 4, label: "3/4", name: "tetrahedron" },
  { fraction: 2 / 3, dimensions: 2, features: 3, label: "2/3", name: "triangle" },
  { fraction: 1 / 2, dimensions: 1, features: 2, label: "1/2", name: "digon (antipodal pair)" },
  { fraction: 2 / 5, dimensions: 2, features: 5, label: "2/5", name: "pentagon" },
  { fraction: 3 / 8, dimensions: 3, features: 8, label: "3/8", name: "square antiprism" },
];

/**
 * n / ‖W‖²_F with ‖W‖²_F = Σ over all entries of W². Domain: valid weights (see `checkWeights`)
 * with W not all zero; otherwise a RangeError (an untrained W = 0 has no such number).
 */
export function dimensionsPerFeature(model: ToyModelWeights): number {
  checkWeights(model);
  let sum = 0;
  for (let i = 0; i < model.W.length; i++) sum += model.W[i]! ** 2;
  if (!(sum > 0)) throw new RangeError("W is all zeros: dimensions per feature n/‖W‖²_F is undefined");
  return model.n / sum;
}

/**
 * Each feature's dimensionality Dᵢ = ‖Wᵢ‖⁴ / Σⱼ (Wᵢ·Wⱼ)² (the same as ‖Wᵢ‖² / Σⱼ (Ŵᵢ·Wⱼ)²,
 * without dividing by a norm), in [0, 1]; 0 for a feature with Wᵢ = 0. Cost: n·m² multiply-adds.
 * Domain: valid weights (see `checkWeights`); otherwise a RangeError.
 */
export function featureDimensionalities(model: ToyModelWeights): number[] {
  checkWeights(model);
  const { n, m, W } = model;
  const dot = (i: number, j: number) => {
    let s = 0;
    for (let k = 0; k < n; k++) s += W[k * m + i]! * W[k * m + j]!;
    return s;
  };
  const gram = Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, j) => dot(i, j)));
  return gram.map((row, i) => {
    const norm2 = row[i]!;
    if (!(norm2 > 0)) return 0;
    let interference = 0;
    for (let j = 0; j < m; j++) interference += row[j]! ** 2;
    // interference ≥ norm2² (the j = i term), so the ratio is at most 1 even after rounding.
    return Math.min(1, (norm2 * norm2) / interference);
  });
}

/**
 * The sticky geometry nearest to a value (by |value − d/k|) and the distance. Domain: a finite
 * number; otherwise a RangeError.
 */
export function nearestGeometry(value: number): { readonly geometry: StickyGeometry; readonly distance: number } {
  if (!Number.isFinite(value)) throw new RangeError(`value must be a finite number, got ${value}`);
  let best = STICKY_GEOMETRIES[0]!;
  for (const g of STICKY_GEOMETRIES) if (Math.abs(value - g.fraction) < Math.abs(value - best.fraction)) best = g;
  return { geometry: best, distance: Math.abs(value - best.fraction) };
}

/** Consecutive points of a sweep whose value stays near one fraction. */
export interface Plateau {
  readonly geometry: StickyGeometry;
  /** Indices of its first and last point in the sweep. */
  readonly from: number;
  readonly to: number;
}

/**
 * The plateaus of a sweep: maximal runs of at least `minLength` consecutive values each within
 * `tolerance` of the same sticky fraction (each value counts for its nearest fraction only).
 * Domain: finite values, 0 ≤ tolerance < ½, minLength an integer ≥ 1; otherwise a RangeError
 * naming the argument.
 */
export function findPlateaus(values: readonly number[], tolerance: number, minLength = 2): Plateau[] {
  if (!values.every(Number.isFinite)) throw new RangeError("values must be finite numbers");
  if (!(tolerance >= 0 && tolerance < 0.5)) throw new RangeError(`tolerance must be in [0, 1/2), got ${tolerance}`);
  if (!Number.isInteger(minLength) || minLength < 1) throw new RangeError(`minLength must be an integer ≥ 1, got ${minLength}`);
  const near = values.map((v) => {
    const { geometry, distance } = nearestGeometry(v);
    return distance <= tolerance ? geometry : undefined;
  });
  const plateaus: Plateau[] = [];
  for (let from = 0; from < near.length;) {
    const geometry = near[from];
    let to = from;
    while (geometry !== undefined && to + 1 < near.length && near[to + 1] === geometry) to++;
    if (geometry !== undefined && to - from + 1 >= minLength) plateaus.push({ geometry, from, to });
    from = to + 1;
  }
  return plateaus;
}
