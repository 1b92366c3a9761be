/**
 * The figures of a trained toy model, described once as pure functions from a run to Plot options,
 * like the calculators' (figures.ts): the build renders them for its own run (render-svg.ts), the
 * island redraws them in the browser after each run. The plane picture for n = 2 is in
 * toy-model-plane.ts.
 *
 *   gramFigure      WᵀW as a heat map, diverging around 0 (the paper's signature picture)
 *   featuresFigure  each feature's length ‖Wᵢ‖ (bars up) and superposition (bars down)
 *   lossFigure      the training loss against the step (log axis)
 *
 * Colours are the site's variables (blue for positive, red for negative), so the figures follow the
 * theme; the heat map's strength is an opacity over the page, so 0 is the page itself in both.
 */
import { formatCount, formatNumber } from "../../../numbers/format.ts";
import { REPRESENTED_NORM } from "../engine/geometry.ts";
import { summarizeToyModel, type ToyModelRun } from "../engine/summary.ts";
import { common, X_TITLE } from "../../../plot/figure-frame.ts";
import { FIGURE_COLOURS } from "../../../plot/finish-figure.ts";
import { WIDE_FIGURE, type FigureSize } from "../../../plot/figure-size.ts";
import { logTicks } from "../../../plot/log-ticks.ts";
import { lineY, rectY, ruleY, text, type PlotOptions } from "../../../plot/plot-api.ts";
import { describeFeaturesFigure, describeGramFigure, describeLossFigure } from "./toy-model-text.ts";

const NARROW_BELOW = 480;

/** Ticks at the centres of features 1, 10, 20, … on an axis where feature i spans [i − 1, i]. */
function featureTicks(m: number, narrow: boolean): { ticks: number[]; tickFormat: (d: number) => string } {
  const step = m <= 10 ? 1 : m <= 40 ? 5 : ([10, 20, 50, 100].find((s) => m / s <= (narrow ? 5 : 9)) ?? 100);
  const features =
    m <= 10 ? Array.from({ length: m }, (_, i) => i + 1) : [1, ...Array.from({ length: Math.floor(m / step) }, (_, i) => (i + 1) * step)];
  return { ticks: features.map((f) => f - 0.5), tickFormat: (d: number) => formatCount(d + 0.5) };
}

/** Opacity steps of the heat map: cells are drawn as one path per sign and step (a few dozen paths, not m² rects). */
const LEVELS = 20;

/**
 * The heat map's cells as a Plot render function: per sign and opacity step, one <path> of the
 * cells' squares, skipping cells too faint to see (below half a step).
 */
function heatCells(gram: readonly (readonly number[])[], scale: number) {
  return (
    _index: number[],
    scales: { x?: (v: number) => number; y?: (v: number) => number },
    _values: unknown,
    _dim: unknown,
    context: { document: Document },
  ) => {
    const { x, y } = scales;
    const doc = context.document;
    const g = doc.createElementNS("http://www.w3.org/2000/svg", "g");
    if (!x || !y) return g;
    const paths = new Map<string, string[]>();
    const m = gram.length;
    // Cells are squares of one size: each is a move and the same relative outline, which keeps
    // the markup small and repetitive (it compresses to a fraction).
    const px = (v: number) => Math.round(v * 10) / 10;
    const w = px(x(1) - x(0));
    const h = px(y(1) - y(0));
    const outline = `h${w}v${h}h${-w}z`;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        const v = gram[i]![j]!;
        const level = Math.min(LEVELS, Math.round((Math.abs(v) / scale) * LEVELS));
        if (level === 0) continue;
        const key = `${v > 0 ? "+" : "-"}${level}`;
        const cell = `M${px(x(j))},${px(y(i))}${outline}`;
        const list = paths.get(key);
        if (list) list.push(cell);
        else paths.set(key, [cell]);
      }
    }
    for (const [key, cells] of paths) {
      const path = doc.createElementNS("http://www.w3.org/2000/svg", "path");
      path.setAttribute("fill", key.startsWith("+") ? FIGURE_COLOURS.accent : FIGURE_COLOURS.danger);
      path.setAttribute("fill-opacity", String(Number(key.slice(1)) / LEVELS));
      path.setAttribute("d", cells.join(""));
      g.append(path);
    }
    return g;
  };
}

