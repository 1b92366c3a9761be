/**
 * The simulation's number-crunching: dot products between the feature vectors (the all-pairs
 * Gram matrix) and between feature vectors and a batch of input vectors (the readouts). Two
 * interchangeable implementations of one interface, {@link DotKernel}:
 *
 *   "wasm-simd"  hand-written WebAssembly with 128-bit SIMD (kernel.wat): a 4×2 register-blocked
 *                micro-kernel over 4 lanes of float32, about 50 GFLOP/s on one core here;
 *   "js"         the same blocking in plain JavaScript (float64 accumulators), for engines without
 *                WebAssembly SIMD (every current browser has it; this is the fallback).
 *
 * Both keep the vectors in float32: half the memory and memory traffic of float64, 4 SIMD lanes
 * instead of 2, and the precision is ample here — a dot product of two unit vectors in ℝⁿ summed
 * in float32 is off by about 2^-24·√n·(1/√n) ≈ 6·10⁻⁸ typically (at most n·2^-24 in the worst
 * case), against overlaps of size 1/√n ≥ 10⁻³ for every n this engine allows.
 *
 * Results of the two kernels agree to float32 rounding but are not bit-identical (the JS kernel
 * sums in float64); each kernel is deterministic on its own, on every platform (no relaxed SIMD).
 *
 * Matrices are "quad-packed" (see kernel.wat): rows padded to a multiple of 4, columns padded to a
 * multiple of 4, each group of 4 rows interleaved in chunks of 4 columns. Callers address rows and
 * columns; the packing is internal.
 */
import { KERNEL_WASM_BASE64 } from "./kernel-wasm.ts";

export type KernelName = "wasm-simd" | "js";

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
   * Domain: i0 a multiple of 4 and ni a multiple of 4 in 4 … TILE; j0 and nj multiples of 2 with
   * nj in 2 … TILE; rows i0 … i0 + ni − 1 within the feature rows rounded up to a multiple of 4
   * (padding rows are zero), likewise for j in the other matrix; 1 ≤ nc, c0 + nc ≤ chunks.
   * Not checked (a hot path): violating it reads the wrong memory.
   */
  dots(i0: number, ni: number, other: Operand, j0: number, nj: number, c0: number, nc: number, accumulate: boolean): void;
  /** The result tile, TILE × TILE row-major (C[i][j] at i·TILE + j); valid until the next reset. */
  tile(): Float32Array;
}

/** Rows rounded up to whole quads. */
function paddedRows(rows: number): number {
  return Math.ceil(rows / 4) * 4;
}

