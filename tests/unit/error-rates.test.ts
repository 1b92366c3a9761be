/**
 * Error rates for reading m random directions (src/math/error-rates.ts): reference values, the
 * figures of the site's notes on the mathematics, and properties over the whole domain. Agreement
 * with the simulation engine is in error-rates-simulation.test.ts.
 */
import { describe, expect, it } from "vitest";
import { allRight, allRightBand, errorRates, expectedMisreads, lAt, pFalseOff, pFalseOn } from "../../src/math/error-rates.ts";
import { MAX_ERROR_RATE_NEURONS, overlapTail } from "../../src/math/overlap.ts";
import type { LogQuantity } from "../../src/math/big-number.ts";
import { countArb, fc, featuresAndActiveArb } from "./arbitraries.ts";

const LN10 = Math.LN10;

/** ln of a probability that may be exactly 0 (p_false_off at l = 1). */
function ln(q: LogQuantity | 0): number {
  return q === 0 ? -Infinity : q.log10 * LN10;
}

/** Plain value of a LogQuantity that is known to be in double range. */
function value(q: LogQuantity | 0): number {
  if (q === 0) return 0;
  expect(q.value).toBeDefined();
  return q.value!;
}

function expectRelClose(actual: number, expected: number, rel: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
}

/**
 * Slack for comparing two results in log10: 10⁻⁹ relative (the quadrature's ~10⁻¹², with room),
 * at least 10⁻⁹, or the overlap tail's own accuracy, about 3·10⁻¹⁷ n relative (see
 * MAX_ERROR_RATE_NEURONS), where that is larger.
 */
function slack(log10: number, n = 1): number {
  return Math.max(1e-9, 1e-16 * n) * Math.max(1, Math.abs(log10));
}

function expectWellFormed(q: LogQuantity): void {
  expect(Number.isFinite(q.log10)).toBe(true);
  if (q.value !== undefined) {
    expect(Number.isFinite(q.value)).toBe(true);
    expect(q.value).toBeGreaterThan(0);
  }
}

/** n over the error rates' domain, 1 … 2^30 (spread over magnitudes, extremes included). */
const neuronsArb = countArb(1, 9).map((n) => Math.min(n, MAX_ERROR_RATE_NEURONS));

