/**
 * The TopK reading's predicted misreads (src/math/topk-misreads.ts) against simulations of random
 * directions: grids measured with numpy (scripts/checks/thresholds_topk.py and topk_grid.py, an
 * independent simulation), and the site's own engine at the shapes of GPT-2 small's and Gemma
 * Scope 2B's SAEs. These hold the measured errors the prediction states (TOPK_VERIFIED_ERROR,
 * TOPK_ABOUT_ERROR) and the rule the calculators show it by (rate-accuracy.ts, topkAccuracy).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { LogQuantity } from "../../src/math/big-number.ts";
import { simulateLargeReadoutSync } from "../../src/features/simulation/engine/large-readout.ts";
import { topkAccuracy, TOPK_VERIFIED_FROM_N } from "../../src/math/rate-accuracy.ts";
import { TOPK_ABOUT_ERROR, TOPK_VERIFIED_ERROR, topkMisreads } from "../../src/math/topk-misreads.ts";

const predicted = (n: number, m: number, l: number): number => {
  const q = topkMisreads(n, m, l);
  return q === 0 ? 0 : (q as LogQuantity).value!;
};

/**
 * [n, m, l, measured TopK misreads per input, its standard error] from numpy: float32 random
 * directions, every readout computed and each input's l largest taken as on. The twelve of
 * scripts/checks/thresholds_topk.py (2–16 embeddings of 256–4 000 inputs), then the 136 of
 * scripts/checks/topk_grid.py (tests/unit/topk-measured.json: a few neurons, dense inputs, about one
 * misread, the tail; its standard error also counts the spread between embeddings).
 */
const MEASURED: readonly (readonly [number, number, number, number, number])[] = [
  [768, 32768, 32, 6.742, 0.11],
  [2304, 16384, 82, 6.193, 0.12],
  [128, 1024, 8, 2.019, 0.0081],
  [64, 512, 4, 0.6488, 0.0055],
  [256, 4096, 16, 5.845, 0.025],
  [1024, 4096, 32, 0.997, 0.019],
  [512, 8192, 16, 0.662, 0.023],
  [256, 2048, 16, 4.662, 0.023],
  [1024, 16384, 64, 25.16, 0.15],
  [32, 256, 8, 8.415, 0.012],
  [16, 64, 4, 3.252, 0.0061],
  [16, 512, 2, 1.332, 0.0095],
  ...(JSON.parse(readFileSync(new URL("./topk-measured.json", import.meta.url), "utf8")) as [number, number, number, number, number][]),
];

/** The measured shapes with l ≥ 3 (l = 2 is exact), with the prediction and its error. */
const compared = MEASURED.filter(([, , l]) => l >= 3).map(([n, m, l, mean, se]) => {
  const p = predicted(n, m, l);
  return { n, m, l, mean, se, p, error: p / mean - 1 };
});

describe("against independent numpy simulations", () => {
  it("measured over the corners of the domain: a few neurons, dense inputs, about one misread, the tail", () => {
    expect(MEASURED.length).toBe(148);
    expect(Math.min(...MEASURED.map(([n]) => n))).toBe(2);
    expect(Math.max(...MEASURED.map(([, m, l]) => l / m))).toBeGreaterThan(0.85);
  });

  it("from 2 misreads per input up: within 6 % at n ≥ 16, within 21 % below (the stated errors, as measured)", () => {
    const wide = compared.filter((c) => c.p >= 2 && c.n >= TOPK_VERIFIED_FROM_N);
    const few = compared.filter((c) => c.p >= 2 && c.n < TOPK_VERIFIED_FROM_N);
    expect(wide.length).toBe(41);
    expect(few.length).toBe(65);
    const worst = (cs: typeof compared) => Math.max(...cs.map((c) => Math.abs(c.error)));
    // Each stated error is the largest measured, not a loose bound (within a point of it).
    expect(worst(wide)).toBeLessThanOrEqual(TOPK_VERIFIED_ERROR);
    expect(worst(wide)).toBeGreaterThan(TOPK_VERIFIED_ERROR - 0.01);
    expect(worst(few)).toBeLessThanOrEqual(TOPK_ABOUT_ERROR);
    expect(worst(few)).toBeGreaterThan(TOPK_ABOUT_ERROR - 0.01);
  });

  it("from 1 to 2 within 15 %; below 1 never above the prediction by more than two standard errors", () => {
    const aboutOne = compared.filter((c) => c.p >= 1 && c.p < 2);
    expect(aboutOne.length).toBe(18);
    expect(Math.max(...aboutOne.map((c) => Math.abs(c.error)))).toBeLessThan(0.15);
    const below = compared.filter((c) => c.p < 1);
    expect(below.length).toBe(23);
    for (const c of below) expect(c.mean, `${c.n} ${c.m} ${c.l}`).toBeLessThanOrEqual(c.p + 2 * c.se);
    // And it does overstate there: by up to 45 % near 1, and tenfold in the tail.
    expect(Math.max(...below.filter((c) => c.mean > 0).map((c) => c.error))).toBeGreaterThan(5);
  });

  it("is shown by the rule those errors set: every measured shape within what its text claims", () => {
    for (const c of compared) {
      const accuracy = topkAccuracy(c.n, c.l, Math.log10(c.p));
      const slack = (3 * c.se) / c.mean;
      if (accuracy.kind === "verified") expect(Math.abs(c.error)).toBeLessThan(0.1 + slack);
      else if (accuracy.kind === "about") expect(Math.abs(c.error)).toBeLessThan(0.25 + slack);
      else if (accuracy.kind === "below") expect(c.mean).toBeLessThanOrEqual(10 ** accuracy.highLog10 + 2 * c.se);
      else throw new Error(`${c.n} ${c.m} ${c.l}: ${accuracy.kind}`);
    }
  });

  it("is exact for l = 2, and shown with figures only where verified", () => {
    // l = 2: the two active readouts are equal, and the count above them is binomial given their
    // overlap: 1.321 against 1.332 ± 0.0095 measured.
    expect(predicted(16, 512, 2)).toBeCloseRel(1.332, 3 * (0.0095 / 1.332));
    expect(topkAccuracy(16, 2, Math.log10(1.3)).kind).toBe("exact");
    expect(topkAccuracy(768, 32, Math.log10(6.8)).kind).toBe("verified");
    expect(topkAccuracy(8, 32, Math.log10(6.8)).kind).toBe("about");
    expect(topkAccuracy(512, 16, Math.log10(1.3)).kind).toBe("about");
    expect(topkAccuracy(512, 16, Math.log10(0.83))).toEqual({ kind: "below", highLog10: Math.log10(0.83) });
  });
});

