/**
 * The three calculators' figures, each drawn with Plot from the numbers of figure-data.ts (which
 * also gives its text alternative). The build renders them to SVG (render-svg.ts); the islands
 * render the same options in the browser.
 */
import { BOOLEAN_ISH_LEVELS } from "../../../math/formulas.ts";
import { areaY, dot, lineY, rectY, ruleX, ruleY, text, type PlotOptions } from "../../../plot/plot-api.ts";
import {
  describeEpsilonFigure,
  describeLevelsFigure,
  describeSparsityFigure,
  type EpsilonFigureData,
  type FigureData,
  type LevelsFigureData,
  type SparsityFigureData,
} from "./figure-data.ts";
import type { CalculatorName } from "../engine/results.ts";
import { common, X_TITLE } from "../../../plot/figure-frame.ts";
import { placedLabels, type PlacedLabel } from "../../../plot/labels.ts";
import { FIGURE_COLOURS } from "../../../plot/finish-figure.ts";
import { NARROW_BELOW_PX, WIDE_FIGURE, type FigureSize } from "../../../plot/figure-size.ts";
import { logTicks } from "../../../plot/log-ticks.ts";

const DEFAULT_SIZE = WIDE_FIGURE;

/** ε = √(8 ln m / n) against m (log axis) for the reader's n and the reference widths. */
export function epsilonFigure(d: EpsilonFigureData, size: FigureSize = DEFAULT_SIZE): PlotOptions {
  const { mTo, rows, ends, floor } = d;
  const narrow = size.width < NARROW_BELOW_PX;
  const here = { m: d.m, epsilon: d.epsilon };
  // The axis ends just above the highest curve: the rule at ε = 1 (interference as large as the
  // signal) is drawn only when a curve comes near it, not with an empty band below it.
  const highest = Math.max(d.epsilon, ...ends.map((e) => e.epsilon));
  const yTo = highest * 1.12 > 0.75 ? Math.max(1.15, highest * 1.08) : highest * 1.12;
  const unit = yTo >= 1 ? [1] : [];
  const lastFloor = floor.at(-1)!;
  const labels: PlacedLabel[] = [
    ...ends.map((e) => ({ x: e.m, y: e.epsilon, text: narrow ? e.short : e.series, side: "margin" as const, emphasis: e.mine })),
    { x: lastFloor.m, y: lastFloor.floor, text: narrow ? "floor" : "floor, any arrangement", side: "margin", colour: FIGURE_COLOURS.accent },
  ];
  const unitLabel: PlacedLabel[] = unit.map((y) => ({ x: 2, y, text: "ε = 1: as large as a whole signal", side: "above" }));
  return {
    ...common(size, "Interference ε against the number of features m", describeEpsilonFigure(d), { yTicks: ["0.00"], labels }),
    x: { type: "log", label: "features m →", domain: [2, mTo], ...X_TITLE, ...logTicks(2, mTo) },
    y: { label: "↑ interference ε", grid: true, domain: [0, yTo] },
    color: { legend: false },
    marks: [
      ruleY(unit, { strokeDasharray: "4,3", strokeOpacity: 0.6 }),
      lineY(
        rows.filter((r) => !r.mine),
        { x: "m", y: "epsilon", z: "series", strokeOpacity: 0.35, curve: "monotone-x" },
      ),
      lineY(
        rows.filter((r) => r.mine),
        { x: "m", y: "epsilon", strokeWidth: 2.5, stroke: FIGURE_COLOURS.accent },
      ),
      lineY(floor, { x: "m", y: "floor", strokeWidth: 1.75, stroke: FIGURE_COLOURS.accent, strokeDasharray: "5,3" }),
      placedLabels(labels),
      placedLabels(unitLabel),
      dot([here], { x: "m", y: "epsilon", r: 5, fill: FIGURE_COLOURS.accent, stroke: FIGURE_COLOURS.background }),
    ],
  };
}

