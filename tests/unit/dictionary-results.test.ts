/**
 * What the dictionary page shows and saves: every output of the contract by name, with its value
 * in full, its standard error where it is an estimate and only the digits that are verified; the
 * CSV and JSON files read back to the same numbers; the two figures drawn from a measurement with
 * the marks their descriptions name, and the reader's dictionary first on the map.
 */
import { describe, expect, it } from "vitest";
import { bytesSource } from "../../src/features/dictionary/engine/byte-source.ts";
import { dictionaryCsv, dictionaryFileName, dictionaryJson } from "../../src/features/dictionary/engine/export.ts";
import { latentReader } from "../../src/features/dictionary/engine/latent-rows.ts";
import { measureGeometry, measureReadouts } from "../../src/features/dictionary/engine/measure.ts";
import type { PoolMeasurement } from "../../src/features/dictionary/engine/measure-on-pool.ts";
import { openDictionary } from "../../src/features/dictionary/engine/open-dictionary.ts";
import { randomPairsAbove } from "../../src/features/dictionary/engine/random-comparison.ts";
import { dictionaryOutputs, DICTIONARY_OUTPUTS, type DictionaryReport } from "../../src/features/dictionary/engine/results.ts";
import { dictionaryMapFigure, overlapHistogramFigure } from "../../src/features/dictionary/figures/dictionary-figures.ts";
import { describeDictionaryMap, describeOverlapHistogram, histogramMarks, mapRows } from "../../src/features/dictionary/figures/dictionary-text.ts";
import { SPARSE_AUTOENCODERS } from "../../src/facts/real-saes.ts";
import { misreadsResult } from "../../src/numbers/error-rate-results.ts";
import { renderSvg } from "../../src/plot/render-svg.ts";
import { NARROW_FIGURE } from "../../src/plot/figure-size.ts";
import { encode, npyFile, plantedDecoder } from "./dictionary-fixtures.ts";

async function run<T>(steps: AsyncGenerator<unknown, T, void>): Promise<T> {
  for (;;) {
    const step = await steps.next();
    if (step.done) return step.value;
  }
}

const M = 400;
const N = 32;

async function report(mode: "exact" | "sampled", l = 5): Promise<DictionaryReport> {
  const bytes = npyFile("<f4", [M, N], encode(plantedDecoder(M, N, 3), "F32"));
  const file = await openDictionary(bytesSource(bytes, "my decoder.npy"));
  const reader = latentReader(file.matrices[0]!);
  const measured = await run(measureGeometry(reader, { mode, subset: 150, worstSample: 60, seed: 2 }));
  const readouts = await run(measureReadouts(reader, measured, l, { tokens: 300, seed: 2 }));
  const g = measured.geometry;
  const poolMeasured: PoolMeasurement = {
    ref: { file: new Blob([bytes as Uint8Array<ArrayBuffer>]), name: "my decoder.npy", matrix: "my decoder", axis: 0 },
    geometry: g,
    dead: measured.dead,
    holders: mode === "exact" ? 1 : 0,
    seed: 2,
  };
  return {
    file: { name: "my decoder.npy", format: "npy", bytes: bytes.length },
    matrix: { name: "my decoder", dtype: "F32", shape: [M, N], axis: 0 },
    measured: poolMeasured,
    readouts,
    randomThreshold: misreadsResult(N, g.live, l),
    randomTopk: { mean: 3.21, se: 0.123, inputs: 1000, seed: 2 },
  };
}

