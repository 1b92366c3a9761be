/**
 * Text descriptions of the simulation's figures, for screen readers and for readers without
 * images. Kept apart from simulation-figures.ts so that the islands can show them without loading Plot.
 */
import { histogramSpec, type SweepPoint } from "../engine/sweep.ts";
import type { OverlapHistogram } from "../engine/stats.ts";
import { epsilon, maxActiveFeatures, typicalMaxActiveFeatures, typicalNoise, worstNoise } from "../../../math/formulas.ts";
import { expectedMaxOverlap, rmsOverlap } from "../../../math/random-directions.ts";
import { formatCount, formatNumber } from "../../../numbers/format.ts";

/** The layer a simulation ran on: n neurons, m features, the reader's l active. */
export interface SimulatedLayer {
  readonly n: number;
  readonly m: number;
  readonly l: number;
}

/** A measured value against its model, as "within 3%" / "8% below" for a description. */
function against(measured: number, predicted: number): string {
  const ratio = measured / predicted;
  const percent = Math.round(Math.abs(ratio - 1) * 100);
  return percent <= 3 ? `within ${percent}%` : `${percent}% ${ratio < 1 ? "below" : "above"}`;
}

/** Describes the noise-models figure: the three curves, where they cross ½, and the measured points. */
export function describeNoiseModelsFigure(layer: SimulatedLayer, points: readonly SweepPoint[] = []): string {
  const { n, m } = layer;
  const post = maxActiveFeatures(n, m);
  const typical = typicalMaxActiveFeatures(n);
  let measured = "";
  if (points.length > 0) {
    const typicalRatios = points.filter((p) => p.inactiveRms !== undefined).map((p) => p.inactiveRms! / typicalNoise(n, p.l));
    const worstRatios = points.map((p) => p.worstMean / worstNoise(n, m, p.l));
    const range = (xs: number[]) => (xs.length === 0 ? "" : `${formatNumber(Math.min(...xs))} to ${formatNumber(Math.max(...xs))}`);
    measured =
      ` Measured points at l = ${points.map((p) => formatCount(p.l)).join(", ")}: the RMS noise of the inactive readouts ` +
      `is ${range(typicalRatios)} times √(l/n), on the typical curve; the worst of the m readouts, averaged over the trials, ` +
      `is ${range(worstRatios)} times √(2 ln m · l/n), just under the worst curve.`;
  }
  return (
    `Log-log chart of readout noise against the number of active features l, for n = ${formatCount(n)} neurons and ` +
    `m = ${formatCount(m)} features. Three curves, all growing as √l: highest, the post's bound ε√l; below it by a factor ` +
    `of 2, the worst of the m readouts, √(2 ln m · l/n); lowest, by a further factor √(2 ln m) = ${formatNumber(Math.sqrt(2 * Math.log(m)))}, ` +
    `a typical readout, √(l/n). Horizontal rules mark the threshold ½ and the signal 1. The worst curve crosses ½ at ` +
    `l = n/(8 ln m) = ${formatNumber(post)}, the typical one at l = n/4 = ${formatNumber(typical)}.${measured}`
  );
}

/** The overlaps of one embedding as the histogram figure needs them: the bins and the largest. */
export interface MeasuredOverlaps {
  readonly histogram: OverlapHistogram;
  /** The largest |overlap| of all pairs. */
  readonly maxAbs: number;
  /** Pairs measured: m(m−1)/2. */
  readonly pairs: number;
}

/** One of the three overlaps the histogram marks, and whether it falls inside the axis. */
export interface OverlapMark {
  readonly x: number;
  readonly label: string;
  readonly model: "typical" | "worst" | "post";
  /** False when it lies beyond the histogram's axis (±min(1, 1.2ε)), so no rule is drawn. */
  readonly drawn: boolean;
}

/**
 * The marks of the overlap histogram: ±1/√n (RMS), ±√(4 ln m / n) (expected largest) and ±ε (the
 * post's bound). The figure and its descriptions use this one list, so a text never claims a mark
 * the figure does not draw. Domain: n integer ≥ 1, m integer ≥ 2.
 */
export function overlapMarks(n: number, m: number): OverlapMark[] {
  const end = histogramSpec(n, m).range;
  return [
    { x: rmsOverlap(n), label: "1/√n", model: "typical" as const },
    { x: expectedMaxOverlap(n, m), label: "√(4 ln m / n)", model: "worst" as const },
    { x: epsilon(n, m), label: "ε (post)", model: "post" as const },
  ].map((mark) => ({ ...mark, drawn: mark.x < end }));
}

/** Describes the overlap histogram: how many pairs, where they lie, and the three marks. */
export function describeOverlapHistogram(layer: SimulatedLayer, overlaps: Pick<MeasuredOverlaps, "maxAbs" | "pairs">): string {
  const { n, m } = layer;
  const [rms, largest, post] = overlapMarks(n, m) as [OverlapMark, OverlapMark, OverlapMark];
  const marked = (mark: OverlapMark) => (mark.drawn ? "(marked)" : "(beyond the axis, not drawn)");
  const eps = epsilon(n, m);
  return (
    `Histogram of the ${formatCount(overlaps.pairs)} pairwise overlaps of ${formatCount(m)} random unit vectors in ` +
    `${formatCount(n)} dimensions, with a logarithmic count axis. The overlaps form a bell around 0 whose width is about ` +
    `1/√n = ${formatNumber(rmsOverlap(n))} ${marked(rms)}. The largest in size is ${formatNumber(overlaps.maxAbs)}, ` +
    `${against(overlaps.maxAbs, expectedMaxOverlap(n, m))} the expected largest, √(4 ln m / n) = ${formatNumber(expectedMaxOverlap(n, m))} ` +
    `${marked(largest)}. The post's bound ε = ${formatNumber(eps)} ${marked(post)} ` +
    `${eps > overlaps.maxAbs ? "lies beyond every pair" : "is reached by some pairs"}.`
  );
}
