/**
 * The dot-product kernels against a naive triple loop in float64.
 *
 * Tolerance: both kernels sum n products of float32 numbers. Whatever the order of summation, the
 * computed sum differs from the exact one by at most γ_k · Σ|a_i b_i| with γ_k = k·u/(1 − k·u),
 * u = 2^-24 (float32 unit roundoff) and k the number of roundings along the way (n additions,
 * n multiplications and the extra adds between column slices; k = 2n + 16 is safe). This is the
 * standard a-priori bound (Higham, "Accuracy and Stability of Numerical Algorithms", §3.1): no
 * correct kernel can exceed it, and a wrong index or a missed column misses it by far.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createJsKernel } from "../../src/compute/kernels/kernel-js.ts";
import { createKernel } from "../../src/compute/kernels/kernel.ts";
import { createWasmKernel, wasmRelaxedAvailable, wasmSimdAvailable } from "../../src/compute/kernels/kernel-wasm-host.ts";
import { SLICE_CHUNKS, TILE, type DotKernel } from "../../src/compute/kernels/quad-layout.ts";
import { createRandom, fillGaussians } from "../../src/math/random.ts";
import { readKernelText, relaxMultiplyAdds } from "../../scripts/wasm-assemble.ts";

const U = 2 ** -24;
const gamma = (k: number) => (k * U) / (1 - k * U);

/** Every kernel this engine can run: JavaScript, and both WebAssembly builds where available. */
function kernels(): DotKernel[] {
  return [createJsKernel(), createWasmKernel("standard"), createWasmKernel("relaxed")].filter((k): k is DotKernel => k !== undefined);
}

/** rows × n random numbers, rounded to float32 (what the kernel stores). */
function randomMatrix(rows: number, n: number, seed: number): Float32Array {
  const x = new Float32Array(rows * n);
  fillGaussians(createRandom(seed), x);
  return x;
}

function load(kernel: DotKernel, x: Float32Array, rows: number, n: number): void {
  kernel.reset(rows, n);
  for (let f = 0; f < rows; f++) kernel.setRow(f, x.subarray(f * n, (f + 1) * n));
}

/** Every tile of ⟨row i, row j⟩ the way the engine computes it: tiles of TILE, column slices. */
function gram(kernel: DotKernel, rows: number): Float64Array {
  const padded = Math.ceil(rows / 4) * 4;
  const out = new Float64Array(rows * rows);
  for (let i0 = 0; i0 < padded; i0 += TILE) {
    const ni = Math.min(TILE, padded - i0);
    for (let j0 = 0; j0 < padded; j0 += TILE) {
      const nj = Math.min(TILE, padded - j0);
      for (let c0 = 0; c0 < kernel.chunks; c0 += SLICE_CHUNKS) {
        kernel.dots(i0, ni, "features", j0, nj, c0, Math.min(SLICE_CHUNKS, kernel.chunks - c0), c0 > 0);
      }
      const tile = kernel.tile();
      for (let i = 0; i < ni && i0 + i < rows; i++) {
        for (let j = 0; j < nj && j0 + j < rows; j++) out[(i0 + i) * rows + j0 + j] = tile[i * TILE + j]!;
      }
    }
  }
  return out;
}

function checkDot(got: number, a: Float32Array, b: Float32Array, n: number): void {
  let exact = 0;
  let magnitude = 0;
  for (let k = 0; k < n; k++) {
    exact += a[k]! * b[k]!;
    magnitude += Math.abs(a[k]! * b[k]!);
  }
  expect(Math.abs(got - exact)).toBeLessThanOrEqual(gamma(2 * n + 16) * magnitude);
}

