/**
 * The toy model's parameters and optimiser state (Elhage et al., "Toy Models of Superposition",
 * 2022): W ∈ ℝ^(n×m), b ∈ ℝᵐ, output x′ = ReLU(Wᵀ W x + b), and Adam's two moment estimates.
 *
 * Layout: W is held feature by feature — column i of W (feature i's direction in ℝⁿ, Wᵢ) is
 * `w[i·n … i·n + n − 1]` — because every measurement and both halves of the gradient work on
 * whole feature vectors. All numbers are float64.
 */
import { createRandom, fillGaussians } from "../../../math/random.ts";

/** Random stream of a seed used for the initial weights (see `createRandom`). */
export const INIT_STREAM = 16;
/** Random stream of a seed used for the training data. */
export const DATA_STREAM = 17;
/** Random stream of a seed used for the fresh inputs of the measurements. */
export const PROBE_STREAM = 18;

/** Where a model's (or a workspace's) arrays live: fresh arrays, or views into a kernel's memory. */
export interface Allocator {
  /** A zeroed Float64Array of `length` numbers. */
  f64(length: number): Float64Array;
  /** A zeroed Int32Array of `length` numbers. */
  i32(length: number): Int32Array;
}

/** Plain JavaScript arrays. */
export const HEAP: Allocator = { f64: (length) => new Float64Array(length), i32: (length) => new Int32Array(length) };

/** A toy model being trained: parameters, importances and Adam state, mutated by each step. */
export interface ToyModelState {
  /** Neurons (hidden dimension). */
  readonly n: number;
  /** Features. */
  readonly m: number;
  /** W by columns: feature i's vector at i·n … i·n + n − 1 (m·n numbers). */
  readonly w: Float64Array;
  /** The bias b (m numbers). */
  readonly b: Float64Array;
  /** Importance of each feature, Iᵢ = rⁱ (m numbers). */
  readonly importance: Float64Array;
  /** Adam's first and second moments of W (same layout as w) and of b. */
  readonly w1: Float64Array;
  readonly w2: Float64Array;
  readonly b1: Float64Array;
  readonly b2: Float64Array;
  /** Adam steps taken so far. */
  t: number;
  /** β₁ᵗ and β₂ᵗ, kept as running products (exact and engine-independent, unlike Math.pow). */
  beta1Power: number;
  beta2Power: number;
}

/**
 * Importances Iᵢ = rⁱ, i = 0 … m − 1, as running products (r⁰ = 1). They may underflow to 0 for
 * small r and large i, which only means the feature does not count in the loss.
 * Domain: m integer ≥ 1, 0 < r ≤ 1; otherwise a RangeError.
 */
export function importances(m: number, r: number): Float64Array {
  if (!Number.isInteger(m) || m < 1) throw new RangeError(`m must be an integer ≥ 1, got ${m}`);
  if (!(r > 0 && r <= 1)) throw new RangeError(`the importance decay r must be in (0, 1], got ${r}`);
  const out = new Float64Array(m);
  let p = 1;
  for (let i = 0; i < m; i++, p *= r) out[i] = p;
  return out;
}

/**
 * A fresh model for (n, m, r, seed): Xavier-normal W (independent N(0, 2/(n + m)) entries, drawn
 * row by row of W — neuron k's m weights, then neuron k + 1's — from the seed's init stream), b = 0,
 * Adam at step 0. The same arguments give the same weights on the same JavaScript engine.
 * Arrays come from `allocate` (default: plain arrays).
 * Domain: n, m integers ≥ 1, 0 < r ≤ 1, seed a safe integer ≥ 0; otherwise a RangeError.
 */
export function createToyModel(n: number, m: number, r: number, seed: number, allocate: Allocator = HEAP): ToyModelState {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be an integer ≥ 1, got ${n}`);
  const importance = allocate.f64(m);
  importance.set(importances(m, r));
  const random = createRandom(seed, INIT_STREAM);
  const scale = Math.sqrt(2 / (n + m));
  const row = new Float64Array(m);
  const w = allocate.f64(m * n);
  for (let k = 0; k < n; k++) {
    fillGaussians(random, row);
    for (let i = 0; i < m; i++) w[i * n + k] = row[i]! * scale;
  }
  return {
    n,
    m,
    w,
    b: allocate.f64(m),
    importance,
    w1: allocate.f64(m * n),
    w2: allocate.f64(m * n),
    b1: allocate.f64(m),
    b2: allocate.f64(m),
    t: 0,
    beta1Power: 1,
    beta2Power: 1,
  };
}
