/**
 * The accuracy rule of the rates (src/math/rate-accuracy.ts) held against the error map it was
 * read from, and the formatting that shows only verified digits (src/numbers/format.ts, results.ts).
 */
import { describe, expect, it } from "vitest";
import { allRight, pFalseOn } from "../../src/math/error-rates.ts";
import { formatPowerRange, formatProbability, formatToAccuracy, formatUpperBound } from "../../src/numbers/format.ts";
import { errorRateResults, refinedAllRightResult } from "../../src/numbers/error-rate-results.ts";
import { fromLog10 } from "../../src/math/big-number.ts";
import { allRightAccuracy, rangeAround, refineAllRight, sumAccuracy, tailRateAccuracy } from "../../src/math/rate-accuracy.ts";

/**
 * [n, m, l, log10 P, relative standard error] of all right by the conditional Monte Carlo with
 * importance sampling, 20 000 draws, seed 1 (scripts/checks/all-right-error-map.ts): every third
 * of the 148 shapes it measured reliably (standard error under 3 %, at least 200 effective draws).
 */
const ALL_RIGHT_MAP: [number, number, number, number, number][] = [
  [16, 12, 3, -0.6636, 0.0043],
  [16, 64, 4, -4.6848, 0.0203],
  [32, 12, 3, -0.2386, 0.0021],
  [32, 16, 4, -0.5361, 0.0038],
  [32, 96, 6, -5.2263, 0.0246],
  [64, 48, 3, -0.1969, 0.0007],
  [64, 3072, 3, -4.1543, 0.0125],
  [64, 256, 4, -1.9095, 0.0044],
  [64, 96, 6, -2.006, 0.0064],
  [64, 128, 8, -4.2132, 0.0155],
  [128, 192, 3, -0.0415, 0.0001],
  [128, 12288, 3, -1.4365, 0.0026],
  [128, 786432, 3, -6.8529, 0.0162],
  [128, 256, 4, -0.2363, 0.0005],
  [128, 16384, 4, -4.3209, 0.0075],
  [128, 96, 6, -0.4079, 0.0016],
  [128, 32, 8, -0.2986, 0.0028],
  [128, 48, 12, -1.0836, 0.0067],
  [256, 12288, 3, -0.009, 0.0001],
  [256, 786432, 3, -0.4077, 0.0017],
  [256, 16384, 4, -0.1926, 0.0006],
  [256, 1048576, 4, -3.0947, 0.0043],
  [256, 1536, 6, -0.3285, 0.0006],
  [256, 98304, 6, -5.5043, 0.0064],
  [256, 128, 8, -0.1242, 0.0008],
  [256, 8192, 8, -4.2162, 0.0046],
  [256, 192, 12, -0.8336, 0.0028],
  [256, 64, 16, -0.6237, 0.0046],
  [256, 96, 24, -2.2286, 0.0124],
  [512, 393216, 6, -0.2763, 0.0009],
  [512, 2048, 8, -0.0275, 0.0001],
  [512, 131072, 8, -1.247, 0.0017],
  [512, 48, 12, -0.0101, 0.0004],
  [512, 3072, 12, -0.6613, 0.0008],
  [512, 196608, 12, -10.8276, 0.0103],
  [512, 1024, 16, -0.9647, 0.0016],
  [512, 96, 24, -0.4278, 0.0037],
  [512, 128, 32, -1.2776, 0.0076],
  [1024, 12288, 12, -0.0102, 0.0001],
  [1024, 786432, 12, -0.5632, 0.0009],
  [1024, 4096, 16, -0.0555, 0.0001],
  [1024, 262144, 16, -2.4896, 0.0018],
  [1024, 96, 24, -0.0215, 0.0007],
  [1024, 6144, 24, -1.324, 0.0011],
  [1024, 128, 32, -0.127, 0.0019],
  [1024, 8192, 32, -6.4108, 0.0041],
  [2304, 393216, 24, -0.081, 0.0001],
  [2304, 2048, 32, -0.0097, 0.0001],
  [2304, 131072, 32, -0.596, 0.0004],
  [2304, 8388608, 32, -13.94, 0.0044],
];

