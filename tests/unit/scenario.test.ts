import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIO, readScenario, resolveScenario, writeScenario, type Scenario } from "../../src/numbers/scenario.ts";
import { PARAMETER_NAMES, PARAMETERS } from "../../src/numbers/parameters.ts";
import { parseParameter } from "../../src/numbers/validate.ts";
import { fc, moderateScenarioArb, scenarioArb } from "./arbitraries.ts";

const PREVIOUS: Scenario = { ...DEFAULT_SCENARIO, n: 768, m: 20_000, l: 30, a: 2, k: 3, eps: 0.2, seed: 5, trials: 40 };

function isValid(s: Scenario): boolean {
  return (
    PARAMETER_NAMES.every((name) => {
      const parsed = parseParameter(name, String(s[name]));
      return parsed.ok && parsed.value === s[name];
    }) && s.l <= s.m
  );
}

describe("DEFAULT_SCENARIO", () => {
  it("is valid: every parameter's default, read back as typed into its field", () => {
    expect(isValid(DEFAULT_SCENARIO)).toBe(true);
    expect(readScenario(new URLSearchParams(writeScenario(new URLSearchParams(), DEFAULT_SCENARIO))).scenario).toEqual(DEFAULT_SCENARIO);
  });
});

describe("resolveScenario", () => {
  it("takes every valid field", () => {
    const { scenario, errors } = resolveScenario({ n: "4,096", m: "1e5", l: " 12 ", a: "0.5", k: "8", eps: "0.05" }, PREVIOUS);
    expect(scenario).toEqual({ ...PREVIOUS, n: 4096, m: 100_000, l: 12, a: 0.5, k: 8, eps: 0.05 });
    expect(errors).toEqual({});
  });

  it("keeps previous values for absent fields", () => {
    const { scenario, errors } = resolveScenario({ n: "1024" }, PREVIOUS);
    expect(scenario).toEqual({ ...PREVIOUS, n: 1024 });
    expect(errors).toEqual({});
    expect(resolveScenario({}, PREVIOUS)).toEqual({ scenario: PREVIOUS, errors: {} });
  });

  it("keeps the previous value of each invalid field and says why", () => {
    const { scenario, errors } = resolveScenario({ n: "abc", m: "50000", a: "-1", eps: "2" }, PREVIOUS);
    expect(scenario).toEqual({ ...PREVIOUS, m: 50_000 });
    expect(Object.keys(errors).sort()).toEqual(["a", "eps", "n"]);
    expect(errors.n).toContain(PARAMETERS.n.domain);
    expect(errors.a).toContain(PARAMETERS.a.domain);
    expect(errors.eps).toContain(PARAMETERS.eps.domain);
  });

  it("when l > m, keeps both previous values and flags both fields", () => {
    const relation = "l cannot exceed m: at most all 20,000 features can be active at once.";
    const { scenario, errors } = resolveScenario({ l: "50000" }, PREVIOUS);
    expect(scenario).toEqual(PREVIOUS);
    expect(errors).toEqual({ l: relation, m: relation });

    const both = resolveScenario({ l: "500", m: "100" }, PREVIOUS);
    expect(both.scenario).toEqual(PREVIOUS);
    expect(Object.keys(both.errors).sort()).toEqual(["l", "m"]);
    expect(both.errors.m).toBe("l cannot exceed m: at most all 100 features can be active at once.");
  });

  it("other fields still update when the l, m pair is refused", () => {
    const { scenario, errors } = resolveScenario({ n: "2048", l: "50000" }, PREVIOUS);
    expect(scenario).toEqual({ ...PREVIOUS, n: 2048 });
    expect(Object.keys(errors).sort()).toEqual(["l", "m"]);
  });

  it("a field keeps its own message; the relation's goes to the other one", () => {
    // l is not a number (keeps 30) and m = 5 would fall below it: m is refused too, and says so.
    const { scenario, errors } = resolveScenario({ l: "abc", m: "5" }, PREVIOUS);
    expect(scenario).toEqual(PREVIOUS);
    expect(errors.l).toMatch(/^Not a number/);
    expect(errors.m).toMatch(/^l cannot exceed m/);
  });

  it("reads a hand-typed '+' in an exponent, which arrives as a space", () => {
    expect(readScenario(new URLSearchParams("?m=1e+21")).scenario.m).toBe(1e21);
  });

  it("falls back to the default l and m if the previous pair was itself impossible", () => {
    const { scenario } = resolveScenario({ l: "50" }, { ...PREVIOUS, l: 100, m: 10 });
    expect(scenario.l).toBe(DEFAULT_SCENARIO.l);
    expect(scenario.m).toBe(DEFAULT_SCENARIO.m);
  });

  it("always yields a valid scenario, and says why whenever a given text was not taken", () => {
    const field = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.integer({ min: -5, max: 1e6 }).map(String),
      fc.double({ min: 0, max: 2, noNaN: true }).map(String),
      fc.constantFrom("1e400", "1.5", "0", "2", "1"),
    );
    const texts = fc.record(
      Object.fromEntries(PARAMETER_NAMES.map((name) => [name, field])) as Record<(typeof PARAMETER_NAMES)[number], fc.Arbitrary<string>>,
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(texts, scenarioArb, (t, previous) => {
        const { scenario, errors } = resolveScenario(t, previous);
        expect(isValid(scenario)).toBe(true);
        for (const name of PARAMETER_NAMES) {
          const text = t[name];
          if (text === undefined) {
            if (name !== "l" && name !== "m") expect(scenario[name]).toBe(previous[name]);
            continue;
          }
          const parsed = parseParameter(name, text);
          if (!parsed.ok) {
            expect(errors[name]).toBe(parsed.message);
            if (name !== "l" && name !== "m") expect(scenario[name]).toBe(previous[name]);
          } else if (scenario[name] !== parsed.value) {
            // Only l and m can be refused although valid, and then one of them says why.
            expect(["l", "m"]).toContain(name);
            expect(errors.l ?? errors.m).toBeDefined();
          }
        }
        for (const msg of Object.values(errors)) expect(msg).not.toMatch(/NaN|Infinity|undefined/);
      }),
      { numRuns: 500 },
    );
  });
});

