/**
 * The optimal theory's boundary p_opt(r) drawn over the one-neuron phase diagram: where the phase
 * of lowest expected loss turns from superposition to a single feature, checked against the
 * theory's own phases on either side (and on a grid along p, for the one crossing the bisection
 * assumes), its symmetry r → 1/r, the canonical boundary below it, and the points the page draws.
 */
import { describe, expect, it } from "vitest";
import {
  BOUNDARY_IMPORTANCE_RANGE,
  canonicalBoundaryDensity,
  optimalBoundaryDensity,
  optimalPhases,
} from "../../src/features/toy-model/engine/phase-theory.ts";
import { IMPORTANCE_RANGE } from "../../src/features/toy-model/engine/phase-diagram.ts";
import { BOUNDARY_IMPORTANCES } from "../../src/features/toy-model/engine/phase-scenario.ts";

describe("the optimal boundary", () => {
  const importances = [0.1, 0.3, 0.7, 1, 1.5, 4, 10];

  it("separates superposition (just below) from the more important feature alone (just above)", { timeout: 60_000 }, () => {
    for (const r of importances) {
      const p = optimalBoundaryDensity(r);
      expect(optimalPhases(p * 0.99, r).phase, `r = ${r}`).toBe("superposition");
      // At r = 1 the two single-feature phases tie: either may come out.
      expect(optimalPhases(Math.min(1, p * 1.01), r).phase, `r = ${r}`).toMatch(r < 1 ? /^feature-1$/ : r > 1 ? /^feature-2$/ : /^feature-[12]$/);
    }
  });

  it(
    "is crossed once along p: superposition everywhere below it, a single feature everywhere above (30 densities per r)",
    { timeout: 60_000 },
    () => {
      for (const r of [0.1, 0.5, 1, 2, 10]) {
        const boundary = optimalBoundaryDensity(r);
        for (let i = 0; i <= 30; i++) {
          const p = 0.01 * 100 ** (i / 30);
          // Within 2 % of the boundary the margin is too small for the phase to be asked of it.
          if (Math.abs(Math.log(p / boundary)) < 0.02) continue;
          expect(optimalPhases(p, r).phase === "superposition", `r = ${r}, p = ${p}`).toBe(p < boundary);
        }
      }
    },
  );

  it("is symmetric under r → 1/r (swapping the features) and lies above the canonical boundary", { timeout: 60_000 }, () => {
    for (const r of [0.1, 0.25, 0.6, 0.9]) {
      const boundary = optimalBoundaryDensity(r);
      expect(optimalBoundaryDensity(1 / r)).toBeCloseRel(boundary, 3e-4);
      expect(boundary).toBeGreaterThan(canonicalBoundaryDensity(r));
    }
    // The values the page quotes: 0.71 at r = 1 against 4/7, 0.18 at r = 0.1 against 0.16.
    expect(optimalBoundaryDensity(1)).toBeCloseTo(0.713, 3);
    expect(canonicalBoundaryDensity(1)).toBeCloseTo(4 / 7, 12);
    expect(optimalBoundaryDensity(0.1)).toBeCloseTo(0.181, 3);
  });

  it("keeps the bisection's tolerance: a finer one moves it by less than the coarser one allows", { timeout: 60_000 }, () => {
    const coarse = optimalBoundaryDensity(0.5, 1e-2);
    const fine = optimalBoundaryDensity(0.5, 1e-6);
    expect(Math.abs(Math.log(coarse / fine))).toBeLessThan(1e-2);
  });

  it("is defined at both ends of its domain and refuses anything outside it, naming the argument", { timeout: 60_000 }, () => {
    for (const r of BOUNDARY_IMPORTANCE_RANGE) expect(optimalBoundaryDensity(r)).toBeGreaterThan(1e-4);
    expect(() => optimalBoundaryDensity(0.005)).toThrow(/importance/);
    expect(() => optimalBoundaryDensity(200)).toThrow(/importance/);
    expect(() => optimalBoundaryDensity(Number.NaN)).toThrow(/importance/);
    expect(() => optimalBoundaryDensity(1, 0)).toThrow(/tolerance/);
    expect(() => optimalBoundaryDensity(1, 0.5)).toThrow(/tolerance/);
  });
});

describe("the points the page draws", () => {
  it("span the diagram's importance axis in increasing order, with r = 1 exactly and points close to it", () => {
    expect(BOUNDARY_IMPORTANCES[0]).toBeCloseRel(IMPORTANCE_RANGE[0], 1e-12);
    expect(BOUNDARY_IMPORTANCES.at(-1)).toBeCloseRel(IMPORTANCE_RANGE[1], 1e-12);
    expect(BOUNDARY_IMPORTANCES).toContain(1);
    for (let i = 1; i < BOUNDARY_IMPORTANCES.length; i++) expect(BOUNDARY_IMPORTANCES[i]!).toBeGreaterThan(BOUNDARY_IMPORTANCES[i - 1]!);
    expect(BOUNDARY_IMPORTANCES.filter((r) => Math.abs(Math.log(r)) < 0.05)).toHaveLength(5);
  });
});