/** The largest l, n / (8 ln m), against n (log axes) for the reader's m, with (n, l) marked. */
export function sparsityFigure(d: SparsityFigureData, size: FigureSize = DEFAULT_SIZE): PlotOptions {
  const { nFrom, nTo, curve, beats, band } = d;
  const here = { n: d.n, l: d.l };
  // Where reading all m random features right goes from 90 % to 50 % of inputs, at the reader's n.
  const bar = band && band.lAt90 >= 1 && band.lAt50 >= band.lAt90 ? [{ n: d.n, from: band.lAt90, to: band.lAt50 }] : [];
  const yTo = Math.min(Number.MAX_VALUE, Math.max(curve.at(-1)?.lMax ?? 1, d.l, ...bar.map((b) => b.to)) * 2);
  const yFrom = Math.min(curve[0]?.lMax ?? 1, d.l, 1) / 2;
  const yTicks = logTicks(yFrom, yTo);
  const last = curve.at(-1)!;
  const end: PlacedLabel[] = [{ x: last.n, y: last.lMax, text: "n / (8 ln m)", side: "margin", colour: FIGURE_COLOURS.accent }];
  // The point's words on one side, the bar's ends on the other: the two never meet.
  const point: PlacedLabel[] = [
    {
      x: d.n,
      y: d.l,
      text: beats ? "signal beats noise" : "noise wins",
      side: "left",
      colour: beats ? FIGURE_COLOURS.accent : FIGURE_COLOURS.danger,
    },
    ...bar.flatMap((b) => [
      { x: b.n, y: b.from, text: "90 %", side: "right" as const },
      { x: b.n, y: b.to, text: "50 %", side: "right" as const },
    ]),
  ];
  return {
    ...common(size, "Largest number of active features l against neurons n", describeSparsityFigure(d), {
      yTicks: yTicks.ticks.map(yTicks.tickFormat),
      labels: end,
    }),
    x: { type: "log", label: "neurons n →", domain: [nFrom, nTo], ...X_TITLE, ...logTicks(nFrom, nTo) },
    y: { type: "log", label: "↑ active features l", grid: true, domain: [yFrom, yTo], ...yTicks },
    marks: [
      areaY(curve, { x: "n", y1: yFrom, y2: "lMax", fill: FIGURE_COLOURS.accent, fillOpacity: 0.12 }),
      lineY(curve, { x: "n", y: "lMax", strokeWidth: 2.5, stroke: FIGURE_COLOURS.accent }),
      ruleX(bar, { x: "n", y1: "from", y2: "to", stroke: FIGURE_COLOURS.muted, strokeWidth: 5, strokeOpacity: 0.55 }),
      dot([here], { x: "n", y: "l", r: 5, fill: beats ? FIGURE_COLOURS.accent : FIGURE_COLOURS.danger, stroke: FIGURE_COLOURS.background }),
      placedLabels(end),
      placedLabels(point),
    ],
  };
}

/** Distinguishable levels √(n / (8 l ln m)) against l (log axes), boolean-ish region shaded. */
export function levelsFigure(d: LevelsFigureData, size: FigureSize = DEFAULT_SIZE): PlotOptions {
  const { lTo, curve } = d;
  const here = { l: d.l, levels: d.levels };
  const yFrom = Math.min(curve.at(-1)?.levels ?? 1, 1) / 2;
  const yTo = Math.max(curve[0]?.levels ?? 1, BOOLEAN_ISH_LEVELS) * 2;
  const yTicks = logTicks(yFrom, yTo);
  return {
    ...common(size, "Distinguishable activation levels against active features l", describeLevelsFigure(d), {
      yTicks: yTicks.ticks.map(yTicks.tickFormat),
    }),
    x: { type: "log", label: "active features l →", domain: [1, lTo], ...X_TITLE, ...logTicks(1, lTo) },
    y: { type: "log", label: "↑ distinguishable levels", grid: true, domain: [yFrom, yTo], ...yTicks },
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
        [d.lMax].filter((x) => x >= 1 && x <= lTo),
        { strokeDasharray: "2,3", strokeOpacity: 0.6 },
      ),
      lineY(curve, { x: "l", y: "levels", strokeWidth: 2.5, stroke: FIGURE_COLOURS.accent }),
      dot([here], { x: "l", y: "levels", r: 5, fill: FIGURE_COLOURS.accent, stroke: FIGURE_COLOURS.background }),
    ],
  };
}

/** Each calculator's figure by name, drawn from its data (figure-data.ts), for the build-time and the in-browser renderers alike. */
export const CALCULATOR_FIGURES: { readonly [N in CalculatorName]: (d: FigureData<N>, size?: FigureSize) => PlotOptions } = {
  epsilon: epsilonFigure,
  sparsity: sparsityFigure,
  levels: levelsFigure,
};
