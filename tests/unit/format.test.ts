import { describe, expect, it } from "vitest";
import { formatCount, formatEstimate, formatLogQuantity, formatNumber, grouped, formatPercent, formatPowerOfTen } from "../../src/numbers/format.ts";
import { fromLog10, fromValue } from "../../src/math/big-number.ts";
import { maxFeatures } from "../../src/math/formulas.ts";
import { fc } from "./arbitraries.ts";

const SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

/** Reads back what the format functions write: "−1,234.5", "3.00 × 10⁻⁵", "10^(5.43 × 10²⁹⁸)". */
function readBack(text: string): number {
  const digits = (s: string) => [...s].map((c) => (c === "⁻" ? "-" : String(SUPERSCRIPTS.indexOf(c)))).join("");
  const sign = text.startsWith("−") ? -1 : 1;
  const body = text.replace(/^−/, "");
  const sci = /^(\d\.\d+) × 10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/.exec(body);
  if (sci) return sign * Number(`${sci[1]}e${digits(sci[2]!)}`);
  if (/^\d{1,3}(,\d{3})*(\.\d+)?$/.test(body)) return sign * Number(body.replaceAll(",", ""));
  throw new Error(`unexpected format: ${JSON.stringify(text)}`);
}

/** Significant figures of a plain or scientific text ("0.150" → 3, "1.20 × 10⁷" → 3). */
function significantFigures(text: string): number {
  const mantissa = text.replace(/^−/, "").split(" ×")[0]!.replaceAll(",", "").replace(".", "");
  return mantissa.replace(/^0+/, "").length;
}

