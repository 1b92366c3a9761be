/**
 * The figures of the "typical vs worst case" page, described once as pure functions from a
 * simulation's parameters (and, when there are some, its measurements) to Plot options, like the
 * calculators' figures in figures.ts. The build renders them for its own run (render-svg.ts); the
 * simulation island redraws them in the browser after each run.
 *
 *   noiseModelsFigure      readout noise against l: the post's ε√l, the worst of m readouts
 *                          √(2 ln m · l/n), the typical √(l/n); threshold ½ and signal 1; measured
 *                          points on top
 *   overlapHistogramFigure the m(m−1)/2 pairwise overlaps, counted in bins (log count axis), with
 *                          ±1/√n, ±√(4 ln m/n) and ±ε marked
 */
import { maxActiveFeatures, READOUT_THRESHOLD, sparsityNoise, typicalMaxActiveFeatures, typicalNoise, worstNoise } from "../../../math/formulas.ts";
import { sweepTop, type SweepPoint } from "../engine/sweep.ts";
import { common, X_TITLE } from "../../../plot/figure-frame.ts";
import { placedLabels, type PlacedLabel } from "../../../plot/labels.ts";
import { WIDE_FIGURE, type FigureSize } from "../../../plot/figure-size.ts";
import { describeNoiseModelsFigure, describeOverlapHistogram, overlapMarks, type MeasuredOverlaps, type SimulatedLayer } from "./simulation-text.ts";
import { dot, lineY, rectY, ruleX, ruleY, type PlotOptions } from "../../../plot/plot-api.ts";
import { FIGURE_COLOURS } from "../../../plot/finish-figure.ts";
import { logTicks } from "../../../plot/log-ticks.ts";
import { logSpaceIntegers } from "../../../plot/sampling.ts";

const DEFAULT_SIZE = WIDE_FIGURE;

const SAMPLES = 64;

/** One colour per model, the same in both simulation figures. */
export const MODEL_COLOURS = {
  post: FIGURE_COLOURS.muted,
  worst: FIGURE_COLOURS.danger,
  typical: FIGURE_COLOURS.accent,
} as const;

/**
 * Readout noise against the number of active features l (log–log), for the layer's n and m:
 * three curves, each the answer to its own question, with the threshold ½ and the signal 1 as
 * horizontal rules, and the l where the worst and typical curves cross ½ marked. `points` are a
 * sweep's measurements: the RMS noise of the inactive readouts (expected on the typical curve) and
 * the mean worst noise of the m readouts (expected a little under the worst curve).
 * Domain: n ≥ 1, m ≥ 2, 1 ≤ l ≤ m integers; points with l in 1 … m.
 */
