/**
 * The simulation's edges: input validation and size limits, closed forms, and how much work a
 * step does (so a worker can answer a cancel promptly). The runner and the worker's message
 * protocol are tested in jobs.test.ts.
 */
import { describe, expect, it } from "vitest";
import { epsilon } from "../../src/math/formulas.ts";
import {
  expectedMaxOverlap,
  meanAbsOverlap,
  probeSpread,
  rmsOverlap,
  typicalLevels,
  typicalNoise,
  worstNoise,
} from "../../src/math/random-directions.ts";
import { simulate, simulateSync } from "../../src/features/simulation/engine/engine.ts";
import type { DotKernel } from "../../src/compute/kernels/quad-layout.ts";
import { createKernel } from "../../src/compute/kernels/kernel.ts";
import { MAX_EMBEDDING_NUMBERS, MAX_PAIR_FEATURES, validateSimulation, type SimulationParams } from "../../src/features/simulation/engine/params.ts";

const ok = { n: 64, m: 128, l: 4, seed: 0, trials: 10 };

describe("validation", () => {
  it("accepts a job in range and defaults overlaps to true", () => {
    expect(validateSimulation(ok)).toEqual({ ok: true, params: { ...ok, overlaps: true } });
  });

  const invalid: [string, Record<string, unknown>, string][] = [
    ["n missing", { ...ok, n: undefined }, "n"],
    ["n not a number", { ...ok, n: "64" }, "n"],
    ["n NaN", { ...ok, n: Number.NaN }, "n"],
    ["n Infinity", { ...ok, n: Infinity }, "n"],
    ["n fractional", { ...ok, n: 6.5 }, "n"],
    ["n zero", { ...ok, n: 0 }, "n"],
    ["m one", { ...ok, m: 1 }, "m"],
    ["l zero", { ...ok, l: 0 }, "l"],
    ["l above m", { ...ok, l: 129 }, "l"],
    ["seed negative", { ...ok, seed: -1 }, "seed"],
    ["seed beyond 2^53", { ...ok, seed: 2 ** 53 }, "seed"],
    ["trials negative", { ...ok, trials: -1 }, "trials"],
    ["overlaps not boolean", { ...ok, overlaps: "yes" }, "overlaps"],
  ];
  for (const [what, input, field] of invalid) {
    it(`refuses ${what}, blaming ${field}, without throwing`, () => {
      const checked = validateSimulation(input);
      expect(checked.ok).toBe(false);
      if (!checked.ok) {
        expect(checked.error.field).toBe(field);
        expect(checked.error.message).toMatch(new RegExp(`^${field}|${field} `));
      }
    });
  }

  it("refuses oversized jobs with a message naming the limit", () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ ...ok, n: 2 ** 20 + 1 }, "n", /1,048,576/],
      [{ ...ok, m: 2 ** 20 + 1, l: 1 }, "m", /1,048,576/],
      [{ ...ok, n: 4096, m: 8192 }, "job", /16,777,216 \(2\^24\)/],
      [{ ...ok, n: 16, m: MAX_PAIR_FEATURES + 1 }, "m", /16,384 features/],
      [{ ...ok, n: 513, m: 16384 }, "job", /m\(m−1\)\/2 · n = .* above the limit of 68,719,476,736 \(2\^36\)/],
      [{ ...ok, n: 1024, m: 4096, trials: 20_000 }, "job", /trials · m · n = .* above the limit of 68,719,476,736 \(2\^36\)/],
      [{ ...ok, trials: 1_000_001 }, "trials", /1,000,000/],
    ];
    for (const [input, field, message] of cases) {
      const checked = validateSimulation(input);
      expect(checked.ok).toBe(false);
      if (!checked.ok) {
        expect(checked.error.code).toBe("too-large");
        expect(checked.error.field).toBe(field);
        expect(checked.error.message).toMatch(message);
      }
    }
  });

  it("allows many features when all pairs are not measured, and the largest all-pairs job", () => {
    expect(validateSimulation({ ...ok, n: 16, m: MAX_PAIR_FEATURES + 1, overlaps: false }).ok).toBe(true);
    expect(validateSimulation({ ...ok, n: 512, m: 16384, trials: 0 }).ok).toBe(true);
    expect(validateSimulation({ ...ok, n: 2 ** 20, m: MAX_EMBEDDING_NUMBERS / 2 ** 20, l: 1 }).ok).toBe(true);
  });

  it("simulateSync returns the error instead of throwing", () => {
    const outcome = simulateSync({ ...ok, m: 4097 * 4096 });
    expect(outcome.ok).toBe(false);
  });
});

