/**
 * The counter-based generator and the feature directions made from it (philox.ts,
 * feature-directions.ts, and `gaussians` / `add_direction` in kernel.wat): Philox4x32-10 against
 * Random123's published known-answer vectors, the WebAssembly kernel bit for bit against the
 * TypeScript reference, and the Gaussians and directions against their laws.
 *
 * Tolerances of the statistical checks are 5 standard errors of each estimator (derived in the
 * comments); seeds are fixed, so a check either always passes or always fails.
 */
import { describe, expect, it } from "vitest";
import {
  addDirection,
  boxMuller,
  DIRECTION_STREAM,
  featureDirection,
  featureGaussians,
  lnFloat32,
  sumOfSquares,
} from "../../src/features/simulation/engine/feature-directions.ts";
import { mulHi32, philox4x32, philoxKey } from "../../src/math/philox.ts";
import { kernelInstance, type KernelExports, type WasmBuild } from "../../src/compute/kernels/kernel-wasm-host.ts";

describe("Philox4x32-10", () => {
  // Random123's tests/kat_vectors, "philox4x32 10": counter words, key words, expected output.
  const KNOWN_ANSWERS = [
    [
      [0, 0, 0, 0],
      [0, 0],
      [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8],
    ],
    [
      [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff],
      [0xffffffff, 0xffffffff],
      [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd],
    ],
    [
      [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344],
      [0xa4093822, 0x299f31d0],
      [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1],
    ],
  ] as const;

  it.each(KNOWN_ANSWERS)("matches Random123's known answer for counter %j, key %j", (c, k, expected) => {
    expect(Array.from(philox4x32(c[0], c[1], c[2], c[3], k[0], k[1]))).toEqual(expected);
  });

  it("multiplies 32-bit words exactly (the high half of the 64-bit product)", () => {
    const words = [0, 1, 2, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xd2511f53, 0xcd9e8d57, 0xfffffffe, 0xffffffff, 0x12345678];
    for (const a of words) for (const b of words) expect(mulHi32(a, b)).toBe(Number((BigInt(a) * BigInt(b)) >> 32n));
  });

  it("keys every seed up to 2^53 − 1 by its two words, and refuses anything else", () => {
    expect(philoxKey(0)).toEqual([0, 0]);
    expect(philoxKey(2 ** 32 + 5)).toEqual([5, 1]);
    expect(philoxKey(Number.MAX_SAFE_INTEGER)).toEqual([0xffffffff, 0x1fffff]);
    for (const bad of [-1, 0.5, 2 ** 53, Number.NaN]) expect(() => philoxKey(bad)).toThrow(RangeError);
  });
});

/** One instance of each WebAssembly build this engine runs. */
const BUILDS = (["standard", "relaxed"] as const)
  .map((build) => [build, kernelInstance(build)] as const)
  .filter((entry): entry is readonly [WasmBuild, KernelExports] => entry[1] !== undefined);

/** Runs the kernel's `gaussians` on rows row0 … row0 + rows − 1 and reads them back (all padded columns too). */
function wasmGaussians(wasm: KernelExports, n: number, f0: number, row0: number, rows: number, key: readonly [number, number], attempt = 0) {
  const chunks = Math.ceil(n / 32) * 8;
  const quadBytes = 64 * chunks;
  const totalRows = row0 + rows;
  const normsAt = Math.ceil(totalRows / 4) * quadBytes;
  const need = normsAt + 8 * totalRows;
  if (need > wasm.memory.buffer.byteLength) wasm.memory.grow(Math.ceil((need - wasm.memory.buffer.byteLength) / 65536));
  new Uint8Array(wasm.memory.buffer).fill(0xff, 0, need); // anything left unwritten would show
  wasm.gaussians(0, quadBytes, n, f0, row0, rows, key[0], key[1], DIRECTION_STREAM, attempt, normsAt);
  const all = new Float32Array(wasm.memory.buffer);
  const norms = new Float64Array(wasm.memory.buffer, normsAt, totalRows);
  return Array.from({ length: rows }, (_, i) => {
    const r = row0 + i;
    const values = Float32Array.from({ length: 4 * chunks }, (_, k) => all[((r >> 2) * quadBytes + (k >> 2) * 64 + (r & 3) * 16 + (k & 3) * 4) / 4]!);
    return { values, norm: norms[r]! };
  });
}

