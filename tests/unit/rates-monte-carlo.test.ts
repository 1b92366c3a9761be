/**
 * The conditional Monte Carlo of the error rates (src/math/rates-monte-carlo.ts) and its random
 * laws (src/math/random-laws.ts): the exact cases, agreement with a brute-force numpy simulation of
 * whole vectors and with an independent numpy implementation of the tilted draws
 * (scripts/checks/all_right_mc.py), tilted against untilted, standard errors that describe the
 * scatter of independent runs, and the domain.
 */
import { describe, expect, it } from "vitest";
import { allRight, pFalseOn } from "../../src/math/error-rates.ts";
import { lnOverlapTail } from "../../src/math/overlap.ts";
import { createRandom } from "../../src/math/random.ts";
import { allRightMonteCarlo, allRightTilt, meanTailMonteCarlo, type MonteCarloEstimate } from "../../src/math/rates-monte-carlo.ts";
import { betaVariate, chiSquareVariate, lnGammaVariate } from "../../src/math/random-laws.ts";

const estimate = (e: MonteCarloEstimate): number => Math.exp(e.lnEstimate);

/** |a − b| within k combined standard errors (relative ones, each of its own estimate). */
function expectAgree(a: number, relA: number, b: number, relB: number, k: number): void {
  expect(Math.abs(a - b)).toBeLessThan(k * Math.hypot(a * relA, b * relB));
}

describe("exact cases", () => {
  it("l = 1: every draw is the same single direction, so the estimate is F(½)^(m − 1) with no error", () => {
    const e = allRightMonteCarlo(64, 500, 1, { draws: 50, seed: 1 });
    const exact = 499 * Math.log1p(-Math.exp(lnOverlapTail(64, 0.5)));
    expect(e.lnEstimate).toBeCloseTo(exact, 12);
    expect(e.relativeError).toBe(0);
    expect(allRight(64, 500, 1).log10 * Math.LN10).toBeCloseTo(exact, 9);
  });

  it("l = 2: the Monte Carlo agrees with the quadrature, which is exact there", () => {
    for (const [n, m] of [
      [64, 2048],
      [32, 300],
    ]) {
      const e = allRightMonteCarlo(n!, m!, 2, { draws: 40000, seed: 2 });
      expectAgree(estimate(e), e.relativeError, allRight(n!, m!, 2).value!, 0, 5);
    }
  });

  it("a mean tail over one direction is the overlap tail itself", () => {
    const e = meanTailMonteCarlo(256, 1, 0.5, { draws: 10, seed: 1 });
    expect(e.lnEstimate).toBeCloseTo(lnOverlapTail(256, 0.5), 12);
  });
});

describe("against independent simulations", () => {
  it("brute force with whole vectors in numpy, where plain draws see the event", () => {
    // [n, m, l, P, s.e.] from scripts/checks/all_right_mc.py: normalised Gaussian vectors in ℝⁿ,
    // inactive readouts averaged exactly, 80 000–400 000 plain draws.
    for (const [n, m, l, p, se] of [
      [64, 512, 4, 8.034e-4, 7e-6],
      [64, 128, 4, 0.08165, 0.00013],
      [256, 4096, 8, 1.993e-3, 1.2e-5],
    ]) {
      const e = allRightMonteCarlo(n!, m!, l!, { draws: 30000, seed: 3 });
      expectAgree(estimate(e), e.relativeError, p!, se! / p!, 4);
    }
  });

  it("the tilted draws written again in numpy, far in the tail", () => {
    // [n, m, l, P, relative s.e.]: 20 000 draws each (scripts/checks/all_right_mc.py, IS column).
    for (const [n, m, l, p, rel] of [
      [128, 1024, 8, 6.2023e-7, 0.017],
      [256, 2048, 16, 3.5688e-13, 0.057],
    ]) {
      const e = allRightMonteCarlo(n!, m!, l!, { draws: 20000, seed: 4 });
      expect(e.effectiveDraws).toBeGreaterThan(200);
      expectAgree(estimate(e), e.relativeError, p!, rel!, 4);
    }
  });

  it("6.3·10⁻⁷ ± 10 % at n = 128, m = 1 024, l = 8, where the fast quadrature says 4.56·10⁻⁷", () => {
    const e = allRightMonteCarlo(128, 1024, 8, { draws: 40000, seed: 5 });
    expect(e.relativeError).toBeLessThan(0.02);
    expect(estimate(e)).toBeCloseRel(6.3e-7, 0.1);
    expect(allRight(128, 1024, 8).value!).toBeCloseRel(4.56e-7, 0.01);
  });

  it("2.6–4.2·10⁻¹³ at n = 256, m = 2 048, l = 16 (the audit's range), where the fast one says 1.43·10⁻¹³", () => {
    const e = allRightMonteCarlo(256, 2048, 16, { draws: 20000, seed: 6 });
    expect(estimate(e)).toBeGreaterThan(2.6e-13);
    expect(estimate(e)).toBeLessThan(4.2e-13);
    expect(allRight(256, 2048, 16).value!).toBeCloseRel(1.43e-13, 0.01);
  });
});

