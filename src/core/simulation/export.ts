/**
 * A simulation run as files: its settings and seed (enough to reproduce it exactly), what it
 * measured, and the predictions it is set against, one row per value of l.
 */
import { toCsv, toJson } from "../export.ts";
import { typicalNoise, worstNoise } from "../formulas.ts";
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
    // The exact chance for random features, and its logarithm for chances below a double's range.
    exact_all_right: p.exactAllRight.value,
    exact_all_right_log10: p.exactAllRight.log10,
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
      "exact_all_right",
      "exact_all_right_log10",
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
