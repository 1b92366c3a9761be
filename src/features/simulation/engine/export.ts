/**
 * A simulation run as files: its settings and seed (enough to reproduce it exactly), what it
 * measured, and the predictions it is set against: one row per value of l for a sweep, one row for
 * a readout-only run.
 */
import type { LogQuantity } from "../../../math/big-number.ts";
import { toCsv, toJson } from "../../../numbers/export.ts";
import { typicalNoise, worstNoise } from "../../../math/formulas.ts";
import type { LargeReadoutResult } from "./large-readout.ts";
import type { LargeReadoutPredictions } from "./readout-predictions.ts";
import type { SweepSummary } from "./sweep.ts";

/** The file name of a run's export, from its settings: "simulation-n256-m2048-l4-seed1.csv". */
export function sweepFileName(r: SweepSummary, extension: "csv" | "json"): string {
  return `simulation-n${r.n}-m${r.m}-l${r.l}-seed${r.seed}.${extension}`;
}

/** One row per value of l: the settings, the measured noise and the predictions, all m read right. */
export function sweepCsv(r: SweepSummary): string {
  const rows = r.points.map((p) => ({
    n: r.n,
    m: r.m,
    seed: r.seed,
    trials: p.trials,
    l: p.l,
    inactive_rms_noise: p.inactiveRms,
    typical_prediction: typicalNoise(r.n, p.l),
    worst_noise_mean: p.worstMean,
    worst_of_m_prediction: worstNoise(r.n, r.m, p.l),
    all_right_fraction: p.allCorrectFraction,
    // The predicted chance for random features (error-rates.ts: exact for l ≤ 2, a model beyond),
    // and its logarithm for chances below a double's range.
    all_right_predicted: p.exactAllRight.value,
    all_right_predicted_log10: p.exactAllRight.log10,
  }));
  return toCsv(
    [
      "n",
      "m",
      "seed",
      "trials",
      "l",
      "inactive_rms_noise",
      "typical_prediction",
      "worst_noise_mean",
      "worst_of_m_prediction",
      "all_right_fraction",
      "all_right_predicted",
      "all_right_predicted_log10",
    ],
    rows,
  );
}

/** The whole run: settings, overlaps measured over all pairs, the readouts at the reader's l, every point. */
export function sweepJson(r: SweepSummary, source?: string): string {
  return toJson({
    what: "A simulation of m random unit feature directions in n dimensions: all pairwise overlaps, and readouts with l features active",
    source,
    settings: { n: r.n, m: r.m, l: r.l, seed: r.seed, trials: r.trials },
    overlaps: { rms: r.rmsOverlap, meanAbs: r.meanAbsOverlap, maxAbs: r.maxOverlap },
    readout: { l: r.l, inactiveRms: r.rmsNoise, worstMean: r.worstNoise, allRight: r.allCorrect, allRightFraction: r.allCorrectFraction },
    points: r.points,
  });
}

/** The file name of a readout-only run's export: "readout-n3584-m1048576-l193-seed1.csv". */
export function largeReadoutFileName(r: LargeReadoutResult, extension: "csv" | "json"): string {
  const { n, m, l, seed } = r.params;
  return `readout-n${n}-m${m}-l${l}-seed${seed}.${extension}`;
}

const value = (q: LogQuantity | 0): number | undefined => (q === 0 ? 0 : q.value);
const log10 = (q: LogQuantity | 0): number | undefined => (q === 0 ? undefined : q.log10);