describe.each(BUILDS)("the WebAssembly directions (%s build)", (_build, wasm) => {
  it("are the TypeScript reference, bit for bit, with every padded column +0", () => {
    const key = philoxKey(0x1234_5678_9abc);
    // n: one column, not a multiple of 4, of 16, of 32, several turns of 32.
    for (const n of [1, 3, 5, 16, 31, 33, 100, 777]) {
      const f0 = 4_000_000_000; // near 2^32: the feature word is a full uint32
      for (const row0 of [0, 1, 6]) {
        const rows = wasmGaussians(wasm, n, f0, row0, 7, key);
        rows.forEach(({ values, norm }, i) => {
          const expected = featureGaussians(key, f0 + i, n);
          for (let k = 0; k < values.length; k++) {
            // Object.is: −0 and +0 must match too (the padding is +0).
            expect(Object.is(values[k], k < n ? expected[k] : 0), `n ${n}, row ${row0 + i}, column ${k}`).toBe(true);
          }
          expect(norm).toBe(sumOfSquares(expected));
        });
      }
    }
  });

  it("add a unit direction to an input as the reference does (float64 product, rounded once)", () => {
    const n = 70;
    const key = philoxKey(9);
    const norm = wasmGaussians(wasm, n, 5, 0, 1, key)[0]!.norm;
    const chunks = Math.ceil(n / 32) * 8;
    const inputAt = 4 * 64 * chunks; // a second quad: its row 2
    const memory = new Float32Array(wasm.memory.buffer);
    const start = Float32Array.from({ length: n }, (_, k) => Math.fround(Math.sin(k)));
    for (let k = 0; k < 4 * chunks; k++) memory[(inputAt + (k >> 2) * 64 + 2 * 16 + (k & 3) * 4) / 4] = k < n ? start[k]! : 0;
    const scale = 1 / Math.sqrt(norm);
    wasm.add_direction(inputAt + 2 * 16, 0, chunks, scale);
    const expected = start.slice();
    addDirection(expected, featureGaussians(key, 5, n), scale, n);
    const after = new Float32Array(wasm.memory.buffer);
    for (let k = 0; k < n; k++) expect(after[(inputAt + (k >> 2) * 64 + 2 * 16 + (k & 3) * 4) / 4]).toBe(expected[k]);
  });
});

describe("the Gaussians of the scheme", () => {
  // 4 000 features of 64 coordinates: N = 256 000 draws.
  const N_FEATURES = 4000;
  const n = 64;
  const key = philoxKey(7);
  const draws = new Float64Array(N_FEATURES * n);
  for (let f = 0; f < N_FEATURES; f++) draws.set(featureGaussians(key, f, n), f * n);
  const N = draws.length;
  const moment = (p: number) => draws.reduce((sum, z) => sum + z ** p, 0) / N;

  it("have mean 0, variance 1 and kurtosis 3", () => {
    // For standard normals: SE(mean) = 1/√N; Var(z²) = 2, so SE(mean z²) = √(2/N); Var(z⁴) = 96,
    // so SE(mean z⁴) = √(96/N). With N = 256 000: 0.0020, 0.0028, 0.019.
    expect(Math.abs(moment(1))).toBeLessThan(5 / Math.sqrt(N));
    expect(Math.abs(moment(2) - 1)).toBeLessThan(5 * Math.sqrt(2 / N));
    expect(Math.abs(moment(4) - 3)).toBeLessThan(5 * Math.sqrt(96 / N));
  });

  it("have the normal's tails", () => {
    // P(|z| > t) for t = 1, 2, 3: 0.31731, 0.04550, 0.0026998; a count of N Bernoulli(p) has SE √(p(1−p)/N).
    for (const [t, p] of [
      [1, 0.3173105078629141],
      [2, 0.04550026389635842],
      [3, 0.0026997960632601866],
    ] as const) {
      const observed = draws.reduce((c, z) => c + (Math.abs(z) > t ? 1 : 0), 0) / N;
      expect(Math.abs(observed - p), `P(|z| > ${t})`).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / N));
    }
  });

  it("are uncorrelated between coordinates of one feature and between features", () => {
    // The mean of N' products of independent standard normals has SE 1/√N'.
    const pairs = (offsetK: number, offsetF: number) => {
      let sum = 0;
      let count = 0;
      for (let f = 0; f + offsetF < N_FEATURES; f++) {
        for (let k = 0; k + offsetK < n; k++) {
          sum += draws[f * n + k]! * draws[(f + offsetF) * n + k + offsetK]!;
          count++;
        }
      }
      return { mean: sum / count, count };
    };
    // Neighbouring coordinates (k, k + 1: different counters), the two of one Box–Muller pair
    // (k, k + 4), the next block of 16, and the same coordinate of neighbouring features.
    for (const [dk, df] of [
      [1, 0],
      [4, 0],
      [16, 0],
      [0, 1],
    ] as const) {
      const { mean, count } = pairs(dk, df);
      expect(Math.abs(mean), `offsets ${dk}, ${df}`).toBeLessThan(5 / Math.sqrt(count));
    }
  });

  it("differ between seeds and between streams of attempts", () => {
    expect(featureGaussians(philoxKey(1), 3, 40)).not.toEqual(featureGaussians(philoxKey(2), 3, 40));
    expect(featureGaussians(key, 3, 40, 1)).not.toEqual(featureGaussians(key, 3, 40, 0));
    // A feature's first coordinates do not depend on n: the scheme is per block of 16.
    expect(featureGaussians(key, 3, 40).subarray(0, 32)).toEqual(featureGaussians(key, 3, 32));
  });
});

