/**
 * The toy model's inputs: m features xᵢ ∈ [0, 1], each independently 0 with probability S (the
 * sparsity) and otherwise uniform, drawn fresh for every training step from a seeded stream.
 *
 * A batch is stored sparsely (compressed rows: the nonzero features of each sample, in increasing
 * order), because at the sparsities of interest most entries are 0 and every later stage of a
 * training step can skip them exactly.
 *
 * Two exact samplers of the same distribution (probabilities exact to within 2⁻³²), chosen by
 * expected cost ({@link usesSkipping}); both consume the stream row by row, so a batch drawn in
 * pieces is identical to one drawn at once:
 *   per entry  one 32-bit draw u per feature; the feature is active when u ≥ T = ⌈S·2³²⌉, with
 *              value (u − T + ½) / (2³² − T): given u ≥ T, u is uniform on the 2³² − T levels
 *              from T up, so the value is uniform in (0, 1) on a grid of about (1 − S)·2³² points
 *              (4·10⁸ at S = 0.9, 4·10⁶ at S = 0.999);
 *   skipping   the number of inactive features before the next active one is geometric,
 *              P(gap ≥ k) = Sᵏ, drawn as ⌊ln U / ln S⌋ with U uniform in (0, 1]; then the value
 *              (v + ½)·2⁻³² ∈ (0, 1) from a second draw v. The cost is per *active* feature (plus
 *              one draw per row), not per feature: at m = 80 and S = 0.99, 1.8 draws per row
 *              instead of 80. (The geometric law is memoryless, so restarting it at each row is
 *              exact.)
 * The skipping sampler calls Math.log, whose last bit may differ between JavaScript engines, so
 * (as for the simulation's Gaussians) batches are bit-identical within one engine.
 */
import type { Random } from "../../../math/random.ts";

/**
 * Cost of the skipping sampler per nonzero feature (and per row, for the draw past its end),
 * relative to the per-entry sampler's cost per feature: about 20 ns against 2 ns, measured.
 */
export const SKIP_COST_RATIO = 10;

/**
 * Whether batches of m features at sparsity S are drawn by skipping: when its expected cost,
 * (m(1 − S) + 1) draws with a logarithm per row, is below the per-entry sampler's m cheap draws:
 * {@link SKIP_COST_RATIO}·(m(1 − S) + 1) < m, i.e. S > 0.9 + 1/m: never for m ≤ 10; for m = 80,
 * from S > 0.9125.
 * Domain: m ≥ 1, 0 ≤ S < 1.
 */
export function usesSkipping(m: number, S: number): boolean {
  return SKIP_COST_RATIO * (m * (1 - S) + 1) < m;
}

const TWO_32 = 2 ** 32;
const INV_2_32 = 2 ** -32;

/** A batch of sparse inputs: sample s has the features index[start[s] … start[s + 1] − 1]. */
export interface SparseBatch {
  /** Samples in the batch. */
  readonly size: number;
  /** Features per sample. */
  readonly m: number;
  /** Row starts, size + 1 of them; start[0] = 0. */
  readonly start: Int32Array;
  /** Indices of the nonzero features, increasing within a row (room for size·m). */
  readonly index: Int32Array;
  /** Their values, in (0, 1). */
  readonly value: Float64Array;
}

/**
 * An empty batch with room for `size` samples of m features (every row empty).
 * Domain: size, m integers ≥ 1; otherwise a RangeError. Memory: 12·size·m bytes.
 */
export function createSparseBatch(size: number, m: number): SparseBatch {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`batch size must be an integer ≥ 1, got ${size}`);
  if (!Number.isInteger(m) || m < 1) throw new RangeError(`m must be an integer ≥ 1, got ${m}`);
  return { size, m, start: new Int32Array(size + 1), index: new Int32Array(size * m), value: new Float64Array(size * m) };
}

/**
 * Draws rows from … to − 1 of `batch` (sparsity S) from the stream `r`; rows before `from` must
 * already be drawn (start[from] is where row `from` begins). Returns the nonzero entries drawn.
 * The generator's four state words are kept in local variables for the loop (the same numbers as
 * calling `nextUint32`, several times faster) and written back at the end.
 * Domain: 0 ≤ S < 1; integers 0 ≤ from ≤ to ≤ batch.size; otherwise a RangeError.
 */
export function sampleRows(r: Random, batch: SparseBatch, S: number, from: number, to: number): number {
  if (!(S >= 0 && S < 1)) throw new RangeError(`sparsity must be in [0, 1), got ${S}`);
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || from > to || to > batch.size) {
    throw new RangeError(`sampleRows needs integers 0 ≤ from ≤ to ≤ ${batch.size}, got ${from}, ${to}`);
  }
  const { m, start, index, value } = batch;
  const state = r.state;
  let s0 = state[0]! | 0;
  let s1 = state[1]! | 0;
  let s2 = state[2]! | 0;
  let s3 = state[3]! | 0;
  let u: number;
  let product: number;
  let t: number;
  let at = start[from]!;
  const first = at;
  // Each "xoshiro128**" block below is nextUint32 (random.ts) inlined: u = its output.
  if (!usesSkipping(m, S)) {
    const threshold = Math.ceil(S * TWO_32);
    // No level at all above T only when S rounds to within 2⁻³³ of 1: then nothing is ever kept.
    const perLevel = threshold < TWO_32 ? 1 / (TWO_32 - threshold) : 0;
    for (let s = from; s < to; s++) {
      for (let i = 0; i < m; i++) {
        // xoshiro128**
        product = Math.imul(s1, 5);
        u = Math.imul((product << 7) | (product >>> 25), 9) >>> 0;
        t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
        // Written every time, kept (at advances) only when u ≥ threshold: no unpredictable branch.
        index[at] = i;
        value[at] = (u - threshold + 0.5) * perLevel;
        at += ((u - threshold + TWO_32) * INV_2_32) | 0;
      }
      start[s + 1] = at;
    }
  } else {
    const inverseLogS = 1 / Math.log(S);
    for (let s = from; s < to; s++) {
      let i = -1;
      for (;;) {
        // xoshiro128**: the gap, ⌊ln U / ln S⌋ with U = (u + 1)·2⁻³² ∈ (0, 1], is ≥ 0.
        product = Math.imul(s1, 5);
        u = Math.imul((product << 7) | (product >>> 25), 9) >>> 0;
        t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
        i += 1 + Math.floor(Math.log((u + 1) * INV_2_32) * inverseLogS);
        if (i >= m) break;
        // xoshiro128**
        product = Math.imul(s1, 5);
        u = Math.imul((product << 7) | (product >>> 25), 9) >>> 0;
        t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
        index[at] = i;
        value[at] = (u + 0.5) * INV_2_32;
        at++;
      }
      start[s + 1] = at;
    }
  }
  state[0] = s0;
  state[1] = s1;
  state[2] = s2;
  state[3] = s3;
  return at - first;
}
