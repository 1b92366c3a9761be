/**
 * The three calculators' figures, each described once as a pure function from a scenario to Plot
 * options. The build renders them to SVG (render-svg.ts); the islands render the same options in
 * the browser. Every number comes from the core.
 */
import { activationLevels, BOOLEAN_ISH_LEVELS, epsilon, maxActiveFeatures, signalBeatsNoise } from "../../../math/formulas.ts";
import { allRightBand } from "../../../math/error-rates.ts";
import { coherenceFloor } from "../../../math/packing.ts";
import { MAX_ERROR_RATE_NEURONS } from "../../../math/overlap.ts";
import { formatCount } from "../../../numbers/format.ts";
import { REFERENCE_WIDTHS } from "../../../facts/reference-widths.ts";
import type { Scenario } from "../../../numbers/scenario.ts";
import { areaY, dot, lineY, rectY, ruleX, ruleY, text, type PlotOptions } from "../../../plot/plot-api.ts";
import { describeEpsilonFigure, describeLevelsFigure, describeSparsityFigure } from "./figure-text.ts";
import { common, endLabel } from "../../../plot/figure-frame.ts";
import type { CalculatorName } from "../engine/results.ts";
import { FIGURE_COLOURS } from "../../../plot/finish-figure.ts";
import { WIDE_FIGURE, type FigureSize } from "../../../plot/figure-size.ts";
import { logTicks } from "../../../plot/log-ticks.ts";
import { logSpace, logSpaceIntegers } from "../../../plot/sampling.ts";

const DEFAULT_SIZE = WIDE_FIGURE;
/** Curves are sampled at this many points: smooth at 640 px, cheap to redraw on every slider step. */
const SAMPLES = 48;

/**
 * Axis ends are a margin beyond the reader's point; near the top of double range that margin
 * would overflow to Infinity, so it is clipped to the largest double (the point stays in frame).
 */
function withinDouble(x: number): number {
  return Math.min(Number.MAX_VALUE, x);
}

/** ε = √(8 ln m / n) against m (log axis) for the reader's n and the reference widths. */
export function epsilonFigure(s: Scenario, size: FigureSize = DEFAULT_SIZE): PlotOptions {
  const mTo = Math.max(1e9, withinDouble(s.m * 100));
  const ms = logSpace(2, mTo, SAMPLES).map((m) => Math.max(2, Math.round(m)));
  // ε ∝ √(ln m) is smooth on a log axis: the faint reference curves need a quarter of the points.
  const coarse = ms.filter((_, i) => i % 4 === 0 || i === ms.length - 1);
  const widths = [...REFERENCE_WIDTHS.filter((w) => w.n !== s.n), { label: `your n`, n: s.n }];
  const rows = widths.flatMap((w) =>
    (w.n === s.n ? ms : coarse).map((m) => ({ m, epsilon: epsilon(w.n, m), series: `${w.label} (n = ${w.n})`, mine: w.n === s.n })),
  );
  const ends = widths.map((w) => ({ m: mTo, epsilon: epsilon(w.n, mTo), series: `${w.label} (n = ${w.n})`, mine: w.n === s.n }));
  const here = { m: s.m, epsilon: epsilon(s.n, s.m) };
  // The floor for any arrangement at the reader's n: zero up to m = n, then Welch's (Levenstein's).
  const floor = ms.map((m) => ({ m, floor: coherenceFloor(s.n, m) }));
  return {
    ...common(size, "Interference ε against the number of features m", describeEpsilonFigure(s)),
    x: { type: "log", label: "features m →", domain: [2, mTo], ...logTicks(2, mTo) },
    y: { label: "↑ interference ε", grid: true, zero: true },
    color: { legend: false },
    marks: [
      ruleY([1], { strokeDasharray: "4,3", strokeOpacity: 0.6 }),
      lineY(
        rows.filter((r) => !r.mine),
        { x: "m", y: "epsilon", z: "series", strokeOpacity: 0.35, curve: "monotone-x" },
      ),
      lineY(
        rows.filter((r) => r.mine),
        { x: "m", y: "epsilon", strokeWidth: 2.5, stroke: FIGURE_COLOURS.accent },
      ),
      lineY(floor, { x: "m", y: "floor", strokeWidth: 1.75, stroke: FIGURE_COLOURS.accent, strokeDasharray: "5,3" }),
      text([floor.at(-1)!], { x: "m", y: "floor", text: () => "floor, any arrangement (your n)", ...endLabel(size), fontSize: 10 }),
      text(ends, { x: "m", y: "epsilon", text: (d: { series: string }) => d.series, ...endLabel(size), fontSize: 10 }),
      dot([here], { x: "m", y: "epsilon", r: 5, fill: FIGURE_COLOURS.accent, stroke: FIGURE_COLOURS.background }),
    ],
  };
}