describe("readScenario", () => {
  it("reads the fields present in a query string", () => {
    const read = readScenario(new URLSearchParams("?n=768&m=1e5&l=3"));
    expect(read.scenario).toEqual({ ...DEFAULT_SCENARIO, n: 768, m: 100_000, l: 3 });
    expect(read.errors).toEqual({});
    expect(read.texts).toEqual({ n: "768", m: "1e5", l: "3" });
  });

  it("takes the default for an invalid field and carries its message and raw text", () => {
    const read = readScenario(new URLSearchParams("?n=abc&m=50000"));
    expect(read.scenario).toEqual({ ...DEFAULT_SCENARIO, m: 50_000 });
    expect(Object.keys(read.errors)).toEqual(["n"]);
    expect(read.errors.n).toContain(PARAMETERS.n.domain);
    expect(read.texts.n).toBe("abc");
  });

  it("ignores unknown parameters and is the default for an empty query", () => {
    expect(readScenario(new URLSearchParams("?utm_source=x&N=5&epsilon=0.3&x=1"))).toEqual({ scenario: DEFAULT_SCENARIO, errors: {}, texts: {} });
    expect(readScenario(new URLSearchParams(""))).toEqual({ scenario: DEFAULT_SCENARIO, errors: {}, texts: {} });
  });

  it("decodes percent-encoding and grouped numbers", () => {
    const read = readScenario(new URLSearchParams("?m=1%2C000%2C000&eps=2.5e-3&a=%2B3"));
    expect(read.scenario).toMatchObject({ m: 1e6, eps: 0.0025, a: 3 });
    expect(read.errors).toEqual({});
  });

  it("refuses l > m from a link, keeping the defaults for both", () => {
    const read = readScenario(new URLSearchParams("?l=50&m=20"));
    expect(read.scenario.l).toBe(DEFAULT_SCENARIO.l);
    expect(read.scenario.m).toBe(DEFAULT_SCENARIO.m);
    expect(read.errors.l).toMatch(/^l cannot exceed m/);
  });

  it("does not let a hostile link through", () => {
    const read = readScenario(new URLSearchParams({ n: "<img src=x onerror=alert(1)>", a: "Infinity", eps: "NaN" }));
    expect(read.scenario).toEqual(DEFAULT_SCENARIO);
    expect(Object.keys(read.errors).sort()).toEqual(["a", "eps", "n"]);
    for (const msg of Object.values(read.errors)) expect(msg).not.toMatch(/<|onerror|NaN|Infinity/);
  });
});

describe("writeScenario", () => {
  it("writes the given fields and leaves other parameters alone", () => {
    const query = new URLSearchParams("?utm_source=feed&n=1&section=levels");
    const written = writeScenario(query, { n: 4096, eps: 0.05 });
    expect(written.get("utm_source")).toBe("feed");
    expect(written.get("section")).toBe("levels");
    expect(written.get("n")).toBe("4096");
    expect(written.get("eps")).toBe("0.05");
    expect(written.has("m")).toBe(false);
    // A copy: the original is untouched.
    expect(query.get("n")).toBe("1");
    expect(query.has("eps")).toBe(false);
  });

  it("writes numbers in the shortest form that reads back", () => {
    const written = writeScenario(new URLSearchParams(), { m: 1e21, a: 5e-7, n: 1e300 });
    expect(written.get("m")).toBe("1e+21");
    expect(written.get("a")).toBe("5e-7");
    expect(written.toString()).toBe("n=1e%2B300&m=1e%2B21&a=5e-7");
  });

  it("round-trips through readScenario, for everyday and extreme scenarios", () => {
    for (const arb of [moderateScenarioArb, scenarioArb]) {
      fc.assert(
        fc.property(arb, fc.constantFrom("", "?utm_source=x", "?section=sparsity&n=99"), (scenario, base) => {
          const query = writeScenario(new URLSearchParams(base), scenario);
          // Through the address bar and back.
          const reread = readScenario(new URLSearchParams(`?${query.toString()}`));
          expect(reread.errors).toEqual({});
          expect(reread.scenario).toEqual(scenario);
          if (base.includes("utm_source")) expect(query.get("utm_source")).toBe("x");
          if (base.includes("section")) expect(query.get("section")).toBe("sparsity");
        }),
      );
    }
  });
});