describe("closed forms", () => {
  it("give the formulas' values", () => {
    expect(rmsOverlap(256)).toBe(1 / 16);
    expect(meanAbsOverlap(2)).toBeCloseTo(Math.sqrt(1 / Math.PI), 15);
    expect(expectedMaxOverlap(1024, 4096)).toBeCloseTo(Math.sqrt((4 * Math.log(4096)) / 1024), 15);
    expect(expectedMaxOverlap(1024, 4096) / epsilon(1024, 4096)).toBeCloseTo(Math.SQRT1_2, 15);
    expect(typicalNoise(1024, 16)).toBe(0.125);
    expect(worstNoise(1024, 4096, 16)).toBeCloseTo(Math.sqrt((2 * Math.log(4096) * 16) / 1024), 15);
    expect(typicalLevels(1024, 16)).toBe(8);
    expect(probeSpread(1024, 1)).toBe(0);
    expect(probeSpread(1025, 2)).toBeCloseTo(1 / Math.sqrt(1025), 15);
  });

  it("worst-of-m noise reaches ½ exactly at the post's bound l = n/(8 ln m)", () => {
    const n = 1024;
    const m = 4096;
    // worstNoise needs an integer l; check the continuous identity through the formula instead.
    const l = n / (8 * Math.log(m));
    expect(Math.sqrt((2 * Math.log(m) * l) / n)).toBeCloseTo(0.5, 15);
    expect(worstNoise(n, m, Math.floor(l))).toBeLessThan(0.5);
    expect(worstNoise(n, m, Math.ceil(l))).toBeGreaterThan(0.5);
  });

  it("throw a RangeError naming the argument outside the domain", () => {
    expect(() => rmsOverlap(0)).toThrow(/n must be/);
    expect(() => meanAbsOverlap(1.5)).toThrow(/n must be/);
    expect(() => expectedMaxOverlap(10, 1)).toThrow(/m must be/);
    expect(() => typicalNoise(10, 0)).toThrow(/l must be/);
    expect(() => worstNoise(10, 5, 6)).toThrow(/l must not exceed m/);
    expect(() => typicalLevels(Number.NaN, 1)).toThrow(/n must be/);
    expect(() => probeSpread(10, -1)).toThrow(/l must be/);
  });
});

describe("stepping", () => {
  it("yields often: no step of the largest all-pairs job does more than about a millisecond of work", () => {
    // m = 16 384, n = 512 is the largest all-pairs job with the most features. A step ends once
    // its estimated cost reaches 1 ms (10⁶ ns): in the JS kernel (0.4 ns per multiply-add) that is
    // fewer than 2.5·10⁶ multiply-adds, plus at most one more kernel call of at most TILE² · 1 024
    // = 2^22 before the check. Counted, not timed: the bound holds on any machine.
    const params: SimulationParams = { n: 512, m: 16384, l: 8, seed: 1, trials: 0, overlaps: true };
    const inner = createKernel("js");
    let macs = 0;
    const counted: DotKernel = Object.create(inner, {
      dots: {
        value: (i0: number, ni: number, other: "features" | "batch", j0: number, nj: number, c0: number, nc: number, acc: boolean) => {
          macs += ni * nj * 4 * nc;
          inner.dots(i0, ni, other, j0, nj, c0, nc, acc);
        },
      },
    });
    const steps = simulate(params, counted);
    let busiest = 0;
    let fraction = 0;
    for (let i = 0; i < 400; i++) {
      macs = 0;
      const step = steps.next();
      busiest = Math.max(busiest, macs);
      if (step.done) break;
      expect(step.value.fraction).toBeGreaterThanOrEqual(fraction);
      fraction = step.value.fraction;
    }
    steps.return(undefined as never);
    expect(busiest).toBeGreaterThan(0);
    expect(busiest).toBeLessThanOrEqual(1e6 / 0.4 + 2 ** 22);
    expect(fraction).toBeGreaterThan(0);
    expect(fraction).toBeLessThan(1);
  });
});