/** [n, l, log10 p_false_on, relative standard error] by the Monte Carlo of the exact walk, 200 000 draws. */
const FALSE_ON_MAP: [number, number, number, number][] = [
  [1024, 3, -20.15501, 0.00017],
  [1024, 4, -15.31206, 0.00015],
  [1024, 8, -8.12569, 0.00009],
  [1024, 16, -4.50078, 0.00005],
  [1024, 32, -2.63114, 0.00002],
  [1024, 64, -1.64302, 0.00001],
  [16384, 3, -302.63443, 0.00026],
  [16384, 4, -226.01519, 0.00021],
  [16384, 8, -113.15077, 0.0001],
  [16384, 16, -57.2215, 0.00005],
  [16384, 32, -29.25421, 0.00002],
  [16384, 64, -15.20656, 0.00001],
  [65536, 3, -1204.9572, 0.00044],
  [65536, 4, -898.65897, 0.00035],
  [65536, 8, -447.64249, 0.00014],
  [65536, 16, -224.37186, 0.00006],
  [65536, 32, -112.94747, 0.00003],
  [65536, 64, -57.19627, 0.00001],
];

describe("the rule holds on the measured map", () => {
  it("all right: where it shows digits, the fast value is within 10 % of the Monte Carlo; elsewhere the Monte Carlo lies in the range it shows", () => {
    let digits = 0;
    let ranges = 0;
    for (const [n, m, l, log10, se] of ALL_RIGHT_MAP) {
      const fast = allRight(n, m, l).log10;
      const accuracy = allRightAccuracy(n, l, fast);
      if (accuracy.kind === "range") {
        ranges++;
        expect(log10, `${n} ${m} ${l}`).toBeGreaterThanOrEqual(accuracy.lowLog10);
        expect(log10, `${n} ${m} ${l}`).toBeLessThanOrEqual(accuracy.highLog10);
      } else {
        digits++;
        // Within 10 % of the truth, the Monte Carlo's own 3 standard errors included.
        expect(Math.abs(10 ** (fast - log10) - 1) + 3 * se, `${n} ${m} ${l}`).toBeLessThan(0.1);
      }
    }
    // Both branches are exercised.
    expect(digits).toBeGreaterThan(20);
    expect(ranges).toBeGreaterThan(10);
  });

  it("p_false_on: within 10 % everywhere it is shown with digits, down to 10⁻¹²⁰⁵", () => {
    for (const [n, l, log10, se] of FALSE_ON_MAP) {
      const fast = pFalseOn(n, l).log10;
      expect(tailRateAccuracy(n, l, fast).kind).toBe(fast >= -1200 ? "verified" : "range");
      if (fast >= -1200) expect(Math.abs(10 ** (fast - log10) - 1) + 3 * se).toBeLessThan(0.1);
    }
  });

  it("the audit's values: the fast method is low there, and shown only as a range that holds the truth", () => {
    // [n, m, l, all right by Monte Carlo]: 6.31·10⁻⁷ ± 0.32 (the site's notes, 400 000 plain
    // draws), 6.2·10⁻⁷ here; 3.6–3.8·10⁻¹³ (the audit: 2.6–4.2); Gemma Scope 2B 16k, L0 71 and 82.
    for (const [n, m, l, truth] of [
      [128, 1024, 8, 6.3e-7],
      [256, 2048, 16, 3.7e-13],
      [2304, 16384, 71, 3.8e-13],
      [2304, 16384, 82, 5.9e-22],
    ] as const) {
      const fast = allRight(n, m, l).log10;
      expect(fast).toBeLessThan(Math.log10(0.9 * truth));
      const shown = errorRateResults(n, m, l)["all-right"];
      expect(shown.accuracy).toBe("range");
      const range = rangeAround(fast);
      if (range.kind !== "range") throw new Error("a range");
      expect(Math.log10(truth)).toBeGreaterThan(range.lowLog10);
      expect(Math.log10(truth)).toBeLessThan(range.highLog10);
      expect(shown.text).toMatch(/^between 10⁻\S+ and 10⁻\S+$/);
      // The data attributes keep the computed number.
      expect(shown.value ?? 10 ** shown.log10!).toBeCloseTo(10 ** fast, 30);
    }
  });
});

