/**
 * The large readout (large-readout.ts, readout-kernel.ts, readout-params.ts): the limits, the split
 * into ranges, that the result does not depend on the split (number for number), the readouts
 * against a direct computation from the reference directions, and the measurements against the
 * exact predictions for random directions.
 *
 * Statistical tolerances are 5 standard errors of each estimator (derived in the comments), on
 * fixed seeds: each check always passes or always fails.
 */
import { describe, expect, it } from "vitest";
import { expectedMisreads, pFalseOn } from "../../src/math/error-rates.ts";
import {
  activeSets,
  FEATURE_BLOCK,
  isFeatureRange,
  readFeatureRange,
  simulateLargeReadoutSync,
  splitFeatures,
} from "../../src/features/simulation/engine/large-readout.ts";
import { combineRanges, type LargeReadoutResult } from "../../src/features/simulation/engine/large-readout.ts";
import {
  createJsReadoutKernel,
  createReadoutKernel,
  createWasmReadoutKernel,
  type ReadoutKernel,
} from "../../src/features/simulation/engine/readout-kernel.ts";
import { featureDirection } from "../../src/features/simulation/engine/feature-directions.ts";
import { MAX_LARGE_FEATURES, validateLargeReadout, type LargeReadoutInput } from "../../src/features/simulation/engine/readout-params.ts";
import { runReadoutRange } from "../../src/features/simulation/engine/run.ts";
import { runToEnd } from "../../src/math/run-to-end.ts";
import { typicalNoise, worstNoise } from "../../src/math/formulas.ts";
import { bestThreshold } from "../../src/math/thresholds.ts";

function run(input: LargeReadoutInput, parts = 1, kernel: "auto" | "wasm-simd" | "js" = "auto"): LargeReadoutResult {
  const outcome = simulateLargeReadoutSync(input, { parts, kernel });
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.result;
}

describe("limits", () => {
  const job = { n: 3584, m: 2 ** 20, l: 193, seed: 1, trials: 100 };

  it("accept the shape of Gemma Scope's 1M-latent SAE on Gemma 2 9B, with 100 inputs, and n = 4096 with l = 512", () => {
    expect(validateLargeReadout(job)).toEqual({ ok: true, params: { ...job, threshold: 0.5 } });
    expect(validateLargeReadout({ ...job, threshold: 0.96 })).toEqual({ ok: true, params: { ...job, threshold: 0.96 } });
    expect(validateLargeReadout({ n: 4096, m: 2 ** 20, l: 512, seed: 0, trials: 100 }).ok).toBe(true);
  });

  it.each([
    [{ n: 0 }, "n", "invalid", /n is too small/],
    [{ n: 2 ** 14 + 1, trials: 1 }, "n", "too-large", /16,384 \(2\^14\)/],
    [{ m: 1 }, "m", "invalid", /m is too small/],
    [{ m: MAX_LARGE_FEATURES + 1 }, "m", "too-large", /16,777,216 \(2\^24\)/],
    [{ l: 0 }, "l", "invalid", /l is too small/],
    [{ l: 4097, m: 2 ** 20 }, "l", "too-large", /at most 4,096/],
    [{ l: 11, m: 10 }, "l", "too-large", /from 1 to m/],
    [{ seed: -1 }, "seed", "invalid", /seed/],
    [{ trials: 0 }, "trials", "invalid", /trials is too small/],
    [{ trials: 1025 }, "trials", "too-large", /1,024/],
    [{ n: 16384, trials: 300, l: 1 }, "job", "too-large", /trials · n = 4,915,200 numbers of input is above the limit of 4,194,304 \(2\^22\)/],
    [{ n: 16384, m: 2 ** 21, trials: 1, l: 1 }, "job", "too-large", /m · n = 34,359,738,368 random numbers .* limit of 17,179,869,184 \(2\^34\)/],
    [{ n: 4096, m: 2 ** 22, trials: 100, l: 1 }, "job", "too-large", /trials · m · n = .* limit of 1,099,511,627,776 \(2\^40\)/],
    [{ n: 4096, m: 2 ** 14, trials: 1000, l: 400 }, "job", "too-large", /trials · l · n = .* limit of 1,073,741,824 \(2\^30\)/],
    [{ n: "12" }, "n", "invalid", /n must be a number/],
    [{ trials: 2.5 }, "trials", "invalid", /whole number/],
    [{ threshold: 0 }, "job", "invalid", /threshold must be a number strictly between 0 and 1, got 0/],
    [{ threshold: 1 }, "job", "invalid", /threshold .* got 1/],
    [{ threshold: Number.NaN }, "job", "invalid", /threshold .* got NaN/],
    [{ threshold: "0.7" }, "job", "invalid", /threshold/],
  ] as const)("refuse %j, naming %s and the limit", (change, field, code, message) => {
    const checked = validateLargeReadout({ ...job, ...change });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.error.field).toBe(field);
    expect(checked.error.code).toBe(code);
    expect(checked.error.message).toMatch(message);
  });
});

