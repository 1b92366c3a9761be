/**
 * The toy model's input sampler: exactly the numbers a straightforward implementation on
 * `nextUint32` gives (the fast one keeps the generator's state in local variables), the right
 * distribution (tolerances: 5 standard errors), and the same batch whether drawn at once or in
 * pieces.
 */
import { describe, expect, it } from "vitest";
import { createSparseBatch, sampleRows, usesSkipping, type SparseBatch } from "../../src/features/toy-model/engine/data.ts";
import { createRandom, nextUint32, type Random } from "../../src/math/random.ts";
import { fc } from "./arbitraries.ts";

/** The sampler written plainly, one nextUint32 call per draw (see data.ts for the two methods),
 * with the same floating-point operations (reciprocals multiplied, as there). */
function reference(r: Random, size: number, m: number, S: number): { index: number[][]; value: number[][] } {
  const index: number[][] = [];
  const value: number[][] = [];
  for (let s = 0; s < size; s++) {
    const rowIndex: number[] = [];
    const rowValue: number[] = [];
    if (usesSkipping(m, S)) {
      let i = -1;
      for (;;) {
        i += 1 + Math.floor(Math.log((nextUint32(r) + 1) * 2 ** -32) * (1 / Math.log(S)));
        if (i >= m) break;
        rowIndex.push(i);
        rowValue.push((nextUint32(r) + 0.5) * 2 ** -32);
      }
    } else {
      const threshold = Math.ceil(S * 2 ** 32);
      for (let i = 0; i < m; i++) {
        const u = nextUint32(r);
        if (u >= threshold) {
          rowIndex.push(i);
          rowValue.push((u - threshold + 0.5) * (1 / (2 ** 32 - threshold)));
        }
      }
    }
    index.push(rowIndex);
    value.push(rowValue);
  }
  return { index, value };
}

function rows(batch: SparseBatch, size: number): { index: number[][]; value: number[][] } {
  const index: number[][] = [];
  const value: number[][] = [];
  for (let s = 0; s < size; s++) {
    index.push(Array.from(batch.index.subarray(batch.start[s]!, batch.start[s + 1]!)));
    value.push(Array.from(batch.value.subarray(batch.start[s]!, batch.start[s + 1]!)));
  }
  return { index, value };
}

describe("the sparse input sampler", () => {
  it("chooses skipping only where it is cheaper: from S > 0.9 + 1/m, so never for m ≤ 10", () => {
    expect(usesSkipping(10, 0.999999)).toBe(false);
    expect(usesSkipping(80, 0.91)).toBe(false);
    expect(usesSkipping(80, 0.915)).toBe(true);
    expect(usesSkipping(512, 0.9)).toBe(false);
    expect(usesSkipping(512, 0.905)).toBe(true);
  });

  it("gives exactly the numbers of the plain implementation, with either method", () => {
    for (const [m, S] of [
      [5, 0],
      [5, 0.99],
      [80, 0.7],
      [80, 0.99],
      [300, 0.95],
    ] as const) {
      const batch = createSparseBatch(50, m);
      sampleRows(createRandom(9, 4), batch, S, 0, 50);
      const expected = reference(createRandom(9, 4), 50, m, S);
      expect(rows(batch, 50)).toEqual(expected);
    }
  });

  it("gives the same batch drawn at once or in pieces, and leaves the stream where the next draw starts", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 120 }), fc.double({ min: 0, max: 0.999, noNaN: true }), fc.integer({ min: 0, max: 40 }), (m, S, cut) => {
        const whole = createSparseBatch(40, m);
        const a = createRandom(3, 1);
        sampleRows(a, whole, S, 0, 40);
        const pieces = createSparseBatch(40, m);
        const b = createRandom(3, 1);
        sampleRows(b, pieces, S, 0, cut);
        sampleRows(b, pieces, S, cut, 40);
        expect(rows(pieces, 40)).toEqual(rows(whole, 40));
        expect(nextUint32(a)).toBe(nextUint32(b));
      }),
      { numRuns: 60 },
    );
  });

  it("draws each feature nonzero with probability 1 − S, uniform in (0, 1), indices increasing", () => {
    for (const [m, S] of [
      [80, 0.7],
      [80, 0.99],
      [5, 0.5],
      [200, 0.9],
    ] as const) {
      const size = 1000;
      const batch = createSparseBatch(size, m);
      const nonzero = sampleRows(createRandom(11, 2), batch, S, 0, size);
      const entries = size * m;
      // Binomial count: s.e. √(entries·S(1 − S)).
      expect(Math.abs(nonzero - entries * (1 - S))).toBeLessThan(5 * Math.sqrt(entries * S * (1 - S)));
      let sum = 0;
      for (let s = 0; s < size; s++) {
        for (let p = batch.start[s]!; p < batch.start[s + 1]!; p++) {
          const v = batch.value[p]!;
          expect(v > 0 && v < 1).toBe(true);
          sum += v;
          if (p > batch.start[s]!) expect(batch.index[p]!).toBeGreaterThan(batch.index[p - 1]!);
          expect(batch.index[p]!).toBeLessThan(m);
        }
      }
      // Uniform values: mean ½, s.e. √(1/12 / nonzero).
      expect(Math.abs(sum / nonzero - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / nonzero));
    }
  });

  it("draws nonzero features at every position alike (the skipping sampler restarts at each row)", () => {
    const m = 100;
    const S = 0.97;
    const size = 10000;
    const batch = createSparseBatch(size, m);
    sampleRows(createRandom(5, 0), batch, S, 0, size);
    const perPosition = new Array<number>(m).fill(0);
    for (let p = 0; p < batch.start[size]!; p++) perPosition[batch.index[p]!]!++;
    // Each position: Binomial(size, 1 − S).
    const sd = Math.sqrt(size * S * (1 - S));
    for (const c of perPosition) expect(Math.abs(c - size * (1 - S))).toBeLessThan(5 * sd);
  });

  it("refuses a sparsity outside [0, 1) and rows outside the batch", () => {
    const batch = createSparseBatch(4, 3);
    expect(() => sampleRows(createRandom(1), batch, 1, 0, 4)).toThrow(RangeError);
    expect(() => sampleRows(createRandom(1), batch, -0.1, 0, 4)).toThrow(RangeError);
    expect(() => sampleRows(createRandom(1), batch, Number.NaN, 0, 4)).toThrow(RangeError);
    expect(() => sampleRows(createRandom(1), batch, 0.5, 0, 5)).toThrow(RangeError);
    expect(() => createSparseBatch(0, 3)).toThrow(RangeError);
  });
});