describe("refined by the Monte Carlo", () => {
  it("n = 128, m = 1 024, l = 8: 6.3·10⁻⁷ within 10 %, shown with two figures", () => {
    const refined = refineAllRight(128, 1024, 8)!;
    expect(refined.verified).toBe(true);
    expect(refined.estimate!.value!).toBeCloseRel(6.3e-7, 0.1);
    const shown = refinedAllRightResult(128, 1024, 8)!;
    expect(shown.text).toMatch(/^6\.\d × 10⁻⁷$/);
    expect(shown.accuracy).toBe("verified");
  });

  it("is not offered where the fast value is verified already, nor claimed where it does not converge", () => {
    expect(refinedAllRightResult(1024, 4096, 16)).toBeUndefined();
    // GPT-2 small's shape: the tilt cannot reach inputs whose 32 active readouts are all above ½.
    const gpt2 = refineAllRight(768, 32768, 32)!;
    expect(gpt2.verified).toBe(false);
    expect(refinedAllRightResult(768, 32768, 32)).toBeUndefined();
  });
});

describe("formatting to the accuracy", () => {
  it("three figures when exact, two when verified, a range otherwise", () => {
    const p = fromLog10(Math.log10(6.2345e-7));
    expect(formatToAccuracy(p, { kind: "exact" }, "probability")).toBe("6.23 × 10⁻⁷");
    expect(formatToAccuracy(p, { kind: "verified" }, "probability")).toBe("6.2 × 10⁻⁷");
    expect(formatToAccuracy(p, { kind: "range", lowLog10: -8, highLog10: -5 }, "probability")).toBe("between 10⁻⁸ and 10⁻⁵");
    expect(formatToAccuracy(fromLog10(Math.log10(0.8801)), { kind: "verified" }, "probability")).toBe("88%");
    expect(formatToAccuracy(fromLog10(Math.log10(0.99995)), { kind: "verified" }, "probability")).toBe("> 99%");
    expect(formatToAccuracy(fromLog10(Math.log10(16352.4)), { kind: "verified" }, "count")).toBe("16,000");
    expect(formatToAccuracy(fromLog10(Math.log10(234.3)), { kind: "verified" }, "count")).toBe("230");
    expect(formatToAccuracy(fromLog10(Math.log10(1.003)), { kind: "verified" }, "count")).toBe("1.0");
    expect(formatToAccuracy(fromLog10(Math.log10(0.7378)), { kind: "about" }, "count")).toBe("about 0.7");
    expect(formatToAccuracy(0, { kind: "verified" }, "count")).toBe("0");
    expect(formatProbability(fromLog10(Math.log10(0.8874)))).toBe("88.7%");
  });

  it("ranges: exponents rounded outward, two figures from 100 up, powers of ten beyond a million", () => {
    expect(formatPowerRange(-39.6, -32.4)).toBe("between 10⁻⁴⁰ and 10⁻³²");
    expect(formatPowerRange(-1067, -873)).toBe("between 10⁻¹¹⁰⁰ and 10⁻⁸⁷⁰");
    expect(formatPowerRange(-3, -3)).toBe("about 10⁻³");
    expect(formatPowerRange(-1.1e15, -9e14)).toBe("between 10^(−1.1 × 10¹⁵) and 10^(−9.0 × 10¹⁴)");
    expect(() => formatPowerRange(-2, -3)).toThrow(RangeError);
    expect(() => formatPowerRange(Number.NaN, -3)).toThrow(RangeError);
    expect(rangeAround(-35.96)).toEqual({ kind: "range", lowLog10: -40, highLog10: -32 });
    expect(rangeAround(-0.5)).toEqual({ kind: "range", lowLog10: -2, highLog10: 0 });
    // A count may exceed 1: its range stops at its own largest value, not at a probability's.
    expect(rangeAround(0.3, Math.log10(64))).toEqual({ kind: "range", lowLog10: -1, highLog10: 1.806179973983887 });
  });

  it("a bound from above: rounded up to one figure, so that it stays a bound", () => {
    expect(formatUpperBound(Math.log10(0.128))).toBe("0.2");
    expect(formatUpperBound(Math.log10(0.0071))).toBe("0.008");
    expect(formatUpperBound(Math.log10(0.3))).toBe("0.3");
    expect(formatUpperBound(Math.log10(0.97))).toBe("1");
    expect(formatUpperBound(Math.log10(3.2e-50))).toBe("4 × 10⁻⁵⁰");
    expect(formatUpperBound(Math.log10(1e-50))).toBe("10⁻⁵⁰");
    expect(formatUpperBound(-2.4e6)).toBe("10^(−2.4 × 10⁶)");
    expect(formatToAccuracy(fromLog10(Math.log10(0.0071)), { kind: "below", highLog10: Math.log10(0.0071) }, "count")).toBe("below 0.008");
    // Never below the value it bounds, and within one figure of it.
    for (const log10 of [-0.3, -1.01, -2.5, -0.999, -2.0001]) {
      const bound = Number(formatUpperBound(log10));
      expect(bound).toBeGreaterThanOrEqual(10 ** log10);
      expect(bound - 10 ** log10).toBeLessThan(10 ** Math.floor(log10));
    }
  });
});

