/**
 * Seeded, reproducible random numbers for the simulation. Pure arithmetic on 32-bit integers, so
 * a seed gives the same stream in Node, in a browser and in a Web Worker.
 *
 * Generator: xoshiro128** 1.1 (Blackman & Vigna, 2018; https://prng.di.unimi.it/), a small fast
 * generator with 128 bits of state and period 2^128 − 1 that passes BigCrush. Its state is filled
 * from the seed by splitmix32 (the 32-bit form of SplitMix: add the golden-ratio constant, then
 * MurmurHash3's fmix32 finaliser), as its authors recommend, so that nearby seeds (0, 1, 2 …) give
 * unrelated streams and the state is never all zeros.
 *
 * Only two transcendental calls are used, in {@link gaussian}: Math.log and Math.sqrt. Math.sqrt
 * is correctly rounded everywhere; Math.log may differ in its last bit between JavaScript engines,
 * so streams of Gaussians are bit-identical within one engine and agree to ~1 ulp across engines.
 */

/** A generator's state: four 32-bit words, mutated in place by every draw. */
export interface Random {
  readonly state: Uint32Array;
  /** A cached second Gaussian from the polar method, or NaN when there is none. */
  spare: number;
}

const GOLDEN_32 = 0x9e3779b9;

/**
 * splitmix32: the next output of the SplitMix sequence whose counter is `x` (a uint32); returns
 * [output, next counter]. Output = fmix32(x + 0x9e3779b9). Domain: any number (taken mod 2^32).
 */
export function splitmix32(x: number): [output: number, next: number] {
  const next = (x + GOLDEN_32) >>> 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [(z ^ (z >>> 16)) >>> 0, next];
}

/**
 * A generator for (seed, stream). Different streams of one seed are independent sequences, used
 * so that each part of the simulation (embedding, readout trials …) has its own: adding or
 * skipping one part never changes the numbers another one sees.
 * Domain: seed a safe integer ≥ 0 (0 … 2^53 − 1), stream an integer 0 … 2^32 − 1. Outside it
 * throws a RangeError (validate user input first with `validateSimulation`).
 * The state comes from splitmix32 seeded with the seed's low word mixed with its high word and the
 * stream; it cannot be all zeros (the forbidden state of xoshiro), and if it were it is replaced.
 */