describe("the split into ranges", () => {
  it("tiles the features with whole blocks, in order, as evenly as blocks allow", () => {
    for (const m of [2, FEATURE_BLOCK, FEATURE_BLOCK + 1, 10 * FEATURE_BLOCK + 7, 2 ** 20]) {
      for (const parts of [1, 2, 3, 7, 8, 100]) {
        const ranges = splitFeatures(m, parts);
        const blocks = Math.ceil(m / FEATURE_BLOCK);
        expect(ranges).toHaveLength(Math.min(parts, blocks));
        expect(ranges[0]!.from).toBe(0);
        expect(ranges.at(-1)!.to).toBe(m);
        ranges.forEach((range, i) => {
          expect(isFeatureRange(range, m)).toBe(true);
          if (i > 0) expect(range.from).toBe(ranges[i - 1]!.to);
        });
        const sizes = ranges.map((r) => Math.ceil((r.to - r.from) / FEATURE_BLOCK));
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }
    }
  });

  it("refuses ranges that are not whole blocks within the job", () => {
    const m = 3 * FEATURE_BLOCK + 5;
    expect(isFeatureRange({ from: 0, to: m }, m)).toBe(true);
    expect(isFeatureRange({ from: FEATURE_BLOCK, to: 2 * FEATURE_BLOCK }, m)).toBe(true);
    for (const bad of [
      { from: 1, to: FEATURE_BLOCK },
      { from: 0, to: FEATURE_BLOCK + 1 },
      { from: FEATURE_BLOCK, to: FEATURE_BLOCK },
      { from: 0, to: m + 1 },
      { from: -FEATURE_BLOCK, to: 0 },
    ]) {
      expect(isFeatureRange(bad, m), JSON.stringify(bad)).toBe(false);
    }
    expect(() => splitFeatures(0, 1)).toThrow(RangeError);
    expect(() => splitFeatures(10, 0)).toThrow(RangeError);
  });
});

describe("the inputs", () => {
  it("switch on l distinct features each, sorted, uniformly over the m", () => {
    const params = { n: 8, m: 50, l: 5, seed: 3, trials: 4000, threshold: 0.5 };
    const sets = activeSets(params);
    const counts = new Array<number>(params.m).fill(0);
    for (const set of sets) {
      expect(set).toHaveLength(5);
      for (let i = 1; i < set.length; i++) expect(set[i]!).toBeGreaterThan(set[i - 1]!);
      for (const f of set) counts[f]!++;
    }
    // Each feature is on in an input with probability l/m = 0.1, so its count over 4 000 inputs is
    // Binomial(4000, 0.1): mean 400, SD 19.0. The chi-square statistic of the 50 counts has mean
    // ≈ 49 (49 degrees of freedom, slightly fewer as the counts sum to a constant) and SD ≈ 9.9:
    // below 49 + 5·9.9 = 98.5.
    const expected = (params.trials * params.l) / params.m;
    const chi2 = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(98.5);
    // The same seed draws the same inputs; another seed others.
    expect(activeSets(params)).toEqual(sets);
    expect(activeSets({ ...params, seed: 4 })).not.toEqual(sets);
  });

  it("are the same sums of unit directions in every kernel, bit for bit", () => {
    const kernels = [createJsReadoutKernel(), createWasmReadoutKernel("standard"), createWasmReadoutKernel("relaxed")].filter(
      (k): k is ReadoutKernel => k !== undefined,
    );
    expect(kernels.map((k) => k.name)).toEqual(["js", "wasm-simd", "wasm-relaxed"]);
    const n = 45;
    const features = [0, 17, 3_974_242, 1000];
    for (const kernel of kernels) {
      kernel.reset(n, 3, 1);
      for (const f of features) kernel.addFeature(2, f);
      const expected = new Float32Array(n);
      for (const f of features) {
        const v = featureDirection(1, f, n);
        for (let k = 0; k < n; k++) expected[k] = Math.fround(expected[k]! + v[k]!);
      }
      expect(kernel.getInput(2)).toEqual(expected);
      expect(kernel.getInput(0).every((x) => x === 0)).toBe(true);
    }
  });
});

