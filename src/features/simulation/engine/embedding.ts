/**
 * Random embeddings: m feature vectors drawn uniformly on the unit sphere of ℝⁿ, as normalised
 * vectors of independent standard Gaussians (rotation invariance of the Gaussian makes the
 * direction uniform).
 */
import { createRandom, fillGaussians, type Random } from "../../../math/random.ts";

/** Random stream of a seed used for the embedding (see `createRandom`). */
export const EMBEDDING_STREAM = 0;
/** Random stream of a seed used for the readout trials. */
export const READOUT_STREAM = 1;

/**
 * Scales `row` in place to unit length: divides by √(Σ row[k]²), the sum taken in float64 over the
 * values as stored, in one pass. Returns false (and leaves the row unchanged) when the row is all
 * zeros, which has no direction. Afterwards |row| = 1 up to float32 rounding (relative error about
 * 2^-24·√n at most, typically much less).
 */
export function normaliseRow(row: Float32Array): boolean {
  let sumSquares = 0;
  for (let k = 0; k < row.length; k++) sumSquares += row[k]! * row[k]!;
  if (!(sumSquares > 0)) return false;
  const scale = 1 / Math.sqrt(sumSquares);
  for (let k = 0; k < row.length; k++) row[k] = row[k]! * scale;
  return true;
}

/**
 * Fills `row` with a uniformly random unit vector: Gaussians from `r` (see `fillGaussians`), then
 * {@link normaliseRow}. A row of all zeros (each Gaussian is exactly 0 with probability about
 * 2^-32, so this matters only for tiny n) is drawn again. Domain: row.length ≥ 1.
 */
export function fillUnitVector(r: Random, row: Float32Array): void {
  if (row.length < 1) throw new RangeError("a unit vector needs at least one component");
  do fillGaussians(r, row);
  while (!normaliseRow(row));
}

/**
 * The embedding of a seed: m random unit vectors in ℝⁿ, as one Float32Array of m·n numbers, row
 * f (feature f) at f·n … f·n + n − 1. The same vectors the simulation engine draws for this seed
 * (the engine generates them in pieces and packs them for its kernels, with identical values).
 * Domain: n, m integers ≥ 1, seed a safe integer ≥ 0; throws a RangeError otherwise. Memory: 4·m·n
 * bytes; keep m·n within the engine's limit (2^24) for sizes that fit comfortably.
 */
export function randomEmbedding(n: number, m: number, seed: number): Float32Array {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be an integer ≥ 1, got ${n}`);
  if (!Number.isInteger(m) || m < 1) throw new RangeError(`m must be an integer ≥ 1, got ${m}`);
  const r = createRandom(seed, EMBEDDING_STREAM);
  const vectors = new Float32Array(m * n);
  for (let f = 0; f < m; f++) fillUnitVector(r, vectors.subarray(f * n, (f + 1) * n));
  return vectors;
}