describe("the overlap tail P(t > s)", () => {
  it("matches mpmath, far below double range", () => {
    // ln P(t > s) = ln(∫_s^1 (1 − u²)^((n−3)/2) du / B(½, (n − 1)/2)) by mp.quad at 40 digits
    // (mpmath 1.3; its betainc fails for a = (n − 1)/2 of 10⁵ and more). Relative 10⁻¹² in the
    // logarithm; measured 2·10⁻¹³ at worst.
    const refs: [number, number, number][] = [
      [2, 0.0, -0.6931471805599453],
      [2, 0.01, -0.6995338357250922],
      [2, 0.1, -0.7590397495891619],
      [2, 0.3, -0.9087856754490213],
      [2, 0.5, -1.0986122886681098],
      [2, 0.9, -1.9409583774368016],
      [2, 0.999, -4.251950586445172],
      [3, 0.0, -0.6931471805599453],
      [3, 0.01, -0.7031975164134467],
      [3, 0.1, -0.7985076962177716],
      [3, 0.3, -1.0498221244986776],
      [3, 0.5, -1.3862943611198906],
      [3, 0.9, -2.9957322735539913],
      [3, 0.999, -7.600902459542081],
      [4, 0.0, -0.6931471805599453],
      [4, 0.01, -0.7059611126782802],
      [4, 0.1, -0.8290945503718354],
      [4, 0.3, -1.1650122776126455],
      [4, 0.5, -1.6321892244941225],
      [4, 0.9, -3.9796041916199023],
      [4, 0.999, -10.872257166239448],
      [7, 0.0, -0.6931471805599453],
      [7, 0.01, -0.7120739165991418],
      [7, 0.1, -0.8992538743248525],
      [7, 0.3, -1.4474492797688394],
      [7, 0.5, -2.268032711487386],
      [7, 0.9, -6.760952960924651],
      [7, 0.999, -20.50087241691033],
      [64, 0.0, -0.6931471805599453],
      [64, 0.01, -0.7582354508865862],
      [64, 0.1, -1.541715582982818],
      [64, 0.3, -4.8806515500024075],
      [64, 0.5, -11.40518358936573],
      [64, 0.9, -55.20572433991884],
      [64, 0.999, -198.76941333571972],
      [1024, 0.0, -0.6931471805599453],
      [1024, 0.01, -0.9819765814947377],
      [1024, 0.1, -7.30274642868561],
      [1024, 0.3, -51.43000283974585],
      [1024, 0.5, -150.84356893838645],
      [1024, 0.9, -853.7433107852934],
      [1024, 0.999, -3183.4112880509965],
      [65536, 0.0, -0.6931471805599453],
      [65536, 0.01, -5.252754207260915],
      [65536, 0.1, -333.4874120841748],
      [65536, 0.3, -3095.585483154059],
      [65536, 0.5, -9432.39331981659],
      [65536, 0.9, -54424.36857475492],
      [65536, 0.999, -203660.0218240457],
      [1000000, 0.0, -0.6931471805599453],
      [1000000, 0.01, -53.23373410229935],
      [1000000, 0.1, -5030.687109027398],
      [1000000, 0.3, -47161.91531114963],
      [1000000, 0.5, -143848.02593423583],
      [1000000, 0.9, -830372.4943785033],
      [1000000, 0.999, -3107558.8298708885],
    ];
    for (const [n, s, lnRef] of refs) {
      expect(Math.abs(ln(overlapTail(n, s)) - lnRef)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(lnRef)));
    }
  });

  it("has the closed forms of n = 1, 2, 3 and the symmetry t → −t", () => {
    for (const s of [-1, -0.9, -0.3, 0, 0.2, 0.5, 0.99]) {
      expect(value(overlapTail(1, s))).toBe(0.5); // t = ±1
      expectRelClose(value(overlapTail(2, s)), Math.acos(s) / Math.PI, 1e-13); // t = cos θ, θ uniform
      expectRelClose(value(overlapTail(3, s)), (1 - s) / 2, 1e-13); // t uniform (Archimedes)
    }
    for (const n of [2, 5, 64, 1000]) {
      for (const s of [0.01, 0.3, 0.7]) expectRelClose(value(overlapTail(n, -s)), 1 - value(overlapTail(n, s)), 1e-13);
    }
    expect(value(overlapTail(64, -1))).toBe(1);
  });
});

