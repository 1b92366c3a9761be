/**
 * A trained toy model as what the page shows and what a reader takes away: its summary (hand-built
 * weights with known geometry, and the random-direction yardstick against a measurement), and its
 * CSV and JSON files (settings and seed, every feature, the loss curve, W and b).
 */
import { describe, expect, it } from "vitest";
import { createRandom, fillGaussians } from "../../src/math/random.ts";
import { toyModelCsv, toyModelFileName, toyModelJson } from "../../src/features/toy-model/engine/export.ts";
import { readoutNoise } from "../../src/features/toy-model/engine/measure.ts";
import { measureToyModel } from "../../src/features/toy-model/engine/measure.ts";
import { antipodalPairs, randomReadoutNoise, summarizeToyModel, type ToyModelRun } from "../../src/features/toy-model/engine/summary.ts";
import type { ToyModelResult } from "../../src/features/toy-model/engine/train.ts";
import { trainToyModelSync } from "../../src/features/toy-model/engine/train.ts";

/** A hand-built "trained" model: W given by columns (feature directions), with a made-up loss curve. */
function handBuilt(columns: [number, number][], b: number[], sparsity = 0.9): ToyModelRun {
  const m = columns.length;
  const W = [...columns.map((c) => c[0]), ...columns.map((c) => c[1])];
  const result: ToyModelResult = {
    settings: { n: 2, m, sparsity, importance: 0.9, steps: 4, seed: 3 },
    kernel: "js",
    W,
    b,
    history: [
      { step: 2, loss: 0.5 },
      { step: 4, loss: 0.25 },
    ],
    finalLoss: 0.25,
  };
  return { result, measured: measureToyModel(result, 200) };
}

// Features 1 and 2 antipodal, 3 at right angles to both, 4 dropped (length 0.1).
const PAIR = handBuilt(
  [
    [1, 0],
    [-1, 0],
    [0, 1],
    [0.1, 0],
  ],
  [-0.2, -0.1, 0.05, 0],
);

describe("the summary", () => {
  it("counts represented features and antipodal pairs, and averages the bias over the represented ones", () => {
    const s = summarizeToyModel(PAIR);
    expect(s.represented).toBe(3);
    expect(s.antipodalPairs).toBe(1);
    expect(s.maxOverlap).toBe(1);
    expect(s.meanBias).toBeCloseTo((-0.2 - 0.1 + 0.05) / 3, 15);
    expect(s.neighbourAngles).toEqual([90, 90, 180]);
    expect(s.firstLoss).toBe(0.5);
    expect(s.finalLoss).toBe(0.25);
    expect(s.activeFeatures).toBeCloseTo(0.4, 15);
    // Superposition of a represented feature: (Ŵ₁·W₂)² + (Ŵ₁·W₃)² + (Ŵ₁·W₄)² = 1 + 0 + 0.01.
    expect(PAIR.measured.superposition[0]).toBeCloseTo(1.01, 12);
  });

  it("a pentagon's far neighbours (cos 144°) are not an antipodal pair", () => {
    const gram = Array.from({ length: 5 }, (_, i) => Array.from({ length: 5 }, (_, j) => Math.cos(((i - j) * 2 * Math.PI) / 5)));
    expect(antipodalPairs(gram, [1, 1, 1, 1, 1])).toBe(0);
    // Two opposite directions are a pair, unless one is too short to be represented.
    const opposite = [
      [1, -1],
      [-1, 1],
    ];
    expect(antipodalPairs(opposite, [1, 1])).toBe(1);
    expect(antipodalPairs(opposite, [1, 0.4])).toBe(0);
  });

  it("has no undefined values: absent measurements are absent keys, so it survives JSON as it is", () => {
    const dense = handBuilt(
      [
        [1, 0],
        [0, 0.01],
      ],
      [0, 0],
      0,
    );
    const s = summarizeToyModel(dense);
    // One represented feature: no overlaps, no Welch floor; S = 0: no inactive feature to read.
    for (const key of ["rmsOverlap", "maxOverlap", "welch", "linearNoise", "reluNoise", "removed"]) expect(s, key).not.toHaveProperty(key);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    expect(Object.values(s).every((v) => v !== undefined)).toBe(true);
  });

  it("the random-direction yardstick √((m − 1)(1 − S)/(3n)) is what random unit directions measure", () => {
    const n = 16;
    const m = 64;
    const S = 0.9;
    const random = createRandom(11, 0);
    const columns: number[][] = [];
    for (let i = 0; i < m; i++) {
      const v = new Float64Array(n);
      fillGaussians(random, v);
      const norm = Math.hypot(...v);
      columns.push(Array.from(v, (x) => x / norm));
    }
    const W = Array.from({ length: n * m }, (_, index) => columns[index % m]![Math.floor(index / m)]!);
    const noise = readoutNoise({ n, m, W, b: new Array<number>(m).fill(0) }, S, 1, 5, 20_000);
    expect(noise.linearRms! / randomReadoutNoise(n, m, S)).toBeCloseTo(1, 1);
  });
});

describe("the files", () => {
  const trained = trainToyModelSync({ n: 3, m: 8, sparsity: 0.8, importance: 0.9, steps: 40, seed: 2 }, "js");
  if (!trained.ok) throw new Error(trained.error.message);
  const run: ToyModelRun = { result: trained.result, measured: measureToyModel(trained.result, 300) };

  it("are named by the settings and seed", () => {
    expect(toyModelFileName(run.result.settings, "csv")).toBe("toy-model-n3-m8-S0.8-r0.9-steps40-seed2.csv");
    expect(toyModelFileName(run.result.settings, "json")).toBe("toy-model-n3-m8-S0.8-r0.9-steps40-seed2.json");
  });

  it("CSV: one row per feature with the settings and seed, every number in full precision", () => {
    const lines = toyModelCsv(run).trimEnd().split("\r\n");
    expect(lines[0]).toBe("n,m,sparsity,importance_decay,steps,seed,feature,importance,norm,represented,superposition,bias");
    expect(lines).toHaveLength(1 + 8);
    const rows = lines.slice(1).map((line) => line.split(","));
    rows.forEach((cells, i) => {
      expect(cells.slice(0, 7)).toEqual(["3", "8", "0.8", "0.9", "40", "2", String(i + 1)]);
      expect(Number(cells[7])).toBeCloseTo(0.9 ** i, 12);
      expect(Number(cells[8])).toBe(run.measured.norms[i]);
      expect(cells[9]).toBe(String(run.measured.norms[i]! > 0.5));
      expect(Number(cells[10])).toBe(run.measured.superposition[i]);
      expect(Number(cells[11])).toBe(run.result.b[i]);
    });
  });

  it("JSON: settings, the page's measurements, every feature, the loss curve, and W as n rows of m with b", () => {
    const data = JSON.parse(toyModelJson(run, "https://example.org/trained-toy-models/?n=3")) as Record<string, unknown>;
    expect(data.source).toBe("https://example.org/trained-toy-models/?n=3");
    expect(data.settings).toEqual({ n: 3, m: 8, sparsity: 0.8, importance: 0.9, steps: 40, seed: 2 });
    expect(data.measured).toEqual(summarizeToyModel(run));
    expect(data.features).toHaveLength(8);
    expect(data.lossCurve).toEqual(run.result.history);
    const W = data.W as number[][];
    expect(W).toHaveLength(3);
    for (const row of W) expect(row).toHaveLength(8);
    expect(W.flat()).toEqual(run.result.W);
    expect(data.b).toEqual(run.result.b);
    expect(toyModelJson(run)).not.toMatch(/NaN|Infinity|null/);
  });
});
