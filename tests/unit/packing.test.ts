import { describe, expect, it } from "vitest";
import { coherenceFloor, levensteinBound, welchBound } from "../../src/math/packing.ts";
import { randomEmbedding } from "../../src/features/simulation/engine/embedding.ts";
import { countArb, fc } from "./arbitraries.ts";

/** Largest and RMS |⟨vᵢ,vⱼ⟩| over the pairs i < j of m unit rows of length n, in float64. */
function overlapsOf(rows: ArrayLike<number>, n: number, m: number): { max: number; rms: number } {
  let max = 0;
  let sum = 0;
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      let g = 0;
      for (let k = 0; k < n; k++) g += rows[i * n + k]! * rows[j * n + k]!;
      max = Math.max(max, Math.abs(g));
      sum += g * g;
    }
  }
  return { max, rms: Math.sqrt(sum / ((m * (m - 1)) / 2)) };
}

/** The m = n + 1 vertices of a regular simplex centred at 0, as unit vectors in ℝⁿ (an ETF). */
function simplex(n: number): Float64Array {
  // The standard basis of ℝⁿ⁺¹ minus its centroid lies in the hyperplane Σx = 0 (an n-space);
  // express it in an orthonormal basis of that hyperplane by Gram–Schmidt.
  const m = n + 1;
  const points = Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, k) => (k === i ? 1 : 0) - 1 / m));
  const basis: number[][] = [];
  for (const p of points) {
    const v = [...p];
    for (const b of basis) {
      const d = v.reduce((s, x, k) => s + x * b[k]!, 0);
      for (let k = 0; k < m; k++) v[k]! -= d * b[k]!;
    }
    const norm = Math.hypot(...v);
    if (norm > 1e-9 && basis.length < n) basis.push(v.map((x) => x / norm));
  }
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const p = points[i]!;
    const coords = basis.map((b) => p.reduce((s, x, k) => s + x * b[k]!, 0));
    const norm = Math.hypot(...coords);
    coords.forEach((c, k) => (out[i * n + k] = c / norm));
  }
  return out;
}

describe("Welch's and Levenstein's floors", () => {
  it("are reached by the arrangements known to be optimal", () => {
    // A regular simplex: m = n + 1 vectors with every overlap −1/n, an equiangular tight frame.
    for (const n of [2, 3, 5, 8]) {
      const { max, rms } = overlapsOf(simplex(n), n, n + 1);
      expect(welchBound(n, n + 1)).toBeCloseTo(1 / n, 12);
      expect(max).toBeCloseTo(welchBound(n, n + 1), 9);
      expect(rms).toBeCloseTo(welchBound(n, n + 1), 9);
    }
    // Three lines at 60° in the plane (the Mercedes frame): overlaps ½.
    expect(welchBound(2, 3)).toBeCloseTo(0.5, 12);
    // Six diagonals of the icosahedron in ℝ³: overlaps 1/√5.
    expect(welchBound(3, 6)).toBeCloseTo(1 / Math.sqrt(5), 12);
    // Four lines at 45° in the plane: m = 4 > n(n+1)/2 = 3, Levenstein gives cos 45° = √½.
    expect(levensteinBound(2, 4)).toBeCloseTo(Math.SQRT1_2, 12);
    expect(coherenceFloor(2, 4)).toBeCloseTo(Math.SQRT1_2, 12);
  });

  it("are zero, or absent, where they say nothing", () => {
    expect(welchBound(8, 8)).toBe(0);
    expect(welchBound(8, 3)).toBe(0);
    expect(levensteinBound(8, 36)).toBeUndefined(); // n(n+1)/2 = 36
    expect(levensteinBound(8, 37)).toBeDefined();
    expect(coherenceFloor(8, 36)).toBe(welchBound(8, 36));
  });

  it("tend to 1/√n (Welch) and √(3/(n+2)) (Levenstein) as m grows", () => {
    expect(welchBound(100, 1e15) * Math.sqrt(100)).toBeCloseTo(1, 10);
    expect(levensteinBound(100, 1e15)!).toBeCloseTo(Math.sqrt(3 / 102), 8);
    expect(welchBound(100, Number.MAX_VALUE)).toBeCloseTo(0.1, 12);
    expect(levensteinBound(100, Number.MAX_VALUE)!).toBeCloseTo(Math.sqrt(3 / 102), 12);
  });

  it("lie below what random directions achieve, in RMS and in the worst pair", () => {
    for (const [n, m] of [
      [16, 64],
      [32, 200],
      [64, 400],
    ] as const) {
      const { max, rms } = overlapsOf(randomEmbedding(n, m, 3), n, m);
      expect(rms).toBeGreaterThanOrEqual(welchBound(n, m));
      expect(max).toBeGreaterThanOrEqual(coherenceFloor(n, m));
    }
  });

  it("stay within [0, 1], increase with m and decrease with n", () => {
    fc.assert(
      fc.property(countArb(1, 6), countArb(2, 300), (n, m) => {
        const w = welchBound(n, m);
        const floor = coherenceFloor(n, m);
        expect(w).toBeGreaterThanOrEqual(0);
        expect(floor).toBeLessThanOrEqual(1 + 1e-12);
        expect(floor).toBeGreaterThanOrEqual(w);
        if (m < Number.MAX_VALUE / 2) expect(welchBound(n, m * 2)).toBeGreaterThanOrEqual(w - 1e-15);
        if (n > 1) expect(welchBound(n - 1, m)).toBeGreaterThanOrEqual(w - 1e-15);
      }),
    );
  });

  it("refuse arguments outside their domain", () => {
    expect(() => welchBound(0, 5)).toThrow(RangeError);
    expect(() => welchBound(4, 1.5)).toThrow(/m must be an integer/);
    expect(() => levensteinBound(Number.NaN, 5)).toThrow(RangeError);
  });
});