describe("reference values of the model", () => {
  it("match the model recomputed with scipy", () => {
    // [n, m, l, p_false_on, p_false_off, expected misreads, all right] from scipy_values in
    // scripts/checks/error_rates.py (scipy 1.17: betainc, quad at relative 10⁻¹⁰…10⁻¹¹ against
    // scipy.stats laws, the active-readout saddle point with cumulants from numerical moments).
    // Relative 10⁻⁸: the two quadratures disagree by 2·10⁻¹¹ at worst, measured.
    const refs: [number, number, number, number, number, number, number][] = [
      [256, 4096, 4, 3.0008764795352165e-5, 1.6866654787629685e-6, 0.1228026122044961, 0.8874557538296324],
      [1024, 4096, 16, 3.156535301321409e-5, 1.7971088813338375e-5, 0.1290741777149269, 0.8798695213199869],
      [64, 2048, 2, 0.0021391980405745994, 1.1137602195959368e-5, 4.376821466220022, 0.07158497057645656],
      [128, 1024, 8, 0.02272403768009134, 0.01621705127020605, 23.21735869313445, 4.562692784475233e-7],
      [768, 32768, 32, 0.007151458044045205, 0.006409341235277655, 234.31522944939275, 1.1051606248297989e-36],
      [2304, 16384, 82, 0.004020174508618653, 0.0038302133489837545, 65.85096233411795, 3.2507984709958353e-22],
      [8, 20, 3, 0.21191921169503564, 0.16549659683544363, 4.099116389321937, 0.006615942395761729],
      [2, 5, 3, 0.34679942381438256, 0.3083124074893072, 1.6185360700966869, 0.10930841951403451],
      [3, 10, 4, 0.3337317737437568, 0.31511386244467493, 3.26284609224124, 0.010171414484767516],
      [16, 100, 5, 0.18702573608100423, 0.16039247297986986, 18.56940729259475, 1.991172134441674e-9],
      [2, 3, 2, 0.3083124074893072, 0.3333333333333333, 0.9749790741559738, 0.401399351810841],
      [64, 128, 4, 0.022645651631898817, 0.010267148722263775, 2.8491293972445084, 0.0818018896637533],
      [64, 512, 4, 0.022645651631898817, 0.010267148722263775, 11.545059623893653, 0.0007744604064812897],
      [4096, 1e6, 100, 0.0006871042418904351, 0.0006496472047734743, 687.1004961867234, 2.338951576318309e-83],
      [16, 16, 16, 0.3089336889295424, 0.3032195148311506, 4.85151223729841, 0.0030869931170381935],
      [65536, 1e10, 400, 7.768729699390248e-11, 7.371206165824141e-11, 0.7768729683489307, 0.4616929713632059],
    ];
    for (const [n, m, l, on, off, misreads, right] of refs) {
      const r = errorRates(n, m, l);
      expectRelClose(value(r.pFalseOn), on, 1e-8);
      expectRelClose(value(r.pFalseOff), off, 1e-8);
      expectRelClose(value(r.expectedMisreads), misreads, 1e-8);
      expectRelClose(value(r.allRight), right, 1e-8);
    }
  });

  it("deep tails match mpmath", () => {
    // ln E q(|x|) by a 1 500-node trapezoid over the shifted-gamma law of |x|² in mpmath at 30
    // digits, q from mp.quad as in the overlap-tail test: relative 10⁻¹² in the logarithm.
    expect(Math.abs(ln(pFalseOn(65536, 3)) + 2774.460837227281)).toBeLessThan(1e-12 * 2774.5);
    expect(Math.abs(ln(pFalseOn(1e6, 706)) + 180.91041186007033)).toBeLessThan(1e-12 * 180.9);
  });

  it("n = 1 is exact: every direction is ±u", () => {
    // All m right only if the l active share a sign and the m − l inactive have the other.
    for (const [m, l] of [
      [2, 1],
      [2, 2],
      [5, 3],
      [40, 17],
      [1000, 1000],
    ] as const) {
      expectRelClose(value(allRight(1, m, l)), 2 ** (1 - m), 1e-13);
    }
    expect(allRight(1, 1e300, 10).log10).toBeCloseTo((1 - 1e300) * Math.log10(2), -285);
    // An inactive feature reads ±S, S the sum of l signs: wrong when S ≠ 0 and the sign is +.
    expectRelClose(value(pFalseOn(1, 1)), 0.5, 1e-14);
    expectRelClose(value(pFalseOn(1, 2)), 0.5 * (1 - 2 / 4), 1e-13);
    expectRelClose(value(pFalseOn(1, 4)), 0.5 * (1 - 6 / 16), 1e-13);
    expectRelClose(value(pFalseOn(1, 7)), 0.5, 1e-14);
    expectRelClose(value(pFalseOn(1, 1e6)), 0.5 * (1 - 0.000797884361), 1e-9); // C(2j, j)/4^j ≈ 1/√(πj)
  });

  it("l = 1 is exact: one active feature reads 1, the others read t", () => {
    for (const [n, m] of [
      [2, 2],
      [7, 100],
      [64, 1e6],
      [4096, 1e20],
    ] as const) {
      const tail = value(overlapTail(n, 0.5));
      expectRelClose(ln(allRight(n, m, 1)), (m - 1) * Math.log1p(-tail), 1e-12);
      expect(pFalseOff(n, 1)).toBe(0);
      expectRelClose(value(pFalseOn(n, 1)), tail, 1e-14);
    }
  });
});

