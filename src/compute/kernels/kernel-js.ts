/**
 * The simulation's dot products in plain JavaScript: the same 4×2 register blocking over the
 * quad-packed layout as the WebAssembly kernel (kernel.wat), with float64 accumulators. For engines
 * without WebAssembly SIMD (every current browser has it; this is the fallback), and as the
 * reference the SIMD kernel is tested against.
 */
import { clearRow, kernelShape, packRow, paddedRows, TILE, unpackRow, type DotKernel, type Operand } from "./quad-layout.ts";

/**
 * The 4×2-blocked dot products in plain JavaScript over quad-packed Float32Arrays. Same contract as
 * the wasm `dots` (kernel.wat), with offsets in floats: a is the A quad at chunk c0, b is B's quad 0
 * at chunk c0; `upper` computes only the micro-tiles on and above the diagonal, as there.
 * Accumulates in float64 and rounds each result once to float32.
 */
export function dotsJs(
  A: Float32Array,
  a: number,
  B: Float32Array,
  b: number,
  quads: number,
  pair0: number,
  pairs: number,
  quadFloats: number,
  chunks: number,
  C: Float32Array,
  ldc: number,
  accumulate: boolean,
  upper: boolean,
): void {
  for (let q = 0; q < quads; q++, a += quadFloats) {
    for (let p = upper ? 2 * q : 0; p < pairs; p++) {
      const pair = pair0 + p;
      let pb = b + (pair >> 1) * quadFloats + (pair & 1) * 8;
      let pa = a;
      let c00 = 0,
        c01 = 0,
        c10 = 0,
        c11 = 0,
        c20 = 0,
        c21 = 0,
        c30 = 0,
        c31 = 0;
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
      const { chunks, batchRows } = kernelShape(rows, n);
      stride = chunks;
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
    dots(i0: number, ni: number, other: Operand, j0: number, nj: number, c0: number, nc: number, accumulate: boolean, upper = false): void {
      const quadFloats = 16 * stride;
      const B = other === "features" ? features : batch;
      dotsJs(features, (i0 >> 2) * quadFloats + c0 * 16, B, c0 * 16, ni >> 2, j0 >> 1, nj >> 1, quadFloats, nc, tile, TILE, accumulate, upper);
    },
    tile: () => tile,
  };
  return kernel;
}
