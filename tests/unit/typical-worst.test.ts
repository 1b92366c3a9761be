/**
 * The three models of the noise (the post's ε√l, the worst of m readouts, a typical readout) and
 * the levels and limits they give: hand-computed values, the exact relations between them, their
 * monotonicity, and soundness over the whole domain, including in the calculators' results.
 */
import { describe, expect, it } from "vitest";
import {
  activationLevels,
  maxActiveFeatures,
  READOUT_THRESHOLD,
  sparsityNoise,
  typicalLevels,
  typicalMaxActiveFeatures,
  typicalNoise,
  worstNoise,
} from "../../src/math/formulas.ts";
import { DEFAULT_SCENARIO } from "../../src/numbers/scenario.ts";
import { levelsResults, sparsityResults } from "../../src/features/calculators/engine/results.ts";
import * as closedForms from "../../src/math/random-directions.ts";
import { countArb, fc, featuresAndActiveArb, scenarioArb } from "./arbitraries.ts";

const rel = (a: number, b: number) => Math.abs(a / b - 1);

describe("hand-computed values (n = 4096, m = 100 000, l = 10)", () => {
  const n = 4096;
  const m = 100_000;
  const l = 10;

  it("typical noise √(l/n) = √10 / 64 = 0.0494106", () => {
    expect(typicalNoise(n, l)).toBeCloseTo(Math.sqrt(10) / 64, 15);
    expect(typicalNoise(n, l)).toBeCloseTo(0.0494106, 7);
    // Exact where the square roots are: √16 / √1024 = 4/32.
    expect(typicalNoise(1024, 16)).toBe(0.125);
  });

  it("worst of m: √(2 ln 10⁵ · 10 / 4096) = 0.237098", () => {
    expect(worstNoise(n, m, l)).toBeCloseTo(Math.sqrt((2 * Math.log(m) * l) / n), 15);
    expect(worstNoise(n, m, l)).toBeCloseTo(0.237098, 6);
  });

  it("typical levels √(n/l) = 64 / √10 = 20.2386", () => {
    expect(typicalLevels(n, l)).toBeCloseTo(64 / Math.sqrt(10), 13);
    expect(typicalLevels(1024, 16)).toBe(8);
  });

  it("the typical limit n/4, with the threshold ½", () => {
    expect(typicalMaxActiveFeatures(4096)).toBe(1024);
    expect(typicalMaxActiveFeatures(1)).toBe(0.25);
    expect(typicalMaxActiveFeatures(4096) / maxActiveFeatures(n, m)).toBeCloseTo(2 * Math.log(m), 12);
  });
});

describe("the relations between the models", () => {
  const moderate = fc.record({ n: fc.integer({ min: 1, max: 1e9 }), ml: featuresAndActiveArb(12) });

  it("the post's noise is exactly twice the worst of m; the worst is √(2 ln m) times the typical", () => {
    fc.assert(
      fc.property(moderate, ({ n, ml: { m, l } }) => {
        expect(rel(sparsityNoise(n, m, l), 2 * worstNoise(n, m, l))).toBeLessThan(1e-14);
        expect(rel(worstNoise(n, m, l), Math.sqrt(2 * Math.log(m)) * typicalNoise(n, l))).toBeLessThan(1e-14);
        expect(rel(typicalLevels(n, l), Math.sqrt(8 * Math.log(m)) * activationLevels(n, m, l))).toBeLessThan(1e-13);
        expect(rel(typicalLevels(n, l) * typicalNoise(n, l), 1)).toBeLessThan(1e-15);
      }),
    );
  });

  it("every one of m readouts is right (worst < ½) exactly when l < n/(8 ln m), the post's limit", () => {
    fc.assert(
      fc.property(moderate, ({ n, ml: { m, l } }) => {
        const limit = maxActiveFeatures(n, m);
        fc.pre(rel(l, limit) > 1e-9); // at the boundary itself rounding decides
        expect(worstNoise(n, m, l) < READOUT_THRESHOLD).toBe(l < limit);
      }),
    );
    // Just below and just above the limit for n = 1024, m = 4096 (limit 15.39).
    expect(worstNoise(1024, 4096, 15)).toBeLessThan(0.5);
    expect(worstNoise(1024, 4096, 16)).toBeGreaterThan(0.5);
  });

  it("a typical readout is right on average (typical < ½) exactly when l < n/4", () => {
    fc.assert(
      fc.property(moderate, ({ n, ml: { l } }) => {
        fc.pre(l * 4 !== n);
        expect(typicalNoise(n, l) < READOUT_THRESHOLD).toBe(l < typicalMaxActiveFeatures(n));
      }),
    );
    expect(typicalNoise(4096, 1024)).toBe(0.5);
  });
});