export function noiseModelsFigure(layer: SimulatedLayer, points: readonly SweepPoint[] = [], size: FigureSize = DEFAULT_SIZE): PlotOptions {
  const { n, m, l } = layer;
  const lTo = Math.max(2, sweepTop(n, m, l), ...points.map((p) => p.l));
  const ls = logSpaceIntegers(1, lTo, SAMPLES);
  const curves = [
    { model: "post", label: "post: ε√l", noise: (x: number) => sparsityNoise(n, m, x) },
    { model: "worst", label: "worst of m", noise: (x: number) => worstNoise(n, m, x) },
    { model: "typical", label: "typical: √(l/n)", noise: (x: number) => typicalNoise(n, x) },
  ] as const;
  const rows = curves.flatMap((c) => ls.map((x) => ({ l: x, noise: c.noise(x), model: c.model })));
  const ends = curves.map((c) => ({ l: lTo, noise: c.noise(lTo), label: c.label, model: c.model }));
  const typicalPoints = points.filter((p) => p.inactiveRms !== undefined && p.inactiveRms > 0).map((p) => ({ l: p.l, noise: p.inactiveRms! }));
  const worstPoints = points.filter((p) => p.worstMean > 0).map((p) => ({ l: p.l, noise: p.worstMean }));
  const yFrom = Math.min(typicalNoise(n, 1), ...typicalPoints.map((p) => p.noise)) / 1.6;
  const yTo = Math.max(sparsityNoise(n, m, lTo), 1, ...worstPoints.map((p) => p.noise)) * 1.6;
  const crossings = [
    { l: maxActiveFeatures(n, m), label: "n / (8 ln m)" },
    { l: typicalMaxActiveFeatures(n), label: "n / 4" },
  ].filter((c) => c.l >= 1 && c.l <= lTo);
  const yTicks = logTicks(yFrom, yTo);
  const labels: PlacedLabel[] = ends.map((e) => ({ x: e.l, y: e.noise, text: e.label, side: "margin", colour: MODEL_COLOURS[e.model] }));
  // The rules' and crossings' names inside the frame, placed as one set so none meets another.
  const inside: PlacedLabel[] = [
    { x: 1, y: 1, text: "signal 1", side: "above" },
    { x: 1, y: READOUT_THRESHOLD, text: "threshold ½", side: "above" },
    ...crossings.map((c) => ({ x: c.l, y: yFrom, text: c.label, side: "right" as const })),
  ];
  return {
    ...common(
      size,
      "Readout noise against active features l: the post's bound, the worst of m readouts, a typical readout",
      describeNoiseModelsFigure(layer, points),
      { yTicks: yTicks.ticks.map(yTicks.tickFormat), labels },
    ),
    x: { type: "log", label: "active features l →", domain: [1, lTo], ...X_TITLE, ...logTicks(1, lTo) },
    y: { type: "log", label: "↑ readout noise", grid: true, domain: [yFrom, yTo], ...yTicks },
    marks: [
      ruleY([1], { strokeDasharray: "4,3", strokeOpacity: 0.7 }),
      ruleY([READOUT_THRESHOLD], { strokeDasharray: "1,3", strokeOpacity: 0.9 }),
      ruleX(crossings, { x: "l", y1: yFrom, y2: READOUT_THRESHOLD, strokeDasharray: "2,3", strokeOpacity: 0.6 }),
      ...curves.map((c) =>
        lineY(
          rows.filter((r) => r.model === c.model),
          {
            x: "l",
            y: "noise",
            stroke: MODEL_COLOURS[c.model],
            strokeWidth: c.model === "post" ? 1.75 : 2.5,
            strokeDasharray: c.model === "post" ? "6,3" : undefined,
          },
        ),
      ),
      placedLabels(labels),
      placedLabels(inside),
      dot(typicalPoints, { x: "l", y: "noise", r: 4.5, fill: MODEL_COLOURS.typical, stroke: FIGURE_COLOURS.background, symbol: "circle" }),
      dot(worstPoints, { x: "l", y: "noise", r: 4.5, fill: MODEL_COLOURS.worst, stroke: FIGURE_COLOURS.background, symbol: "square" }),
    ],
  };
}

/**
 * The pairwise overlaps of one embedding, as bars over the histogram's bins (log count axis: the
 * rare largest overlaps stay visible), with vertical rules at ±1/√n (their RMS), ±√(4 ln m/n)
 * (where the largest of the m(m−1)/2 is expected) and ±ε (the post's bound).
 * Domain: a histogram from the engine, for these n ≥ 1 and m ≥ 2.
 */
export function overlapHistogramFigure(layer: SimulatedLayer, overlaps: MeasuredOverlaps, size: FigureSize = DEFAULT_SIZE): PlotOptions {
  const { n, m } = layer;
  const { from, to, counts } = overlaps.histogram;
  const width = (to - from) / counts.length;
  const base = 0.5;
  const bars = counts.flatMap((count, b) => (count > 0 ? [{ x1: from + b * width, x2: from + (b + 1) * width, y1: base, y2: count }] : []));
  const top = Math.max(1, ...counts) * 4;
  const marks = overlapMarks(n, m)
    .filter((mark) => mark.drawn)
    .map((mark) => ({ ...mark, colour: MODEL_COLOURS[mark.model] }));
  // Each rule's name right of it at the top, the three spread apart however close the rules are.
  const labels: PlacedLabel[] = marks.map((mark) => ({ x: mark.x, y: top, text: mark.label, side: "right" }));
  const both = marks.flatMap((r) => [{ ...r, x: -r.x }, r]);
  const yTicks = logTicks(1, top);
  const frame = common(size, "Histogram of the pairwise overlaps of the simulated features", describeOverlapHistogram(layer, overlaps), {
    yTicks: yTicks.ticks.map(yTicks.tickFormat),
  });
  return {
    ...frame,
    // Symmetric margins: the histogram is symmetric about 0.
    marginRight: frame.marginLeft,
    x: { label: "overlap ⟨vᵢ, vⱼ⟩ of two features →", domain: [from, to], ...X_TITLE },
    y: { type: "log", label: "↑ pairs", grid: true, domain: [base, top], ...yTicks },
    marks: [
      rectY(bars, { x1: "x1", x2: "x2", y1: "y1", y2: "y2", fill: MODEL_COLOURS.typical, fillOpacity: 0.55, insetLeft: 0, insetRight: 0 }),
      ...marks.map((r) =>
        ruleX(
          both.filter((b) => b.label === r.label),
          { x: "x", stroke: r.colour, strokeWidth: 1.5, strokeDasharray: r.label.startsWith("ε") ? "6,3" : undefined },
        ),
      ),
      placedLabels(labels),
    ],
  };
}
