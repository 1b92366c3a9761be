import { describe, expect, it } from "vitest";
import { expectedMisreads } from "../../src/math/error-rates.ts";
import {
  largeReadoutCsv,
  largeReadoutFileName,
  largeReadoutJson,
  sweepCsv,
  sweepFileName,
  sweepJson,
} from "../../src/features/simulation/engine/export.ts";
import { largeReadoutPredictions } from "../../src/features/simulation/engine/readout-predictions.ts";
import { simulateLargeReadoutSync } from "../../src/features/simulation/engine/large-readout.ts";
import { simulateSweepSync, summarizeSweep } from "../../src/features/simulation/engine/sweep.ts";
import { toCsv, toJson } from "../../src/numbers/export.ts";
import { typicalNoise } from "../../src/math/formulas.ts";
import type { LogQuantity } from "../../src/math/big-number.ts";
import { bestThreshold, expectedMisreadsAt } from "../../src/math/thresholds.ts";
import { topkMisreads } from "../../src/math/topk-misreads.ts";

describe("toCsv", () => {
  it("writes a header and one row per record, numbers in full precision, RFC 4180 quoting", () => {
    const csv = toCsv(
      ["a", "b", "c"],
      [
        { a: 1 / 3, b: "plain", c: undefined },
        { a: 1e-300, b: 'with, comma and "quotes"', c: true },
      ],
    );
    expect(csv).toBe(`a,b,c\r\n0.3333333333333333,plain,\r\n1e-300,"with, comma and ""quotes""",true\r\n`);
    // Read back, the number is the same double.
    expect(Number(csv.split("\r\n")[1]!.split(",")[0])).toBe(1 / 3);
  });

  it("does not let a spreadsheet run a cell as a formula", () => {
    expect(toCsv(["x"], [{ x: "=HYPERLINK(1)" }])).toBe(`x\r\n"'=HYPERLINK(1)"\r\n`);
    expect(toCsv(["x"], [{ x: -2 }])).toBe("x\r\n-2\r\n");
  });

  it("refuses NaN and Infinity instead of writing them", () => {
    expect(() => toCsv(["x"], [{ x: Number.NaN }])).toThrow(RangeError);
    expect(() => toJson({ deep: [1, Infinity] })).toThrow(/Infinity/);
  });
});

describe("a simulation run as files", () => {
  const outcome = simulateSweepSync({ n: 64, m: 256, l: 2, seed: 7, trials: 20 });
  if (!outcome.ok) throw new Error(outcome.error.message);
  const summary = summarizeSweep(outcome.result);

  it("names the file after its settings", () => {
    expect(sweepFileName(summary, "csv")).toBe("simulation-n64-m256-l2-seed7.csv");
  });

  it("CSV: one row per value of l, with the measurement and its prediction", () => {
    const [header, ...rows] = sweepCsv(summary).trim().split("\r\n");
    const columns = header!.split(",");
    expect(rows).toHaveLength(summary.points.length);
    rows.forEach((row, i) => {
      const cells = Object.fromEntries(row.split(",").map((cell, j) => [columns[j]!, cell]));
      const point = summary.points[i]!;
      expect(Number(cells.l)).toBe(point.l);
      expect(Number(cells.seed)).toBe(7);
      expect(Number(cells.all_right_fraction)).toBe(point.allCorrectFraction);
      expect(Number(cells.typical_prediction)).toBe(Math.sqrt(point.l / 64));
      expect(Number(cells.typical_prediction)).toBe(typicalNoise(64, point.l));
    });
  });

  it("JSON: the settings that reproduce it, and every number it showed", () => {
    const run = JSON.parse(sweepJson(summary, "https://example.org/x"));
    expect(run.settings).toEqual({ n: 64, m: 256, l: 2, seed: 7, trials: 20 });
    expect(run.overlaps.rms).toBe(summary.rmsOverlap);
    expect(run.points).toEqual(JSON.parse(JSON.stringify(summary.points)));
    expect(run.source).toBe("https://example.org/x");
  });
});

describe("a readout-only run as files", () => {
  const outcome = simulateLargeReadoutSync({ n: 96, m: 9000, l: 3, seed: 4, trials: 12, threshold: 0.7 });
  if (!outcome.ok) throw new Error(outcome.error.message);
  const result = outcome.result;
  const predicted = largeReadoutPredictions(result.params);

  it("names the file after its settings", () => {
    expect(largeReadoutFileName(result, "json")).toBe("readout-n96-m9000-l3-seed4.json");
  });

  it("CSV: one row with every measurement beside its prediction", () => {
    const [header, row, ...rest] = largeReadoutCsv(result, predicted).trim().split("\r\n");
    expect(rest).toEqual([]);
    const cells = Object.fromEntries(row!.split(",").map((cell, j) => [header!.split(",")[j]!, cell]));
    expect(Number(cells.misreads_per_input)).toBe(result.misreadsMean);
    expect(Number(cells.expected_misreads_predicted)).toBe(expectedMisreads(96, 9000, 3).value);
    expect(Number(cells.inactive_rms_noise)).toBe(result.inactiveRms);
    expect(Number(cells.typical_prediction)).toBe(typicalNoise(96, 3));
    expect(Number(cells.all_right_predicted_log10)).toBe(predicted.allRight.log10);
    expect(Number(cells.trials)).toBe(12);
    // The second threshold and the TopK reading, each measured beside its prediction.
    expect(Number(cells.threshold)).toBe(0.7);
    expect(Number(cells.misreads_at_threshold)).toBe(result.thresholdMisreadsMean);
    expect(Number(cells.misreads_at_threshold_se)).toBe(result.thresholdMisreadsSe);
    expect(Number(cells.misreads_at_threshold_predicted)).toBe(expectedMisreadsAt(96, 9000, 3, 0.7).value);
    expect(Number(cells.best_threshold)).toBe(bestThreshold(96, 9000, 3).threshold);
    expect(Number(cells.misreads_topk)).toBe(result.topkMisreadsMean);
    expect(Number(cells.misreads_topk_se)).toBe(result.topkMisreadsSe);
    expect(Number(cells.misreads_topk_predicted)).toBe((topkMisreads(96, 9000, 3) as LogQuantity).value);
  });

  it("JSON: the settings that reproduce it, what it measured and the predictions, logarithms included", () => {
    const run = JSON.parse(largeReadoutJson(result, predicted, "https://example.org/y"));
    expect(run.settings).toEqual({ n: 96, m: 9000, l: 3, seed: 4, trials: 12, threshold: 0.7 });
    expect(run.measured.worstMean).toBe(result.worstMean);
    expect(run.measured.misreadsTopk).toBe(result.topkMisreadsMean);
    expect(run.predicted.bestThreshold).toBe(predicted.best.threshold);
    expect(run.measured.allRight).toBe(result.allCorrect);
    expect(run.predicted.pFalseOnLog10).toBe(predicted.pFalseOn.log10);
    expect(run.source).toBe("https://example.org/y");
  });
});
