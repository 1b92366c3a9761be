/**
 * The sweep behind the simulation page: the overlap histogram accumulated in the all-pairs pass,
 * the values of l it measures, its validation and limits, and its run as a worker job (the
 * worker's protocol itself is tested in jobs.test.ts). The engine's statistics themselves are checked in simulation-engine.test.ts.
 */
import { describe, expect, it } from "vitest";
import { allRight } from "../../src/math/error-rates.ts";
import { epsilon } from "../../src/math/formulas.ts";
import { typicalNoise, worstNoise } from "../../src/math/random-directions.ts";
import { randomEmbedding } from "../../src/features/simulation/engine/embedding.ts";
import { createMeter } from "../../src/features/simulation/engine/meter.ts";
import { generateEmbedding, simulateSync } from "../../src/features/simulation/engine/engine.ts";
import { runToEnd } from "../../src/math/run-to-end.ts";
import { measureOverlaps } from "../../src/features/simulation/engine/overlaps.ts";
import { createKernel } from "../../src/compute/kernels/kernel.ts";
import type { KernelName } from "../../src/compute/kernels/quad-layout.ts";
import { MAX_PAIR_FEATURES, MAX_READOUT_WORK } from "../../src/features/simulation/engine/params.ts";
import { MAX_SWEEP_POWERS, sweepLValues, sweepTop, validateSweep } from "../../src/features/simulation/engine/sweep.ts";
import { runSweep } from "../../src/features/simulation/engine/run.ts";
import { HISTOGRAM_BINS, histogramSpec, simulateSweepSync, summarizeSweep, type SweepResult } from "../../src/features/simulation/engine/sweep.ts";
import { fc } from "./arbitraries.ts";

/** A kernel holding the embedding of (n, m, seed). */
function embedded(kernelName: KernelName, n: number, m: number, seed: number) {
  const kernel = createKernel(kernelName);
  kernel.reset(m, n);
  runToEnd(generateEmbedding(kernel, seed, createMeter()));
  return kernel;
}

