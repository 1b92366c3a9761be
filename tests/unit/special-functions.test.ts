/**
 * The log-space special functions behind the error rates, against reference values computed
 * with mpmath 1.3 at 40 significant digits (mp.loggamma, mp.beta, mp.betainc(a, b, 0, x,
 * regularized=True), mp.gammainc(a, 0, x, regularized=True); where mp.betainc's hypergeometric
 * series fails, a = 499 999.5, by mp.quad of the beta density) and scipy 1.17 (special.log_ndtr),
 * rounded to doubles. Tolerances are relative, in the logarithm: the functions aim at ~10⁻¹⁵ and
 * are allowed 10⁻¹², except where the beta continued fraction converges slowest (a of order 10⁴
 * and more near x = (a + 1)/(a + b + 2)), measured at ~10⁻¹², allowed 10⁻¹¹.
 */
import { describe, expect, it } from "vitest";
import { lnBeta, lnGamma, lnIncompleteBeta, lnNormalCdf, lnRegularizedGamma, oneMinusRatioLog } from "../../src/math/special-functions.ts";
import { fc } from "./arbitraries.ts";

function expectLnClose(actual: number, expected: number, rel: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));
}

describe("ln Γ and ln B", () => {
  it("match mpmath", () => {
    const lnGammaRefs: [number, number][] = [
      [0.1, 2.252712651734206],
      [0.5, 0.5723649429247001],
      [1.5, -0.12078223763524522],
      [2.5, 0.2846828704729192],
      [9.99, 12.779315214350193],
      [10, 12.801827480081469],
      [10.5, 13.940625219403763],
      [100, 359.1342053695754],
      [1e5, 1051287.7089736569],
      [1e10, 220258509288.81058],
    ];
    for (const [x, ref] of lnGammaRefs) expectLnClose(lnGamma(x), ref, 1e-14);
    // ln Γ(1) = ln Γ(2) = 0: absolute.
    expect(Math.abs(lnGamma(1))).toBeLessThan(1e-14);
    const lnBetaRefs: [number, number, number][] = [
      [0.5, 0.5, 1.1447298858494002],
      [1.5, 0.5, 0.4515827052894549],
      [31.5, 0.5, -1.1486607426078363],
      [511.5, 0.5, -2.5460644705334223],
      [32767.5, 0.5, -4.626227467066676],
      [499999.5, 0.5, -5.988815995776965],
      [3, 4, -4.0943445622221],
      [20, 30, -33.968820791977386],
    ];
    for (const [a, b, ref] of lnBetaRefs) {
      expectLnClose(lnBeta(a, b), ref, 1e-13);
      expectLnClose(lnBeta(b, a), ref, 1e-13);
    }
  });
});

describe("the regularised incomplete beta function, in log space", () => {
  it("matches mpmath, tails far below double range included", () => {
    const refs: [number, number, number, number][] = [
      [0.5, 0.5, 0.3, -0.9969312110207781],
      [2, 3, 0.4, -0.6447380413522577],
      [31.5, 0.5, 0.9, -4.577546488445886],
      [511.5, 0.5, 0.999, -1.1653751182184582],
      [511.5, 0.5, 0.5, -357.89046562806993],
      [32767.5, 0.5, 0.99995, -2.6554742031947307],
      [499999.5, 0.5, 0.99999, -6.459631459785787],
      [5, 7, 0.02, -13.525269175554179],
      [100, 200, 0.4, -0.008350302006952219],
    ];
    for (const [a, b, x, ref] of refs) expectLnClose(lnIncompleteBeta(a, b, x, 1 - x), ref, 1e-11);
  });

  it("its two tails add up to 1: I_x(a, b) + I_{1−x}(b, a) = 1", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 1e4, noNaN: true }),
        fc.double({ min: 0.01, max: 1e4, noNaN: true }),
        fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }),
        (a, b, x) => {
          const sum = Math.exp(lnIncompleteBeta(a, b, x, 1 - x)) + Math.exp(lnIncompleteBeta(b, a, 1 - x, x));
          expect(Math.abs(sum - 1)).toBeLessThan(1e-9);
        },
      ),
    );
  });
});

describe("the regularised incomplete gamma function and the normal CDF, in log space", () => {
  it("P(α, x) matches mpmath", () => {
    const refs: [number, number, number][] = [
      [3, 1, -2.5219682600313997],
      [3, 2.9, -0.5905241658439879],
      [3, 5, -0.13313377966369797],
      [100, 50, -21.862679706410287],
      [100, 99, -0.7480166927362122],
      [100, 150, -5.924557885642327e-6],
      [1e6, 9.9e5, -53.56704246543243],
      [0.5, 0.1, -1.0634020471545287],
      [1.5e6, 8e5, -242920.2564215636],
    ];
    for (const [a, x, ref] of refs) expectLnClose(lnRegularizedGamma(a, x).lower, ref, 1e-12);
  });

  it("ln Φ matches scipy's log_ndtr, down to Φ(−40) ≈ 10⁻³⁵⁰", () => {
    const refs: [number, number][] = [
      [-40, -804.6084420137539],
      [-10, -53.23128515051248],
      [-3, -6.60772622151035],
      [-1, -1.8410216450092634],
      [-0.1, -0.7761545927302733],
      [0.5, -0.36894641528865635],
      [2, -0.023012909328963476],
      [6, -9.86587645524372e-10],
      [10, -7.61985302416047e-24],
    ];
    for (const [z, ref] of refs) {
      // Relative to the value itself, also where it is tiny (ln Φ(10) ≈ −7.6·10⁻²⁴).
      expect(Math.abs(lnNormalCdf(z) - ref)).toBeLessThanOrEqual(1e-12 * Math.abs(ref));
    }
  });

  it("r − 1 − ln r keeps its digits next to r = 1", () => {
    expect(oneMinusRatioLog(1)).toBe(0);
    expect(Math.abs(oneMinusRatioLog(1.001) - 4.996669164667232e-7)).toBeLessThan(1e-22);
    expect(Math.abs(oneMinusRatioLog(0.999) - 5.00333583533501e-7)).toBeLessThan(1e-22);
    expect(Math.abs(oneMinusRatioLog(10) - 6.697414907005954)).toBeLessThan(1e-14);
  });
});