describe("the outputs", () => {
  it("exact mode: every name of the contract, values in full, no error where nothing was sampled", async () => {
    const r = await report("exact");
    const o = dictionaryOutputs(r);
    expect(Object.keys(o).sort()).toEqual([...DICTIONARY_OUTPUTS].sort());
    const g = r.measured.geometry;
    expect(o.n).toMatchObject({ value: N, text: "32" });
    expect(o.m).toMatchObject({ value: M, text: "400" });
    expect(o.dead).toMatchObject({ value: 3, text: "3" });
    expect(o.mode).toMatchObject({ value: "exact", text: "exact" });
    expect(o["rms-overlap"]).toMatchObject({ value: g.rmsOverlap.value, se: undefined });
    expect(o["rms-overlap"].text).toBe(g.rmsOverlap.value.toPrecision(3));
    // The planted antipodal pair: |cos| 1, latents 2 and 3.
    expect(o["max-overlap"]).toMatchObject({ text: "1", pair: [2, 3] });
    expect(o["pairs-above-0.9"].value).toBe(2);
    expect(o.welch.value).toBeCloseTo(Math.sqrt((g.live - N) / (N * (g.live - 1))), 15);
    expect(o["post-epsilon"].value).toBeCloseTo(Math.sqrt((8 * Math.log(g.live)) / N), 15);
    expect(o["random-rms"].value).toBe(1 / Math.sqrt(N));
    const readouts = r.readouts!;
    expect(o["misreads-threshold"]).toMatchObject({ value: readouts.misreadsThreshold, se: readouts.misreadsThresholdSe });
    expect(o["misreads-topk"]).toMatchObject({ value: readouts.misreadsTopk, se: readouts.misreadsTopkSe });
    expect(o["random-misreads-threshold"]).toMatchObject({ value: r.randomThreshold!.value, text: r.randomThreshold!.text });
    expect(o["random-misreads-topk"]).toMatchObject({ value: 3.21, se: 0.123, text: "3.21 ± 0.12" });
    for (const output of Object.values(o)) expect(output.text).not.toMatch(/NaN|Infinity|undefined/);
  });

  it("sampled mode: estimates as x ± se to the error's second figure, the largest as a lower bound", async () => {
    const o = dictionaryOutputs(await report("sampled"));
    expect(o.mode.value).toBe("sampled");
    for (const name of ["rms-overlap", "mean-overlap", "median-worst-overlap", "p99-worst-overlap"] as const) {
      expect(o[name].se, name).toBeGreaterThan(0);
      const [, error] = o[name].text.split(" ± ");
      expect(error, name).toMatch(/^0\.0*[1-9]\d$/);
    }
    expect(o["max-overlap"].text).toMatch(/^≥ /);
    expect(o["max-overlap"].se).toBeUndefined();
  });

  it("before the readouts, and when random TopK was not simulated: a dash, no value", async () => {
    const r = { ...(await report("exact")), readouts: undefined, randomThreshold: undefined, randomTopk: { reason: "n is too large" } };
    const o = dictionaryOutputs(r);
    for (const name of ["misreads-threshold", "misreads-topk", "random-misreads-threshold"] as const)
      expect(o[name]).toMatchObject({ value: undefined, text: "—" });
    expect(o["random-misreads-topk"]).toMatchObject({ value: undefined, text: "not simulated" });
  });

  it("random pairs above s: m(m − 1)·P(t > s), at n = 3 where t is uniform", () => {
    expect(randomPairsAbove(3, 10, 0.5).value).toBeCloseTo(90 * 0.25, 12);
    expect(randomPairsAbove(2304, 16384, 0.5).log10).toBeLessThan(-100);
  });
});

describe("the files", () => {
  it("CSV: the settings, then one row per output with its value in full and its error", async () => {
    const r = await report("sampled", 7);
    const csv = dictionaryCsv(r);
    const rows = csv.trim().split("\r\n");
    expect(rows[0]).toBe("quantity,value,standard_error,shown,meaning");
    const byName = new Map(rows.slice(1).map((row) => [row.split(",")[0], row]));
    expect(byName.get("file")).toMatch(/^file,my decoder.npy,/);
    expect(byName.get("l0")).toBe("l0,7,,,setting");
    const rms = r.measured.geometry.rmsOverlap;
    expect(byName.get("rms-overlap")).toMatch(new RegExp(`^rms-overlap,${rms.value},${rms.se},`));
    for (const name of DICTIONARY_OUTPUTS) expect(byName.has(name), name).toBe(true);
    expect(csv).not.toMatch(/NaN|Infinity|undefined/);
  });

  it("JSON: the same numbers, the histogram with random directions' expected counts, and the seed", async () => {
    const r = await report("exact");
    const json = JSON.parse(dictionaryJson(r, "https://example.org/measure-a-dictionary/")) as {
      source: string;
      settings: { seed: number; tokens: number; l0: number; latentAxis: string };
      outputs: Record<string, { value: unknown; se?: number }>;
      histogram: { bins: number; pairs: number; counts: number[]; randomExpected: number[] };
      maxOverlapPair: number[];
    };
    const o = dictionaryOutputs(r);
    for (const name of DICTIONARY_OUTPUTS) expect(json.outputs[name]!.value, name).toEqual(o[name].value);
    expect(json.settings).toMatchObject({ seed: 2, tokens: 300, l0: 5, latentAxis: "rows" });
    expect(json.histogram.counts.reduce((a, b) => a + b, 0)).toBe(json.histogram.pairs);
    expect(json.histogram.randomExpected.reduce((a, b) => a + b, 0)).toBeCloseTo(json.histogram.pairs, 6);
    expect(json.maxOverlapPair).toEqual([2, 3]);
  });

  it("names the files after the file and the array, in safe characters", async () => {
    const r = await report("exact");
    expect(dictionaryFileName(r, "csv")).toBe("dictionary-my-decoder-my-decoder.csv");
    expect(
      dictionaryFileName({ ...r, file: { ...r.file, name: "C:\\sae/../=cmd|.safetensors" }, matrix: { ...r.matrix, name: "W_dec" } }, "json"),
    ).toBe("dictionary-cmd-W_dec.json");
  });
});

