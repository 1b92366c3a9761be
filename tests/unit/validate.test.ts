import { describe, expect, it } from "vitest";
import { checkActiveWithinFeatures, parseParameter, type Parsed } from "../../src/numbers/validate.ts";
import { PARAMETERS, type ParameterName } from "../../src/numbers/parameters.ts";
import { fc } from "./arbitraries.ts";

const NAMES = Object.keys(PARAMETERS) as ParameterName[];
const COUNTS = NAMES.filter((name) => PARAMETERS[name].kind === "count");

function value(parsed: Parsed): number {
  if (!parsed.ok) throw new Error(`expected a value, got: ${parsed.message}`);
  return parsed.value;
}

function message(parsed: Parsed): string {
  if (parsed.ok) throw new Error(`expected a refusal, got ${parsed.value}`);
  return parsed.message;
}

describe("parseParameter accepts", () => {
  it("plain, grouped, signed and scientific numbers", () => {
    expect(value(parseParameter("n", "4096"))).toBe(4096);
    expect(value(parseParameter("n", " 4096 "))).toBe(4096);
    expect(value(parseParameter("n", "\t4096\n"))).toBe(4096);
    expect(value(parseParameter("n", "4,096"))).toBe(4096);
    expect(value(parseParameter("m", "1,000,000"))).toBe(1e6);
    expect(value(parseParameter("m", "1 000 000"))).toBe(1e6);
    expect(value(parseParameter("m", "10_000"))).toBe(10_000);
    expect(value(parseParameter("m", "1\u202f000"))).toBe(1000);
    expect(value(parseParameter("m", "1e6"))).toBe(1e6);
    expect(value(parseParameter("m", "1E6"))).toBe(1e6);
    expect(value(parseParameter("m", "1e+6"))).toBe(1e6);
    expect(value(parseParameter("m", "3.4e7"))).toBe(3.4e7);
    expect(value(parseParameter("n", "+5"))).toBe(5);
    expect(value(parseParameter("n", "1.0"))).toBe(1);
    expect(value(parseParameter("n", "1e300"))).toBe(1e300);
    expect(value(parseParameter("a", "2.5e-3"))).toBe(0.0025);
    expect(value(parseParameter("a", "2.5E-3"))).toBe(0.0025);
    expect(value(parseParameter("a", ".5"))).toBe(0.5);
    expect(value(parseParameter("a", "5."))).toBe(5);
    expect(value(parseParameter("a", "1,000.5"))).toBe(1000.5);
    expect(value(parseParameter("k", "4"))).toBe(4);
    expect(value(parseParameter("eps", "0.1"))).toBe(0.1);
    expect(value(parseParameter("eps", "1"))).toBe(1);
  });

  it("the smallest values of each domain", () => {
    expect(value(parseParameter("n", "1"))).toBe(1);
    expect(value(parseParameter("m", "2"))).toBe(2);
    expect(value(parseParameter("l", "1"))).toBe(1);
    expect(value(parseParameter("a", "5e-324"))).toBe(Number.MIN_VALUE);
    expect(value(parseParameter("eps", "1e-300"))).toBe(1e-300);
  });
});

describe("parseParameter refuses", () => {
  const REFUSED: [ParameterName, string][] = [
    ["n", ""],
    ["n", "   "],
    ["n", "abc"],
    ["n", "-5"],
    ["n", "\u22125"],
    ["n", "0"],
    ["a", "0"],
    ["a", "0.0"],
    ["a", "-0"],
    ["eps", "0"],
    ["n", "1.5"],
    ["m", "1.5"],
    ["l", "2.5"],
    ["n", "1e400"],
    ["a", "1e400"],
    ["n", "<script>alert(1)</script>"],
    ["n", "NaN"],
    ["a", "NaN"],
    ["n", "Infinity"],
    ["a", "-Infinity"],
    ["n", "0x10"],
    ["n", "1e"],
    ["n", "--1"],
    ["n", "+-1"],
    ["n", "1,2345"],
    ["n", "1,,000"],
    ["n", "4 09 6"],
    ["n", "1e3.5"],
    ["m", "1"],
    ["l", "0"],
    ["eps", "1.5"],
    ["eps", "2"],
    ["n", "١٢٣"],
    ["n", "12abc"],
  ];

  it.each(REFUSED)("%s = %j, saying what is allowed", (name, text) => {
    const msg = message(parseParameter(name, text));
    expect(msg).toContain(PARAMETERS[name].domain);
    expect(msg).toContain(`${PARAMETERS[name].symbol} must be`);
  });

  it("with a message that fits the mistake", () => {
    expect(message(parseParameter("n", ""))).toMatch(/^Enter a value/);
    expect(message(parseParameter("n", "abc"))).toMatch(/^Not a number/);
    expect(message(parseParameter("n", "-5"))).toMatch(/^Negative values are not allowed/);
    expect(message(parseParameter("n", "0"))).toMatch(/^Too small/);
    expect(message(parseParameter("a", "0"))).toMatch(/^Zero is not allowed/);
    // Non-zero digits that underflow a double are "too small", not zero.
    expect(message(parseParameter("a", "1e-400"))).toMatch(/^Too small for this page/);
    expect(message(parseParameter("n", "1.5"))).toMatch(/count of neurons.*whole number/);
    expect(message(parseParameter("l", "1.5"))).toMatch(/count of active features/);
    expect(message(parseParameter("n", "1e400"))).toMatch(/^Too large/);
    expect(message(parseParameter("eps", "1.5"))).toMatch(/^Too large/);
    expect(message(parseParameter("m", "1"))).toBe("Too small: m must be a whole number ≥ 2.");
  });

  it("never echoing the raw input", () => {
    for (const text of ["<script>alert(1)</script>", "abc", "NaN", "Infinity", "0x10", "--1", "1e400", "12abc"]) {
      const msg = message(parseParameter("n", text));
      expect(msg).not.toContain(text);
      expect(msg).not.toContain("<");
      expect(msg).not.toContain("script");
    }
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), fc.string(), (name, junk) => {
        const parsed = parseParameter(name, `zzq${junk}`);
        expect(parsed.ok).toBe(false);
        expect(message(parsed)).not.toContain("zzq");
      }),
    );
  });
});