/**
 * WᵀW as a heat map: row i, column j is Wᵢ·Wⱼ, blue positive and red negative with an opacity in
 * proportion to its size (full at the largest |entry|), rows and columns in order of importance, a
 * colour key beneath. Square cells at any width. Domain: a run's m × m Gram matrix, m ≥ 2.
 */
export function gramFigure(run: ToyModelRun, size: FigureSize = WIDE_FIGURE): PlotOptions {
  const { gram, m } = run.measured;
  const narrow = size.width < NARROW_BELOW;
  const marginLeft = narrow ? 40 : 150;
  const marginRight = narrow ? 12 : 122;
  const side = size.width - marginLeft - marginRight;
  const unit = side / m;
  const scale = Math.max(1e-12, ...gram.flatMap((row) => row.map(Math.abs)));
  // The key: 9 cells from −scale to +scale, 12 px tall, 14 px below the matrix, labels under it.
  const keyTop = m + 14 / unit;
  const keyBottom = keyTop + 12 / unit;
  const bottom = keyBottom + 20 / unit;
  const keyWidth = Math.min(side, 180) / unit;
  const keyCells = Array.from({ length: 9 }, (_, k) => {
    const v = ((k - 4) / 4) * scale;
    return { x1: m / 2 - keyWidth / 2 + (k * keyWidth) / 9, x2: m / 2 - keyWidth / 2 + ((k + 1) * keyWidth) / 9, y1: keyTop, y2: keyBottom, v };
  });
  const keyLabels = [
    { x: keyCells[0]!.x1, label: `−${formatNumber(scale, 2)}`, anchor: "start" },
    { x: m / 2, label: "0", anchor: "middle" },
    { x: keyCells[8]!.x2, label: `+${formatNumber(scale, 2)}`, anchor: "end" },
  ] as const;
  const marginTop = 40;
  return {
    ...common(size, "Heat map of WᵀW: how the features' directions overlap", describeGramFigure(summarizeToyModel(run))),
    width: size.width,
    height: Math.round(marginTop + bottom * unit + 4),
    marginLeft,
    marginRight,
    marginTop,
    marginBottom: 4,
    x: { domain: [0, m], axis: "top", label: "column j: feature", labelAnchor: "center", ...featureTicks(m, narrow) },
    y: { domain: [0, bottom], reverse: true, label: "row i: feature", labelAnchor: "center", ...featureTicks(m, narrow) },
    opacity: { type: "identity" },
    marks: [
      heatCells(gram, scale),
      rectY(
        keyCells.filter((c) => c.v !== 0),
        {
          x1: "x1",
          x2: "x2",
          y1: "y1",
          y2: "y2",
          fill: (c: { v: number }) => (c.v > 0 ? FIGURE_COLOURS.accent : FIGURE_COLOURS.danger),
          fillOpacity: (c: { v: number }) => Math.abs(c.v) / scale,
          insetLeft: 0,
          insetRight: 0,
        },
      ),
      rectY([{ x1: keyCells[0]!.x1, x2: keyCells[8]!.x2, y1: keyTop, y2: keyBottom }], {
        x1: "x1",
        x2: "x2",
        y1: "y1",
        y2: "y2",
        fill: "none",
        stroke: "currentColor",
        strokeOpacity: 0.4,
      }),
      ...keyLabels.map((k) => text([k], { x: "x", y: keyBottom, text: "label", dy: 9, textAnchor: k.anchor, fontSize: 10 })),
      text(["Wᵢ·Wⱼ"], { x: keyCells[0]!.x1, y: (keyTop + keyBottom) / 2, text: (d: string) => d, dx: -6, textAnchor: "end", fontSize: 10 }),
    ],
  };
}

