/**
 * The simulation engine: reproducibility, the embedding, and its measurements against the closed
 * forms of "Random embeddings, measured" (the site's notes on the mathematics).
 *
 * Tolerances are 5 standard errors of each estimator, derived in the comments. The key fact for
 * the all-pairs statistics: for independent uniform unit vectors, the overlaps g_ij and g_ik of two
 * pairs that share a vector are independent (given v_i they are independent, and their law does
 * not depend on v_i, by rotation invariance), and pairs sharing no vector are independent too. So
 * the m(m−1)/2 overlaps are pairwise independent and the variance of their mean is exactly
 * Var(one overlap statistic) / (number of pairs), although they are not mutually independent.
 * Seeds are fixed, so each check either always passes or always fails; the tolerances say how far
 * a correct engine can be from the formula.
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
import { randomEmbedding } from "../../src/features/simulation/engine/embedding.ts";
import { createMeter } from "../../src/features/simulation/engine/meter.ts";
import { generateEmbedding, simulateSync } from "../../src/features/simulation/engine/engine.ts";
import { runToEnd } from "../../src/math/run-to-end.ts";
import type { SimulationResult } from "../../src/features/simulation/engine/stats.ts";
import { createKernel } from "../../src/compute/kernels/kernel.ts";

function run(
  input: { n: number; m: number; l: number; seed: number; trials: number; overlaps?: boolean },
  kernel: "auto" | "js" = "auto",
): SimulationResult {
  const outcome = simulateSync(input, kernel);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.result;
}

/** E|⟨u,v⟩| for independent uniform unit vectors in ℝⁿ: Γ(n/2) / (√π Γ((n+1)/2)), by the
 * recurrence R(n + 2) = R(n) · n/(n + 1) on R(n) = Γ(n/2)/Γ((n+1)/2), R(1) = √π, R(2) = 2/√π. */
function exactMeanAbsOverlap(n: number): number {
  let r = n % 2 === 1 ? Math.sqrt(Math.PI) : 2 / Math.sqrt(Math.PI);
  for (let k = n % 2 === 1 ? 1 : 2; k < n; k += 2) r *= k / (k + 1);
  return r / Math.sqrt(Math.PI);
}

describe("the embedding", () => {
  it("is made of unit vectors (to float32 rounding)", () => {
    const n = 37;
    const m = 50;
    const v = randomEmbedding(n, m, 3);
    for (let f = 0; f < m; f++) {
      let norm2 = 0;
      for (let k = 0; k < n; k++) norm2 += v[f * n + k]! ** 2;
      // Each stored component is x_k/|x| rounded to float32 (relative error ≤ u = 2^-24), so
      // |v|² = Σ x_k²(1 + δ_k)²/|x|² is within 2u + u² of 1; 3u covers it.
      expect(Math.abs(norm2 - 1)).toBeLessThanOrEqual(3 * 2 ** -24);
    }
  });

  it("is what the engine draws, in either kernel, for the same seed", () => {
    const n = 70_000; // more than one piece of 65 536 Gaussians per row
    const m = 3;
    const expected = randomEmbedding(n, m, 4);
    for (const name of ["wasm-relaxed", "wasm-simd", "js"] as const) {
      const kernel = createKernel(name);
      kernel.reset(m, n);
      runToEnd(generateEmbedding(kernel, 4, createMeter()));
      for (let f = 0; f < m; f++) expect(kernel.getRow(f)).toEqual(expected.subarray(f * n, (f + 1) * n));
    }
  });

  it("differs between seeds", () => {
    expect(randomEmbedding(8, 4, 1)).not.toEqual(randomEmbedding(8, 4, 2));
  });
});

describe("reproducibility", () => {
  const job = { n: 64, m: 100, l: 3, seed: 5, trials: 50 };

  it("the same seed gives identical results, with either kernel", () => {
    for (const kernel of ["auto", "js"] as const) expect(run(job, kernel)).toEqual(run(job, kernel));
  });

  it("a different seed gives different results", () => {
    const a = run(job);
    const b = run({ ...job, seed: 6 });
    expect(b.overlaps!.rms).not.toBe(a.overlaps!.rms);
    expect(b.readout!.inactiveRms).not.toBe(a.readout!.inactiveRms);
  });

  it("the two kernels agree to float32 rounding (same embedding, same trials)", () => {
    const wasm = run(job);
    const js = run(job, "js");
    expect(wasm.kernel).toBe("wasm-relaxed");
    expect(js.kernel).toBe("js");
    expect(wasm.overlaps!.rms).toBeCloseRel(js.overlaps!.rms, 1e-5);
    expect(wasm.overlaps!.maxAbs).toBeCloseRel(js.overlaps!.maxAbs, 1e-5);
    expect(wasm.readout!.inactiveRms!).toBeCloseRel(js.readout!.inactiveRms!, 1e-5);
    expect(wasm.readout!.worstMean).toBeCloseRel(js.readout!.worstMean, 1e-5);
    expect(wasm.readout!.allCorrect).toBe(js.readout!.allCorrect);
  });

  it("skipping all pairs does not change the readout trials (separate random streams)", () => {
    expect(run({ ...job, overlaps: false }).readout).toEqual(run(job).readout);
  });
});