export function createRandom(seed: number, stream = 0): Random {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be a safe integer ≥ 0, got ${seed}`);
  if (!Number.isInteger(stream) || stream < 0 || stream > 0xffffffff) {
    throw new RangeError(`stream must be an integer 0 … 2^32 − 1, got ${stream}`);
  }
  const low = seed >>> 0;
  const high = Math.floor(seed / 2 ** 32) >>> 0;
  // Three splitmix steps fold (low, high, stream) into one counter; four more fill the state.
  let [out] = splitmix32(low);
  [out] = splitmix32((out ^ high) >>> 0);
  [out] = splitmix32((out ^ stream) >>> 0);
  let counter = out;
  const state = new Uint32Array(4);
  for (let i = 0; i < 4; i++) [state[i], counter] = splitmix32(counter);
  if ((state[0]! | state[1]! | state[2]! | state[3]!) === 0) state[0] = 1;
  return { state, spare: Number.NaN };
}

/** A generator with the given raw xoshiro128** state (for tests against the reference code). */
export function randomFromState(s0: number, s1: number, s2: number, s3: number): Random {
  const state = Uint32Array.of(s0, s1, s2, s3);
  if ((state[0]! | state[1]! | state[2]! | state[3]!) === 0) throw new RangeError("xoshiro128** state must not be all zeros");
  return { state, spare: Number.NaN };
}

/**
 * The next 32-bit output of xoshiro128** as an unsigned integer 0 … 2^32 − 1:
 * result = rotl(s1·5, 7)·9, then the xorshift state update. Mutates `r.state`.
 */
export function nextUint32(r: Random): number {
  const s = r.state;
  const s0 = s[0]!;
  const s1 = s[1]!;
  const product = Math.imul(s1, 5);
  const result = Math.imul((product << 7) | (product >>> 25), 9) >>> 0;
  const t = s1 << 9;
  let s2 = s[2]! ^ s0;
  let s3 = s[3]! ^ s1;
  s[1] = s1 ^ s2;
  s[0] = s0 ^ s3;
  s2 ^= t;
  s3 = (s3 << 11) | (s3 >>> 21);
  s[2] = s2;
  s[3] = s3;
  return result;
}

/**
 * A uniform double in [0, 1) with 53 random bits (two 32-bit draws: the top 27 bits of the first
 * and the top 26 of the second), i.e. k·2^-53 for a uniform integer k in 0 … 2^53 − 1.
 */
export function nextDouble(r: Random): number {
  const a = nextUint32(r) >>> 5;
  const b = nextUint32(r) >>> 6;
  return (a * 67108864 + b) / 9007199254740992;
}

/**
 * A uniform integer in 0 … k − 1, as ⌊k·u⌋ with u from {@link nextDouble}. The bias is at most
 * k·2^-53 per value (below 2^-29 for every k this engine uses, k ≤ 2^24), far under any
 * statistical resolution here. Domain: k integer, 1 ≤ k ≤ 2^32; otherwise throws a RangeError.
 */
export function nextInt(r: Random, k: number): number {
  if (!Number.isInteger(k) || k < 1 || k > 2 ** 32) throw new RangeError(`k must be an integer 1 … 2^32, got ${k}`);
  return Math.floor(nextDouble(r) * k);
}

/**
 * `count` sets of l distinct integers out of 0 … m − 1, each drawn uniformly and sorted
 * increasingly, by Floyd's algorithm (for j = m − l … m − 1: draw t in 0 … j with {@link nextInt};
 * take t, or j if t is already taken), sets in order from `r`. Domain: integers m ≥ 1, 0 ≤ l ≤ m,
 * count ≥ 0, m ≤ 2^32 (callers check their own fields first, to name them in their message);
 * otherwise nextInt's RangeError.
 */
export function distinctSubsets(r: Random, m: number, l: number, count: number): Int32Array[] {
  const sets: Int32Array[] = [];
  const taken = new Set<number>();
  for (let s = 0; s < count; s++) {
    taken.clear();
    for (let j = m - l; j < m; j++) {
      const t = nextInt(r, j + 1);
      taken.add(taken.has(t) ? j : t);
    }
    sets.push(Int32Array.from(taken).sort());
  }
  return sets;
}

/** 2^-31: maps a signed 32-bit integer onto [−1, 1). */
const INV_2_31 = 1 / 2 ** 31;

/**
 * A standard normal sample (mean 0, variance 1) by Marsaglia's polar method: draw (u, v) uniform
 * in the square [−1, 1)² (each a signed 32-bit draw times 2^-31), reject unless 0 < s = u² + v² < 1,
 * then u·√(−2 ln s / s) and v·√(−2 ln s / s) are two independent standard normals; the second is
 * cached in `r.spare` and returned by the next call. No trigonometric calls (unlike Box–Muller);
 * acceptance probability π/4. Always finite: u, v are multiples of 2^-31, so s ≥ 2^-62 and each
 * output is at most √(−2 ln s) ≤ 9.3 in size (the normal tail beyond 9.3 has probability 10⁻²⁰,
 * never met in practice). 32-bit uniforms rather than 53-bit ones: half the draws, twice the speed,
 * and a grid of 2^-31 is far below anything the simulation resolves.
 */
export function gaussian(r: Random): number {
  const spare = r.spare;
  if (spare === spare) {
    // Not NaN: a cached value from the previous pair.
    r.spare = Number.NaN;
    return spare;
  }
  for (;;) {
    const u = (nextUint32(r) | 0) * INV_2_31;
    const v = (nextUint32(r) | 0) * INV_2_31;
    const s = u * u + v * v;
    if (s >= 1 || s === 0) continue;
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    r.spare = v * factor;
    return u * factor;
  }
}

/**
 * Fills out[from … to − 1] with standard normal samples and returns the sum of their squares
 * (of the values as stored, i.e. after rounding to float32 when `out` is a Float32Array).
 * Gives exactly the values that calling {@link gaussian} once per element would (same pairs, same
 * spare), only faster. Domain: integers 0 ≤ from ≤ to ≤ out.length; otherwise a RangeError.
 */
export function fillGaussians(r: Random, out: Float32Array | Float64Array, from = 0, to = out.length): number {
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > out.length || from > to) {
    throw new RangeError(`fillGaussians needs 0 ≤ from ≤ to ≤ ${out.length}, got ${from}, ${to}`);
  }
  let sumSquares = 0;
  let i = from;
  if (i < to && r.spare === r.spare) {
    out[i] = r.spare;
    r.spare = Number.NaN;
    sumSquares += out[i]! * out[i]!;
    i++;
  }
  while (i < to) {
    const u = (nextUint32(r) | 0) * INV_2_31;
    const v = (nextUint32(r) | 0) * INV_2_31;
    const s = u * u + v * v;
    if (s >= 1 || s === 0) continue;
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    out[i] = u * factor;
    sumSquares += out[i]! * out[i]!;
    i++;
    if (i < to) {
      out[i] = v * factor;
      sumSquares += out[i]! * out[i]!;
      i++;
    } else {
      r.spare = v * factor;
    }
  }
  return sumSquares;
}

/**
 * Chooses `count` distinct items of `pool` uniformly at random (without replacement) by a partial
 * Fisher–Yates shuffle: for i = 0 … count − 1, swap pool[i] with pool[j], j uniform in i … size − 1.
 * The chosen items end up in pool[0 … count − 1], in random order. Works from any arrangement of
 * `pool`, so the same array can be reused trial after trial without resetting it (every k-subset
 * is equally likely whatever the starting order). Mutates `pool`.
 * `from` lets a long draw be done in pieces: calling it with (count = c1, from = 0), then
 * (count = c2, from = c1) … gives exactly the same result as one call with (count = last, from = 0).
 * Domain: integers 0 ≤ from ≤ count ≤ pool.length; otherwise throws a RangeError.
 */
export function sampleInPlace(r: Random, pool: Int32Array, count: number, from = 0): void {
  const size = pool.length;
  if (!Number.isInteger(count) || !Number.isInteger(from) || from < 0 || from > count || count > size) {
    throw new RangeError(`sampleInPlace needs integers 0 ≤ from ≤ count ≤ ${size}, got from = ${from}, count = ${count}`);
  }
  for (let i = from; i < count; i++) {
    const j = i + Math.floor(nextDouble(r) * (size - i));
    const chosen = pool[j]!;
    pool[j] = pool[i]!;
    pool[i] = chosen;
  }
}
