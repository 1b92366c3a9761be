/**
 * Feature directions made on demand: feature f's direction in ℝⁿ is a fixed function of (seed, f),
 * computed from a counter-based generator (Philox4x32-10, philox.ts), so that any feature can be
 * regenerated anywhere — in any worker, in any order, as often as needed — and an embedding of a
 * million features never has to be stored. This module is the reference (pure TypeScript); the
 * WebAssembly kernel (`gaussians` and `add_direction` in kernel.wat) computes the same numbers bit
 * for bit, and a unit test holds them to it.
 *
 * The scheme, for feature f (0 ≤ f < 2^32) in ℝⁿ, seed s, attempt a (0 unless redrawn, below):
 *
 *   key       (k0, k1) = the low and high 32-bit words of s
 *   counter   coordinate k belongs to counter j = 4·⌊k/16⌋ + (k mod 4), with words
 *             (j, f, DIRECTION_STREAM, a); Philox4x32-10 gives four words (w0, w1, w2, w3)
 *   Gaussians (w0, w1) → Box–Muller → (z0, z1); (w2, w3) → (z2, z3); coordinate k takes
 *             z_q with q = ⌊k/4⌋ mod 4
 *             So 4 consecutive counters make 16 consecutive coordinates, and a 4-lane SIMD
 *             register of counters makes 4 consecutive coordinates per Gaussian index.
 *   Box–Muller, in float32 arithmetic, for words (a, b):
 *             u = (float32(a >>> 1) + 1)·2^-31 ∈ [2^-31, 1],   R = √max(0, −2 ln u)
 *             θ = 2π b / 2^32,  z = (R cos θ, R sin θ)
 *             ln by Cephes' logf, sin and cos by Cephes' sinf and cosf on [−π/4, π/4] after an
 *             exact reduction of b to the nearest quarter turn (integer arithmetic). Each is within
 *             a few float32 units in the last place of the true function, so the pair is a standard
 *             normal pair to float32 accuracy, truncated at radius √(62 ln 2) ≈ 6.56: the normal
 *             pair reaches beyond that with probability 2^-31, i.e. about twice in a run of 10⁹
 *             Gaussians, and never matters to a readout, a sum of n coordinates.
 *   direction g/|g|: |g|² summed in float64 in the order of {@link sumOfSquares}, each coordinate
 *             g_k·(1/|g|) formed in float64 and rounded to float32.
 *   zero      if all n Gaussians are 0 (only conceivable for n ≤ 2, probability below 2^-30 per
 *             feature), the feature is drawn again with attempt a + 1.
 *
 * Why Box–Muller and not the polar method: the polar method rejects a varying number of pairs, so
 * coordinate k would depend on how many pairs before it were rejected; Box–Muller turns every
 * counter into Gaussians, so each block of 16 coordinates is independent of all others.
 *
 * Float32 emulation: each operation of the WebAssembly code is one correctly rounded float32
 * operation; here it is the same operation in float64 rounded with Math.fround, which gives the
 * same result for +, −, ×, ÷ and √ of float32 operands (float64 has more than 2·24 + 2 bits, so
 * rounding twice is the same as rounding once). Integer steps use 32-bit integer arithmetic.
 */
import { philox4x32, philoxKey } from "../../../math/philox.ts";

/** Counter word 2 of the feature directions: the generator's stream for them. */
export const DIRECTION_STREAM = 0;

const f32 = Math.fround;

// Cephes logf: ln(1 + x) = x − x²/2 + x³·P(x) on [√½ − 1, √2 − 1].
const SQRT_HALF = f32(Math.SQRT1_2);
const LOG_P: readonly number[] = [
  7.0376836292e-2, -1.151461031e-1, 1.167699874e-1, -1.2420140846e-1, 1.4249322787e-1, -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1,
  3.3333331174e-1,
].map(f32);
const LN2_LO = f32(-2.1219444e-4);
const LN2_HI = f32(0.693359375);
// Cephes sinf and cosf on [−π/4, π/4].
const SIN_P: readonly number[] = [-1.9515295891e-4, 8.3321608736e-3, -1.6666654611e-1].map(f32);
const COS_P: readonly number[] = [2.443315711809948e-5, -1.388731625493765e-3, 4.166664568298827e-2].map(f32);
/** 2π / 2^32, rounded to float32. */
const ANGLE = f32((2 * Math.PI) / 2 ** 32);
const TWO_POW_MINUS_31 = 2 ** -31;

const bits = new Uint32Array(1);
const floats = new Float32Array(bits.buffer);

/**
 * ln u for a float32 0 < u ≤ 1 (normal), in float32 arithmetic: Cephes' logf, operation for
 * operation as $ln in kernel.wat. Within about 2 units in the last place of float32.
 */
export function lnFloat32(u: number): number {
  floats[0] = u;
  const word = bits[0]!;
  let e = (word >>> 23) - 126;
  bits[0] = (word & 0x007fffff) | 0x3f000000;
  const m = floats[0]!; // u's mantissa, in [½, 1)
  let x: number;
  if (m < SQRT_HALF) {
    e -= 1;
    x = f32(f32(m + m) - 1);
  } else {
    x = f32(m - 1);
  }
  const z = f32(x * x);
  let y = f32(f32(LOG_P[0]! * x) + LOG_P[1]!);
  for (let i = 2; i < 9; i++) y = f32(f32(y * x) + LOG_P[i]!);
  y = f32(f32(y * x) * z);
  const fe = f32(e);
  y = f32(y + f32(LN2_LO * fe));
  y = f32(y + f32(-0.5 * z));
  const r = f32(x + y);
  return f32(r + f32(LN2_HI * fe));
}

