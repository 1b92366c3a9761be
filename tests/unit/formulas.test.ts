import { describe, expect, it } from "vitest";
import {
  activationLevels,
  amplitudeNoise,
  epsilon,
  featuresForEpsilon,
  maxActiveFeatures,
  maxFeatures,
  neuronsForEpsilon,
  neuronsForLevels,
  neuronsForSparsity,
  signalBeatsNoise,
  sparsityNoise,
} from "../../src/math/formulas.ts";
import type { LogQuantity } from "../../src/math/big-number.ts";
import { countArb, epsArb, fc, featuresAndActiveArb, positiveArb } from "./arbitraries.ts";

function expectWellFormed(q: LogQuantity): void {
  expect(Number.isFinite(q.log10)).toBe(true);
  if (q.value !== undefined) {
    expect(Number.isFinite(q.value)).toBe(true);
    expect(q.value).toBeGreaterThan(0);
  }
}

const SAFE = Number.MAX_SAFE_INTEGER;

describe("hand-computed values", () => {
  it("ε = √(8 ln m / n)", () => {
    // √(8 · 12 ln 2 / 1024) = √0.064982… = 0.254916747542…
    expect(epsilon(1024, 4096)).toBeCloseRel(Math.sqrt((8 * 12 * Math.LN2) / 1024));
    expect(epsilon(1024, 4096)).toBeCloseTo(0.2549167475, 9);
    // √(8 · 5 ln 10 / 4096) = 0.149953934755…
    expect(epsilon(4096, 100_000)).toBeCloseTo(0.1499539348, 9);
    expect(epsilon(4096, 100_000)).toBeCloseRel(Math.sqrt((40 * Math.LN10) / 4096));
    expect(epsilon(1, 2)).toBeCloseRel(Math.sqrt(8 * Math.LN2));
  });

  it("noise ε√l, and whether one unit of signal beats it", () => {
    expect(sparsityNoise(4096, 100_000, 10)).toBeCloseTo(0.4741959779, 9);
    expect(sparsityNoise(4096, 100_000, 1)).toBe(epsilon(4096, 100_000));
    // n = 1024, m = 4096: l_max = 15.39, so 15 active features fit and 16 do not.
    expect(signalBeatsNoise(1024, 4096, 15)).toBe(true);
    expect(signalBeatsNoise(1024, 4096, 16)).toBe(false);
    // n = 256, m = 4096: l_max = 3.85.
    expect(signalBeatsNoise(256, 4096, 3)).toBe(true);
    expect(signalBeatsNoise(256, 4096, 4)).toBe(false);
  });

  it("l_max = n / (8 ln m)", () => {
    expect(maxActiveFeatures(4096, 100_000)).toBeCloseTo(44.4717549469, 9);
    expect(maxActiveFeatures(1024, 4096)).toBeCloseTo(15.3887471028, 9);
    expect(maxActiveFeatures(256, 4096)).toBeCloseRel(256 / (96 * Math.LN2));
  });

  it("m_max = e^(n/8), carried in log space", () => {
    expect(maxFeatures(8).value!).toBeCloseRel(Math.E);
    expect(maxFeatures(8).log10).toBeCloseRel(Math.LOG10E);
    expect(maxFeatures(4096).log10).toBeCloseRel(512 / Math.LN10);
    expect(maxFeatures(4096).log10).toBeCloseTo(222.3587747, 6);
    expect(maxFeatures(4096).value!).toBeCloseRel(2.28441358653975e222, 1e-12);
    const big = maxFeatures(8192);
    expect(big.value).toBeUndefined();
    expect(big.log10).toBeCloseTo(444.7175494689, 9);
    // e^(n/8) overflows between n = 5678 (10^308.2405) and n = 5679 (10^308.2948).
    expect(maxFeatures(5678).value).toBeGreaterThan(1e308);
    expect(maxFeatures(5679).value).toBeUndefined();
  });

  it("amplitude noise a·ε·√l scales linearly in a", () => {
    expect(amplitudeNoise(4096, 100_000, 10, 1).value).toBeCloseTo(0.4741959779, 9);
    expect(amplitudeNoise(4096, 100_000, 10, 3).value).toBeCloseTo(1.4225879338, 9);
    expect(amplitudeNoise(1024, 4096, 7, 2.5).value!).toBeCloseRel(2.5 * Math.sqrt((8 * 7 * 12 * Math.LN2) / 1024));
    // a near the top of double range: noise > 1 would overflow, so only log10 is known.
    const huge = amplitudeNoise(1, 100_000, 100_000, 1e308);
    expect(huge.value).toBeUndefined();
    expect(huge.log10).toBeCloseRel(308 + Math.log10(Math.sqrt(8 * 5 * Math.LN10 * 100_000)));
    // a at the bottom of double range: the product underflows; it must not throw or become 0.
    const tiny = amplitudeNoise(1024, 4096, 1, Number.MIN_VALUE);
    expect(tiny.value).toBeUndefined();
    expect(tiny.log10).toBeCloseRel(Math.log10(Number.MIN_VALUE) + Math.log10(Math.sqrt((96 * Math.LN2) / 1024)));
  });

  it("levels = 1 / noise = √(n / (8 l ln m))", () => {
    expect(activationLevels(4096, 100_000, 10)).toBeCloseTo(2.1088327327, 9);
    expect(activationLevels(1024, 4096, 3)).toBeCloseRel(Math.sqrt(1024 / (8 * 3 * 12 * Math.LN2)));
    expect(activationLevels(1024, 4096, 3)).toBe(1 / sparsityNoise(1024, 4096, 3));
  });

  it("inverse questions", () => {
    // 8 ln 10^5 / 0.1² = 9210.34 → 9211 neurons.
    expect(neuronsForEpsilon(100_000, 0.1).value).toBe(9211);
    // e^(4096 · 0.01 / 8) = e^5.12 = 167.34 features.
    expect(featuresForEpsilon(4096, 0.1).value).toBeCloseTo(167.3353696211, 8);
    // n > 8 · 10 · ln 10^5 = 921.03 → 922; n > 8 · 10 · ln 4096 = 665.42 → 666.
    expect(neuronsForSparsity(100_000, 10).value).toBe(922);
    expect(neuronsForSparsity(4096, 10).value).toBe(666);
    // n ≥ 8 · 10 · 4² · ln 10^5 = 14736.54 → 14737.
    expect(neuronsForLevels(100_000, 10, 4).value).toBe(14737);
    // Targets so lax that one neuron is enough.
    expect(neuronsForEpsilon(2, 1e300).value).toBe(1);
    expect(neuronsForLevels(2, 1, 1e-300).value).toBe(1);
    // Targets so strict the answer is beyond double range: only log10 = log10(8 ln 2) + 600.
    const strict = neuronsForEpsilon(2, 1e-300);
    expect(strict.value).toBeUndefined();
    expect(strict.log10).toBeCloseRel(Math.log10(8 * Math.LN2) + 600);
  });

  it("inverse answers just past 2^53 terminate (they used to loop forever)", () => {
    // Here the closed-form estimate lands just below 2^53 but the exact boundary lies above it,
    // where n + 1 === n in doubles.
    const q = neuronsForEpsilon(5, 3.780830625234602e-8);
    expectWellFormed(q);
    expect(q.value).toBeGreaterThanOrEqual(2 ** 53 - 100);
    const k = neuronsForLevels(5, 1, 26449214.44842427);
    expectWellFormed(k);
    expect(k.value).toBeGreaterThanOrEqual(2 ** 53 - 100);
  });
});

