import { describe, expect, it } from "vitest";
import { fromLn, fromLog10, fromValue, LOG10_MAX_DOUBLE, MIN_NORMAL_DOUBLE } from "../../src/math/big-number.ts";
import { fc } from "./arbitraries.ts";

const NON_FINITE = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];

describe("fromLog10", () => {
  it("keeps the value while it fits a double", () => {
    expect(fromLog10(0)).toEqual({ log10: 0, value: 1 });
    expect(fromLog10(3).value).toBeCloseTo(1000, 9);
    expect(fromLog10(222.5).value! / (Math.sqrt(10) * 1e222)).toBeCloseTo(1, 12);
    // Number.MAX_VALUE ≈ 1.797·10^308 = 10^308.2547.
    expect(LOG10_MAX_DOUBLE).toBeCloseTo(308.2547155599, 9);
    const below = fromLog10(308.25);
    expect(below.log10).toBe(308.25);
    expect(below.value! / 1.7782794100389228e308).toBeCloseTo(1, 12);
    const above = fromLog10(308.26);
    expect(above.log10).toBe(308.26);
    expect(above.value).toBeUndefined();
    expect(fromLog10(1e300).value).toBeUndefined();
  });

  it("drops the value below the smallest normal double instead of returning 0", () => {
    expect(fromLog10(-300).value! / 1e-300).toBeCloseTo(1, 12);
    expect(fromLog10(-307.6).value).toBeGreaterThan(0);
    expect(fromLog10(-307.7).value).toBeUndefined();
    expect(fromLog10(-400)).toEqual({ log10: -400, value: undefined });
    expect(fromLog10(-1e300).value).toBeUndefined();
  });

  it("throws a RangeError on a non-finite logarithm", () => {
    for (const x of NON_FINITE) expect(() => fromLog10(x)).toThrow(RangeError);
  });

  it("value, when present, is a positive finite number with that logarithm", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (x) => {
        const q = fromLog10(x);
        expect(q.log10).toBe(x);
        if (q.value === undefined) {
          expect(x > 308.25 || x < -307.65).toBe(true);
        } else {
          expect(Number.isFinite(q.value)).toBe(true);
          expect(q.value).toBeGreaterThanOrEqual(MIN_NORMAL_DOUBLE);
          expect(Math.abs(Math.log10(q.value) - x)).toBeLessThan(1e-12 * Math.max(1, Math.abs(x)));
        }
      }),
    );
  });
});

describe("fromLn", () => {
  it("converts the natural logarithm: 10^(ln / ln 10)", () => {
    expect(fromLn(1).value).toBeCloseTo(Math.E, 14);
    expect(fromLn(1).log10).toBeCloseTo(Math.LOG10E, 15);
    expect(fromLn(0).value).toBe(1);
    // e^709 ≈ 8.2·10^307 fits; e^710 ≈ 2.2·10^308 does not.
    expect(fromLn(709).value! / Math.exp(709)).toBeCloseTo(1, 12);
    expect(fromLn(710).value).toBeUndefined();
    expect(fromLn(710).log10).toBeCloseTo(710 / Math.LN10, 12);
  });

  it("throws a RangeError on a non-finite logarithm", () => {
    for (const x of NON_FINITE) expect(() => fromLn(x)).toThrow(RangeError);
  });
});

describe("fromValue", () => {
  it("keeps the number exact", () => {
    expect(fromValue(4096)).toEqual({ log10: Math.log10(4096), value: 4096 });
    expect(fromValue(0.1).value).toBe(0.1);
    expect(fromValue(Number.MAX_VALUE).value).toBe(Number.MAX_VALUE);
    expect(fromValue(Number.MAX_VALUE).log10).toBeCloseTo(LOG10_MAX_DOUBLE, 12);
    expect(fromValue(Number.MIN_VALUE).log10).toBeCloseTo(-323.306215343, 8);
  });

  it("throws a RangeError unless finite and > 0", () => {
    for (const x of [...NON_FINITE, 0, -0, -1, -Number.MIN_VALUE]) expect(() => fromValue(x)).toThrow(RangeError);
  });

  it("round-trips any positive double exactly", () => {
    fc.assert(
      fc.property(fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true }), (x) => {
        const q = fromValue(x);
        expect(q.value).toBe(x);
        expect(q.log10).toBe(Math.log10(x));
      }),
    );
  });
});
