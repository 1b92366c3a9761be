/**
 * Reading random directions against any threshold θ, and the best single threshold
 * (src/math/thresholds.ts): the same numbers as the threshold-½ rates at ½, scipy's recomputation
 * elsewhere, the Monte Carlo of the exact walk far from ½, and properties over the domain.
 */
import { describe, expect, it } from "vitest";
import { expectedMisreads, pFalseOff, pFalseOn } from "../../src/math/error-rates.ts";
import type { LogQuantity } from "../../src/math/big-number.ts";
import { meanTailMonteCarlo } from "../../src/math/rates-monte-carlo.ts";
import { bestThreshold, expectedMisreadsAt, pFalseOffAt, pFalseOnAt } from "../../src/math/thresholds.ts";
import { fc } from "./arbitraries.ts";

const value = (q: LogQuantity | 0): number => (q === 0 ? 0 : q.value!);

describe("at θ = ½", () => {
  it("the rates are the threshold-½ ones, number for number", () => {
    for (const [n, m, l] of [
      [1, 10, 3],
      [2, 5, 2],
      [64, 2048, 2],
      [768, 32768, 32],
      [3584, 2 ** 20, 193],
      [65536, 1e9, 4],
    ]) {
      expect(pFalseOnAt(n!, l!, 0.5)).toEqual(pFalseOn(n!, l!));
      expect(pFalseOffAt(n!, l!, 0.5)).toEqual(pFalseOff(n!, l!));
      expect(expectedMisreadsAt(n!, m!, l!, 0.5).log10).toBeCloseTo(expectedMisreads(n!, m!, l!).log10, 12);
    }
  });
});

describe("against scipy", () => {
  it("p_false_on(θ) and p_false_off(θ) match an independent quadrature", () => {
    // [n, l, θ, p_false_on, p_false_off] from scripts/checks/thresholds_topk.py (scipy 1.17:
    // betainc, quad at relative 10⁻¹¹ against scipy.stats' beta and gamma laws). Measured
    // agreement 4·10⁻¹³; held to 10⁻⁹.
    const refs: [number, number, number, number, number][] = [
      [64, 4, 0.3, 0.1154176119, 0.0005471887099],
      [64, 4, 0.7, 0.002452298441, 0.08322102149],
      [256, 16, 0.62, 0.006560391865, 0.05823141731],
      [768, 32, 0.789, 5.537115064e-5, 0.1468122095],
      [2304, 82, 0.69, 0.0001273226092, 0.04913158127],
      [1024, 2, 0.6, 3.52109085e-44, 5.760553807e-41],
      [16, 3, 0.9, 0.01818601954, 0.3909658235],
    ];
    for (const [n, l, theta, on, off] of refs) {
      expect(value(pFalseOnAt(n, l, theta))).toBeCloseRel(on, 1e-9);
      expect(value(pFalseOffAt(n, l, theta))).toBeCloseRel(off, 1e-9);
    }
  });

  it("the best threshold matches scipy's minimisation", () => {
    // [n, m, l, θ, misreads] from scipy.optimize.minimize_scalar on scipy's own misreads
    // (scripts/checks/thresholds_topk.py): θ agrees to 10⁻⁶, the misreads to 10⁻⁸.
    const refs: [number, number, number, number, number][] = [
      [768, 32768, 32, 0.78877, 6.5105974],
      [2304, 16384, 82, 0.68873, 6.1034068],
      [128, 1024, 8, 0.800703, 2.2554682],
      [64, 2048, 2, 0.729297, 0.051375326],
      [1024, 4096, 16, 0.591567, 0.010395732],
      [256, 4096, 4, 0.62764, 0.0020334138],
    ];
    for (const [n, m, l, theta, misreads] of refs) {
      const best = bestThreshold(n, m, l);
      expect(Math.abs(best.threshold - theta)).toBeLessThan(2e-6);
      expect(value(best.misreads)).toBeCloseRel(misreads, 1e-7);
      expect(value(best.misreads)).toBeCloseRel(value(expectedMisreadsAt(n, m, l, best.threshold)), 1e-12);
    }
  });
});