function requireSize(rows: number, n: number): void {
  if (!Number.isInteger(rows) || rows < 1) throw new RangeError(`rows must be an integer ≥ 1, got ${rows}`);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be an integer ≥ 1, got ${n}`);
}

/**
 * Chunks of storage per quad: exactly the chunks of a row. (Padding the stride to an odd number of
 * chunks, against cache-set conflicts at power-of-two n, was measured and gave nothing here, so
 * the layout stays dense; the kernels take the stride separately should that change.)
 */
function strideChunks(chunks: number): number {
  return chunks;
}

/** Index (in floats) of (row r, column k) in a quad-packed matrix with quads `stride` chunks apart. */
function packedIndex(r: number, k: number, stride: number): number {
  return (r >> 2) * 16 * stride + (k >> 2) * 16 + (r & 3) * 4 + (k & 3);
}

function packRow(dst: Float32Array, base: number, r: number, values: ArrayLike<number>, n: number, stride: number): void {
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

function clearRow(dst: Float32Array, base: number, r: number, stride: number, chunks: number): void {
  const start = base + (r >> 2) * 16 * stride + (r & 3) * 4;
  const end = start + 16 * chunks;
  for (let p = start; p < end; p += 16) {
    dst[p] = 0;
    dst[p + 1] = 0;
    dst[p + 2] = 0;
    dst[p + 3] = 0;
  }
}

function unpackRow(src: Float32Array, base: number, r: number, n: number, stride: number): Float32Array {
  const out = new Float32Array(n);
  for (let k = 0; k < n; k++) out[k] = src[base + packedIndex(r, k, stride)]!;
  return out;
}

// ---- JavaScript kernel --------------------------------------------------------------------------

/**
 * The 4×2-blocked dot products in plain JavaScript over quad-packed Float32Arrays. Same contract as
 * the wasm `dots` (kernel.wat), with offsets in floats: a is the A quad at chunk c0, b is B's quad 0
 * at chunk c0. Accumulates in float64 and rounds each result once to float32.
 */
function dotsJs(
  A: Float32Array, a: number, B: Float32Array, b: number, quads: number, pair0: number, pairs: number,
  quadFloats: number, chunks: number, C: Float32Array, ldc: number, accumulate: boolean,
): void {
  for (let q = 0; q < quads; q++, a += quadFloats) {
    for (let p = 0; p < pairs; p++) {
      const pair = pair0 + p;
      let pb = b + (pair >> 1) * quadFloats + (pair & 1) * 8;
      let pa = a;
      let c00 = 0, c01 = 0, c10 = 0, c11 = 0, c20 = 0, c21 = 0, c30 = 0, c31 = 0;
      for (let k = 0; k < chunks; k++, pa += 16, pb += 16) {
        for (let t = 0; t < 4; t++) {
          const b0 = B[pb + t]!;
          const b1 = B[pb + 4 + t]!;
          const a0 = A[pa + t]!;
          const a1 = A[pa + 4 + t]!;
          const a2 = A[pa + 8 + t]!;
          const a3 = A[pa + 12 + t]!;
          c00 += a0 * b0;
          c01 += a0 * b1;
          c10 += a1 * b0;
          c11 += a1 * b1;
          c20 += a2 * b0;
          c21 += a2 * b1;
          c30 += a3 * b0;
          c31 += a3 * b1;
        }
      }
      const at = q * 4 * ldc + p * 2;
      if (accumulate) {
        C[at] = C[at]! + c00;
        C[at + 1] = C[at + 1]! + c01;
        C[at + ldc] = C[at + ldc]! + c10;
        C[at + ldc + 1] = C[at + ldc + 1]! + c11;
        C[at + 2 * ldc] = C[at + 2 * ldc]! + c20;
        C[at + 2 * ldc + 1] = C[at + 2 * ldc + 1]! + c21;
        C[at + 3 * ldc] = C[at + 3 * ldc]! + c30;
        C[at + 3 * ldc + 1] = C[at + 3 * ldc + 1]! + c31;
      } else {
        C[at] = c00;
        C[at + 1] = c01;
        C[at + ldc] = c10;
        C[at + ldc + 1] = c11;
        C[at + 2 * ldc] = c20;
        C[at + 2 * ldc + 1] = c21;
        C[at + 3 * ldc] = c30;
        C[at + 3 * ldc + 1] = c31;
      }
    }
  }
}

/** The plain-JavaScript kernel. Works everywhere; about 10–20× slower than "wasm-simd". */
export function createJsKernel(): DotKernel {
  let features = new Float32Array(0);
  let batch = new Float32Array(0);
  let stride = 0;
  const tile = new Float32Array(TILE * TILE);
  const kernel = {
    name: "js" as const,
    rows: 0,
    n: 0,
    batchRows: 0,
    chunks: 0,
    reset(rows: number, n: number): void {
      requireSize(rows, n);
      const chunks = Math.ceil(n / 4);
      stride = strideChunks(chunks);
      const batchRows = Math.min(TILE, paddedRows(rows));
      features = new Float32Array(paddedRows(rows) * 4 * stride);
      batch = new Float32Array(batchRows * 4 * stride);
      tile.fill(0);
      Object.assign(kernel, { rows, n, chunks, batchRows });
    },
    setRow(f: number, values: ArrayLike<number>): void {
      packRow(features, 0, f, values, kernel.n, stride);
    },
    getRow(f: number): Float32Array {
      return unpackRow(features, 0, f, kernel.n, stride);
    },
    getBatchRow(b: number): Float32Array {
      return unpackRow(batch, 0, b, kernel.n, stride);
    },
    clearBatch(): void {
      batch.fill(0);
    },
    clearBatchRow(b: number): void {
      clearRow(batch, 0, b, stride, kernel.chunks);
    },
    addRows(b: number, indices: Int32Array, count: number): void {
      const quadFloats = 16 * stride;
      const rowFloats = 16 * kernel.chunks;
      const dst = (b >> 2) * quadFloats + (b & 3) * 4;
      for (let i = 0; i < count; i++) {
        const f = indices[i]!;
        const src = (f >> 2) * quadFloats + (f & 3) * 4;
        for (let c = 0; c < rowFloats; c += 16) {
          batch[dst + c] = batch[dst + c]! + features[src + c]!;
          batch[dst + c + 1] = batch[dst + c + 1]! + features[src + c + 1]!;
          batch[dst + c + 2] = batch[dst + c + 2]! + features[src + c + 2]!;
          batch[dst + c + 3] = batch[dst + c + 3]! + features[src + c + 3]!;
        }
      }
    },
    dots(i0: number, ni: number, other: Operand, j0: number, nj: number, c0: number, nc: number, accumulate: boolean): void {
      const quadFloats = 16 * stride;
      const B = other === "features" ? features : batch;
      dotsJs(features, (i0 >> 2) * quadFloats + c0 * 16, B, c0 * 16, ni >> 2, j0 >> 1, nj >> 1, quadFloats, nc, tile, TILE, accumulate);
    },
    tile: () => tile,
  };
  return kernel;
}

// ---- WebAssembly SIMD kernel --------------------------------------------------------------------

interface KernelExports {
  readonly memory: WebAssembly.Memory;
  dots(pa: number, pb: number, quads: number, pair0: number, pairs: number, quadBytes: number, chunks: number, c: number, ldc: number, acc: number): void;
  add_rows(dst: number, src: number, quadBytes: number, idx: number, count: number, chunks: number): void;
}

let compiled: WebAssembly.Module | null | undefined;

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * The compiled kernel module, or null when this engine cannot run it (no WebAssembly, or no SIMD).
 * Compiled once, synchronously: the module is 660 bytes, well under the 4 KB that browsers allow
 * to compile synchronously on the main thread.
 */
function kernelModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  try {
    if (typeof WebAssembly === "object") {
      const bytes = decodeBase64(KERNEL_WASM_BASE64);
      if (WebAssembly.validate(bytes)) compiled = new WebAssembly.Module(bytes);
    }
  } catch {
    compiled = null;
  }
  return compiled;
}

/** Whether this JavaScript engine can run the WebAssembly SIMD kernel. */
export function wasmSimdAvailable(): boolean {
  return kernelModule() !== null;
}

const PAGE = 65536;

/**
 * The WebAssembly SIMD kernel, or undefined when it is unavailable here. Each kernel owns its own
 * WebAssembly memory (grown by `reset`, never shrunk: make a new kernel per simulation run, and
 * let the old one be garbage-collected).
 */
export function createWasmKernel(): DotKernel | undefined {
  const module = kernelModule();
  if (module === null) return undefined;
  const exports = new WebAssembly.Instance(module, {}).exports as unknown as KernelExports;
  const memory = exports.memory;
  // Byte addresses of the regions, laid out by reset: features | batch | tile | row indices.
  let featuresAt = 0;
  let batchAt = 0;
  let tileAt = 0;
  let indicesAt = 0;
  let batchBytes = 0;
  let quadBytes = 0;
  /** Bytes of memory written since the instance was made (all zero beyond). */
  let used = 0;
  let view = new Float32Array(memory.buffer);
  /** A Float32Array over the whole memory; views detach when memory grows, so refresh then. */
  const floats = (): Float32Array => (view.buffer === memory.buffer ? view : (view = new Float32Array(memory.buffer)));
  const kernel = {
    name: "wasm-simd" as const,
    rows: 0,
    n: 0,
    batchRows: 0,
    chunks: 0,
    reset(rows: number, n: number): void {
      requireSize(rows, n);
      const chunks = Math.ceil(n / 4);
      quadBytes = 64 * strideChunks(chunks);
      const batchRows = Math.min(TILE, paddedRows(rows));
      featuresAt = 0;
      batchAt = featuresAt + (paddedRows(rows) / 4) * quadBytes;
      batchBytes = (batchRows / 4) * quadBytes;
      tileAt = batchAt + batchBytes;
      indicesAt = tileAt + TILE * TILE * 4;
      const end = indicesAt + 4 * rows;
      if (end > memory.buffer.byteLength) memory.grow(Math.ceil((end - memory.buffer.byteLength) / PAGE));
      // Memory beyond what earlier resets used is fresh, hence already zero: clear only the rest.
      floats().fill(0, 0, Math.min(end, used) / 4);
      used = Math.max(used, end);
      Object.assign(kernel, { rows, n, chunks, batchRows });
    },
    setRow(f: number, values: ArrayLike<number>): void {
      packRow(floats(), featuresAt / 4, f, values, kernel.n, quadBytes / 64);
    },
    getRow(f: number): Float32Array {
      return unpackRow(floats(), featuresAt / 4, f, kernel.n, quadBytes / 64);
    },
    getBatchRow(b: number): Float32Array {
      return unpackRow(floats(), batchAt / 4, b, kernel.n, quadBytes / 64);
    },
    clearBatch(): void {
      floats().fill(0, batchAt / 4, (batchAt + batchBytes) / 4);
    },
    clearBatchRow(b: number): void {
      clearRow(floats(), batchAt / 4, b, quadBytes / 64, kernel.chunks);
    },
    addRows(b: number, indices: Int32Array, count: number): void {
      if (count === 0) return;
      new Int32Array(memory.buffer, indicesAt, count).set(indices.subarray(0, count));
      exports.add_rows(batchAt + (b >> 2) * quadBytes + (b & 3) * 16, featuresAt, quadBytes, indicesAt, count, kernel.chunks);
    },
    dots(i0: number, ni: number, other: Operand, j0: number, nj: number, c0: number, nc: number, accumulate: boolean): void {
      const pb = (other === "features" ? featuresAt : batchAt) + c0 * 64;
      exports.dots(featuresAt + (i0 >> 2) * quadBytes + c0 * 64, pb, ni >> 2, j0 >> 1, nj >> 1, quadBytes, nc, tileAt, TILE, accumulate ? 1 : 0);
    },
    tile: () => floats().subarray(tileAt / 4, tileAt / 4 + TILE * TILE),
  };
  return kernel;
}

/** Which kernel to use: the fastest available ("auto"), or one in particular. */
export type KernelChoice = "auto" | KernelName;

/**
 * A kernel: "auto" gives "wasm-simd" when available and "js" otherwise; "wasm-simd" falls back to
 * "js" likewise (check the returned `name`); "js" always gives the JavaScript kernel.
 */
export function createKernel(choice: KernelChoice = "auto"): DotKernel {
  return (choice !== "js" ? createWasmKernel() : undefined) ?? createJsKernel();
}