describe("a sum's accuracy", () => {
  it("is the larger term's when the other is below 1 %, the worse of the two otherwise", () => {
    const verified = { kind: "verified" } as const;
    const exact = { kind: "exact" } as const;
    expect(
      sumAccuracy(
        [
          { log10: 2, rateLog10: -2, accuracy: verified },
          { log10: -1, rateLog10: -2, accuracy: rangeAround(-2) },
        ],
        4,
      ),
    ).toEqual(verified);
    expect(
      sumAccuracy(
        [
          { log10: 2, rateLog10: -2, accuracy: exact },
          { log10: 1.5, rateLog10: -2, accuracy: verified },
        ],
        4,
      ),
    ).toEqual(verified);
  });

  it("carries a rate's range over to the sum: moved by the count, as wide, no higher than the sum can be", () => {
    // p_false_on = 10⁻¹³⁰⁰ with m − l = 10³⁰⁰: the misreads are 10⁻¹⁰⁰⁰, not a probability's range around 10⁻¹³⁰⁰.
    const range = rangeAround(-1300);
    expect(range).toEqual({ kind: "range", lowLog10: -1430, highLog10: -1170 });
    expect(sumAccuracy([{ log10: -1000, rateLog10: -1300, accuracy: range }], 300)).toEqual({ kind: "range", lowLog10: -1130, highLog10: -870 });
    // The range of the shown count holds the count itself.
    const shown = errorRateResults(2 ** 22, 1e300, 3)["expected-misreads"];
    const [low, high] = shown.text.match(/10⁻([⁰¹²³⁴⁵⁶⁷⁸⁹]+)/g)!.map((t) => -Number([...t.slice(3)].map((c) => "⁰¹²³⁴⁵⁶⁷⁸⁹".indexOf(c)).join("")));
    expect(shown.log10!).toBeGreaterThan(low!);
    expect(shown.log10!).toBeLessThan(high!);
  });
});