describe("the estimator", () => {
  it("gives the same answer tilted and untilted where plain draws suffice", () => {
    const tilted = allRightMonteCarlo(64, 512, 4, { draws: 30000, seed: 7 });
    const plain = allRightMonteCarlo(64, 512, 4, { draws: 30000, seed: 8, tilt: 0 });
    expect(allRightTilt(64, 512, 4)).toBeGreaterThan(1);
    expectAgree(estimate(tilted), tilted.relativeError, estimate(plain), plain.relativeError, 4);
    // The tilt is what makes the tail reachable: five times fewer draws for the same error here.
    expect(plain.relativeError).toBeGreaterThan(2 * tilted.relativeError);
  });

  it("is reproducible from its seed, and its standard errors describe the scatter of independent runs", () => {
    expect(allRightMonteCarlo(64, 512, 4, { draws: 500, seed: 9 })).toEqual(allRightMonteCarlo(64, 512, 4, { draws: 500, seed: 9 }));
    const runs = Array.from({ length: 24 }, (_, seed) => allRightMonteCarlo(128, 1024, 8, { draws: 1500, seed: 100 + seed }));
    const pooled = runs.reduce((a, r) => a + estimate(r), 0) / runs.length;
    const z = runs.map((r) => (estimate(r) - pooled) / (estimate(r) * r.relativeError));
    const sd = Math.sqrt(z.reduce((a, x) => a + x * x, 0) / (z.length - 1));
    // 24 runs: the sample SD of z is within ±0.15 of 1 if the errors are right; 3 of those either way.
    expect(sd).toBeGreaterThan(0.55);
    expect(sd).toBeLessThan(1.45);
  });

  it("p_false_on far in its tail, by the walk of lengths, agrees with the quadrature there", () => {
    // The error map measured the quadrature within 0.3 % at 10⁻¹⁵ … 10⁻¹¹³ (n = 4 096 … 16 384).
    for (const [n, l] of [
      [4096, 8],
      [16384, 16],
    ]) {
      const e = meanTailMonteCarlo(n!, l!, 0.5, { draws: 20000, seed: 10 });
      expect(e.effectiveDraws).toBeGreaterThan(10000);
      expect(pFalseOn(n!, l!).log10).toBeCloseTo(e.lnEstimate / Math.LN10, 2);
    }
  });

  it("refuses arguments outside its domain, naming them", () => {
    expect(() => allRightMonteCarlo(1, 10, 2, { draws: 10, seed: 1 })).toThrow(/n must be at least 2/);
    expect(() => allRightMonteCarlo(64, 10, 11, { draws: 10, seed: 1 })).toThrow(/l must not exceed m/);
    expect(() => allRightMonteCarlo(64, 5000, 2000, { draws: 10, seed: 1 })).toThrow(/l must be at most 1024/);
    expect(() => allRightMonteCarlo(64, 10, 2, { draws: 0, seed: 1 })).toThrow(/draws/);
    expect(() => allRightMonteCarlo(64, 10, 2, { draws: 10, seed: -1 })).toThrow(/seed/);
    expect(() => allRightMonteCarlo(64, 10, 2, { draws: 10, seed: 1, tilt: Number.NaN })).toThrow(/tilt/);
    expect(() => meanTailMonteCarlo(64, 3, 1, { draws: 10, seed: 1 })).toThrow(/threshold/);
    expect(() => meanTailMonteCarlo(64, 0, 0.5, { draws: 10, seed: 1 })).toThrow(/k must be/);
  });
});

describe("the random laws", () => {
  it("gamma, chi-square and beta variates have their laws' means and variances", () => {
    const r = createRandom(11, 0);
    const N = 40000;
    for (const shape of [0.05, 0.5, 1, 3.7, 1151]) {
      const xs = Array.from({ length: N }, () => Math.exp(lnGammaVariate(r, shape)));
      const mean = xs.reduce((a, x) => a + x, 0) / N;
      const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (N - 1);
      // Gamma(k): mean k (s.e. √(k/N)), variance k.
      expect(Math.abs(mean - shape)).toBeLessThan(5 * Math.sqrt(shape / N));
      expect(variance).toBeCloseRel(shape, 0.1 + 5 * Math.sqrt(6 / (shape * N)));
    }
    const chi = Array.from({ length: N }, () => chiSquareVariate(r, 7));
    expect(Math.abs(chi.reduce((a, x) => a + x, 0) / N - 7)).toBeLessThan(5 * Math.sqrt(14 / N));
    // Beta(a, b) as 2B − 1: mean (a − b)/(a + b); ln B and ln(1 − B) consistent with it.
    for (const [a, b] of [
      [2, 5],
      [31.5, 31.5],
      [0.06, 0.9],
    ]) {
      const draws = Array.from({ length: N }, () => betaVariate(r, a!, b!));
      const mean = draws.reduce((s, d) => s + d.centred, 0) / N;
      const sd = (2 * Math.sqrt((a! * b!) / ((a! + b!) ** 2 * (a! + b! + 1)))) / Math.sqrt(N);
      expect(Math.abs(mean - (a! - b!) / (a! + b!))).toBeLessThan(5 * sd);
      for (const d of draws.slice(0, 100)) expect(Math.exp(d.lnB) + Math.exp(d.lnOneMinusB)).toBeCloseTo(1, 12);
    }
  });
});
