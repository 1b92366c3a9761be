/**
 * Philox4x32-10, the counter-based random generator of Salmon, Moraes, Dror & Shaw, "Parallel
 * random numbers: as easy as 1, 2, 3" (SC '11), as in their Random123 library. A counter-based
 * generator has no state to carry from one draw to the next: its output is a fixed function of a
 * 128-bit counter and a 64-bit key, so the numbers at counter c can be computed without computing
 * those before it. That is what lets the large readout simulation regenerate any feature's direction
 * on demand, in any worker, in any order, and get the same numbers (feature-directions.ts).
 *
 * One call: ten rounds of
 *   (hi₀, lo₀) = M₀ · x₀,  (hi₁, lo₁) = M₁ · x₂      (32 × 32 → 64-bit products)
 *   x ← (hi₁ ⊕ x₁ ⊕ k₀,  lo₁,  hi₀ ⊕ x₃ ⊕ k₁,  lo₀)
 * with the key bumped by the Weyl constants (W₀, W₁) before every round but the first. Philox4x32
 * with 7 rounds already passes TestU01's BigCrush; 10 is the recommended default with a safety
 * margin. Checked against Random123's published known-answer vectors (tests/unit/simulation-philox).
 *
 * Pure arithmetic on 32-bit integers: the same output in every JavaScript engine, and the same as
 * the WebAssembly version in kernel.wat, lane for lane.
 */

/** The multipliers and Weyl key increments of Philox4x32 (Random123's PHILOX_M4x32_0/1, PHILOX_W32_0/1). */
export const PHILOX_M0 = 0xd2511f53;
export const PHILOX_M1 = 0xcd9e8d57;
export const PHILOX_W0 = 0x9e3779b9;
export const PHILOX_W1 = 0xbb67ae85;

/** Rounds of the generator used everywhere here. */
export const PHILOX_ROUNDS = 10;

/** The high 32 bits of the 64-bit product of two uint32 (exact: split into 16-bit halves). */
export function mulHi32(a: number, b: number): number {
  const aLo = a & 0xffff;
  const aHi = a >>> 16;
  const bLo = b & 0xffff;
  const bHi = b >>> 16;
  const lolo = aLo * bLo;
  const mid1 = aHi * bLo + (lolo >>> 16);
  const mid2 = aLo * bHi + (mid1 & 0xffff);
  return (aHi * bHi + (mid1 >>> 16) + (mid2 >>> 16)) >>> 0;
}

/**
 * Philox4x32 of counter (c0, c1, c2, c3) and key (k0, k1), all uint32, with `rounds` rounds
 * (default 10), written into `out` (4 words) and returned. Domain: integers taken mod 2^32.
 */
export function philox4x32(
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  k0: number,
  k1: number,
  out: Uint32Array = new Uint32Array(4),
  rounds = PHILOX_ROUNDS,
): Uint32Array {
  let x0 = c0 >>> 0;
  let x1 = c1 >>> 0;
  let x2 = c2 >>> 0;
  let x3 = c3 >>> 0;
  let key0 = k0 >>> 0;
  let key1 = k1 >>> 0;
  for (let r = 0; r < rounds; r++) {
    if (r > 0) {
      key0 = (key0 + PHILOX_W0) >>> 0;
      key1 = (key1 + PHILOX_W1) >>> 0;
    }
    const hi0 = mulHi32(PHILOX_M0, x0);
    const lo0 = Math.imul(PHILOX_M0, x0) >>> 0;
    const hi1 = mulHi32(PHILOX_M1, x2);
    const lo1 = Math.imul(PHILOX_M1, x2) >>> 0;
    x0 = (hi1 ^ x1 ^ key0) >>> 0;
    x1 = lo1;
    x2 = (hi0 ^ x3 ^ key1) >>> 0;
    x3 = lo0;
  }
  out[0] = x0;
  out[1] = x1;
  out[2] = x2;
  out[3] = x3;
  return out;
}

/**
 * The Philox key of a seed: its low and high 32-bit words, so that every seed 0 … 2^53 − 1 gives
 * its own key. Domain: a safe integer ≥ 0; otherwise a RangeError.
 */
export function philoxKey(seed: number): [number, number] {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be a safe integer ≥ 0, got ${seed}`);
  return [seed >>> 0, Math.floor(seed / 2 ** 32) >>> 0];
}