describe("reading a range", () => {
  const params = { n: 48, m: 2 * FEATURE_BLOCK + 300, l: 3, seed: 5, trials: 7, threshold: 0.61 };

  it("gives every readout as ⟨v_f, x_b⟩ from the reference directions, to float32 rounding", () => {
    // The reference: each feature's unit direction and each input in float32, readouts in float64.
    const sets = activeSets(params);
    const inputs = sets.map((set) => {
      const x = new Float32Array(params.n);
      for (const f of set) {
        const v = featureDirection(params.seed, f, params.n);
        for (let k = 0; k < params.n; k++) x[k] = Math.fround(x[k]! + v[k]!);
      }
      return x;
    });
    let inactiveSquares = 0;
    let activeSquares = 0;
    let falseOn = 0;
    let falseOff = 0;
    let nearHalf = 0;
    let thresholdFalseOn = 0;
    let thresholdFalseOff = 0;
    const worst = new Array<number>(params.trials).fill(0);
    const thresholdMisreads = new Array<number>(params.trials).fill(0);
    const readouts: { r: number; on: boolean }[][] = sets.map(() => []);
    for (let f = 0; f < params.m; f++) {
      const v = featureDirection(params.seed, f, params.n);
      for (let b = 0; b < params.trials; b++) {
        let r = 0;
        for (let k = 0; k < params.n; k++) r += v[k]! * inputs[b]![k]!;
        if (Math.abs(r - 0.5) < 1e-5 || Math.abs(r - params.threshold) < 1e-5) nearHalf++;
        const on = sets[b]!.includes(f);
        const noise = on ? r - 1 : r;
        if (on) activeSquares += noise ** 2;
        else inactiveSquares += noise ** 2;
        if (on && !(r > 0.5)) falseOff++;
        if (!on && !(r < 0.5)) falseOn++;
        if (on && !(r > params.threshold)) thresholdFalseOff++;
        if (!on && !(r < params.threshold)) thresholdFalseOn++;
        if (on !== r > params.threshold) thresholdMisreads[b]!++;
        worst[b] = Math.max(worst[b]!, Math.abs(noise));
        readouts[b]!.push({ r, on });
      }
    }
    // No readout this close to either threshold: float32 rounding cannot move one across it here,
    // so the counts must agree exactly.
    expect(nearHalf).toBe(0);
    // The TopK reading by sorting every input's m readouts; the l-th and (l + 1)-th largest are
    // further apart than rounding, so the kernel's top l must be the same features.
    const topkMisreads = readouts.map((all) => {
      const sorted = [...all].sort((a, b) => b.r - a.r);
      expect(sorted[params.l - 1]!.r - sorted[params.l]!.r).toBeGreaterThan(1e-5);
      return 2 * sorted.slice(0, params.l).filter((x) => !x.on).length;
    });
    // Some inputs do misread under TopK here, so the comparison below can fail.
    expect(topkMisreads.some((k) => k > 0)).toBe(true);
    for (const kernel of ["wasm-relaxed", "wasm-simd", "js"] as const) {
      const totals = runToEnd(readFeatureRange(params, { from: 0, to: params.m }, createReadoutKernel(kernel)));
      expect(totals.kernel).toBe(kernel);
      expect(totals.inactiveSquares).toHaveLength(3);
      // Each readout is the kernel's float32 dot product (relative error ≲ n·2^-24 of Σ|v_k x_k|,
      // itself ≤ |x| ≈ √l) scaled by 1/|g|: sums of squares agree to 1e-5 relative.
      expect(totals.inactiveSquares.reduce((a, b) => a + b)).toBeCloseRel(inactiveSquares, 1e-5);
      expect(totals.activeSquares.reduce((a, b) => a + b)).toBeCloseRel(activeSquares, 1e-5);
      expect(totals.falseOn).toBe(falseOn);
      expect(totals.falseOff).toBe(falseOff);
      totals.worst.forEach((w, b) => expect(w).toBeCloseRel(worst[b]!, 1e-5));
      expect(totals.thresholdFalseOn).toBe(thresholdFalseOn);
      expect(totals.thresholdFalseOff).toBe(thresholdFalseOff);
      expect(totals.thresholdMisreads).toEqual(thresholdMisreads);
      const combined = combineRanges(params, [totals]);
      expect(combined.topkMisreadsMean).toBe(topkMisreads.reduce((a, b) => a + b) / params.trials);
    }
  });

  it("reports progress that rises to 1, through the inputs then the features", () => {
    const steps = readFeatureRange({ ...params, n: 2048 }, { from: 0, to: params.m }, createReadoutKernel());
    const seen: { phase: string; fraction: number }[] = [];
    for (let step = steps.next(); !step.done; step = steps.next()) seen.push(step.value);
    expect(seen.length).toBeGreaterThan(3);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.fraction).toBeGreaterThanOrEqual(seen[i - 1]!.fraction);
    expect(seen.at(-1)!.fraction).toBeLessThanOrEqual(1);
    expect(seen.at(-1)!.phase).toBe("features");
  });
});

