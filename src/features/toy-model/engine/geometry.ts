/**
 * The geometry of trained weights W ∈ ℝ^(n×m) (column Wᵢ ∈ ℝⁿ is feature i's direction): norms,
 * which features are represented, overlaps between their directions, each feature's share of its
 * dimension, the Gram matrix, and the picture for n = 2. Plain numbers and arrays only, so that
 * every result can be posted from a worker and serialised into a page.
 *
 * W is given n × m row-major (W[k·m + i], as `ToyModelResult.W`). Every function checks the
 * shape and that the numbers are finite, and throws a RangeError otherwise: no NaN or Infinity
 * comes out.
 */

/** A feature is "represented" when its column norm ‖Wᵢ‖ exceeds ½ (the paper's convention). */
export const REPRESENTED_NORM = 0.5;

/** Trained (or hand-built) weights: W n × m row-major, and b (m numbers). */
export interface ToyModelWeights {
  readonly n: number;
  readonly m: number;
  readonly W: ArrayLike<number>;
  readonly b: ArrayLike<number>;
}

/** Throws a RangeError unless n, m ≥ 1 are integers, W has n·m and b m finite numbers. */
export function checkWeights(model: ToyModelWeights): void {
  const { n, m, W, b } = model;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be an integer ≥ 1, got ${n}`);
  if (!Number.isInteger(m) || m < 1) throw new RangeError(`m must be an integer ≥ 1, got ${m}`);
  if (W.length !== n * m) throw new RangeError(`W must have n·m = ${n * m} numbers, got ${W.length}`);
  if (b.length !== m) throw new RangeError(`b must have m = ${m} numbers, got ${b.length}`);
  for (let i = 0; i < W.length; i++) if (!Number.isFinite(W[i])) throw new RangeError(`W[${i}] is not a finite number`);
  for (let i = 0; i < m; i++) if (!Number.isFinite(b[i])) throw new RangeError(`b[${i}] is not a finite number`);
}

/** ‖Wᵢ‖ for each feature i (m numbers ≥ 0). */
export function featureNorms(model: ToyModelWeights): number[] {
  checkWeights(model);
  const { n, m, W } = model;
  const out = new Array<number>(m);
  for (let i = 0; i < m; i++) {
    let sum = 0;
    for (let k = 0; k < n; k++) sum += W[k * m + i]! ** 2;
    out[i] = Math.sqrt(sum);
  }
  return out;
}

/** Indices of the represented features, ‖Wᵢ‖ > {@link REPRESENTED_NORM}, increasing. */
export function representedFeatures(model: ToyModelWeights): number[] {
  return featureNorms(model).flatMap((norm, i) => (norm > REPRESENTED_NORM ? [i] : []));
}

/** The Gram matrix WᵀW as m rows of m numbers: (WᵀW)ᵢⱼ = Wᵢ·Wⱼ (symmetric; diagonal ‖Wᵢ‖²). */
export function gramMatrix(model: ToyModelWeights): number[][] {
  checkWeights(model);
  const { n, m, W } = model;
  const rows = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  for (let i = 0; i < m; i++) {
    for (let j = i; j < m; j++) {
      let dot = 0;
      for (let k = 0; k < n; k++) dot += W[k * m + i]! * W[k * m + j]!;
      rows[i]![j] = dot;
      rows[j]![i] = dot;
    }
  }
  return rows;
}

/**
 * Each feature's superposition, Σ_{j≠i} (Ŵᵢ·Wⱼ)² with Ŵᵢ = Wᵢ/‖Wᵢ‖ (the paper's measure of how
 * much of its dimension feature i shares: 0 when every other feature is orthogonal to it, and
 * about 1 or more when it shares its direction). 0 for a feature with Wᵢ = 0 (no direction).
 */
export function featureSuperposition(model: ToyModelWeights): number[] {
  const gram = gramMatrix(model);
  return gram.map((row, i) => {
    const norm2 = row[i]!;
    if (!(norm2 > 0)) return 0;
    let sum = 0;
    for (let j = 0; j < row.length; j++) if (j !== i) sum += row[j]! ** 2;
    return sum / norm2;
  });
}

/** Overlaps |cos| between the directions of the represented features. */
export interface RepresentedOverlaps {
  /** Represented features k. */
  readonly represented: number;
  /** Pairs among them, k(k − 1)/2. */
  readonly pairs: number;
  /** √(mean of cos² over the pairs); undefined when k < 2. */
  readonly rms: number | undefined;
  /** Largest |cos| over the pairs (1 for an antipodal pair); undefined when k < 2. */
  readonly maxAbs: number | undefined;
  /** The pair (feature indices, i < j) where the largest |cos| was found first; undefined when k < 2. */
  readonly maxPair: readonly [number, number] | undefined;
}

/**
 * RMS and largest |cos(Wᵢ, Wⱼ)| over the pairs of represented features (‖W‖ > ½). A cosine is
 * clamped to [−1, 1] against rounding.
 */
export function representedOverlaps(model: ToyModelWeights): RepresentedOverlaps {
  const gram = gramMatrix(model);
  const kept = gram.flatMap((row, i) => (Math.sqrt(row[i]!) > REPRESENTED_NORM ? [i] : []));
  const k = kept.length;
  let sumSquares = 0;
  let maxAbs = -1;
  let maxPair: [number, number] | undefined;
  for (let a = 0; a < k; a++) {
    const i = kept[a]!;
    for (let c = a + 1; c < k; c++) {
      const j = kept[c]!;
      const cos = Math.max(-1, Math.min(1, gram[i]![j]! / Math.sqrt(gram[i]![i]! * gram[j]![j]!)));
      sumSquares += cos * cos;
      if (Math.abs(cos) > maxAbs) {
        maxAbs = Math.abs(cos);
        maxPair = [i, j];
      }
    }
  }
  const pairs = (k * (k - 1)) / 2;
  if (pairs === 0) return { represented: k, pairs, rms: undefined, maxAbs: undefined, maxPair: undefined };
  return { represented: k, pairs, rms: Math.sqrt(sumSquares / pairs), maxAbs, maxPair };
}

/** The n = 2 picture: each feature's direction and the angles between represented neighbours. */
export interface PlaneGeometry {
  /** Column i of W as [x, y], for every feature (represented or not). */
  readonly directions: [number, number][];
  /** Represented features in counter-clockwise order of their angle from the x axis (from −180°). */
  readonly order: number[];
  /** Angle in degrees from each feature of `order` to the next (the last to the first, around the
   * circle); they sum to 360. Empty when none is represented, [360] when one is. */
  readonly neighbourAngles: number[];
}

/** The n = 2 picture of a model; undefined when n ≠ 2. */
export function planeGeometry(model: ToyModelWeights): PlaneGeometry | undefined {
  checkWeights(model);
  const { n, m, W } = model;
  if (n !== 2) return undefined;
  const directions = Array.from({ length: m }, (_, i): [number, number] => [W[i]!, W[m + i]!]);
  const angle = (i: number): number => Math.atan2(W[m + i]!, W[i]!);
  const order = representedFeatures(model).sort((i, j) => angle(i) - angle(j) || i - j);
  const neighbourAngles = order.map((i, at) => {
    if (order.length === 1) return 360;
    const next = order[(at + 1) % order.length]!;
    let gap = ((angle(next) - angle(i)) * 180) / Math.PI;
    if (at === order.length - 1) gap += 360;
    return gap;
  });
  return { directions, order, neighbourAngles };
}