describe("monotonicity", () => {
  const pair = fc
    .tuple(fc.integer({ min: 1, max: 1e7 }), fc.integer({ min: 1, max: 1e7 }))
    .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);

  it("noise grows with l and falls with n; the worst grows with m; levels fall with l", () => {
    fc.assert(
      fc.property(pair, fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 2, max: 1e7 }), ([a, b], x, m) => {
        fc.pre(a < b);
        expect(typicalNoise(x, a)).toBeLessThan(typicalNoise(x, b));
        expect(typicalNoise(a, x)).toBeGreaterThan(typicalNoise(b, x));
        expect(typicalLevels(x, a)).toBeGreaterThan(typicalLevels(x, b));
        if (b <= m) expect(worstNoise(x, m, a)).toBeLessThan(worstNoise(x, m, b));
        // More features: a larger worst of m (same l = 1).
        expect(worstNoise(x, a + 1, 1)).toBeLessThan(worstNoise(x, b + 1, 1));
      }),
    );
  });
});

describe("domain", () => {
  it("throws a RangeError naming the argument outside it", () => {
    expect(() => typicalNoise(0, 1)).toThrow(/n must be/);
    expect(() => typicalNoise(10, 1.5)).toThrow(/l must be/);
    expect(() => worstNoise(10, 1, 1)).toThrow(/m must be/);
    expect(() => worstNoise(10, 5, 6)).toThrow(/l must not exceed m/);
    expect(() => typicalLevels(Number.NaN, 1)).toThrow(/n must be/);
    expect(() => typicalMaxActiveFeatures(0)).toThrow(/n must be/);
  });

  it("is finite and positive everywhere in it, extremes included (no overflow of l/n or 2 ln m · l)", () => {
    fc.assert(
      fc.property(countArb(1), featuresAndActiveArb(), (n, { m, l }) => {
        for (const x of [typicalNoise(n, l), worstNoise(n, m, l), typicalLevels(n, l), typicalMaxActiveFeatures(n)]) {
          expect(Number.isFinite(x) && x > 0).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
    expect(worstNoise(1, Number.MAX_VALUE, Number.MAX_VALUE)).toBeCloseTo(
      Math.sqrt(2 * Math.log(Number.MAX_VALUE)) * Math.sqrt(Number.MAX_VALUE),
      -140,
    );
    expect(typicalNoise(Number.MAX_VALUE, 1)).toBeGreaterThan(0);
  });

  it("the simulation's closed forms are these very functions (one definition)", () => {
    expect(closedForms.typicalNoise).toBe(typicalNoise);
    expect(closedForms.worstNoise).toBe(worstNoise);
    expect(closedForms.typicalLevels).toBe(typicalLevels);
  });
});

describe("in the calculators' results", () => {
  it("the sparsity calculator shows the typical and worst-of-m noise beside the post's", () => {
    const r = sparsityResults(DEFAULT_SCENARIO).outputs;
    expect(r["typical-noise"]).toEqual({ value: typicalNoise(4096, 10), text: "0.0494" });
    expect(r["worst-noise"]).toEqual({ value: worstNoise(4096, 100_000, 10), text: "0.237" });
    expect(r.noise.value! / r["worst-noise"].value!).toBeCloseTo(2, 14);
  });

  it("the levels calculator shows the levels at the typical noise", () => {
    const r = levelsResults(DEFAULT_SCENARIO).outputs;
    expect(r["typical-levels"]).toEqual({ value: typicalLevels(4096, 10), text: "20.2" });
    // Independent of a, like the post's levels.
    expect(levelsResults({ ...DEFAULT_SCENARIO, a: 7 }).outputs["typical-levels"]).toEqual(r["typical-levels"]);
  });

  it("are plain, finite, well-formatted values for every valid scenario", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const sp = sparsityResults(s).outputs;
        const lv = levelsResults(s).outputs;
        for (const r of [sp["typical-noise"], sp["worst-noise"], lv["typical-levels"]]) {
          expect(Number.isFinite(r.value)).toBe(true);
          expect(r.value).toBeGreaterThan(0);
          expect(r.text).not.toMatch(/NaN|Infinity|undefined/);
        }
        expect(sp["typical-noise"].value!).toBeLessThanOrEqual(sp["worst-noise"].value! * (1 + 1e-15));
        expect(sp["worst-noise"].value!).toBeLessThan(sp.noise.value!);
      }),
      { numRuns: 500 },
    );
  });
});