describe("against the site's engine at real SAE shapes", () => {
  // The readout-only run (large-readout.ts), every readout of every input, TopK measured as twice
  // the inactive features among each input's l largest. Its standard error covers the inputs of
  // one embedding; 4 of them, plus the 6 % the numpy grid measured.
  for (const [n, m, l, trials] of [
    [768, 32768, 32, 96],
    [2304, 16384, 82, 48],
  ]) {
    it(`${n}, ${m}, ${l}`, () => {
      const run = simulateLargeReadoutSync({ n, m, l, seed: 3, trials });
      if (!run.ok) throw new Error(run.error.message);
      const { topkMisreadsMean: mean, topkMisreadsSe: se } = run.result;
      expect(mean).toBeGreaterThan(2);
      expect(Math.abs(predicted(n!, m!, l!) - mean)).toBeLessThan(0.06 * mean + 4 * se!);
    });
  }
});

describe("the ends of the domain", () => {
  it("l = 1 and l = m read perfectly, n = 1 ties", () => {
    expect(topkMisreads(64, 1000, 1)).toBe(0);
    expect(topkMisreads(64, 12, 12)).toBe(0);
    expect(() => topkMisreads(1, 10, 3)).toThrow(/n must be at least 2/);
    expect(() => topkMisreads(64, 10, 11)).toThrow(/l must not exceed m/);
    expect(() => topkMisreads(64, 1.5, 1)).toThrow(/m must be/);
  });

  it("never more than all l pushed out, and a value at extreme shapes", () => {
    // 100 neurons, 10¹⁰ features, 50 active: all but a few in 10⁵ of the active features are outranked.
    expect(predicted(100, 1e10, 50)).toBeCloseRel(100, 1e-4);
    const deep = topkMisreads(65536, 1e7, 4);
    expect(deep).not.toBe(0);
    expect(Number.isFinite((deep as LogQuantity).log10)).toBe(true);
    expect((deep as LogQuantity).log10).toBeLessThan(-100);
  });

  it("l = 2 far in the tail, where one inactive readout's chance is below a double (it once threw)", () => {
    // n = 12 288, m = 10⁹: an inactive readout passes the active pair's √((1 + t)/2) with chance
    // about 10⁻¹³⁰⁰, so E min(N, 2) = (m − 2) q to double precision.
    for (const [n, m] of [
      [12288, 1e9],
      [65536, 1e12],
    ] as const) {
      const far = topkMisreads(n, m, 2) as LogQuantity;
      expect(Number.isFinite(far.log10)).toBe(true);
      expect(far.log10).toBeLessThan(-1000);
    }
    // Continuous across the switch to the first-order term: n just below and above where it takes over.
    const near = [2400, 2450, 2500].map((n) => (topkMisreads(n, 1e5, 2) as LogQuantity).log10);
    expect(near[0]! > near[1]! && near[1]! > near[2]!).toBe(true);
  });
});