/**
 * The Box–Muller pair of two uint32 words (radius word a, angle word b), in float32 arithmetic as
 * $box_muller in kernel.wat: writes R cos θ to out[at] and R sin θ to out[at + 1].
 */
export function boxMuller(a: number, b: number, out: Float32Array, at: number): void {
  const u = f32(f32(f32(a >>> 1) + 1) * TWO_POW_MINUS_31);
  const r2 = f32(-2 * lnFloat32(u));
  // pmax(0, r2): 0 unless 0 < r2 (which also maps −0 to +0).
  const radius = f32(Math.sqrt(0 < r2 ? r2 : 0));
  // θ = q·π/2 + x: q the nearest quarter turn, x the rest, |x| ≤ π/4, in exact integer steps.
  const t = (b + 0x20000000) >>> 0;
  const q = t >>> 30;
  const x = f32(f32((t & 0x3fffffff) - 0x20000000) * ANGLE);
  const z = f32(x * x);
  let s = f32(f32(SIN_P[0]! * z) + SIN_P[1]!);
  s = f32(f32(s * z) + SIN_P[2]!);
  s = f32(f32(f32(s * z) * x) + x);
  let c = f32(f32(COS_P[0]! * z) + COS_P[1]!);
  c = f32(f32(c * z) + COS_P[2]!);
  c = f32(f32(c * z) * z);
  c = f32(f32(c - f32(0.5 * z)) + 1);
  // cos θ and sin θ from the quarter turn: odd q swaps them; cos < 0 for q = 1, 2; sin < 0 for q = 2, 3.
  let cos = (q & 1) === 1 ? s : c;
  let sin = (q & 1) === 1 ? c : s;
  if (((q + 1) & 2) !== 0) cos = -cos;
  if ((q & 2) !== 0) sin = -sin;
  out[at] = f32(radius * cos);
  out[at + 1] = f32(radius * sin);
}

/**
 * The n Gaussian coordinates of feature f (before normalising) for `key` (see {@link philoxKey}),
 * as the scheme above defines them, in `out` (length ≥ n; entries from n on are left alone).
 * Domain: n integer ≥ 1, f and attempt integers 0 … 2^32 − 1; not checked (a hot path).
 */
export function featureGaussians(key: readonly [number, number], f: number, n: number, attempt = 0, out = new Float32Array(n)): Float32Array {
  const words = new Uint32Array(4);
  const pairs = new Float32Array(4);
  for (let k0 = 0; k0 < n; k0 += 16) {
    const J = k0 >>> 4;
    for (let i = 0; i < 4; i++) {
      philox4x32(4 * J + i, f, DIRECTION_STREAM, attempt, key[0], key[1], words);
      boxMuller(words[0]!, words[1]!, pairs, 0);
      boxMuller(words[2]!, words[3]!, pairs, 2);
      for (let q = 0; q < 4; q++) {
        const k = k0 + 4 * q + i;
        if (k < n) out[k] = pairs[q]!;
      }
    }
  }
  return out;
}

/**
 * Σ g_k² of g[0 … n − 1] in float64, in the order the WebAssembly kernel uses: s_i sums the squares
 * of the coordinates k ≡ i (mod 4) in increasing k, and the total is (s0 + s1) + (s2 + s3).
 */
export function sumOfSquares(g: ArrayLike<number>, n = g.length): number {
  const s = [0, 0, 0, 0];
  for (let k = 0; k < n; k++) s[k & 3]! += g[k]! * g[k]!;
  return s[0]! + s[1]! + (s[2]! + s[3]!);
}

/**
 * Feature f's unit direction for `seed` in ℝⁿ, as float32: the Gaussians of the first attempt
 * whose coordinates are not all zero, times 1/|g| (each product rounded to float32).
 * Domain: n integer ≥ 1, seed a safe integer ≥ 0, f integer 0 … 2^32 − 1; otherwise a RangeError.
 */
export function featureDirection(seed: number, f: number, n: number): Float32Array {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be an integer ≥ 1, got ${n}`);
  if (!Number.isInteger(f) || f < 0 || f > 0xffffffff) throw new RangeError(`the feature must be an integer 0 … 2^32 − 1, got ${f}`);
  const key = philoxKey(seed);
  const g = new Float32Array(n);
  for (let attempt = 0; ; attempt++) {
    featureGaussians(key, f, n, attempt, g);
    const squares = sumOfSquares(g);
    if (squares > 0) {
      const scale = 1 / Math.sqrt(squares);
      for (let k = 0; k < n; k++) g[k] = f32(g[k]! * scale);
      return g;
    }
  }
}

/**
 * Adds a direction into an input, as the kernel does: x[k] = float32(x[k] + float32(g[k]·scale))
 * for k < n, where g holds Gaussians and scale = 1/|g|.
 */
export function addDirection(x: Float32Array, g: ArrayLike<number>, scale: number, n: number): void {
  for (let k = 0; k < n; k++) x[k] = f32(x[k]! + f32(g[k]! * scale));
}
