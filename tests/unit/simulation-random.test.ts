/**
 * The simulation's random numbers: the generator against its reference implementation, and the
 * sampling distributions against their exact moments.
 *
 * Tolerances. Each statistical check compares a sample mean with its exact expectation and allows
 * 5 standard errors (SE = √(Var/N) for N independent draws). A correct generator fails such a
 * check with probability about 6·10⁻⁷ — and since the seeds are fixed, a passing test stays
 * passing; a broken generator (wrong scale, bias, lost bits) misses by far more.
 */
import { describe, expect, it } from "vitest";
import {
  createRandom,
  distinctSubsets,
  fillGaussians,
  gaussian,
  nextDouble,
  nextInt,
  nextUint32,
  randomFromState,
  sampleInPlace,
  splitmix32,
} from "../../src/math/random.ts";

describe("xoshiro128**", () => {
  it("matches the reference C implementation (prng.di.unimi.it) from state 1, 2, 3, 4", () => {
    // Reference values: xoshiro128starstar.c compiled with gcc, s = {1, 2, 3, 4}, first six next().
    const r = randomFromState(1, 2, 3, 4);
    expect(Array.from({ length: 6 }, () => nextUint32(r))).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
  });

  it("refuses the all-zero state", () => {
    expect(() => randomFromState(0, 0, 0, 0)).toThrow(RangeError);
  });

  it("splitmix32 gives fmix32 of the advanced counter", () => {
    // fmix32(0x9e3779b9), computed by hand from MurmurHash3's finaliser.
    let z = 0x9e3779b9;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    expect(splitmix32(0)).toEqual([(z ^ (z >>> 16)) >>> 0, 0x9e3779b9]);
  });
});

describe("seeding", () => {
  it("is reproducible: the same seed and stream give the same numbers", () => {
    const a = createRandom(42, 3);
    const b = createRandom(42, 3);
    for (let i = 0; i < 100; i++) expect(nextUint32(a)).toBe(nextUint32(b));
  });

  it("gives different streams for neighbouring seeds, for streams of one seed, and for large seeds", () => {
    const first = (seed: number, stream = 0) => {
      const r = createRandom(seed, stream);
      return Array.from({ length: 4 }, () => nextUint32(r)).join(",");
    };
    const outputs = new Set([first(0), first(1), first(2), first(0, 1), first(2 ** 32), first(2 ** 53 - 1)]);
    expect(outputs.size).toBe(6);
  });

  it("rejects seeds and streams outside their domain", () => {
    for (const seed of [-1, 1.5, Number.NaN, 2 ** 53]) expect(() => createRandom(seed)).toThrow(RangeError);
    expect(() => createRandom(0, -1)).toThrow(RangeError);
    expect(() => createRandom(0, 2 ** 32)).toThrow(RangeError);
  });
});

describe("uniform numbers", () => {
  const N = 100_000;

  it("nextDouble is in [0, 1) with mean 1/2 and variance 1/12", () => {
    const r = createRandom(7);
    let sum = 0;
    let sumSquares = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < N; i++) {
      const u = nextDouble(r);
      min = Math.min(min, u);
      max = Math.max(max, u);
      sum += u;
      sumSquares += u * u;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    const mean = sum / N;
    const variance = sumSquares / N - mean * mean;
    // SE of the mean: √(1/12 / N) = 9.1·10⁻⁴. SE of the variance: √((μ₄ − σ⁴)/N) with μ₄ = 1/80,
    // σ⁴ = 1/144: √(0.005556/N) = 2.4·10⁻⁴.
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / N));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(5 * Math.sqrt((1 / 80 - 1 / 144) / N));
  });

  it("nextInt(k) hits every value 0 … k − 1 equally often", () => {
    const r = createRandom(8);
    const k = 10;
    const counts = new Array<number>(k).fill(0);
    for (let i = 0; i < N; i++) counts[nextInt(r, k)]!++;
    // Each count is Binomial(N, 1/k): SE √(N · 0.1 · 0.9) = 94.9.
    for (const c of counts) expect(Math.abs(c - N / k)).toBeLessThan(5 * Math.sqrt((N * (k - 1)) / (k * k)));
    expect(() => nextInt(r, 0)).toThrow(RangeError);
    expect(() => nextInt(r, 2.5)).toThrow(RangeError);
  });
});