/** The largest l, n / (8 ln m), against n (log axes) for the reader's m, with (n, l) marked. */
export function sparsityFigure(s: Scenario, size: FigureSize = DEFAULT_SIZE): PlotOptions {
  const nFrom = Math.max(1, Math.min(16, s.n / 4));
  const nTo = Math.max(65536, withinDouble(s.n * 4));
  const ns = logSpaceIntegers(nFrom, nTo, SAMPLES);
  const curve = ns.map((n) => ({ n, lMax: maxActiveFeatures(n, s.m) }));
  const beats = signalBeatsNoise(s.n, s.m, s.l);
  const here = { n: s.n, l: s.l, label: beats ? "signal beats noise" : "noise wins" };
  // Where reading all m random features right goes from 90 % to 50 % of inputs, at the reader's n.
  const band = s.n <= MAX_ERROR_RATE_NEURONS ? allRightBand(s.n, s.m) : undefined;
  const bar = band && band.lAt90 >= 1 && band.lAt50 >= band.lAt90 ? [{ n: s.n, from: band.lAt90, to: band.lAt50 }] : [];
  const yTo = withinDouble(Math.max(curve.at(-1)?.lMax ?? 1, s.l, ...bar.map((b) => b.to)) * 2);
  const yFrom = Math.min(curve[0]?.lMax ?? 1, s.l, 1) / 2;
  return {
    ...common(size, "Largest number of active features l against neurons n", describeSparsityFigure(s)),
    x: { type: "log", label: "neurons n →", domain: [nFrom, nTo], ...logTicks(nFrom, nTo) },
    y: { type: "log", label: "↑ active features l", grid: true, domain: [yFrom, yTo], ...logTicks(yFrom, yTo) },
    marks: [
      areaY(curve, { x: "n", y1: yFrom, y2: "lMax", fill: FIGURE_COLOURS.accent, fillOpacity: 0.12 }),
      lineY(curve, { x: "n", y: "lMax", strokeWidth: 2.5, stroke: FIGURE_COLOURS.accent }),
      text([curve.at(-1)!], { x: "n", y: "lMax", text: () => `l = n / (8 ln m), m = ${formatCount(s.m)}`, ...endLabel(size), fontSize: 10 }),
      ruleX(bar, { x: "n", y1: "from", y2: "to", stroke: FIGURE_COLOURS.muted, strokeWidth: 5, strokeOpacity: 0.55 }),
      // The two ends' labels, left of the bar, nudged apart: the band can be narrow on a log axis.
      text(bar, { x: "n", y: "from", text: () => "90 %", dx: -8, dy: 7, textAnchor: "end", fontSize: 10 }),
      text(bar, { x: "n", y: "to", text: () => "50 %", dx: -8, dy: -7, textAnchor: "end", fontSize: 10 }),
      dot([here], { x: "n", y: "l", r: 5, fill: beats ? FIGURE_COLOURS.accent : FIGURE_COLOURS.danger, stroke: FIGURE_COLOURS.background }),
      text([here], { x: "n", y: "l", text: "label", dy: -12, fontSize: 11 }),
    ],
  };
}

/** Distinguishable levels √(n / (8 l ln m)) against l (log axes), boolean-ish region shaded. */
export function levelsFigure(s: Scenario, size: FigureSize = DEFAULT_SIZE): PlotOptions {
  const lTo = Math.max(2, Math.min(s.m, Math.max(s.l * 10, maxActiveFeatures(s.n, s.m) * 10, 100)));
  const ls = logSpaceIntegers(1, lTo, SAMPLES);
  const curve = ls.map((l) => ({ l, levels: activationLevels(s.n, s.m, l) }));
  const here = { l: s.l, levels: activationLevels(s.n, s.m, s.l) };
  const yFrom = Math.min(curve.at(-1)?.levels ?? 1, 1) / 2;
  const yTo = Math.max(curve[0]?.levels ?? 1, BOOLEAN_ISH_LEVELS) * 2;
  return {
    ...common(size, "Distinguishable activation levels against active features l", describeLevelsFigure(s)),
    x: { type: "log", label: "active features l →", domain: [1, lTo], ...logTicks(1, lTo) },
    y: { type: "log", label: "↑ distinguishable levels", grid: true, domain: [yFrom, yTo], ...logTicks(yFrom, yTo) },
    marks: [
      rectY([{ x1: 1, x2: lTo, y1: yFrom, y2: BOOLEAN_ISH_LEVELS }], {
        x1: "x1",
        x2: "x2",
        y1: "y1",
        y2: "y2",
        fill: FIGURE_COLOURS.danger,
        fillOpacity: 0.1,
      }),
      text([{ l: 1, levels: BOOLEAN_ISH_LEVELS }], {
        x: "l",
        y: "levels",
        text: () => "boolean-ish: fewer than 2 levels",
        dx: 4,
        dy: 10,
        textAnchor: "start",
        fontSize: 10,
      }),
      ruleY([1], { strokeDasharray: "4,3", strokeOpacity: 0.6 }),
      ruleX(
        [maxActiveFeatures(s.n, s.m)].filter((x) => x >= 1 && x <= lTo),
        { strokeDasharray: "2,3", strokeOpacity: 0.6 },
      ),
      lineY(curve, { x: "l", y: "levels", strokeWidth: 2.5, stroke: FIGURE_COLOURS.accent }),
      dot([here], { x: "l", y: "levels", r: 5, fill: FIGURE_COLOURS.accent, stroke: FIGURE_COLOURS.background }),
    ],
  };
}

/** Each calculator figure by name, for the build-time and the in-browser renderers alike. */
export const CALCULATOR_FIGURES = { epsilon: epsilonFigure, sparsity: sparsityFigure, levels: levelsFigure } as const satisfies Record<
  CalculatorName,
  (s: Scenario, size?: FigureSize) => PlotOptions
>;