describe("the figures of the site's notes on the mathematics", () => {
  it("expected misreads and all right in the checked table", () => {
    // The notes' semi-analytic misreads, printed to three digits, agree within 2 %: 0.124 is
    // 1 % above ours (the notes' Monte Carlo column says 0.122), the rest within 0.4 %.
    expectRelClose(value(expectedMisreads(256, 4096, 4)), 0.124, 0.02);
    expectRelClose(value(expectedMisreads(1024, 4096, 16)), 0.129, 0.005);
    expectRelClose(value(expectedMisreads(64, 2048, 2)), 4.36, 0.005);
    expectRelClose(value(expectedMisreads(128, 1024, 8)), 23.2, 0.005);
    expectRelClose(value(expectedMisreads(768, 32768, 32)), 235, 0.005);
    expectRelClose(value(expectedMisreads(2304, 16384, 82)), 65.8, 0.005);
    // All right against the notes' Monte Carlo (10 embeddings × 200 inputs), within 3 of its
    // standard errors: 0.892 ± 0.007, 0.874 ± 0.007, 0.071 ± 0.006.
    expect(Math.abs(value(allRight(256, 4096, 4)) - 0.892)).toBeLessThan(3 * 0.007);
    expect(Math.abs(value(allRight(1024, 4096, 16)) - 0.874)).toBeLessThan(3 * 0.007);
    expect(Math.abs(value(allRight(64, 2048, 2)) - 0.071)).toBeLessThan(3 * 0.006);
    // The notes' "0 of 2000" at n = 128, m = 1024, l = 8 (their semi-analytic 4·10⁻⁶ is the
    // independent-readouts recipe; tied to |x| it is 4.6·10⁻⁷): 2000 · 4.6·10⁻⁷ ≈ 0.001 expected.
    expect(2000 * value(allRight(128, 1024, 8))).toBeLessThan(0.01);
  });

  it("all right against l, and l at 90 % and 50 %", () => {
    // Printed to two digits: within 0.005.
    const n1024: [number, number][] = [
      [10, 0.999],
      [15, 0.93],
      [16, 0.88],
      [19, 0.62],
      [20, 0.5],
      [24, 0.12],
    ];
    for (const [l, p] of n1024) expect(Math.abs(value(allRight(1024, 4096, l)) - p)).toBeLessThan(0.005);
    expect(lAt(1024, 4096, 0.9)).toBe(15);
    expect(lAt(1024, 4096, 0.5)).toBe(20);
    const n256: [number, number][] = [
      [3, 0.99],
      [4, 0.89],
      [5, 0.53],
      [6, 0.17],
    ];
    for (const [l, p] of n256) expect(Math.abs(value(allRight(256, 4096, l)) - p)).toBeLessThan(0.005);
    expect(lAt(256, 4096, 0.9)).toBe(3);
    expect(lAt(256, 4096, 0.5)).toBe(5);
    // "the 50 % point lies near 1.3 l_max": l_max = 1024/(8 ln 4096) = 15.39, 20/15.39 = 1.30.
    expect(lAt(1024, 4096, 0.5) / (1024 / (8 * Math.log(4096)))).toBeCloseTo(1.3, 1);
  });

  it("a real SAE's shape read linearly: n = 3584, m = 2²⁰, l = 193", () => {
    expect(Math.abs(value(pFalseOn(3584, 193)) - 0.0156)).toBeLessThan(0.00005);
    // "about 16 000 misreads per input": 16 352.
    expectRelClose(value(expectedMisreads(3584, 2 ** 20, 193)), 16000, 0.03);
  });
});

describe("lAt", () => {
  it("is 0 when even l = 1 fails, and m when every l passes", () => {
    expect(value(allRight(64, 1e6, 1))).toBeLessThan(0.5);
    expect(lAt(64, 1e6, 0.5)).toBe(0);
    expect(lAt(65536, 10, 0.5)).toBe(10);
    expect(lAt(1, 2, 0.5)).toBe(2); // 2^(1−m) = ½ for every l
    expect(lAt(1, 2, 0.9)).toBe(0);
    expect(lAt(1, 3, 0.25)).toBe(3);
  });

  it("brackets the threshold: all right at lAt is ≥ p, at lAt + 1 below p", () => {
    fc.assert(
      fc.property(neuronsArb, countArb(2, 12), fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }), (n, m, p) => {
        const l = lAt(n, m, p);
        expect(Number.isInteger(l) && l >= 0 && l <= m).toBe(true);
        const lnP = Math.log(p);
        if (l === 0) expect(ln(allRight(n, m, 1))).toBeLessThan(lnP);
        else expect(ln(allRight(n, m, l))).toBeGreaterThanOrEqual(lnP);
        if (l >= 1 && l < m) expect(ln(allRight(n, m, l + 1))).toBeLessThan(lnP);
      }),
      { numRuns: 100 },
    );
  });
});