describe("against the Monte Carlo of the exact walk", () => {
  it("p_false_on and p_false_off at the best threshold of real SAE shapes", () => {
    // meanTailMonteCarlo draws |x| by its exact recursion (no gamma law); 3 000 draws give a
    // relative standard error of 10⁻³ … 10⁻² here. The gamma law's error at these depths was
    // measured below 0.1 % (scripts/checks/all-right-error-map.ts): 5 standard errors + 0.3 %.
    for (const [n, m, l] of [
      [768, 32768, 32],
      [2304, 16384, 82],
      [256, 4096, 8],
    ]) {
      const { threshold } = bestThreshold(n!, m!, l!);
      const on = meanTailMonteCarlo(n!, l!, threshold, { draws: 3000, seed: 5 });
      const off = meanTailMonteCarlo(n!, l! - 1, 1 - threshold, { draws: 3000, seed: 6 });
      expect(on.relativeError).toBeLessThan(0.02);
      expect(value(pFalseOnAt(n!, l!, threshold))).toBeCloseRel(Math.exp(on.lnEstimate), 5 * on.relativeError + 0.003);
      expect(value(pFalseOffAt(n!, l!, threshold))).toBeCloseRel(Math.exp(off.lnEstimate), 5 * off.relativeError + 0.003);
    }
  });
});

describe("properties", () => {
  const shapeArb = fc
    .record({ n: fc.integer({ min: 2, max: 5000 }), m: fc.integer({ min: 3, max: 2_000_000 }), share: fc.double({ min: 0, max: 1, noNaN: true }) })
    .map(({ n, m, share }) => ({ n, m, l: Math.max(2, Math.min(m - 1, Math.round(Math.min(m, 400) ** share))) }));

  it("false ons fall and false offs rise with θ", () => {
    fc.assert(
      fc.property(shapeArb, fc.double({ min: 0.02, max: 0.97, noNaN: true }), ({ n, l }, theta) => {
        const higher = theta + 0.01;
        expect(pFalseOnAt(n, l, higher).log10).toBeLessThanOrEqual(pFalseOnAt(n, l, theta).log10 + 1e-12);
        const log10 = (q: LogQuantity | 0): number => (q === 0 ? -Infinity : q.log10);
        expect(log10(pFalseOffAt(n, l, higher))).toBeGreaterThanOrEqual(log10(pFalseOffAt(n, l, theta)) - 1e-12);
      }),
      { numRuns: 60 },
    );
  });

  it("no threshold on a grid reads with fewer misreads than the best one", () => {
    fc.assert(
      fc.property(shapeArb, ({ n, m, l }) => {
        const best = bestThreshold(n, m, l);
        const bestLog10 = best.misreads === 0 ? -Infinity : best.misreads.log10;
        for (let theta = 0.02; theta < 1; theta += 0.04) {
          expect(bestLog10).toBeLessThanOrEqual(expectedMisreadsAt(n, m, l, theta).log10 + 1e-9);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("ends of the domain: l = 1 reads perfectly as θ → 1, l = m as θ → 0, n = 1 alike at any θ", () => {
    expect(bestThreshold(64, 1000, 1)).toEqual({ threshold: 1, misreads: 0, pFalseOn: 0, pFalseOff: 0 });
    expect(bestThreshold(64, 2, 2)).toEqual({ threshold: 0, misreads: 0, pFalseOn: 0, pFalseOff: 0 });
    // l = m = 5: an active readout 1 + |y| t is ≤ 0 when t ≤ −1/|y|, y the sum of the other 4.
    const all = bestThreshold(64, 5, 5);
    expect(all.threshold).toBe(0);
    expect(value(all.misreads)).toBeGreaterThan(0);
    expect(value(all.misreads)).toBeLessThan(value(expectedMisreadsAt(64, 5, 5, 0.01)));
    expect(bestThreshold(1, 10, 3).misreads).toEqual(expectedMisreads(1, 10, 3));
    expect(value(expectedMisreadsAt(1, 10, 3, 0.2))).toBeCloseRel(value(expectedMisreadsAt(1, 10, 3, 0.9)), 1e-15);
  });

  it("refuse arguments outside the domain, naming them", () => {
    expect(() => pFalseOnAt(64, 4, 0)).toThrow(/threshold/);
    expect(() => pFalseOnAt(64, 4, 1)).toThrow(/threshold/);
    expect(() => pFalseOffAt(64, 4, Number.NaN)).toThrow(/threshold/);
    expect(() => expectedMisreadsAt(64, 3, 4, 0.5)).toThrow(/l must not exceed m/);
    expect(() => bestThreshold(0, 10, 2)).toThrow(/n must be/);
    expect(() => bestThreshold(64, 1, 1)).toThrow(/m must be/);
    expect(() => bestThreshold(64, 10, 1.5)).toThrow(/l must be/);
  });
});