/**
 * Each feature's length ‖Wᵢ‖ as a bar up (a dashed line at ½: longer is represented) and, for the
 * represented ones, its superposition Σ_{j≠i} (Ŵᵢ·Wⱼ)² as a bar down, in order of importance.
 * Domain: a run's norms and superpositions (m ≥ 2 numbers ≥ 0 each).
 */
export function featuresFigure(run: ToyModelRun, size: FigureSize = WIDE_FIGURE): PlotOptions {
  const { norms, superposition, m } = run.measured;
  const narrow = size.width < NARROW_BELOW;
  const up = Math.max(1, ...norms) * 1.08;
  const bars = norms.map((norm, i) => ({ x1: i, x2: i + 1, norm, sup: -superposition[i]!, kept: norm > REPRESENTED_NORM }));
  // A dropped feature's superposition is that of a direction it hardly has: not drawn.
  const kept = bars.filter((b) => b.kept);
  const down = Math.max(0.5, ...kept.map((b) => -b.sup)) * 1.08;
  const inset = m > 100 ? 0 : 0.5;
  return {
    ...common(size, "Each feature's length ‖Wᵢ‖ and superposition", describeFeaturesFigure(summarizeToyModel(run))),
    marginRight: narrow ? 12 : 24,
    x: { domain: [0, m], label: "feature (in order of importance) →", ...X_TITLE, ...featureTicks(m, narrow) },
    y: { domain: [-down, up], label: "↓ superposition · length ‖Wᵢ‖ ↑", grid: true, tickFormat: (d: number) => formatNumber(Math.abs(d), 2) },
    opacity: { type: "identity" },
    marks: [
      rectY(bars, {
        x1: "x1",
        x2: "x2",
        y1: 0,
        y2: "norm",
        fill: FIGURE_COLOURS.accent,
        fillOpacity: (d: { kept: boolean }) => (d.kept ? 1 : 0.45),
        insetLeft: inset,
        insetRight: inset,
      }),
      rectY(kept, { x1: "x1", x2: "x2", y1: "sup", y2: 0, fill: FIGURE_COLOURS.danger, fillOpacity: 0.75, insetLeft: inset, insetRight: inset }),
      ruleY([0]),
      ruleY([REPRESENTED_NORM], { strokeDasharray: "4,3", strokeOpacity: 0.8 }),
    ],
  };
}

/** Ticks of a log axis over a range that may be shorter than a decade: 1, 2, 5 × 10ᵏ then. */
function lossTicks(from: number, to: number): { ticks: number[]; tickFormat: (d: number) => string } {
  const decades = logTicks(from, to);
  if (decades.ticks.length >= 2) return decades;
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(from)); e <= Math.ceil(Math.log10(to)); e++) {
    for (const c of [1, 2, 5]) if (c * 10 ** e >= from && c * 10 ** e <= to) ticks.push(c * 10 ** e);
  }
  return { ticks, tickFormat: (d: number) => formatNumber(d, 1) };
}

/** The training loss against the step, one point per interval of the loss curve (log loss axis). */
export function lossFigure(run: ToyModelRun, size: FigureSize = WIDE_FIGURE): PlotOptions {
  const { history, settings } = run.result;
  const points = history.filter((p) => p.loss > 0);
  const losses = points.map((p) => p.loss);
  const yFrom = losses.length > 0 ? Math.min(...losses) / 1.5 : 1e-6;
  const yTo = losses.length > 0 ? Math.max(...losses) * 1.5 : 1;
  return {
    ...common(size, "Training loss against the step", describeLossFigure(summarizeToyModel(run))),
    x: {
      domain: [0, settings.steps],
      label: "training step →",
      ...X_TITLE,
      tickFormat: (d: number) => formatCount(d),
      ticks: size.width < NARROW_BELOW ? 3 : 6,
    },
    y: { type: "log", domain: [yFrom, yTo], label: "↑ loss", grid: true, ...lossTicks(yFrom, yTo) },
    marks: [lineY(points, { x: "step", y: "loss", stroke: FIGURE_COLOURS.accent, strokeWidth: 2 })],
  };
}
