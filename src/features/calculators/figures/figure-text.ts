/**
 * Text descriptions of the figures, for screen readers and for readers without images. Kept
 * apart from figures.ts so that the islands can show them without loading Plot.
 */
import { histogramSpec } from "../../simulation/engine/sweep.ts";
import { activationLevels, BOOLEAN_ISH_LEVELS, epsilon, maxActiveFeatures, signalBeatsNoise, sparsityNoise } from "../../../math/formulas.ts";
import { allRightBand } from "../../../math/error-rates.ts";
import { coherenceFloor } from "../../../math/packing.ts";
import { MAX_ERROR_RATE_NEURONS } from "../../../math/overlap.ts";
import { formatCount, formatNumber } from "../../../numbers/format.ts";
import { REFERENCE_WIDTHS } from "../../../facts/reference-widths.ts";
import type { Scenario } from "../../../numbers/scenario.ts";
import { expectedMaxOverlap, rmsOverlap } from "../../../math/random-directions.ts";
import { typicalMaxActiveFeatures, typicalNoise, worstNoise } from "../../../math/formulas.ts";
import type { OverlapHistogram } from "../../simulation/engine/stats.ts";
import type { SweepPoint } from "../../simulation/engine/sweep.ts";

/** Describes {@link import("./calculator-figures.ts").epsilonFigure}: what is drawn and where the reader is. */
export function describeEpsilonFigure(s: Scenario): string {
  const widths = REFERENCE_WIDTHS.map((w) => formatCount(w.n)).join(", ");
  return (
    `Line chart of the interference ε = √(8 ln m / n) against the number of features m on a log axis, ` +
    `one curve per width n (${widths} and yours, n = ${formatCount(s.n)}). ε grows slowly with m and ` +
    `shrinks with n. At your m = ${formatCount(s.m)}, ε = ${formatNumber(epsilon(s.n, s.m))}. A dashed curve marks the floor ` +
    `that no arrangement of m directions in your n dimensions can go below (Welch's bound, Levenstein's where higher): ` +
    `${formatNumber(coherenceFloor(s.n, s.m))} at your m.`
  );
}

/** Describes the sparsity figure: the boundary l = n / (8 ln m) and the reader's point. */
export function describeSparsityFigure(s: Scenario): string {
  const verdict = signalBeatsNoise(s.n, s.m, s.l)
    ? `below the line: the signal beats the noise (ε√l = ${formatNumber(sparsityNoise(s.n, s.m, s.l))} < 1)`
    : `above the line: the noise wins (ε√l = ${formatNumber(sparsityNoise(s.n, s.m, s.l))} ≥ 1)`;
  return (
    `Log-log chart of the largest number of simultaneously active features, l = n / (8 ln m), against ` +
    `the number of neurons n, for m = ${formatCount(s.m)} features. The shaded region under the line is ` +
    `where the signal beats the noise. Your point n = ${formatCount(s.n)}, l = ${formatCount(s.l)} lies ${verdict}; ` +
    `the limit at your n is l = ${formatNumber(maxActiveFeatures(s.n, s.m))}.${describeAllRightBand(s)}`
  );
}

/** The sparsity figure's bar: where all m random features are read right 90 % and 50 % of the time. */
function describeAllRightBand(s: Scenario): string {
  if (s.n > MAX_ERROR_RATE_NEURONS) return "";
  const { lAt90, lAt50 } = allRightBand(s.n, s.m);
  if (lAt90 < 1) return ` Even with one feature active, all m random features are read right less than 90 % of the time, so no bar is drawn.`;
  return (
    ` A bar at your n spans l = ${formatCount(lAt90)} to ${formatCount(lAt50)}: with m random features read against ½, ` +
    `all m are read right in 90 % of inputs up to the first and in half of them up to the second.`
  );
}

/** Describes the levels figure: levels fall as 1/√l and the boolean-ish band below 2. */
export function describeLevelsFigure(s: Scenario): string {
  const levels = activationLevels(s.n, s.m, s.l);
  const where = levels < BOOLEAN_ISH_LEVELS ? "inside the boolean-ish band" : "above the boolean-ish band";
  return (
    `Log-log chart of the number of distinguishable activation levels, √(n / (8 l ln m)), against the ` +
    `number of active features l, for n = ${formatCount(s.n)} and m = ${formatCount(s.m)}. Levels fall as ` +
    `1/√l; the band below ${BOOLEAN_ISH_LEVELS} levels is shaded as boolean-ish. At your l = ${formatCount(s.l)} ` +
    `there are ${formatNumber(levels)} levels, ${where}.`
  );
}

// ---- The simulation page's figures ----------------------------------------------------------------

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