// Everyday ranges, where consecutive integers give distinct doubles: strict monotonicity holds.
const nSmall = fc.integer({ min: 1, max: 1e9 });
const mSmall = fc.integer({ min: 2, max: 1e12 });

describe("monotonicity", () => {
  it("ε increases with m and decreases with n", () => {
    fc.assert(
      fc.property(nSmall, mSmall, mSmall, (n, m1, m2) => {
        fc.pre(m1 !== m2);
        const [lo, hi] = m1 < m2 ? [m1, m2] : [m2, m1];
        expect(epsilon(n, lo)).toBeLessThan(epsilon(n, hi));
      }),
    );
    fc.assert(
      fc.property(nSmall, nSmall, mSmall, (n1, n2, m) => {
        fc.pre(n1 !== n2);
        const [lo, hi] = n1 < n2 ? [n1, n2] : [n2, n1];
        expect(epsilon(lo, m)).toBeGreaterThan(epsilon(hi, m));
      }),
    );
  });

  it("ε is monotone (non-strictly) over the whole domain", () => {
    fc.assert(
      fc.property(countArb(1), countArb(2), countArb(2), (n, m1, m2) => {
        const [lo, hi] = m1 < m2 ? [m1, m2] : [m2, m1];
        expect(epsilon(n, lo)).toBeLessThanOrEqual(epsilon(n, hi));
      }),
    );
    fc.assert(
      fc.property(countArb(1), countArb(1), countArb(2), (n1, n2, m) => {
        const [lo, hi] = n1 < n2 ? [n1, n2] : [n2, n1];
        expect(epsilon(lo, m)).toBeGreaterThanOrEqual(epsilon(hi, m));
      }),
    );
  });

  it("noise increases with l", () => {
    fc.assert(
      fc.property(nSmall, mSmall, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (n, m, u1, u2) => {
        const l1 = Math.max(1, Math.round(u1 * m));
        const l2 = Math.max(1, Math.round(u2 * m));
        fc.pre(l1 !== l2);
        const [lo, hi] = l1 < l2 ? [l1, l2] : [l2, l1];
        expect(sparsityNoise(n, m, lo)).toBeLessThan(sparsityNoise(n, m, hi));
      }),
    );
  });

  it("l_max increases with n and decreases with m", () => {
    fc.assert(
      fc.property(nSmall, nSmall, mSmall, (n1, n2, m) => {
        fc.pre(n1 !== n2);
        const [lo, hi] = n1 < n2 ? [n1, n2] : [n2, n1];
        expect(maxActiveFeatures(lo, m)).toBeLessThan(maxActiveFeatures(hi, m));
      }),
    );
    fc.assert(
      fc.property(nSmall, mSmall, mSmall, (n, m1, m2) => {
        fc.pre(m1 !== m2);
        const [lo, hi] = m1 < m2 ? [m1, m2] : [m2, m1];
        expect(maxActiveFeatures(n, lo)).toBeGreaterThan(maxActiveFeatures(n, hi));
      }),
    );
  });

  it("levels decrease with l and m, increase with n", () => {
    fc.assert(
      fc.property(nSmall, nSmall, mSmall, (n1, n2, m) => {
        fc.pre(n1 !== n2);
        const [lo, hi] = n1 < n2 ? [n1, n2] : [n2, n1];
        expect(activationLevels(lo, m, 1)).toBeLessThan(activationLevels(hi, m, 1));
      }),
    );
    fc.assert(
      fc.property(nSmall, mSmall, mSmall, fc.integer({ min: 1, max: 1000 }), (n, m1, m2, l) => {
        fc.pre(m1 !== m2);
        const [lo, hi] = m1 < m2 ? [m1, m2] : [m2, m1];
        fc.pre(l <= lo);
        expect(activationLevels(n, lo, l)).toBeGreaterThan(activationLevels(n, hi, l));
      }),
    );
    fc.assert(
      fc.property(nSmall, mSmall, fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 1e6 }), (n, m, l1, l2) => {
        fc.pre(l1 !== l2 && l1 <= m && l2 <= m);
        const [lo, hi] = l1 < l2 ? [l1, l2] : [l2, l1];
        expect(activationLevels(n, m, lo)).toBeGreaterThan(activationLevels(n, m, hi));
      }),
    );
  });

  it("levels are independent of a: a / (a ε √l) is the same for every amplitude", () => {
    fc.assert(
      fc.property(nSmall, mSmall, fc.integer({ min: 1, max: 1e6 }), positiveArb(100, -100), (n, m, l, a) => {
        fc.pre(l <= m);
        const noise = amplitudeNoise(n, m, l, a);
        expect(a / noise.value!).toBeCloseRel(activationLevels(n, m, l), 1e-12);
      }),
    );
  });

  it("amplitude noise is linear in a over the whole domain (in log space)", () => {
    fc.assert(
      fc.property(countArb(1), featuresAndActiveArb(), positiveArb(), (n, { m, l }, a) => {
        const q = amplitudeNoise(n, m, l, a);
        expectWellFormed(q);
        const expected = Math.log10(a) + Math.log10(sparsityNoise(n, m, l));
        expect(Math.abs(q.log10 - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
        if (q.value !== undefined && a <= 1e300 && a >= 1e-300) expect(q.value).toBeCloseRel(a * sparsityNoise(n, m, l), 1e-12);
      }),
    );
    fc.assert(
      fc.property(nSmall, mSmall, fc.double({ min: 1e-6, max: 1e6, noNaN: true }), fc.integer({ min: 2, max: 1000 }), (n, m, a, factor) => {
        expect(amplitudeNoise(n, m, 1, a * factor).value!).toBeCloseRel(factor * amplitudeNoise(n, m, 1, a).value!, 1e-12);
      }),
    );
  });
});