describe("the figures", () => {
  it("the histogram counts every pair measured, with random directions' line and the three marks", async () => {
    const r = await report("exact");
    const g = r.measured.geometry;
    const options = overlapHistogramFigure(g);
    const marks = options.marks as unknown as { data: { y2?: number; y?: number; label?: string }[] }[];
    const bars = marks[0]!.data;
    expect(bars.reduce((sum, bar) => sum + bar.y2!, 0)).toBe(g.histogram.pairs);
    expect(marks[1]!.data.length).toBeGreaterThan(5);
    // At n = 32 the post's ε is above 1: off the axis, and the description says so.
    expect(histogramMarks(g).map((mark) => [mark.kind, mark.drawn])).toEqual([
      ["welch", true],
      ["random", true],
      ["post", false],
    ]);
    // Welch's floor and 1/√n sit close: one label, right of both.
    expect(marks.at(-1)!.data.map((d) => d.label)).toEqual(["Welch floor, 1/√n"]);
    const description = describeOverlapHistogram(g);
    expect(description).toContain(`all ${g.histogram.pairs.toLocaleString("en-US")} pairs`);
    expect(description).toMatch(/Welch's floor 0\.\d+ \(marked\)/);
    expect(description).toMatch(/The post's ε = 1\.22 \(beyond the axis, not drawn\)/);
    for (const size of [undefined, NARROW_FIGURE]) {
      const svg = renderSvg(overlapHistogramFigure(g, size));
      expect(svg).toMatch(/aria-label="Histogram of \|cos\| over every pair/);
      expect(svg).not.toMatch(/NaN|Infinity|undefined/);
    }
  });

  it("a dictionary with m ≤ n has no Welch floor to draw, and says so", () => {
    const counts = new Float64Array(1000);
    counts[100] = 3;
    const g = {
      mode: "exact" as const,
      n: 8,
      m: 3,
      live: 3,
      dead: 0,
      deadExamples: [],
      rmsOverlap: { value: 0.1, se: 0 },
      meanOverlap: { value: 0.1, se: 0 },
      maxOverlap: { value: 0.1, pair: [0, 1] as const, lowerBound: false },
      pairsAbove05: { value: 0, se: 0 },
      pairsAbove09: { value: 0, se: 0 },
      medianWorstOverlap: { value: 0.1, se: 0 },
      p99WorstOverlap: { value: 0.1, se: 0 },
      comparison: { randomRms: 1 / Math.sqrt(8), randomWorst: 0.5, welch: 0, postEpsilon: Math.sqrt((8 * Math.log(3)) / 8) },
      histogram: { bins: 1000, pairs: 3, counts, random: new Float64Array(1000).fill(0.003) },
      sampled: undefined,
    };
    expect(histogramMarks(g).find((mark) => mark.kind === "welch")?.drawn).toBe(false);
    expect(describeOverlapHistogram(g)).toMatch(/Welch's floor 0 \(beyond the axis, not drawn\)/);
    expect(renderSvg(overlapHistogramFigure(g))).not.toMatch(/NaN|Infinity|undefined/);
  });

  it("the map puts the reader's dictionary first, on the post's limits, beside every published SAE", () => {
    const yours = { n: 2304, m: 16384, l0: 82 };
    const rows = mapRows(yours);
    expect(rows).toHaveLength(SPARSE_AUTOENCODERS.length + 1);
    expect(rows[0]).toMatchObject({ yours: true, l0: 82, typical: 576, label: "Your dictionary: n 2,304, m 16,384, L0 82" });
    expect(rows[0]!.lMax).toBeCloseTo(2304 / (8 * Math.log(16384)), 12);
    // The same shape as Gemma Scope 2B's 16k at L0 82: the same place on the map.
    expect(rows.find((r) => r.label === "Gemma 2 2B · Gemma Scope · layer 12 · 16k · L0 82")!.lMax).toBeCloseTo(rows[0]!.lMax, 12);
    expect(describeDictionaryMap(yours)).toMatch(/L0 = 82: 2\.76 times the post's limit of 29\.7, below the typical limit of 576/);
    const svg = renderSvg(dictionaryMapFigure(yours));
    expect(svg).toContain("Your dictionary: n 2,304, m 16,384, L0 82");
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
  });
});