/** One row: the settings, each measured quantity, and its prediction for random directions. */
export function largeReadoutCsv(r: LargeReadoutResult, predicted: LargeReadoutPredictions): string {
  const { n, m, l, seed, trials } = r.params;
  const row = {
    n,
    m,
    l,
    seed,
    trials,
    misreads_per_input: r.misreadsMean,
    misreads_per_input_sd: r.misreadsSd,
    misreads_per_input_se: r.misreadsSe,
    expected_misreads_predicted: value(predicted.expectedMisreads),
    false_on_rate: r.falseOnRate,
    p_false_on_predicted: value(predicted.pFalseOn),
    false_off_rate: r.falseOffRate,
    p_false_off_predicted: value(predicted.pFalseOff),
    threshold: r.params.threshold,
    misreads_at_threshold: r.thresholdMisreadsMean,
    misreads_at_threshold_se: r.thresholdMisreadsSe,
    misreads_at_threshold_predicted: value(predicted.misreadsAtThreshold),
    best_threshold: predicted.best.threshold,
    misreads_at_best_threshold_predicted: value(predicted.best.misreads),
    misreads_topk: r.topkMisreadsMean,
    misreads_topk_se: r.topkMisreadsSe,
    misreads_topk_predicted: predicted.topkMisreads === undefined ? undefined : value(predicted.topkMisreads),
    inactive_rms_noise: r.inactiveRms,
    typical_prediction: predicted.inactiveRms,
    active_rms_noise: r.activeRms,
    active_prediction: predicted.activeRms,
    worst_noise_mean: r.worstMean,
    worst_of_m_prediction: predicted.worstNoise,
    all_right_fraction: r.allCorrectFraction,
    all_right_predicted: predicted.allRight.value,
    all_right_predicted_log10: predicted.allRight.log10,
  };
  return toCsv(Object.keys(row) as (keyof typeof row)[], [row]);
}

/** The whole run: settings, what it measured, and the predictions, with their logarithms. */
export function largeReadoutJson(r: LargeReadoutResult, predicted: LargeReadoutPredictions, source?: string): string {
  return toJson({
    what:
      "A readout-only simulation of m random unit feature directions in n dimensions, regenerated on demand: " +
      "every feature read on random inputs with l features active, against the threshold 1/2, against a second threshold, " +
      "and by TopK (the l largest readouts of each input taken as on)",
    source,
    settings: r.params,
    measured: {
      misreadsPerInput: r.misreadsMean,
      misreadsPerInputSd: r.misreadsSd,
      misreadsPerInputSe: r.misreadsSe,
      threshold: r.params.threshold,
      misreadsAtThreshold: r.thresholdMisreadsMean,
      misreadsAtThresholdSe: r.thresholdMisreadsSe,
      falseOnAtThreshold: r.thresholdFalseOn,
      falseOffAtThreshold: r.thresholdFalseOff,
      misreadsTopk: r.topkMisreadsMean,
      misreadsTopkSe: r.topkMisreadsSe,
      falseOn: r.falseOn,
      falseOnRate: r.falseOnRate,
      falseOff: r.falseOff,
      falseOffRate: r.falseOffRate,
      inactiveRms: r.inactiveRms,
      activeRms: r.activeRms,
      worstMean: r.worstMean,
      worstMax: r.worstMax,
      allRight: r.allCorrect,
      allRightFraction: r.allCorrectFraction,
    },
    predicted: {
      expectedMisreads: value(predicted.expectedMisreads),
      expectedMisreadsLog10: log10(predicted.expectedMisreads),
      pFalseOn: value(predicted.pFalseOn),
      pFalseOnLog10: log10(predicted.pFalseOn),
      pFalseOff: value(predicted.pFalseOff),
      pFalseOffLog10: log10(predicted.pFalseOff),
      inactiveRms: predicted.inactiveRms,
      activeRms: predicted.activeRms,
      worstNoise: predicted.worstNoise,
      allRight: predicted.allRight.value,
      allRightLog10: predicted.allRight.log10,
      misreadsAtThreshold: value(predicted.misreadsAtThreshold),
      misreadsAtThresholdLog10: log10(predicted.misreadsAtThreshold),
      bestThreshold: predicted.best.threshold,
      misreadsAtBestThreshold: value(predicted.best.misreads),
      misreadsAtBestThresholdLog10: log10(predicted.best.misreads),
      misreadsTopk: predicted.topkMisreads === undefined ? undefined : value(predicted.topkMisreads),
      misreadsTopkLog10: predicted.topkMisreads === undefined ? undefined : log10(predicted.topkMisreads),
    },
  });
}