function sweep(input: { n: number; m: number; l: number; seed: number; trials: number }, kernel: "auto" | "js" = "auto"): SweepResult {
  const outcome = simulateSweepSync(input, kernel);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.result;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe("the overlap histogram", () => {
  for (const kernelName of ["wasm-simd", "js"] as const) {
    for (const [n, m] of [
      [16, 2],
      [37, 101],
      [256, 1024],
      [64, 300],
    ] as const) {
      it(`counts every one of the m(m−1)/2 pairs once (${kernelName}, n = ${n}, m = ${m})`, () => {
        const kernel = embedded(kernelName, n, m, 3);
        const stats = runToEnd(measureOverlaps(kernel, createMeter(), histogramSpec(n, m)));
        const h = stats.histogram!;
        expect(h.counts).toHaveLength(HISTOGRAM_BINS);
        expect(sum(h.counts)).toBe((m * (m - 1)) / 2);
        expect(stats.pairs).toBe((m * (m - 1)) / 2);
        expect(h.counts.every((c) => Number.isInteger(c) && c >= 0)).toBe(true);
        expect(h.to).toBe(Math.min(1, 1.2 * epsilon(n, m)));
        expect(h.from).toBe(-h.to);
        // The range is wider than any overlap of these embeddings: nothing was clamped.
        expect(h.outside).toBe(0);
        expect(stats.maxAbs).toBeLessThan(h.to);
      });
    }
  }

  it("puts each overlap in its own bin (against a direct count, JS kernel)", () => {
    const n = 24;
    const m = 60;
    const seed = 9;
    const vectors = randomEmbedding(n, m, seed);
    const spec = { bins: 40, range: 0.9 };
    const expected = new Array<number>(spec.bins).fill(0);
    for (let i = 0; i < m; i++) {
      for (let j = i + 1; j < m; j++) {
        let dot = 0;
        for (let k = 0; k < n; k++) dot += vectors[i * n + k]! * vectors[j * n + k]!;
        const g = Math.fround(dot);
        // The engine's own arithmetic for the bin, ⌊(g + range)·bins / (2·range)⌋ as one multiply-add.
        const scale = spec.bins / (2 * spec.range);
        expected[Math.min(spec.bins - 1, Math.floor(g * scale + spec.range * scale))]! += 1;
      }
    }
    const stats = runToEnd(measureOverlaps(embedded("js", n, m, seed), createMeter(), spec));
    expect(stats.histogram!.counts).toEqual(expected);
  });

  it("clamps overlaps beyond the range into the end bins and says how many", () => {
    const n = 32;
    const m = 200;
    const vectors = randomEmbedding(n, m, 1);
    const range = 0.05;
    let below = 0;
    let above = 0;
    for (let i = 0; i < m; i++) {
      for (let j = i + 1; j < m; j++) {
        let dot = 0;
        for (let k = 0; k < n; k++) dot += vectors[i * n + k]! * vectors[j * n + k]!;
        const g = Math.fround(dot);
        if (g < -range) below++;
        else if (g >= range) above++;
      }
    }
    const stats = runToEnd(measureOverlaps(embedded("js", n, m, 1), createMeter(), { bins: 10, range }));
    const h = stats.histogram!;
    expect(sum(h.counts)).toBe((m * (m - 1)) / 2);
    // With 1/√32 ≈ 0.18 the typical overlap, most pairs lie outside ±0.05.
    expect(h.outside).toBe(below + above);
    expect(h.outside).toBeGreaterThan(stats.pairs / 2);
    expect(h.counts[0]!).toBeGreaterThanOrEqual(below);
    expect(h.counts[9]!).toBeGreaterThanOrEqual(above);
  });

  it("leaves the other statistics exactly as without it", () => {
    const kernel = embedded("wasm-simd", 128, 500, 2);
    const plain = runToEnd(measureOverlaps(kernel, createMeter()));
    const { histogram, ...rest } = runToEnd(measureOverlaps(kernel, createMeter(), histogramSpec(128, 500)));
    expect(plain.histogram).toBeUndefined();
    expect(histogram).toBeDefined();
    expect(rest).toEqual(plain);
  });

  it("refuses a histogram without bins or with a range outside (0, 1]", () => {
    const kernel = embedded("js", 8, 10, 1);
    for (const spec of [
      { bins: 0, range: 0.5 },
      { bins: 2.5, range: 0.5 },
      { bins: 10, range: 0 },
      { bins: 10, range: 1.5 },
    ]) {
      expect(() => runToEnd(measureOverlaps(kernel, createMeter(), spec))).toThrow(RangeError);
    }
  });

  it("spans ±1.2 ε, never beyond ±1", () => {
    expect(histogramSpec(256, 2048).range).toBeCloseTo(1.2 * Math.sqrt((8 * Math.log(2048)) / 256), 15);
    expect(histogramSpec(4, 1000).range).toBe(1);
  });
});

describe("the values of l a sweep measures", () => {
  it("powers of two up to n/2 (or 4l), plus the reader's l", () => {
    expect(sweepLValues(256, 2048, 4)).toEqual([1, 2, 4, 8, 16, 32, 64, 128]);
    expect(sweepLValues(256, 2048, 5)).toEqual([1, 2, 4, 5, 8, 16, 32, 64, 128]);
    // 10 powers (1 … 512) are too many: every second one, plus l = 8.
    expect(sweepLValues(1024, 4096, 8)).toEqual([1, 4, 8, 16, 64, 256]);
    // Never beyond m, and l = m included.
    expect(sweepLValues(1024, 10, 10)).toEqual([1, 2, 4, 8, 10]);
    expect(sweepLValues(1, 2, 1)).toEqual([1, 2]);
    expect(sweepTop(256, 2048, 100)).toBe(400);
    expect(sweepTop(256, 60, 4)).toBe(60);
  });

  it("are increasing, distinct, within 1 … m, include l, and number at most MAX_SWEEP_POWERS + 1", () => {
    const job = fc
      .record({ n: fc.integer({ min: 1, max: 2 ** 20 }), m: fc.integer({ min: 2, max: 2 ** 20 }) })
      .chain(({ n, m }) => fc.integer({ min: 1, max: m }).map((l) => ({ n, m, l })));
    fc.assert(
      fc.property(job, ({ n, m, l }) => {
        const levels = sweepLValues(n, m, l);
        expect(levels).toContain(l);
        expect(levels[0]).toBe(1);
        expect(levels.length).toBeLessThanOrEqual(MAX_SWEEP_POWERS + 1);
        for (let i = 1; i < levels.length; i++) expect(levels[i]!).toBeGreaterThan(levels[i - 1]!);
        expect(levels.at(-1)!).toBeLessThanOrEqual(m);
      }),
    );
  });
});

describe("validateSweep", () => {
  const ok = { n: 256, m: 2048, l: 4, seed: 1, trials: 200 };

  it("accepts a job in range, with all pairs and the values of l", () => {
    expect(validateSweep(ok)).toEqual({ ok: true, params: { ...ok, overlaps: true, lValues: [1, 2, 4, 8, 16, 32, 64, 128] } });
  });

  it("passes on the job's own checks, with their fields and messages", () => {
    for (const [input, field] of [
      [{ ...ok, n: 0 }, "n"],
      [{ ...ok, m: "x" }, "m"],
      [{ ...ok, l: 4096 }, "l"],
      [{ ...ok, seed: -1 }, "seed"],
      [{ ...ok, trials: 1.5 }, "trials"],
    ] as const) {
      const checked = validateSweep(input);
      expect(checked.ok).toBe(false);
      if (!checked.ok) expect(checked.error.field).toBe(field);
    }
  });

  it("needs at least one trial", () => {
    expect(validateSweep({ ...ok, trials: 0 })).toMatchObject({ ok: false, error: { code: "invalid", field: "trials" } });
  });

  it("refuses too many features for all pairs, without suggesting to turn all pairs off", () => {
    const checked = validateSweep({ ...ok, n: 16, m: MAX_PAIR_FEATURES + 1 });
    expect(checked).toMatchObject({ ok: false, error: { code: "too-large", field: "m" } });
    if (!checked.ok) {
      expect(checked.error.message).toMatch(/16,384 features/);
      expect(checked.error.message).not.toMatch(/turn off/);
    }
    // Beyond the largest m at all, the job's own message stands.
    expect(validateSweep({ ...ok, m: 2 ** 20 + 1, l: 1 })).toMatchObject({
      ok: false,
      error: { field: "m", message: expect.stringMatching(/1,048,576/) },
    });
  });

  it("refuses the embedding and all-pairs limits as a job too large, naming the limit", () => {
    expect(validateSweep({ ...ok, n: 4096, m: 8192 })).toMatchObject({ ok: false, error: { field: "job", message: expect.stringMatching(/2\^24/) } });
    expect(validateSweep({ ...ok, n: 1024, m: 16384 })).toMatchObject({
      ok: false,
      error: { field: "job", message: expect.stringMatching(/2\^36/) },
    });
  });

  it("counts the readouts at every value of l against the readout limit", () => {
    // One job at l would pass (5 000 · 4 096 · 1 024 = 2.1·10¹⁰ ≤ 2^36), six of them do not.
    const input = { n: 1024, m: 4096, l: 8, seed: 1, trials: 5000 };
    expect(5000 * 4096 * 1024).toBeLessThan(MAX_READOUT_WORK);
    const checked = validateSweep(input);
    expect(checked).toMatchObject({ ok: false, error: { code: "too-large", field: "job" } });
    if (!checked.ok) expect(checked.error.message).toMatch(/6 values of l: .* above the limit of 68,719,476,736 \(2\^36\)/);
  });
});

describe("a sweep", () => {
  const input = { n: 128, m: 512, l: 4, seed: 7, trials: 100 };

  it("measures the reader's l exactly as a single job with the same seed would, and all pairs once", () => {
    const result = sweep(input);
    const single = simulateSync({ ...input, overlaps: true });
    if (!single.ok) throw new Error(single.error.message);
    expect(result.readout).toEqual(single.result.readout);
    const { histogram, ...overlaps } = result.overlaps;
    expect(overlaps).toEqual(single.result.overlaps);
    expect(sum(histogram.counts)).toBe((512 * 511) / 2);
    expect(result.points.map((p) => p.l)).toEqual(result.params.lValues);
    const mine = result.points.find((p) => p.l === 4)!;
    expect(mine.inactiveRms).toBe(single.result.readout!.inactiveRms);
    expect(mine.worstMean).toBe(single.result.readout!.worstMean);
  });

  it("is reproducible, and its points land near the typical and worst-of-m curves", () => {
    const a = sweep({ ...input, trials: 200 });
    expect(sweep({ ...input, trials: 200 })).toEqual(a);
    for (const p of a.points) {
      if (p.l === input.m) continue;
      // 200 trials · (m − l) readouts: the RMS is known to a fraction of a percent; 5% is loose.
      expect(Math.abs(p.inactiveRms! / typicalNoise(input.n, p.l) - 1)).toBeLessThan(0.05);
      // The worst of m runs at 0.85–0.95 of its leading-order value.
      const worst = p.worstMean / worstNoise(input.n, input.m, p.l);
      expect(worst).toBeGreaterThan(0.8);
      expect(worst).toBeLessThan(1);
    }
  });

  it("summarizes to the page's few numbers", () => {
    const result = sweep(input);
    expect(summarizeSweep(result)).toEqual({
      n: 128,
      m: 512,
      l: 4,
      seed: 7,
      trials: 100,
      rmsOverlap: result.overlaps.rms,
      meanAbsOverlap: result.overlaps.meanAbs,
      maxOverlap: result.overlaps.maxAbs,
      rmsNoise: result.readout.inactiveRms,
      worstNoise: result.readout.worstMean,
      allCorrect: result.readout.allCorrect,
      allCorrectFraction: result.readout.allCorrectFraction,
      points: result.points,
    });
  });

  it("carries the exact chance that all m are read right at each l, beside the measured fraction", () => {
    const result = sweep(input);
    for (const p of result.points) {
      expect(p.exactAllRight).toEqual(allRight(input.n, input.m, p.l));
      // 100 trials: the measured fraction is within 5 binomial standard errors of the exact chance.
      const exact = p.exactAllRight.value ?? 0;
      const se = Math.sqrt(Math.max(exact * (1 - exact), 1 / p.trials) / p.trials);
      expect(Math.abs(p.allCorrectFraction - exact)).toBeLessThanOrEqual(5 * se);
    }
  });

  it("gives the validation error instead of throwing", () => {
    expect(simulateSweepSync({ ...input, trials: 0 })).toMatchObject({ ok: false, error: { field: "trials" } });
  });
});

describe("runSweep", () => {
  it("reports growing progress up to 1 and ends with the synchronous result", async () => {
    const input = { n: 256, m: 1024, l: 4, seed: 1, trials: 100 };
    const seen: number[] = [];
    const outcome = await runSweep(input, { onProgress: (p) => seen.push(p.fraction), progressMs: 0 });
    expect(outcome.status).toBe("done");
    if (outcome.status !== "done") return;
    expect(seen.length).toBeGreaterThan(2);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThanOrEqual(seen[i - 1]!);
    expect(seen.at(-1)).toBe(1);
    expect(outcome.result).toEqual(sweep(input));
  });

  it("stops when aborted, with the progress it had made", async () => {
    // Aborted at the first progress report of the largest sweep: it stops there, far from done.
    const controller = new AbortController();
    const outcome = await runSweep(
      { n: 512, m: 16384, l: 8, seed: 1, trials: 200 },
      { signal: controller.signal, progressMs: 0, onProgress: () => controller.abort() },
    );
    expect(outcome.status).toBe("cancelled");
    if (outcome.status === "cancelled") expect(outcome.progress!.fraction).toBeLessThan(0.01);
  });

  it("returns an oversized sweep's refusal without running it", async () => {
    expect(await runSweep({ n: 1024, m: 16384, l: 8, seed: 1, trials: 200 })).toMatchObject({
      status: "error",
      error: { code: "too-large", field: "job" },
    });
  });
});