describe("the result does not depend on the split", () => {
  // m not a whole number of blocks, so the last range is short.
  const job = { n: 96, m: 3 * FEATURE_BLOCK + 1234, l: 6, seed: 11, trials: 9, threshold: 0.7 };

  for (const kernel of ["auto", "wasm-simd", "js"] as const) {
    it(`number for number, for 1, 2, 3 and 4 parts (${kernel} kernel)`, () => {
      const whole = run(job, 1, kernel);
      for (const parts of [2, 3, 4]) expect(run(job, parts, kernel)).toEqual(whole);
    });
  }

  it("nor does the TopK reading when the last range has fewer than l features", () => {
    // m = one block and 3, l = 8: the second range keeps all 3 of its readouts per input.
    const short = { n: 40, m: FEATURE_BLOCK + 3, l: 8, seed: 3, trials: 11, threshold: 0.55 };
    const whole = run(short, 1);
    expect(whole.topkMisreadsMean).toBeGreaterThan(0);
    expect(run(short, 2)).toEqual(whole);
  });

  it("nor on the order the parts arrive in", () => {
    const checked = validateLargeReadout(job);
    if (!checked.ok) throw new Error(checked.error.message);
    const parts = splitFeatures(job.m, 4).map((range) => runToEnd(readFeatureRange(checked.params, range, createReadoutKernel())));
    expect(combineRanges(checked.params, [...parts].reverse())).toEqual(combineRanges(checked.params, parts));
  });

  it("and parts that do not tile the job, or disagree, are refused", () => {
    const checked = validateLargeReadout(job);
    if (!checked.ok) throw new Error(checked.error.message);
    const parts = splitFeatures(job.m, 3).map((range) => runToEnd(readFeatureRange(checked.params, range, createReadoutKernel())));
    expect(() => combineRanges(checked.params, [])).toThrow(/no parts/);
    expect(() => combineRanges(checked.params, parts.slice(1))).toThrow(/starts at 4096, expected 0/);
    expect(() => combineRanges(checked.params, parts.slice(0, 2))).toThrow(/end at feature/);
    expect(() => combineRanges(checked.params, [parts[0]!, { ...parts[1]!, kernel: "js" }, parts[2]!])).toThrow(/different kernels/);
    expect(() => combineRanges({ ...checked.params, trials: 8 }, parts)).toThrow(/9 inputs, expected 8/);
    expect(() => combineRanges({ ...checked.params, l: 7 }, parts)).toThrow(/keeps 6 largest readouts per input, expected 7/);
  });
});

describe("the standard errors", () => {
  // 24 runs of one shape, each with its own seed (its own directions and inputs), 40 inputs each.
  const shape = { n: 64, m: FEATURE_BLOCK, l: 4, trials: 40 };
  const threshold = bestThreshold(shape.n, shape.m, shape.l).threshold;
  const runs = Array.from({ length: 24 }, (_, seed) => run({ ...shape, seed, threshold }));

  it("are sd/√trials of the per-input counts", () => {
    // The per-input counts, rebuilt from the ranges' totals of one run.
    const params = { ...shape, seed: 0, threshold };
    const parts = splitFeatures(params.m, 1).map((range) => runToEnd(readFeatureRange(params, range, createReadoutKernel())));
    const counts = parts[0]!.thresholdMisreads;
    const mean = counts.reduce((a, b) => a + b) / counts.length;
    const sd = Math.sqrt(counts.reduce((a, c) => a + (c - mean) ** 2, 0) / (counts.length - 1));
    expect(runs[0]!.thresholdMisreadsMean).toBe(mean);
    expect(runs[0]!.thresholdMisreadsSe).toBeCloseRel(sd / Math.sqrt(counts.length), 1e-12);
    expect(runs[0]!.misreadsSe).toBeCloseRel(runs[0]!.misreadsSd! / Math.sqrt(counts.length), 1e-12);
  });

  it("describe how far the means of independent runs scatter", () => {
    // If each SE is right, (mean_i − pooled mean)/SE_i has standard deviation about 1 over the 24
    // runs; the sample SD of 24 such values is itself within ±0.15 of it (1/√(2·23)), so 0.55 …
    // 1.45 is three of those either way. A fresh embedding per seed adds a little spread the SE
    // (over inputs) leaves out: the upper bound has room for it.
    for (const [mean, se] of [
      ["misreadsMean", "misreadsSe"],
      ["thresholdMisreadsMean", "thresholdMisreadsSe"],
      ["topkMisreadsMean", "topkMisreadsSe"],
    ] as const) {
      const pooled = runs.reduce((a, r) => a + r[mean], 0) / runs.length;
      const z = runs.map((r) => (r[mean] - pooled) / r[se]!);
      const sd = Math.sqrt(z.reduce((a, x) => a + x * x, 0) / (z.length - 1));
      expect(sd, mean).toBeGreaterThan(0.55);
      expect(sd, mean).toBeLessThan(1.45);
    }
  });
});