describe("parseParameter never returns an out-of-domain value", () => {
  it("for any string", () => {
    const text = fc.oneof(fc.string(), fc.stringMatching(/^[ +\-−]?[0-9.,_ eE+-]{0,12}$/), fc.double().map(String), fc.integer().map(String));
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), text, (name, t) => {
        const parsed = parseParameter(name, t);
        if (!parsed.ok) {
          expect(parsed.message).toContain(PARAMETERS[name].domain);
          return;
        }
        const spec = PARAMETERS[name];
        expect(Number.isFinite(parsed.value)).toBe(true);
        if (spec.kind === "count") {
          expect(Number.isInteger(parsed.value)).toBe(true);
          expect(parsed.value).toBeGreaterThanOrEqual(spec.min);
        } else {
          expect(parsed.value).toBeGreaterThan(spec.min);
        }
        if (spec.max !== undefined) expect(parsed.value).toBeLessThanOrEqual(spec.max);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("parseParameter reads back what is written", () => {
  it("String(x) of any valid count", () => {
    fc.assert(
      fc.property(fc.constantFrom(...COUNTS), fc.integer({ min: 2, max: Number.MAX_SAFE_INTEGER }), (name, whole) => {
        // Within the count's own domain (the number of trials has a limit).
        const x = Math.min(whole, PARAMETERS[name].max ?? whole);
        expect(value(parseParameter(name, String(x)))).toBe(x);
        expect(value(parseParameter(name, x.toLocaleString("en-US")))).toBe(x);
        expect(value(parseParameter(name, x.toExponential()))).toBe(x);
      }),
    );
  });

  it("String(x) of any valid real", () => {
    fc.assert(
      fc.property(fc.constantFrom<ParameterName>("a", "k"), fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true }), (name, x) => {
        expect(value(parseParameter(name, String(x)))).toBe(x);
      }),
    );
    fc.assert(
      fc.property(fc.double({ min: Number.MIN_VALUE, max: 1, noNaN: true }), (x) => {
        expect(value(parseParameter("eps", String(x)))).toBe(x);
      }),
    );
  });
});

describe("checkActiveWithinFeatures", () => {
  it("accepts l ≤ m", () => {
    expect(checkActiveWithinFeatures(1, 2)).toBeUndefined();
    expect(checkActiveWithinFeatures(10, 10)).toBeUndefined();
    expect(checkActiveWithinFeatures(10, 100_000)).toBeUndefined();
  });

  it("refuses l > m, naming m's size", () => {
    expect(checkActiveWithinFeatures(11, 10)).toBe("l cannot exceed m: at most all 10 features can be active at once.");
    expect(checkActiveWithinFeatures(5000, 4096)).toContain("4,096 features");
    expect(checkActiveWithinFeatures(3e6, 2e6)).toContain("2.00 × 10⁶ features");
  });

  it("is defined exactly when l > m", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 2, max: 1e9 }), (l, m) => {
        const msg = checkActiveWithinFeatures(l, m);
        if (l > m) {
          expect(msg).toMatch(/^l cannot exceed m/);
          expect(msg).not.toMatch(/NaN|Infinity|undefined/);
        } else {
          expect(msg).toBeUndefined();
        }
      }),
    );
  });
});

describe("digit groups", () => {
  it("are read in the whole part only", () => {
    expect(parseParameter("n", "1,000,000")).toEqual({ ok: true, value: 1_000_000 });
    expect(parseParameter("a", "1,234.5")).toEqual({ ok: true, value: 1234.5 });
    expect(parseParameter("a", "1.5,000").ok).toBe(false);
  });
});

describe("the hint after text that is not a number", () => {
  it.each(NAMES)("for %s, shows two ways of writing a value that the field itself accepts", (name) => {
    const parsed = parseParameter(name, "abc");
    expect(parsed.ok).toBe(false);
    const message = (parsed as { message: string }).message;
    const [, first, second] = /written like (\S+) or (\S+)\.$/.exec(message) ?? [];
    expect(first, message).toBeDefined();
    expect(parseParameter(name, first!).ok, `${name}: ${first}`).toBe(true);
    expect(parseParameter(name, second!).ok, `${name}: ${second}`).toBe(true);
  });

  it("suggests a fraction for ε, which must be at most 1", () => {
    expect((parseParameter("eps", "0,x") as { message: string }).message).toContain("written like 0.1 or 1e-3");
  });
});