describe("properties over the whole domain", () => {
  const shapeArb = fc.record({ n: neuronsArb, ml: featuresAndActiveArb() }).map(({ n, ml }) => ({ n, ...ml }));

  it("no NaN or Infinity; probabilities in [0, 1]; errorRates agrees with the single functions", () => {
    fc.assert(
      fc.property(shapeArb, ({ n, m, l }) => {
        const r = errorRates(n, m, l);
        for (const q of [r.pFalseOn, r.expectedMisreads, r.allRight]) expectWellFormed(q);
        if (r.pFalseOff !== 0) expectWellFormed(r.pFalseOff);
        else expect(l).toBe(1);
        expect(r.pFalseOn.log10).toBeLessThanOrEqual(Math.log10(0.5) + 1e-12); // an overlap above 1/(2|x|) > 0
        if (r.pFalseOff !== 0) expect(r.pFalseOff.log10).toBeLessThanOrEqual(Math.log10(0.5) + 1e-12);
        expect(r.allRight.log10).toBeLessThanOrEqual(0);
        for (const x of [r.lAt90, r.lAt50]) expect(Number.isInteger(x) && x >= 0 && x <= m).toBe(true);
        expect(r.lAt90).toBeLessThanOrEqual(r.lAt50);
        expect(r.pFalseOn).toEqual(pFalseOn(n, l));
        expect(r.pFalseOff).toEqual(pFalseOff(n, l));
        expect(r.expectedMisreads).toEqual(expectedMisreads(n, m, l));
        expect(r.allRight).toEqual(allRight(n, m, l));
        expect(r.lAt90).toBe(lAt(n, m, 0.9));
        expect(r.lAt50).toBe(lAt(n, m, 0.5));
      }),
      { numRuns: 100 },
    );
  });

  it("p_false_off is p_false_on one active feature down, and misreads add up", () => {
    fc.assert(
      fc.property(shapeArb, ({ n, m, l }) => {
        if (l > 1) expect(pFalseOff(n, l)).toEqual(pFalseOn(n, l - 1));
        const inactive = m > l ? Math.log(m - l) + ln(pFalseOn(n, l)) : -Infinity;
        const active = l > 1 ? Math.log(l) + ln(pFalseOff(n, l)) : -Infinity;
        const top = Math.max(inactive, active);
        const sum = top + Math.log(Math.exp(inactive - top) + Math.exp(active - top));
        expect(Math.abs(ln(expectedMisreads(n, m, l)) - sum)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(sum)));
      }),
    );
  });

  it("all right falls and misreads rise with m; p_false_on does not depend on m", () => {
    fc.assert(
      fc.property(shapeArb, fc.double({ min: 1, max: 1e6, noNaN: true }), ({ n, m, l }, factor) => {
        const bigger = Math.min(Number.MAX_VALUE, Math.round(m * factor));
        const a = allRight(n, m, l).log10;
        expect(allRight(n, bigger, l).log10).toBeLessThanOrEqual(a + slack(a, n));
        const e = expectedMisreads(n, m, l).log10;
        expect(expectedMisreads(n, bigger, l).log10).toBeGreaterThanOrEqual(e - slack(e, n));
      }),
      { numRuns: 100 },
    );
  });

  it("error rates fall as n grows", () => {
    // p_false_on from n = 2 on: at n = 1 an even number of active ±u can cancel, so
    // p_false_on(1, l) is below p_false_on(2, l) for even l (l = 58: 0.448 against 0.457).
    fc.assert(
      fc.property(shapeArb, fc.double({ min: 1, max: 100, noNaN: true }), ({ n, m, l }, factor) => {
        const wider = Math.min(MAX_ERROR_RATE_NEURONS, Math.round(n * factor));
        const a = allRight(n, m, l).log10;
        expect(allRight(wider, m, l).log10).toBeGreaterThanOrEqual(a - slack(a, wider));
        if (n >= 2) {
          const p = pFalseOn(n, l).log10;
          expect(pFalseOn(wider, l).log10).toBeLessThanOrEqual(p + slack(p, wider));
        }
      }),
      { numRuns: 100 },
    );
  });

  it("error rates rise with l", () => {
    // p_false_on and misreads from n = 3 on: at n = 2, two random directions in the plane often
    // cancel, and p_false_on falls from 1/3 at l = 1 to 0.308 at l = 2. All right for n ≥ 12
    // where it is above 10⁻¹¹: below, the model's error (a few per cent at small n, unchecked far
    // below 10⁻¹¹) can exceed the differences between neighbouring l close to l = m.
    fc.assert(
      fc.property(
        shapeArb.filter(({ n, l, m }) => n >= 3 && l < m),
        ({ n, m, l }) => {
          const p = pFalseOn(n, l).log10;
          expect(pFalseOn(n, l + 1).log10).toBeGreaterThanOrEqual(p - slack(p, n));
          const e = expectedMisreads(n, m, l).log10;
          expect(expectedMisreads(n, m, l + 1).log10).toBeGreaterThanOrEqual(e - slack(e, n));
          const a = allRight(n, m, l).log10;
          if (n >= 12 && a >= -11) expect(allRight(n, m, l + 1).log10).toBeLessThanOrEqual(a + slack(a, n));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("the corners of the domain give finite results", () => {
    const corners: [number, number, number][] = [
      [1, 2, 1],
      [1, 2, 2],
      [2, 2, 1],
      [2, 2, 2],
      [3, 3, 3],
      [1, Number.MAX_VALUE, 1],
      [1, Number.MAX_VALUE, Number.MAX_VALUE],
      [MAX_ERROR_RATE_NEURONS, 2, 2],
      [MAX_ERROR_RATE_NEURONS, Number.MAX_VALUE, 1],
      [MAX_ERROR_RATE_NEURONS, Number.MAX_VALUE, Number.MAX_VALUE],
      [MAX_ERROR_RATE_NEURONS, 1e12, 3],
      [2, Number.MAX_VALUE, 3],
      [64, 1e100, 3],
      [65536, 1e10, 1e5],
      [1e6, 1e10, 1e5],
      [4, 1e300, 1e300],
      [1e6, 1e300, 2],
    ];
    for (const [n, m, l] of corners) {
      const r = errorRates(n, m, l);
      for (const q of [r.pFalseOn, r.expectedMisreads, r.allRight]) expectWellFormed(q);
      expect(r.allRight.log10).toBeLessThanOrEqual(0);
    }
  });

  it("outside the domain: a RangeError naming the argument", () => {
    for (const n of [0, -1, 1.5, Number.NaN, Infinity, MAX_ERROR_RATE_NEURONS + 1]) {
      expect(() => pFalseOn(n, 1)).toThrow(RangeError);
      expect(() => allRight(n, 10, 1)).toThrow(/^n /);
      expect(() => overlapTail(n, 0.5)).toThrow(/^n /);
    }
    for (const m of [1, 1.5, Number.NaN, -3]) expect(() => expectedMisreads(64, m, 1)).toThrow(/^m /);
    for (const l of [0, 2.5, 11, Number.NaN]) expect(() => allRight(64, 10, l)).toThrow(/^l /);
    expect(() => pFalseOff(64, 0)).toThrow(/^l /);
    for (const p of [0, 1, -0.1, 1.5, Number.NaN]) expect(() => lAt(64, 100, p)).toThrow(/^probability /);
    for (const s of [1, 1.5, -1.0001, Number.NaN]) expect(() => overlapTail(64, s)).toThrow(/^s /);
  });
});

describe("the band", () => {
  it("is the two searches' answer, the same when asked for again after other shapes", () => {
    const first = allRightBand(256, 4096);
    for (let n = 300; n < 340; n++) allRightBand(n, 4096);
    expect(allRightBand(256, 4096)).toEqual(first);
    expect(first).toEqual({ lAt90: lAt(256, 4096, 0.9), lAt50: lAt(256, 4096, 0.5) });
    expect(first).toEqual({ lAt90: 3, lAt50: 5 });
  });
});