describe("formatNumber", () => {
  it("writes three significant figures", () => {
    expect(formatNumber(0.14995)).toBe("0.150");
    expect(formatNumber(0.1504)).toBe("0.150");
    expect(formatNumber(44.47)).toBe("44.5");
    expect(formatNumber(44.53)).toBe("44.5");
    expect(formatNumber(2.10883)).toBe("2.11");
    expect(formatNumber(1)).toBe("1");
    expect(formatNumber(0.001)).toBe("0.00100");
    expect(formatNumber(0.5)).toBe("0.500");
    expect(formatNumber(0)).toBe("0");
    expect(formatNumber(-0)).toBe("0");
  });

  it("shows integers in full with thousands separators", () => {
    expect(formatNumber(4096)).toBe("4,096");
    expect(formatNumber(123456)).toBe("123,456");
    expect(formatNumber(999_999)).toBe("999,999");
    expect(formatNumber(123456.7)).toBe("123,457");
  });

  it("switches to scientific notation at a million and below a thousandth", () => {
    expect(formatNumber(1e6)).toBe("1.00 × 10⁶");
    expect(formatNumber(1.2e7)).toBe("1.20 × 10⁷");
    expect(formatNumber(3.4e7)).toBe("3.40 × 10⁷");
    expect(formatNumber(3e-5)).toBe("3.00 × 10⁻⁵");
    expect(formatNumber(9.99e-4)).toBe("9.99 × 10⁻⁴");
    expect(formatNumber(2.34e-300)).toBe("2.34 × 10⁻³⁰⁰");
    expect(formatNumber(Number.MAX_VALUE)).toBe("1.80 × 10³⁰⁸");
    expect(formatNumber(Number.MIN_VALUE)).toBe("4.94 × 10⁻³²⁴");
  });

  it("carries a rounded mantissa or value into the next power of ten", () => {
    expect(formatNumber(9.9996e7)).toBe("1.00 × 10⁸");
    expect(formatNumber(9.9996e-5)).toBe("1.00 × 10⁻⁴");
    expect(formatNumber(0.00099996)).toBe("1.00 × 10⁻³");
    expect(formatNumber(0.99996)).toBe("1.00");
    expect(formatNumber(9.9996)).toBe("10.0");
    expect(formatNumber(0.0099996)).toBe("0.0100");
    expect(formatNumber(999.7)).toBe("1,000");
    expect(formatNumber(999_999.7)).toBe("1.00 × 10⁶");
  });

  it("writes negative numbers with a minus sign (U+2212), in either notation", () => {
    expect(formatNumber(-0.14995)).toBe("−0.150");
    expect(formatNumber(-44.47)).toBe("−44.5");
    expect(formatNumber(-4096)).toBe("−4,096");
    expect(formatNumber(-1.2e7)).toBe("−1.20 × 10⁷");
    expect(formatNumber(-3e-5)).toBe("−3.00 × 10⁻⁵");
    expect(formatNumber(-0.99996)).toBe("−1.00");
  });

  it("honours other precisions", () => {
    expect(formatNumber(0.14995, 2)).toBe("0.15");
    expect(formatNumber(Math.PI, 5)).toBe("3.1416");
    expect(formatNumber(1.2345e7, 4)).toBe("1.235 × 10⁷");
  });

  it("throws on NaN and ±Infinity", () => {
    for (const x of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(() => formatNumber(x)).toThrow(RangeError);
    }
  });

  it("reads back to within half a unit of its last figure, for any finite number", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const text = formatNumber(x);
        expect(text).not.toMatch(/NaN|Infinity|undefined|e[+-]|-/);
        const back = readBack(text);
        if (x === 0) {
          expect(back).toBe(0);
          return;
        }
        const sci = text.includes("×");
        // Non-integers and scientific forms keep 3 figures; integers below a million are exact.
        if (sci || !Number.isInteger(x)) {
          if (sci || Math.abs(x) < 100) expect(significantFigures(text)).toBe(3);
          const lastFigure = sci
            ? 10 ** (Math.floor(Math.log10(Math.abs(back))) - 2)
            : Math.max(10 ** (Math.floor(Math.log10(Math.abs(back))) - 2), 1);
          expect(Math.abs(back - x)).toBeLessThanOrEqual(lastFigure * 0.5 * (1 + 1e-9));
        } else {
          expect(back).toBe(x);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe("formatCount", () => {
  it("writes whole numbers in full below a million", () => {
    expect(formatCount(0)).toBe("0");
    expect(formatCount(1)).toBe("1");
    expect(formatCount(4096)).toBe("4,096");
    expect(formatCount(12_288)).toBe("12,288");
    expect(formatCount(999_999)).toBe("999,999");
    expect(formatCount(-4096)).toBe("−4,096");
  });

  it("writes a million and more in scientific notation", () => {
    expect(formatCount(1e6)).toBe("1.00 × 10⁶");
    expect(formatCount(34e6)).toBe("3.40 × 10⁷");
    expect(formatCount(1e9)).toBe("1.00 × 10⁹");
    expect(formatCount(Number.MAX_SAFE_INTEGER)).toBe("9.01 × 10¹⁵");
    expect(formatCount(-2.5e6)).toBe("−2.50 × 10⁶");
  });

  it("throws on NaN and ±Infinity", () => {
    for (const x of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(() => formatCount(x)).toThrow(RangeError);
    }
  });

  it("reads back exactly below a million", () => {
    fc.assert(
      fc.property(fc.integer({ min: -999_999, max: 999_999 }), (x) => {
        expect(readBack(formatCount(x))).toBe(x);
      }),
    );
  });
});

describe("formatLogQuantity", () => {
  it("writes quantities below a million plainly", () => {
    expect(formatLogQuantity(fromValue(167.335))).toBe("167");
    expect(formatLogQuantity(fromValue(Math.E))).toBe("2.72");
    expect(formatLogQuantity(fromValue(4096))).toBe("4,096");
  });

  it("writes larger ones from their logarithm, beyond double range too", () => {
    expect(formatLogQuantity(fromValue(2.5e6))).toBe("2.50 × 10⁶");
    // 10^222.3588 = 2.284·10^222 (e^(4096/8)).
    expect(formatLogQuantity(maxFeatures(4096))).toBe("2.28 × 10²²²");
    // 10^0.7 = 5.0119.
    expect(formatLogQuantity(fromLog10(444.7))).toBe("5.01 × 10⁴⁴⁴");
    // e^(8192/8) = 10^444.7175: 10^0.7175 = 5.2185.
    expect(formatLogQuantity(maxFeatures(8192))).toBe("5.22 × 10⁴⁴⁴");
    // 10^0.99999 rounds to 10.0: carried into the exponent.
    expect(formatLogQuantity(fromLog10(499.99999))).toBe("1.00 × 10⁵⁰⁰");
    expect(formatLogQuantity(fromLog10(123_456.5))).toBe("3.16 × 10¹²³⁴⁵⁶");
  });

  it("writes tiny ones from their logarithm", () => {
    expect(formatLogQuantity(fromLog10(-323.63))).toBe("2.34 × 10⁻³²⁴");
    expect(formatLogQuantity(fromLog10(-4.5))).toBe("3.16 × 10⁻⁵");
  });

  it("gives only the exponent once the logarithm itself is astronomically large", () => {
    // e^(10^300 / 8) = 10^(5.43·10^298): a double cannot resolve its mantissa.
    expect(formatLogQuantity(maxFeatures(1e300))).toBe("10^(5.43 × 10²⁹⁸)");
    expect(formatLogQuantity(fromLog10(1e12))).toBe("10^(1.00 × 10¹²)");
    expect(formatLogQuantity(fromLog10(999_999_999_999.5))).toMatch(/^\d\.\d\d × 10⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹$/);
  });

  it("throws rather than write NaN for a malformed quantity", () => {
    expect(() => formatLogQuantity({ log10: Number.NaN, value: undefined })).toThrow(RangeError);
    expect(() => formatLogQuantity({ log10: Number.POSITIVE_INFINITY, value: undefined })).toThrow(RangeError);
  });

  it("is well formed for any logarithm", () => {
    fc.assert(
      fc.property(fc.double({ min: -400, max: 1e308, noNaN: true }), (log10) => {
        const text = formatLogQuantity(fromLog10(log10));
        expect(text).not.toMatch(/NaN|Infinity|undefined|e[+-]/);
        if (Math.abs(log10) >= 1e12) {
          expect(text).toMatch(/^10\^\(\d\.\d\d × 10[⁰¹²³⁴⁵⁶⁷⁸⁹]+\)$/);
        } else {
          expect(text).toMatch(/^(\d{1,3}(,\d{3})*(\.\d+)?|\d\.\d\d × 10⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/);
        }
        // Where it is shown with a mantissa, the text is the quantity to three figures.
        const sci = /^(\d\.\d\d) × 10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/.exec(text);
        if (sci && Math.abs(log10) < 1e6) {
          const exponent = Number([...sci[2]!].map((c) => (c === "⁻" ? "-" : String(SUPERSCRIPTS.indexOf(c)))).join(""));
          const shown = Math.log10(Number(sci[1])) + exponent;
          expect(Math.abs(shown - log10)).toBeLessThan(0.0023); // half a unit in the third figure
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("formatPowerOfTen", () => {
  it("labels powers of ten, short ones in full and the rest as 10ⁿ", () => {
    expect(formatPowerOfTen(1)).toBe("1");
    expect(formatPowerOfTen(10)).toBe("10");
    expect(formatPowerOfTen(10_000)).toBe("10,000");
    expect(formatPowerOfTen(0.01)).toBe("0.01");
    expect(formatPowerOfTen(0.1)).toBe("0.1");
    expect(formatPowerOfTen(1e5)).toBe("10⁵");
    expect(formatPowerOfTen(1e-3)).toBe("10⁻³");
    expect(formatPowerOfTen(1e300)).toBe("10³⁰⁰");
  });

  it("leaves other ticks unlabelled", () => {
    expect(formatPowerOfTen(2)).toBe("");
    expect(formatPowerOfTen(5e5)).toBe("");
    expect(formatPowerOfTen(0)).toBe("");
  });

  it("throws on NaN and ±Infinity", () => {
    for (const x of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(() => formatPowerOfTen(x)).toThrow(RangeError);
    }
  });
});

describe("formatPercent", () => {
  it("writes fractions as percentages to three figures", () => {
    expect(formatPercent(0.887)).toBe("88.7%");
    expect(formatPercent(1)).toBe("100%");
    expect(formatPercent(0)).toBe("0%");
  });
  it("never rounds a fraction below 1 up to 100%", () => {
    expect(formatPercent(0.9996)).toBe("> 99.9%");
    expect(formatPercent(0.99949)).toBe("99.9%");
  });
});

describe("grouped (thousands with commas, without Intl)", () => {
  it("writes what Intl.NumberFormat en-US writes, minus as U+2212, where the site uses it", () => {
    // Where it is used: below a million with up to 6 decimals (beyond, the site writes powers of
    // ten), and whole numbers while a double holds them exactly (shown in full: "4,096").
    const where = fc.oneof(
      fc.tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 6 })),
      fc.tuple(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), fc.constant(0)),
    );
    fc.assert(
      fc.property(where, ([x, digits]) => {
        // Rounded first, as every caller does, so that both only lay out the same digits.
        const rounded = Number(x.toFixed(digits));
        const intl = new Intl.NumberFormat("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })
          .format(rounded)
          .replace("-", "−");
        expect(grouped(rounded, digits)).toBe(intl);
      }),
      { numRuns: 2000 },
    );
    expect(grouped(-4096, 0)).toBe("−4,096");
    expect(grouped(999999.5, 1)).toBe("999,999.5");
    expect(grouped(0.01, 2)).toBe("0.01");
  });
});

it("writes the readout runs' measured means as they were checked by hand (the real-SAEs table)", () => {
  expect(formatEstimate(6.41796875, 0.14656385711305708)).toBe("6.42 ± 0.15");
  // A mean that is a whole number keeps the decimals its error allows.
  expect(formatEstimate(7, 0.16382379343098377)).toBe("7.00 ± 0.16");
  expect(formatEstimate(232.125, 2.7433967066751537)).toBe("232.1 ± 2.7");
  expect(formatEstimate(16352.4, 123.4)).toBe("16,350 ± 120");
  expect(formatEstimate(65.6328125, 0.9924587134745331)).toBe("65.63 ± 0.99");
  expect(formatEstimate(0.049351, 0.000889)).toBe("0.04935 ± 0.00089");
  expect(formatEstimate(6.22, 0.2142)).toBe("6.22 ± 0.21");
  // No standard error at all (a single input): the mean alone.
  expect(formatEstimate(6.41796875, undefined)).toBe("6.42");
});

describe("formatEstimate", () => {
  it("writes the error to two figures and the mean to the same decimal place", () => {
    expect(formatEstimate(12.3456, 0.0234)).toBe("12.346 ± 0.023");
    expect(formatEstimate(1234.5, 56.7)).toBe("1,235 ± 57");
    expect(formatEstimate(0.0208312, 0.0000123)).toBe("0.020831 ± 0.000012");
    expect(formatEstimate(65.8, 1.23)).toBe("65.8 ± 1.2");
    // The error rounding up to the next power of ten moves the last digit shown.
    expect(formatEstimate(0.5, 0.0996)).toBe("0.50 ± 0.10");
    expect(formatEstimate(-0.001, 0.01)).toBe("−0.001 ± 0.010");
    expect(formatEstimate(0.0004, 0.01)).toBe("0.000 ± 0.010");
  });

  it("shares a power of ten beyond a million or below 10⁻⁵, and gives an exact value alone", () => {
    expect(formatEstimate(12345678, 1234)).toBe("(1.23457 ± 0.00012) × 10⁷");
    expect(formatEstimate(1e-9, 1e-10)).toBe("(1.00 ± 0.10) × 10⁻⁹");
    expect(formatEstimate(3, 0)).toBe("3");
    expect(formatEstimate(0.123456, 0)).toBe("0.123");
  });

  it("never shows more digits than the error allows, and reads back within half a last digit", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e5, max: 1e5, noNaN: true }), fc.double({ min: 1e-4, max: 1e4, noNaN: true }), (value, se) => {
        const text = formatEstimate(value, se);
        const [mean, error] = text.split(" ± ").map((part) => Number(part.replaceAll(",", "").replace("−", "-")));
        const decimals = (text.split(" ± ")[1]!.split(".")[1] ?? "").length;
        // The last digit shown: the error's second significant figure.
        const unit = 10 ** (Math.floor(Math.log10(error!) + 1e-12) - 1);
        expect(decimals).toBe(Math.max(0, -Math.round(Math.log10(unit))));
        expect(Math.abs(error! - se)).toBeLessThanOrEqual(unit * (0.5 + 1e-9));
        expect(Math.abs(mean! - value)).toBeLessThanOrEqual(unit * (0.5 + 1e-9) + 1e-12 * Math.abs(value));
      }),
      { numRuns: 2000 },
    );
  });

  it("refuses what a measurement never has", () => {
    expect(() => formatEstimate(Number.NaN, 1)).toThrow(RangeError);
    expect(() => formatEstimate(1, Infinity)).toThrow(RangeError);
    expect(() => formatEstimate(1, -0.1)).toThrow(/cannot be negative/);
  });
});