describe("dot-product kernels", () => {
  it("WebAssembly SIMD and relaxed SIMD are available in this Node, and 'auto' picks the relaxed build", () => {
    expect(wasmSimdAvailable()).toBe(true);
    expect(wasmRelaxedAvailable()).toBe(true);
    expect(createKernel().name).toBe("wasm-relaxed");
    expect(createKernel("wasm-relaxed").name).toBe("wasm-relaxed");
    expect(createKernel("wasm-simd").name).toBe("wasm-simd");
    expect(createKernel("js").name).toBe("js");
    expect(kernels().map((k) => k.name)).toEqual(["js", "wasm-simd", "wasm-relaxed"]);
  });

  // Sizes: rows and n not multiples of 4 (padding), rows above one tile (several tiles), and
  // n = 2 101 > 1 024 (three column slices, accumulated).
  for (const [rows, n] of [
    [1, 1],
    [3, 5],
    [70, 37],
    [130, 2101],
  ] as const) {
    it(`all pairs of ${rows} rows × ${n} match the naive loop within the float32 bound`, () => {
      const x = randomMatrix(rows, n, rows * 1000 + n);
      for (const kernel of kernels()) {
        load(kernel, x, rows, n);
        const g = gram(kernel, rows);
        for (let i = 0; i < rows; i++) {
          for (let j = 0; j < rows; j++) checkDot(g[i * rows + j]!, x.subarray(i * n, (i + 1) * n), x.subarray(j * n, (j + 1) * n), n);
        }
      }
    });
  }

  it("computes only the upper triangle of a diagonal tile when asked, leaving the rest alone", () => {
    const rows = 64;
    const n = 21;
    const x = randomMatrix(rows, n, 8);
    for (const kernel of kernels()) {
      load(kernel, x, rows, n);
      kernel.dots(0, 64, "features", 0, 64, 0, kernel.chunks, false);
      const full = kernel.tile().slice();
      kernel.tile().fill(7);
      kernel.dots(0, 64, "features", 0, 64, 0, kernel.chunks, false, true);
      const upper = kernel.tile();
      for (let i = 0; i < 64; i++) {
        for (let j = 0; j < 64; j++) {
          // Quad ⌊i/4⌋'s micro-tiles start at column 4⌊i/4⌋: those are computed, the rest untouched.
          expect(upper[i * TILE + j], `(${i}, ${j}) of ${kernel.name}`).toBe(j >= 4 * Math.floor(i / 4) ? full[i * TILE + j] : 7);
        }
      }
    }
  });

  it("stores rows exactly (as float32) and reads them back", () => {
    const rows = 9;
    const n = 13;
    const x = randomMatrix(rows, n, 5);
    for (const kernel of kernels()) {
      load(kernel, x, rows, n);
      for (let f = 0; f < rows; f++) expect(kernel.getRow(f)).toEqual(x.subarray(f * n, (f + 1) * n));
    }
  });

  it("builds inputs as sums of rows and reads them against every feature", () => {
    const rows = 70;
    const n = 37;
    const x = randomMatrix(rows, n, 6);
    const chosen = [Int32Array.of(0, 69, 5), Int32Array.of(4), Int32Array.of(68, 67, 66, 1)];
    for (const kernel of kernels()) {
      load(kernel, x, rows, n);
      kernel.clearBatch();
      chosen.forEach((indices, b) => kernel.addRows(b, indices, indices.length));
      const inputs = chosen.map((_, b) => kernel.getBatchRow(b));
      chosen.forEach((indices, b) => {
        // float32 sums, added in the listed order: the exact same roundings as the kernel.
        const expected = new Float32Array(n);
        for (const f of indices) for (let k = 0; k < n; k++) expected[k] = expected[k]! + x[f * n + k]!;
        expect(inputs[b]).toEqual(expected);
      });
      for (let i0 = 0; i0 < 72; i0 += TILE) {
        const ni = Math.min(TILE, 72 - i0);
        kernel.dots(i0, ni, "batch", 0, 4, 0, kernel.chunks, false);
        const tile = kernel.tile();
        for (let i = 0; i < ni && i0 + i < rows; i++) {
          for (let b = 0; b < chosen.length; b++) checkDot(tile[i * TILE + b]!, x.subarray((i0 + i) * n, (i0 + i + 1) * n), inputs[b]!, n);
          expect(tile[i * TILE + 3]).toBe(0); // batch row 3 was never filled
        }
      }
      kernel.clearBatchRow(0);
      expect(kernel.getBatchRow(0).every((v) => v === 0)).toBe(true);
      expect(kernel.getBatchRow(1)).toEqual(inputs[1]);
    }
  });

  it("can be reset to a smaller size and starts from zero again", () => {
    for (const kernel of kernels()) {
      load(kernel, randomMatrix(20, 40, 7), 20, 40);
      kernel.reset(6, 10);
      expect(kernel.getRow(5).every((v) => v === 0)).toBe(true);
      kernel.dots(0, 8, "features", 0, 8, 0, kernel.chunks, false);
      expect(
        kernel
          .tile()
          .subarray(0, 8)
          .every((v) => v === 0),
      ).toBe(true);
      expect(() => kernel.reset(0, 10)).toThrow(RangeError);
    }
  });
});

describe("the relaxed-SIMD build of the kernel", () => {
  const wat = readKernelText(fileURLToPath(new URL("../../src/compute/kernels/kernel.wat", import.meta.url)));

  it("the relaxed build fuses exactly the dot products' accumulations, and nothing else", () => {
    const relaxed = relaxMultiplyAdds(wat);
    const fused = (relaxed.match(/\(f32x4\.relaxed_madd \(/g)?.length ?? 0) - (wat.match(/\(f32x4\.relaxed_madd \(/g)?.length ?? 0);
    const accumulations = wat.match(/\(f32x4\.add \(local\.get \$c\d+\) \(f32x4\.mul /g)?.length ?? 0;
    expect(fused).toBeGreaterThan(0);
    expect(fused).toBe(accumulations);
    // Every other multiply survives: the Gaussians must stay bit-identical to the TypeScript reference.
    expect(relaxed.match(/f32x4\.mul/g)?.length).toBe((wat.match(/f32x4\.mul/g)?.length ?? 0) - accumulations);
    expect(() => relaxMultiplyAdds("(module)")).toThrow(/no accumulation/);
  });
});