describe("Gaussian samples", () => {
  const N = 100_000;

  it("have mean 0, variance 1, fourth moment 3, and 68.27% within one standard deviation", () => {
    const r = createRandom(9);
    const x = new Float64Array(N);
    fillGaussians(r, x);
    let s1 = 0;
    let s2 = 0;
    let s4 = 0;
    let within = 0;
    for (const v of x) {
      s1 += v;
      s2 += v * v;
      s4 += v ** 4;
      if (Math.abs(v) < 1) within++;
    }
    expect(x.every(Number.isFinite)).toBe(true);
    // For a standard normal: Var(x) = 1, Var(x²) = E x⁴ − 1 = 2, Var(x⁴) = E x⁸ − 9 = 105 − 9 = 96,
    // and P(|x| < 1) = 0.682689 with Bernoulli variance p(1 − p).
    const p = 0.6826894921370859;
    expect(Math.abs(s1 / N)).toBeLessThan(5 * Math.sqrt(1 / N));
    expect(Math.abs(s2 / N - 1)).toBeLessThan(5 * Math.sqrt(2 / N));
    expect(Math.abs(s4 / N - 3)).toBeLessThan(5 * Math.sqrt(96 / N));
    expect(Math.abs(within / N - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / N));
  });

  it("fillGaussians gives exactly what repeated gaussian() calls give, in any pieces", () => {
    const a = createRandom(10);
    const b = createRandom(10);
    const one = Array.from({ length: 101 }, () => gaussian(a));
    const pieces = new Float64Array(101);
    fillGaussians(b, pieces, 0, 3);
    fillGaussians(b, pieces, 3, 50);
    fillGaussians(b, pieces, 50, 101);
    expect(Array.from(pieces)).toEqual(one);
  });

  it("fillGaussians returns the sum of squares of the stored values and checks its range", () => {
    const r = createRandom(11);
    const out = new Float32Array(33);
    const sum = fillGaussians(r, out);
    expect(sum).toBe(out.reduce((s, v) => s + v * v, 0));
    expect(() => fillGaussians(r, out, 5, 4)).toThrow(RangeError);
    expect(() => fillGaussians(r, out, 0, 34)).toThrow(RangeError);
  });
});

describe("sampling without replacement", () => {
  it("chooses distinct items, each equally often, from any starting order", () => {
    const r = createRandom(12);
    const m = 10;
    const l = 3;
    const T = 20_000;
    const pool = Int32Array.from({ length: m }, (_, i) => m - 1 - i);
    const counts = new Array<number>(m).fill(0);
    for (let t = 0; t < T; t++) {
      sampleInPlace(r, pool, l);
      expect(new Set(pool.subarray(0, l)).size).toBe(l);
      for (let i = 0; i < l; i++) counts[pool[i]!]!++;
    }
    // The pool is still a permutation of 0 … m − 1.
    expect([...pool].sort((a, b) => a - b)).toEqual([...Array(m).keys()]);
    // Each item is chosen in a trial with probability l/m = 0.3, independently across trials:
    // Binomial(T, 0.3), SE √(T · 0.3 · 0.7) = 64.8.
    for (const c of counts) expect(Math.abs(c - (T * l) / m)).toBeLessThan(5 * Math.sqrt(T * 0.3 * 0.7));
  });

  it("drawing in pieces equals drawing at once", () => {
    const whole = Int32Array.from({ length: 50 }, (_, i) => i);
    const parts = whole.slice();
    sampleInPlace(createRandom(13), whole, 20);
    const r = createRandom(13);
    sampleInPlace(r, parts, 7, 0);
    sampleInPlace(r, parts, 20, 7);
    expect(parts).toEqual(whole);
  });

  it("rejects counts outside 0 … size", () => {
    const r = createRandom(14);
    expect(() => sampleInPlace(r, new Int32Array(3), 4)).toThrow(RangeError);
    expect(() => sampleInPlace(r, new Int32Array(3), 2, 3)).toThrow(RangeError);
  });
});

describe("distinct subsets (Floyd)", () => {
  it("gives l distinct sorted integers below m, every subset equally often, from the stream in order", () => {
    // All C(5, 2) = 10 pairs of 0 … 4, each with probability 1/10: 20 000 sets give each a
    // standard error of √(0.1·0.9/20 000) = 0.0021; the tolerance is 5 of them.
    const count = 20_000;
    const sets = distinctSubsets(createRandom(3), 5, 2, count);
    const seen = new Map<string, number>();
    for (const set of sets) {
      expect(set).toHaveLength(2);
      expect(set[0]!).toBeGreaterThanOrEqual(0);
      expect(set[0]!).toBeLessThan(set[1]!);
      expect(set[1]!).toBeLessThan(5);
      seen.set(set.join(","), (seen.get(set.join(",")) ?? 0) + 1);
    }
    expect(seen.size).toBe(10);
    for (const times of seen.values()) expect(Math.abs(times / count - 0.1)).toBeLessThan(5 * Math.sqrt((0.1 * 0.9) / count));
    // The same stream draws the same sets; l = m takes every integer, l = 0 none.
    const again = distinctSubsets(createRandom(3), 5, 2, 3);
    expect(again).toEqual(sets.slice(0, 3));
    expect(distinctSubsets(createRandom(3), 7, 7, 1)[0]).toEqual(Int32Array.from([0, 1, 2, 3, 4, 5, 6]));
    expect(distinctSubsets(createRandom(3), 7, 0, 2)).toEqual([new Int32Array(0), new Int32Array(0)]);
  });
});