describe("the float32 pieces", () => {
  it("ln is within 2 float32 units in the last place over (0, 1]", () => {
    for (let i = 0; i <= 4000; i++) {
      const u = Math.fround(2 ** (-31 * (i / 4000)) * (1 - 1e-4 * (i % 7)));
      const exact = Math.log(u);
      // One unit in the last place of a float32 near |ln u| is 2^(⌊log2 |ln u|⌋ − 23).
      const ulp = exact === 0 ? 2 ** -149 : 2 ** (Math.floor(Math.log2(Math.abs(exact))) - 23);
      expect(Math.abs(lnFloat32(u) - exact), `ln ${u}`).toBeLessThanOrEqual(2 * ulp);
    }
    expect(lnFloat32(1)).toBe(0);
  });

  it("Box–Muller stays finite at its extremes: radius 0 at u = 1, at most √(62 ln 2) at u = 2^-31", () => {
    const out = new Float32Array(2);
    boxMuller(0xffffffff, 12345, out, 0); // u rounds to 1
    expect(Array.from(out).map(Math.abs)).toEqual([0, 0]);
    for (const angle of [0, 0x40000000, 0x80000000, 0xc0000000, 0x20000000, 0xffffffff]) {
      boxMuller(0, angle, out, 0); // u = 2^-31: the largest radius
      const radius = Math.hypot(out[0]!, out[1]!);
      expect(radius).toBeCloseTo(Math.sqrt(62 * Math.LN2), 5);
    }
    // The quarter turns land on the axes: θ = 0, π/2, π, 3π/2.
    const axes = [0, 0x40000000, 0x80000000, 0xc0000000].map((b) => {
      boxMuller(0, b, out, 0);
      // (+ 0 turns −0 into 0: the sign of a zero coordinate does not matter here.)
      return [Math.sign(Math.round(out[0]!)) + 0, Math.sign(Math.round(out[1]!)) + 0];
    });
    expect(axes).toEqual([
      [1, 0],
      [0, 1],
      [-1, 0],
      [0, -1],
    ]);
  });
});

describe("unit directions", () => {
  it("have length 1 to float32 rounding", () => {
    for (const n of [1, 2, 7, 300]) {
      for (let f = 0; f < 20; f++) {
        const v = featureDirection(11, f, n);
        // Each component is g_k/|g| rounded to float32 (relative error ≤ 2^-24): |v|² within 3·2^-24 of 1.
        expect(Math.abs(sumOfSquares(v) - 1)).toBeLessThanOrEqual(3 * 2 ** -24);
      }
    }
  });

  it("draw a feature again (attempt 1) when all its Gaussians are zero", () => {
    // Seed 1, feature 3 974 242, n = 1: Philox's first word is 0xffffffc8, so u rounds to 1 and the
    // only Gaussian is ±0 (found by a search over features; this test checks the fact itself).
    const key = philoxKey(1);
    expect(Math.abs(featureGaussians(key, 3_974_242, 1)[0]!)).toBe(0);
    const again = featureGaussians(key, 3_974_242, 1, 1)[0]!;
    expect(Math.abs(again)).toBeGreaterThan(0);
    expect(Array.from(featureDirection(1, 3_974_242, 1))).toEqual([Math.sign(again)]);
  });

  it("refuse an impossible n or feature", () => {
    expect(() => featureDirection(1, 0, 0)).toThrow(RangeError);
    expect(() => featureDirection(1, -1, 4)).toThrow(RangeError);
    expect(() => featureDirection(1, 2 ** 32, 4)).toThrow(RangeError);
    expect(() => featureDirection(-1, 0, 4)).toThrow(RangeError);
  });
});
