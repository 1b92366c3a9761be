/**
 * What every dot-product kernel of the simulation shares: the interface, the tile sizes, and the
 * "quad-packed" layout of its matrices (see kernel.wat): rows padded to a multiple of 4, columns
 * padded to a multiple of 4, each group of 4 rows interleaved in chunks of 4 columns, so that one
 * 128-bit load reads the same 4 columns of 4 rows. Callers address rows and columns; the packing
 * is internal to the kernels.
 */
/**
 * The kernels: "wasm-relaxed" (kernel.wat's relaxed-SIMD build: fused multiply-adds), "wasm-simd"
 * (its standard build) and "js" (kernel-js.ts).
 */
export type KernelName = "wasm-relaxed" | "wasm-simd" | "js";

/** Rows (and columns) of one result tile: tiles are at most TILE × TILE dot products. */
export const TILE = 64;

/** Columns are summed in slices of at most this many chunks of 4 (1 024 columns), so that one
 * `dots` call does at most TILE² · 1 024 = 2^22 multiply-adds: a few milliseconds even in JS. */
export const SLICE_CHUNKS = 256;

/** Which matrix the columns of a tile come from: the features themselves, or the input batch. */
export type Operand = "features" | "batch";

export interface DotKernel {
  readonly name: KernelName;
  /** Feature vectors held (set by {@link DotKernel.reset}); 0 before. */
  readonly rows: number;
  /** Components per vector. */
  readonly n: number;
  /** Rows in the input batch: min(TILE, rows rounded up to a multiple of 4). */
  readonly batchRows: number;
  /** Chunks of 4 columns per row: ⌈n/4⌉. */
  readonly chunks: number;
  /**
   * Makes room for `rows` feature vectors of n components, all zero, and a zeroed batch.
   * Domain: rows, n integers ≥ 1 with rows·n small enough to allocate (the engine's limits keep
   * it ≤ 2^24); throws a RangeError otherwise, or if memory cannot be had.
   */
  reset(rows: number, n: number): void;
  /** Sets feature vector f (0 ≤ f < rows) to values[0 … n − 1] (rounded to float32). */
  setRow(f: number, values: ArrayLike<number>): void;
  /** Feature vector f as a new Float32Array of length n. */
  getRow(f: number): Float32Array;
  /** Batch row b (0 ≤ b < batchRows) as a new Float32Array of length n. */
  getBatchRow(b: number): Float32Array;
  /** Sets every batch row to zero. */
  clearBatch(): void;
  /** Sets batch row b to zero (n numbers: cheaper than clearBatch when few rows are used). */
  clearBatchRow(b: number): void;
  /** Batch row b += Σ feature vectors indices[0 … count − 1], added in that order. */
  addRows(b: number, indices: Int32Array, count: number): void;
  /**
   * The tile of dot products C[i][j] = ⟨feature i0 + i, other row j0 + j⟩ over the columns of
   * chunks c0 … c0 + nc − 1 (columns 4·c0 … 4·(c0 + nc) − 1), written to {@link DotKernel.tile}
   * (or added to it, if `accumulate`). `other` is "features" or "batch".
   * With `upper` (a diagonal tile of the Gram matrix: j0 = i0, nj = ni), only the entries with
   * j ≥ 4·⌊i/4⌋ are computed, the upper triangle rounded out to whole 4×2 micro-tiles (about half
   * the work); the others are left as they were.
   * Domain: i0 a multiple of 4 and ni a multiple of 4 in 4 … TILE; j0 and nj multiples of 2 with
   * nj in 2 … TILE; rows i0 … i0 + ni − 1 within the feature rows rounded up to a multiple of 4
   * (padding rows are zero), likewise for j in the other matrix; 1 ≤ nc, c0 + nc ≤ chunks.
   * Not checked (a hot path): violating it reads the wrong memory.
   */
  dots(i0: number, ni: number, other: Operand, j0: number, nj: number, c0: number, nc: number, accumulate: boolean, upper?: boolean): void;
  /** The result tile, TILE × TILE row-major (C[i][j] at i·TILE + j); valid until the next reset. */
  tile(): Float32Array;
}

/** Rows rounded up to whole quads. */
export function paddedRows(rows: number): number {
  return Math.ceil(rows / 4) * 4;
}

export function requireSize(rows: number, n: number): void {
  if (!Number.isInteger(rows) || rows < 1) throw new RangeError(`rows must be an integer ≥ 1, got ${rows}`);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be an integer ≥ 1, got ${n}`);
}

/** Index (in floats) of (row r, column k) in a quad-packed matrix with quads `stride` chunks apart. */
export function packedIndex(r: number, k: number, stride: number): number {
  return (r >> 2) * 16 * stride + (k >> 2) * 16 + (r & 3) * 4 + (k & 3);
}

export function packRow(dst: Float32Array, base: number, r: number, values: ArrayLike<number>, n: number, stride: number): void {
  let p = base + (r >> 2) * 16 * stride + (r & 3) * 4;
  let k = 0;
  for (; k + 4 <= n; k += 4, p += 16) {
    dst[p] = values[k]!;
    dst[p + 1] = values[k + 1]!;
    dst[p + 2] = values[k + 2]!;
    dst[p + 3] = values[k + 3]!;
  }
  for (let t = 0; k < n; k++, t++) dst[p + t] = values[k]!;
}

export function clearRow(dst: Float32Array, base: number, r: number, stride: number, chunks: number): void {
  const start = base + (r >> 2) * 16 * stride + (r & 3) * 4;
  const end = start + 16 * chunks;
  for (let p = start; p < end; p += 16) {
    dst[p] = 0;
    dst[p + 1] = 0;
    dst[p + 2] = 0;
    dst[p + 3] = 0;
  }
}

export function unpackRow(src: Float32Array, base: number, r: number, n: number, stride: number): Float32Array {
  const out = new Float32Array(n);
  for (let k = 0; k < n; k++) out[k] = src[base + packedIndex(r, k, stride)]!;
  return out;
}

/**
 * The shape a kernel lays out for `rows` vectors of n components: chunks of 4 columns per row and
 * rows in the input batch (at most one tile, and no more than the rows rounded up to a quad).
 * Domain: rows, n integers ≥ 1; otherwise a RangeError.
 */
export function kernelShape(rows: number, n: number): { chunks: number; batchRows: number } {
  requireSize(rows, n);
  return { chunks: Math.ceil(n / 4), batchRows: Math.min(TILE, paddedRows(rows)) };
}