describe("measured against the predictions for random directions (n = 256, m = 20 000, l = 4, 200 inputs)", () => {
  const n = 256;
  const m = 20_000;
  const l = 4;
  const T = 200;
  const r = run({ n, m, l, seed: 1, trials: T }, 2);

  it("RMS noise of an inactive feature is √(l/n)", () => {
    // Given input x, an inactive readout is |x|·t with t an overlap (variance 1/n), so the mean of
    // r² over an input's m − l readouts estimates |x|²/n with relative variance 2/(m − l); and |x|²
    // = l + 2 Σ_{i<j} ⟨v_i, v_j⟩ has relative variance 2(l − 1)/(l n). Over T inputs the relative
    // SE of mean r² is √((2(l − 1)/(l n) + 2/(m − l))/T) = 0.55%, half that for its root: 0.28%.
    const se = 0.5 * Math.sqrt(((2 * (l - 1)) / (l * n) + 2 / (m - l)) / T);
    expect(Math.abs(r.inactiveRms! / typicalNoise(n, l) - 1)).toBeLessThan(5 * se);
  });

  it("misreads per input and p_false_on match the predicted rates", () => {
    // Misreads per input vary from input to input (through |x|); their mean has SE = sd/√T, the
    // sample sd measured here. The predicted rate is computed from a model of |x| good to 0.3 %
    // (error-rates.ts), added to the tolerance.
    const expected = expectedMisreads(n, m, l).value!;
    const se = r.misreadsSd! / Math.sqrt(T);
    expect(Math.abs(r.misreadsMean - expected)).toBeLessThan(5 * se + 0.003 * expected);
    // With l = 4 there are no false offs worth counting here (p_false_off ≈ 10⁻⁶), so the misreads
    // are false ons: the same comparison, per readout.
    expect(Math.abs(r.falseOnRate! - pFalseOn(n, l).value!)).toBeLessThan((5 * se + 0.003 * expected + l) / (m - l));
    expect(r.allCorrect).toBe(Math.round(r.allCorrectFraction * T));
  });

  it("the worst of m readouts sits just under √(2 ln m · l/n)", () => {
    // The leading-order prediction overstates the expected maximum at finite m (0.88–0.94 of it in
    // the site's checks); the mean over 200 inputs varies by about 1 %.
    const ratio = r.worstMean / worstNoise(n, m, l);
    expect(ratio).toBeGreaterThan(0.85);
    expect(ratio).toBeLessThan(1);
    expect(r.worstMax).toBeGreaterThanOrEqual(r.worstMean);
  });
});

describe("a range as a worker job", () => {
  const job = { n: 40, m: 2 * FEATURE_BLOCK, l: 2, seed: 2, trials: 5 };

  it("runs a valid range to the totals the generator gives", async () => {
    const outcome = await runReadoutRange({ ...job, from: FEATURE_BLOCK, to: 2 * FEATURE_BLOCK });
    expect(outcome.status).toBe("done");
    if (outcome.status !== "done") return;
    const checked = validateLargeReadout(job);
    if (!checked.ok) throw new Error(checked.error.message);
    expect(outcome.result).toEqual(runToEnd(readFeatureRange(checked.params, { from: FEATURE_BLOCK, to: 2 * FEATURE_BLOCK }, createReadoutKernel())));
  });

  it("refuses a bad job or a bad range with a message, and stops when cancelled", async () => {
    const badJob = await runReadoutRange({ ...job, m: 1, from: 0, to: 1 });
    expect(badJob.status === "error" && badJob.error.field).toBe("m");
    const badRange = await runReadoutRange({ ...job, from: 1, to: FEATURE_BLOCK });
    expect(badRange.status === "error" && badRange.error.message).toMatch(/whole blocks of 4096 features/);
    const controller = new AbortController();
    controller.abort();
    expect((await runReadoutRange({ ...job, from: 0, to: job.m }, { signal: controller.signal })).status).toBe("cancelled");
  });
});