describe("measurements against the closed forms (n = 256, m = 512, l = 8, 400 trials)", () => {
  const n = 256;
  const m = 512;
  const l = 8;
  const T = 400;
  const P = (m * (m - 1)) / 2; // 130 816 pairs
  const result = run({ n, m, l, seed: 1, trials: T });
  const o = result.overlaps!;
  const r = result.readout!;

  it("counts every pair once", () => {
    expect(o.pairs).toBe(P);
    expect(o.maxPair[0]).toBeLessThan(o.maxPair[1]);
  });

  it("RMS overlap is 1/√n", () => {
    // g² ~ Beta(1/2, (n−1)/2): mean 1/n, variance 2(n−1)/(n²(n+2)). Pairwise independence gives
    // Var(mean g²) = that / P, so mean g² has relative SE √(2(n−1)/((n+2)P)) = 0.39%, and its
    // square root (the RMS) half that: 0.20%; 5 SE = 0.98%.
    const se = 0.5 * Math.sqrt((2 * (n - 1)) / ((n + 2) * P));
    expect(Math.abs(o.rms / rmsOverlap(n) - 1)).toBeLessThan(5 * se);
  });

  it("mean |overlap| is √(2/(πn)) (exactly Γ(n/2)/(√π Γ((n+1)/2)))", () => {
    // Var|g| = E g² − (E|g|)² = 1/n − (E|g|)²; pairwise independence again: SE = √(Var|g| / P),
    // 0.21% of the mean; 5 SE = 1.05%.
    const mean = exactMeanAbsOverlap(n);
    const se = Math.sqrt((1 / n - mean * mean) / P);
    expect(Math.abs(o.meanAbs - mean)).toBeLessThan(5 * se);
    // The closed form is the large-n limit: smaller by about 1/(4n) = 0.1% here.
    expect(mean / meanAbsOverlap(n) - 1).toBeCloseTo(1 / (4 * n), 4);
  });

  it("max |overlap| is ≈ 0.86–0.92 × √(4 ln m / n), well under the post's ε", () => {
    // The max of P ≈ normal overlaps of sd σ = 1/√n fluctuates (Gumbel) with sd ≈ σ·(π/√6)/√(2 ln P)
    // = 0.26σ, i.e. 5.3% of √(4 ln m / n); 5 sd around 0.89 gives 0.62 … 1.16.
    const ratio = o.maxAbs / expectedMaxOverlap(n, m);
    expect(ratio).toBeGreaterThan(0.62);
    expect(ratio).toBeLessThan(1.16);
    expect(o.maxAbs).toBeLessThan(epsilon(n, m));
  });

  it("RMS readout noise on inactive features is √(l/n)", () => {
    // Per trial, given the input x, the m − l inactive readouts ⟨v_f, x⟩ are independent with
    // mean square |x|²/n (relative variance 2 each), and |x|² = l + 2 Σ g_ij over the active pairs
    // has relative variance 2(l−1)/(ln). Trials are independent given the embedding; the embedding
    // itself moves the mean of r² by its mean g² over pairs (relative variance 2/P). So
    // SE(mean r²)/(l/n) = √((2(l−1)/(ln) + 2/(m−l))/T + 2/P) = 0.65%, half that for the RMS.
    const se = 0.5 * Math.sqrt(((2 * (l - 1)) / (l * n) + 2 / (m - l)) / T + 2 / P);
    expect(Math.abs(r.inactiveRms! / typicalNoise(n, l) - 1)).toBeLessThan(5 * se);
  });

  it("the spread of an active feature's readout is √((l − 1)/n)", () => {
    // d_f = readout − 1 = Σ of the l − 1 overlaps with the other active features: Var(d_f²) ≈
    // 2((l−1)/n)² (near-normal), and two active features f, i of one trial share g_fi, so
    // Cov(d_f², d_i²) ≈ 2/n². The mean of d² over a trial's l features then has relative variance
    // 2/(l−1); over T trials, plus the embedding term 2/P: relative SE √(2/((l−1)T) + 2/P) = 2.7%,
    // half that for the RMS; 5 SE = 6.8%.
    const se = 0.5 * Math.sqrt(2 / ((l - 1) * T) + 2 / P);
    expect(Math.abs(r.activeRms / probeSpread(n, l) - 1)).toBeLessThan(5 * se);
    // So an active feature's levels, 1/activeRms, come out at the typical √(n/(l − 1)).
    expect(Math.abs(1 / r.activeRms / typicalLevels(n, l - 1) - 1)).toBeLessThan(5 * se);
  });

  it("the worst noise over all m features is ≈ 0.88–0.94 × √(2 ln m · l/n)", () => {
    // One trial's worst is the max of m ≈ normal noises: its sd is ≈ (π/√6)/(2 ln m) = 10% of the
    // formula for m = 512; the mean over T = 400 trials has SE ≈ 0.5%. The finite-m ratio band
    // 0.88–0.94 (measured with numpy) widened by 5 SE: 0.855 … 0.965.
    const ratio = r.worstMean / worstNoise(n, m, l);
    expect(ratio).toBeGreaterThan(0.855);
    expect(ratio).toBeLessThan(0.965);
    expect(r.worstMax).toBeGreaterThanOrEqual(r.worstMean);
  });

  it("reports consistent counts", () => {
    expect(r.trials).toBe(T);
    expect(r.allCorrectFraction).toBe(r.allCorrect / T);
  });
});

