/**
 * Every shape the calculators accept costs a bounded amount of work: the error rates, the best
 * threshold and the TopK prediction are counted in evaluations of their quadratures' integrands
 * and of the incomplete beta and gamma functions (src/math/work-count.ts), not timed (every
 * wall-clock assertion lives in tests/browser/performance.test.ts). The grid holds the corners of
 * the domain and the shapes that once froze a calculator for seconds (a few neurons with a huge
 * dictionary: the TopK cut then lies within 10⁻²⁰ of the top, where a cut sought in readout units
 * had no digits left, and its quadrature halved its step to the limit); a property test adds
 * shapes drawn over n 1 … 2²², m 2 … 2⁴¹, l 1 … min(m, 2¹⁴).
 */
import { describe, expect, it } from "vitest";
import { fc, countArb } from "./arbitraries.ts";
import { errorRates } from "../../src/math/error-rates.ts";
import { bestThreshold } from "../../src/math/thresholds.ts";
import { topkMisreads } from "../../src/math/topk-misreads.ts";
import { errorRateResults } from "../../src/numbers/error-rate-results.ts";
import { countWork } from "../../src/math/work-count.ts";

/**
 * The bounds, about twice the largest work measured over the grid below and 3 000 shapes drawn as
 * in the property (in brackets, integrand / special-function evaluations): a shape beyond them is a
 * regression of the kind this file is for (the shapes that froze a calculator took 217 000
 * integrand and 9.5 million special-function evaluations).
 */
const BOUNDS = {
  // TopK: 1 700 / 7 900 (n = 2, m = 10, l = 9: a kink where all inactive features enter the top l).
  topk: { integrand: 4_000, special: 16_000 },
  // The best threshold: 19 300 / 19 300 (n = 23, m = 2 006, l = 4: the minimum at the edge of the
  // bracket around the Gaussian guess, so the grid's search as well).
  best: { integrand: 40_000, special: 40_000 },
  // The rates at ½ with all right and its l at 90 % and 50 %: 2 300 / 11 500 (n = 6 215, m = 64 247, l = 1 058).
  rates: { integrand: 5_000, special: 24_000 },
} as const;

type Kind = keyof typeof BOUNDS;

function work(kind: Kind, n: number, m: number, l: number) {
  return countWork(() => {
    if (kind === "topk") return n >= 2 ? topkMisreads(n, m, l) : 0;
    if (kind === "best") return bestThreshold(n, m, l);
    return errorRates(n, m, l);
  });
}

function expectBounded(n: number, m: number, l: number): void {
  for (const kind of Object.keys(BOUNDS) as Kind[]) {
    const w = work(kind, n, m, l);
    expect(w.integrandEvaluations, `${kind} at n = ${n}, m = ${m}, l = ${l}: integrand evaluations`).toBeLessThanOrEqual(BOUNDS[kind].integrand);
    expect(w.specialEvaluations, `${kind} at n = ${n}, m = ${m}, l = ${l}: special-function evaluations`).toBeLessThanOrEqual(BOUNDS[kind].special);
  }
}

const MAX_N = 2 ** 22;
const MAX_M = 2 ** 41;
const MAX_L = 2 ** 14;

describe("the work of the error rates, the best threshold and TopK is bounded", () => {
  it("at the shapes that froze the calculators for seconds", () => {
    for (const [n, m, l] of [
      [2, 720_000_000_000, 143],
      [2, 4_600_000_000, 3],
      [3, 81_000_000_000, 9],
    ] as const) {
      const w = work("topk", n, m, l);
      // Before: 217 000 integrand and 9.5 million special-function evaluations at the first.
      expect(w.integrandEvaluations).toBeLessThanOrEqual(BOUNDS.topk.integrand);
      expect(w.specialEvaluations).toBeLessThanOrEqual(BOUNDS.topk.special);
      expectBounded(n, m, l);
    }
  });

  it("over a grid of the domain's corners", () => {
    for (const n of [1, 2, 3, 4, 8, 16, 768, MAX_N]) {
      for (const m of [2, 3, 4, 10, 1000, 4_600_000_000, MAX_M]) {
        const most = Math.min(m, MAX_L);
        for (const l of new Set([1, 2, 3, 9, 143, most - 1, most].filter((l) => l >= 1 && l <= most))) expectBounded(n, m, l);
      }
    }
  });

  it("at shapes drawn over n 1 … 2²², m 2 … 2⁴¹, l 1 … min(m, 2¹⁴)", () => {
    const shape = fc
      .record({ n: countArb(1, Math.log10(MAX_N)), m: countArb(2, Math.log10(MAX_M)), u: fc.double({ min: 0, max: 1, noNaN: true }) })
      .map(({ n, m, u }) => ({ n, m, l: Math.max(1, Math.round(Math.min(m, MAX_L) ** u)) }));
    fc.assert(
      fc.property(shape, ({ n, m, l }) => expectBounded(n, m, l)),
      { numRuns: 60 },
    );
  });

  it("and what the calculators show there is always a number or words, never NaN, Infinity or undefined", () => {
    for (const [n, m, l] of [
      [2, 720_000_000_000, 143],
      [2, 4, 3],
      [2, MAX_M, MAX_M - 1],
      [MAX_N, MAX_M, MAX_L],
      [1, MAX_M, 3],
      [3, 1e308, 1e12],
    ] as const) {
      for (const [name, result] of Object.entries(errorRateResults(n, m, l))) {
        expect(result.text, `${name} at ${n}, ${m}, ${l}`).not.toMatch(/NaN|Infinity|undefined/);
      }
    }
  });
});
