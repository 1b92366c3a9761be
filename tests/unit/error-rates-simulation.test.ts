/**
 * The error rates against the simulation engine: real random embeddings (src/features/simulation/engine/),
 * every feature read against ½ in every trial, the trials in which all m read right counted.
 *
 * Tolerances, derived. A point runs S embeddings (seeds fixed, so each check always passes or
 * always fails) with T readout trials each, N = S·T trials in all, and compares the fraction K/N
 * of all-right trials with allRight(n, m, l) = p. Within one embedding the trials are independent
 * given the embedding (each draws its own active set), with probability p_E that varies from
 * embedding to embedding around p. So
 *   Var(K/N) = [S·T·p(1 − p) + S·T(T − 1)·Var(p_E)] / N² = p(1 − p)/N · (1 + (T − 1)ρ),
 * ρ = Var(p_E)/(p(1 − p)): the binomial variance times a design effect. ρ was measured with numpy
 * (30 embeddings × 2 000 trials per point, Var(p_E) = variance of the 30 fractions less the
 * binomial part): 0.0000, 0.0021, 0.0064, 0.0001, 0.0000, 0.0000 and 0.041 for the points below
 * in order. Each check takes twice that (at least 0.002; 30 embeddings leave the estimate
 * uncertain by about a quarter) and allows 4.5 standard errors: a correct model fails it with
 * probability below 10⁻⁵ per point. The model's own error at these shapes, measured against
 * an exact Monte Carlo (scripts/checks/error_rates.py), is under 0.002: below a tenth of each
 * tolerance.
 *
 * Expected misreads: the engine does not count them, so 10 embeddings of the same engine
 * (randomEmbedding) are read here by hand, 40 trials each, and the mean count per trial is
 * compared with expectedMisreads within 4.5 standard errors. The trials of one embedding share
 * it, so the standard error is taken from the 10 per-embedding means (their standard deviation
 * over √10), which counts both the trial-to-trial and the embedding-to-embedding variation; with
 * 10 of them it is itself uncertain by about a quarter, which 4.5 of them absorb.
 */
import { describe, expect, it } from "vitest";
import { allRight, expectedMisreads } from "../../src/math/error-rates.ts";
import { createRandom, sampleInPlace } from "../../src/math/random.ts";
import { randomEmbedding } from "../../src/features/simulation/engine/embedding.ts";
import { simulateSync } from "../../src/features/simulation/engine/engine.ts";

interface Point {
  readonly n: number;
  readonly m: number;
  readonly l: number;
  readonly embeddings: number;
  readonly trials: number;
  readonly rho: number;
}

/** Trials in which every feature read right, over `embeddings` seeds from `firstSeed`. */
function countAllRight({ n, m, l, embeddings, trials }: Point, firstSeed: number): number {
  let count = 0;
  for (let seed = firstSeed; seed < firstSeed + embeddings; seed++) {
    const run = simulateSync({ n, m, l, seed, trials, overlaps: false });
    if (!run.ok) throw new Error(run.error.message);
    count += run.result.readout!.allCorrect;
  }
  return count;
}

describe("all right, against the simulation engine", () => {
  // All right between 0.07 and 0.9, n from 16 to 256; l = 2 is the exact case, l ≥ 3 the model
  // with the active readouts tied to |x|.
  const points: Point[] = [
    { n: 64, m: 2048, l: 2, embeddings: 20, trials: 100, rho: 0.002 },
    { n: 64, m: 128, l: 3, embeddings: 50, trials: 40, rho: 0.0042 },
    { n: 64, m: 64, l: 4, embeddings: 100, trials: 20, rho: 0.0128 },
    { n: 128, m: 1024, l: 4, embeddings: 20, trials: 100, rho: 0.002 },
    { n: 256, m: 1024, l: 6, embeddings: 20, trials: 100, rho: 0.002 },
    { n: 256, m: 4096, l: 4, embeddings: 10, trials: 200, rho: 0.002 },
    { n: 16, m: 16, l: 3, embeddings: 400, trials: 5, rho: 0.082 },
  ];
  points.forEach((point, index) => {
    const { n, m, l, embeddings, trials, rho } = point;
    it(`n = ${n}, m = ${m}, l = ${l}`, () => {
      const p = allRight(n, m, l).value!;
      const N = embeddings * trials;
      const standardError = Math.sqrt(((p * (1 - p)) / N) * (1 + (trials - 1) * rho));
      const measured = countAllRight(point, 1000 * (index + 1)) / N;
      expect(Math.abs(measured - p)).toBeLessThanOrEqual(4.5 * standardError);
    });
  });
});

describe("expected misreads, against embeddings read by hand", () => {
  /** Mean and standard error of the misreads per trial: l active of m, each read against ½. */
  function misreadsPerTrial(n: number, m: number, l: number, embeddings: number, trials: number): { mean: number; se: number } {
    const means: number[] = [];
    const pool = new Int32Array(m);
    const x = new Float64Array(n);
    const active = new Uint8Array(m);
    for (let e = 0; e < embeddings; e++) {
      const v = randomEmbedding(n, m, 500 + e);
      const random = createRandom(900 + e, 7);
      let total = 0;
      for (let t = 0; t < trials; t++) {
        for (let f = 0; f < m; f++) pool[f] = f;
        sampleInPlace(random, pool, l);
        x.fill(0);
        active.fill(0);
        for (let i = 0; i < l; i++) {
          const f = pool[i]!;
          active[f] = 1;
          for (let k = 0; k < n; k++) x[k]! += v[f * n + k]!;
        }
        let wrong = 0;
        for (let f = 0; f < m; f++) {
          let r = 0;
          for (let k = 0; k < n; k++) r += v[f * n + k]! * x[k]!;
          if (active[f] === 1 ? !(r > 0.5) : !(r < 0.5)) wrong++;
        }
        total += wrong;
      }
      means.push(total / trials);
    }
    const mean = means.reduce((s, c) => s + c, 0) / means.length;
    const variance = means.reduce((s, c) => s + (c - mean) ** 2, 0) / (means.length - 1);
    return { mean, se: Math.sqrt(variance / means.length) };
  }

  for (const [n, m, l] of [
    [64, 2048, 2],
    [64, 128, 4],
    [32, 64, 3],
  ] as const) {
    it(`n = ${n}, m = ${m}, l = ${l}`, () => {
      const { mean, se } = misreadsPerTrial(n, m, l, 10, 40);
      expect(Math.abs(mean - expectedMisreads(n, m, l).value!)).toBeLessThanOrEqual(4.5 * se);
    });
  }
});