describe("reading every feature right (threshold ½) switches off near l = n/(8 ln m)", () => {
  // Per-trial failure odds: with l active, each inactive readout is ≈ normal with sd √(l/n).
  // n = 256, l = 2: sd 0.088, P(|noise| > ½) ≈ 1.5·10⁻⁸ per feature, ≈ 6·10⁻⁵ per trial of 4 096
  // features, so 100 trials almost surely all pass (≥ 97 allowed). l = 8: sd 0.177,
  // P ≈ 0.0047 per feature, ≈ 19 wrong features per trial: all-correct has odds ≈ e⁻¹⁹ (≤ 3 allowed).
  // n = 1 024: l = 8 has sd 0.088 and l = 32 sd 0.177, the same two cases.
  const cases = [
    { n: 256, m: 4096, l: 2, high: true },
    { n: 256, m: 4096, l: 8, high: false },
    { n: 1024, m: 4096, l: 8, high: true },
    { n: 1024, m: 4096, l: 32, high: false },
  ];
  for (const { n, m, l, high } of cases) {
    it(`n = ${n}, m = ${m}, l = ${l}: ${high ? "~100%" : "~0%"} of trials (bound n/(8 ln m) = ${(n / (8 * Math.log(m))).toFixed(1)})`, () => {
      const fraction = run({ n, m, l, seed: 1, trials: 100, overlaps: false }).readout!.allCorrectFraction;
      if (high) expect(fraction).toBeGreaterThanOrEqual(0.97);
      else expect(fraction).toBeLessThanOrEqual(0.03);
    });
  }
});

describe("edge cases", () => {
  it("l = m has no inactive feature: inactiveRms is undefined, nothing is NaN", () => {
    const r = run({ n: 16, m: 5, l: 5, seed: 1, trials: 10 }).readout!;
    expect(r.inactiveRms).toBeUndefined();
    for (const v of [r.activeRms, r.worstMean, r.worstMax, r.allCorrectFraction]) expect(Number.isFinite(v)).toBe(true);
  });

  it("l = 1 has no interference: an active readout is off by float32 rounding only", () => {
    const r = run({ n: 16, m: 5, l: 1, seed: 1, trials: 10 }).readout!;
    expect(r.activeRms).toBeLessThan(1e-6); // float32 rounding of |v|² only
  });

  it("n = 1: unit vectors are ±1, every overlap is ±1", () => {
    const o = run({ n: 1, m: 6, l: 1, seed: 2, trials: 0 }).overlaps!;
    expect(o.rms).toBe(1);
    expect(o.maxAbs).toBe(1);
  });

  it("trials = 0 and overlaps = false skip their measurements", () => {
    const a = run({ n: 8, m: 9, l: 2, seed: 1, trials: 0 });
    expect(a.readout).toBeUndefined();
    expect(a.overlaps).toBeDefined();
    expect(run({ n: 8, m: 9, l: 2, seed: 1, trials: 3, overlaps: false }).overlaps).toBeUndefined();
  });

  it("odd trial counts and feature counts off the tile grid give the same statistics as the JS kernel", () => {
    const job = { n: 30, m: 67, l: 4, seed: 9, trials: 67 };
    const wasm = run(job);
    const js = run(job, "js");
    expect(wasm.readout!.allCorrect).toBe(js.readout!.allCorrect);
    expect(Math.abs(wasm.readout!.worstMax - js.readout!.worstMax)).toBeLessThan(1e-5);
    expect(wasm.overlaps!.pairs).toBe((67 * 66) / 2);
  });
});