describe("inverses agree exactly with the forward formulas", () => {
  // Targets chosen so the answer is mostly an exact integer (below 2^53), sometimes not.
  const epsTarget = fc.oneof(
    fc.double({ min: -8, max: 1, noNaN: true }).map((x) => 10 ** x),
    epsArb,
  );

  it("neuronsForEpsilon(m, ε) = smallest N with ε(N, m) ≤ ε", () => {
    fc.assert(
      fc.property(countArb(2), epsTarget, (m, eps) => {
        const q = neuronsForEpsilon(m, eps);
        expectWellFormed(q);
        if (q.value !== undefined && q.value <= SAFE) {
          const N = q.value;
          expect(Number.isInteger(N)).toBe(true);
          expect(epsilon(N, m)).toBeLessThanOrEqual(eps);
          if (N > 1) expect(epsilon(N - 1, m)).toBeGreaterThan(eps);
        } else {
          // Beyond exact integers: the closed form 8 ln m / ε².
          expect(q.log10).toBeCloseTo(Math.log10(8 * Math.log(m)) - 2 * Math.log10(eps), 6);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("neuronsForSparsity(m, l) = smallest N where one unit beats the noise", () => {
    fc.assert(
      fc.property(featuresAndActiveArb(), ({ m, l }) => {
        const q = neuronsForSparsity(m, l);
        expectWellFormed(q);
        if (q.value !== undefined && q.value <= SAFE) {
          const N = q.value;
          expect(Number.isInteger(N)).toBe(true);
          expect(signalBeatsNoise(N, m, l)).toBe(true);
          if (N > 1) expect(signalBeatsNoise(N - 1, m, l)).toBe(false);
        } else {
          expect(q.log10).toBeCloseTo(Math.log10(8 * Math.log(m)) + Math.log10(l), 6);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("neuronsForLevels(m, l, k) = smallest N with at least k levels", () => {
    const kTarget = fc.oneof(
      fc.double({ min: -3, max: 4, noNaN: true }).map((x) => 10 ** x),
      positiveArb(),
    );
    fc.assert(
      fc.property(featuresAndActiveArb(9), kTarget, ({ m, l }, k) => {
        const q = neuronsForLevels(m, l, k);
        expectWellFormed(q);
        if (q.value !== undefined && q.value <= SAFE) {
          const N = q.value;
          expect(Number.isInteger(N)).toBe(true);
          expect(activationLevels(N, m, l)).toBeGreaterThanOrEqual(k);
          if (N > 1) expect(activationLevels(N - 1, m, l)).toBeLessThan(k);
        } else {
          expect(q.log10).toBeCloseTo(Math.log10(8 * Math.log(m)) + Math.log10(l) + 2 * Math.log10(k), 6);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("a target met exactly at N gives back N", () => {
    // ε(N, m) and levels(N, m, l) are strictly monotone in N at these sizes, so N is the smallest.
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 1e9 }), mSmall, (N, m) => {
        expect(neuronsForEpsilon(m, epsilon(N, m)).value).toBe(N);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 1e9 }), mSmall, fc.integer({ min: 1, max: 1e4 }), (N, m, l) => {
        fc.pre(l <= m);
        expect(neuronsForLevels(m, l, activationLevels(N, m, l)).value).toBe(N);
      }),
    );
  });

  it("featuresForEpsilon(n, ε) is where ε(n, m) crosses ε", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e7 }), epsArb, (n, eps) => {
        const q = featuresForEpsilon(n, eps);
        expectWellFormed(q);
        expect(q.log10).toBeCloseTo((n * eps * eps) / 8 / Math.LN10, 9);
        // Check against the forward formula where m is an integer a double still tells apart.
        fc.pre(q.value !== undefined && q.value >= 2 && q.value < 1e12);
        const below = Math.floor(q.value!);
        const above = Math.ceil(q.value!) + 1;
        expect(epsilon(n, below)).toBeLessThanOrEqual(eps * (1 + 1e-12));
        expect(epsilon(n, above)).toBeGreaterThan(eps);
      }),
      { numRuns: 400 },
    );
  });

  it("maxActiveFeatures(n, m) is where the noise ε√l crosses 1", () => {
    fc.assert(
      fc.property(nSmall, mSmall, (n, m) => {
        const lMax = maxActiveFeatures(n, m);
        expect(epsilon(n, m) * Math.sqrt(lMax)).toBeCloseRel(1, 1e-12);
        const below = Math.floor(lMax);
        if (below >= 1 && below <= m && lMax - below > 1e-9) expect(signalBeatsNoise(n, m, below)).toBe(true);
        if (below + 1 <= m) expect(signalBeatsNoise(n, m, below + 1)).toBe(false);
      }),
    );
  });
});

describe("no NaN or Infinity anywhere in the domain", () => {
  const finite = (x: number) => expect(Number.isFinite(x)).toBe(true);

  it("forward formulas", () => {
    fc.assert(
      fc.property(countArb(1), featuresAndActiveArb(), positiveArb(), (n, { m, l }, a) => {
        finite(epsilon(n, m));
        finite(sparsityNoise(n, m, l));
        finite(maxActiveFeatures(n, m));
        finite(activationLevels(n, m, l));
        expect(typeof signalBeatsNoise(n, m, l)).toBe("boolean");
        expectWellFormed(maxFeatures(n));
        expectWellFormed(amplitudeNoise(n, m, l, a));
      }),
      { numRuns: 500 },
    );
  });

  it("inverse formulas", () => {
    fc.assert(
      fc.property(countArb(1), featuresAndActiveArb(), positiveArb(), epsArb, positiveArb(), (n, { m, l }, k, eps, anyEps) => {
        expectWellFormed(neuronsForEpsilon(m, anyEps));
        expectWellFormed(featuresForEpsilon(n, eps));
        expectWellFormed(neuronsForSparsity(m, l));
        expectWellFormed(neuronsForLevels(m, l, k));
      }),
      { numRuns: 500 },
    );
  });

  it("the corners of the domain", () => {
    const MAX = Number.MAX_VALUE;
    const MIN = Number.MIN_VALUE;
    for (const n of [1, 2, 1e300, MAX]) {
      for (const m of [2, 3, 1e300, MAX]) {
        for (const l of [1, m]) {
          finite(epsilon(n, m));
          finite(sparsityNoise(n, m, l));
          finite(maxActiveFeatures(n, m));
          finite(activationLevels(n, m, l));
          for (const a of [MIN, 1e-300, 1, 1e300, MAX]) expectWellFormed(amplitudeNoise(n, m, l, a));
          for (const k of [MIN, 1, 1e300, MAX]) expectWellFormed(neuronsForLevels(m, l, k));
          expectWellFormed(neuronsForSparsity(m, l));
        }
        for (const eps of [MIN, 1e-300, 1, 1e300, MAX]) expectWellFormed(neuronsForEpsilon(m, eps));
      }
      expectWellFormed(maxFeatures(n));
      for (const eps of [MIN, 1e-300, 0.5, 1]) expectWellFormed(featuresForEpsilon(n, eps));
    }
  });
});

describe("domain errors", () => {
  const bad = [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];

  it("n must be an integer ≥ 1", () => {
    for (const n of bad) {
      expect(() => epsilon(n, 10)).toThrow(RangeError);
      expect(() => sparsityNoise(n, 10, 1)).toThrow(RangeError);
      expect(() => signalBeatsNoise(n, 10, 1)).toThrow(RangeError);
      expect(() => maxActiveFeatures(n, 10)).toThrow(RangeError);
      expect(() => maxFeatures(n)).toThrow(RangeError);
      expect(() => amplitudeNoise(n, 10, 1, 1)).toThrow(RangeError);
      expect(() => activationLevels(n, 10, 1)).toThrow(RangeError);
      expect(() => featuresForEpsilon(n, 0.5)).toThrow(RangeError);
    }
    expect(() => epsilon(0, 10)).toThrow(/n must be an integer ≥ 1/);
  });

  it("m must be an integer ≥ 2", () => {
    for (const m of [...bad, 1]) {
      expect(() => epsilon(100, m)).toThrow(RangeError);
      expect(() => sparsityNoise(100, m, 1)).toThrow(RangeError);
      expect(() => maxActiveFeatures(100, m)).toThrow(RangeError);
      expect(() => amplitudeNoise(100, m, 1, 1)).toThrow(RangeError);
      expect(() => activationLevels(100, m, 1)).toThrow(RangeError);
      expect(() => neuronsForEpsilon(m, 0.5)).toThrow(RangeError);
      expect(() => neuronsForSparsity(m, 1)).toThrow(RangeError);
      expect(() => neuronsForLevels(m, 1, 2)).toThrow(RangeError);
    }
    expect(() => epsilon(100, 1)).toThrow(/m must be an integer ≥ 2/);
  });

  it("l must be an integer with 1 ≤ l ≤ m", () => {
    for (const l of [...bad, 11]) {
      expect(() => sparsityNoise(100, 10, l)).toThrow(RangeError);
      expect(() => signalBeatsNoise(100, 10, l)).toThrow(RangeError);
      expect(() => amplitudeNoise(100, 10, l, 1)).toThrow(RangeError);
      expect(() => activationLevels(100, 10, l)).toThrow(RangeError);
      expect(() => neuronsForSparsity(10, l)).toThrow(RangeError);
      expect(() => neuronsForLevels(10, l, 2)).toThrow(RangeError);
    }
    expect(() => sparsityNoise(100, 10, 11)).toThrow(/l must not exceed m/);
    expect(() => sparsityNoise(100, 10, 10)).not.toThrow();
  });

  it("a, k and ε must be finite and > 0; ε at most 1 for featuresForEpsilon", () => {
    for (const x of [0, -0, -1, -Number.MIN_VALUE, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(() => amplitudeNoise(100, 10, 1, x)).toThrow(RangeError);
      expect(() => neuronsForLevels(10, 1, x)).toThrow(RangeError);
      expect(() => neuronsForEpsilon(10, x)).toThrow(RangeError);
      expect(() => featuresForEpsilon(100, x)).toThrow(RangeError);
    }
    expect(() => amplitudeNoise(100, 10, 1, 0)).toThrow(/a must be a finite number > 0/);
    expect(() => neuronsForLevels(10, 1, -1)).toThrow(/k must be a finite number > 0/);
    expect(() => neuronsForEpsilon(10, Number.NaN)).toThrow(/ε must be a finite number > 0/);
    expect(() => featuresForEpsilon(100, 1 + Number.EPSILON)).toThrow(RangeError);
    expect(() => featuresForEpsilon(100, 2)).toThrow(/ε must be at most 1/);
    expect(() => featuresForEpsilon(100, 1)).not.toThrow();
    // neuronsForEpsilon has no upper bound on ε: a lax target is simply met by one neuron.
    expect(neuronsForEpsilon(10, 5).value).toBe(1);
  });
});
