/**
 * The figures of the toy model's phase change and feature dimensionality, as pure functions from a
 * run to Plot options, like the toy model's others (toy-model-figures.ts): the build renders them
 * for its own runs, the islands redraw them after a run in the reader's browser.
 *
 *   phaseDiagramFigure   the trained grid, each cell coloured by its best model's phase, on log
 *                        axes of density and relative importance; for one neuron the optimal
 *                        theory's boundary (solid), r = 1 between the single-feature phases, the
 *                        canonical boundary (dashed) and a × on every cell the theory disagrees with
 *   dimensionalityFigure n/‖W‖²_F (a line) and every feature's Dᵢ (dots) against 1/(1 − S), with
 *                        the sticky fractions marked and named
 *   postCountFigure      features kept per neuron against the post's count per neuron
 *   overlapsFigure       RMS |cos| of the kept features against the Welch floor and 1/√n
 *
 * Keys are drawn inside each figure (a downloaded file explains itself), below the plot.
 */
import { formatNumber, grouped } from "../../../numbers/format.ts";
import type { DimensionalitySweepResult } from "../engine/dimensionality-sweep.ts";
import { STICKY_GEOMETRIES } from "../engine/feature-dimensionality.ts";
import { DENSITY_RANGE, IMPORTANCE_RANGE, type Phase, type PhaseDiagramResult } from "../engine/phase-diagram.ts";
import type { PhaseDiagramSummary, SweepSummary } from "../engine/phase-summary.ts";
import { canonicalBoundaryDensity, type BoundaryPoint } from "../engine/phase-theory.ts";
import { common } from "../../../plot/figure-frame.ts";
import { FIGURE_COLOURS } from "../../../plot/finish-figure.ts";
import { WIDE_FIGURE, type FigureSize } from "../../../plot/figure-size.ts";
import { dot, lineY, rectY, ruleY, text, type PlotOptions } from "../../../plot/plot-api.ts";
import { describeDimensionality, describeOverlaps, describePhaseDiagram, describePostCount, FRACTION_TEXT, PHASE_STYLES } from "./phase-text.ts";

const NARROW_BELOW = 480;

/** One entry of a key: a swatch of a fill, or a short line (solid or dashed), or a mark. */
interface KeyItem {
  readonly label: string;
  readonly kind: "fill" | "line" | "mark";
  readonly colour: string;
  readonly opacity?: number;
  readonly dashed?: boolean;
}

/** Rows a key of `items` takes at this width (two columns when wide, one when narrow). */
function keyRows(items: readonly KeyItem[], narrow: boolean): number {
  return Math.ceil(items.length / (narrow ? 1 : 2));
}

/** Pixels from the bottom of the frame to the key's first row (under the x axis and its label). */
const KEY_TOP = 56;
const KEY_ROW = 18;

/** A d3 symbol drawing a short horizontal line, for the key's line items. */
const LINE_SYMBOL = {
  draw(context: CanvasPath, size: number) {
    const half = Math.sqrt(size / Math.PI) * 1.6;
    context.moveTo(-half, 0);
    context.lineTo(half, 0);
  },
};

/** The key's marks, anchored at the frame's bottom left and laid out in rows below it. */
function keyMarks(items: readonly KeyItem[], plotWidth: number, narrow: boolean) {
  const columns = narrow ? 1 : 2;
  const column = plotWidth / columns;
  return items.flatMap((item, i) => {
    const dx = (i % columns) * column + 6;
    const dy = KEY_TOP + Math.floor(i / columns) * KEY_ROW;
    const at = { frameAnchor: "bottom-left" as const, dy };
    const swatch =
      item.kind === "fill"
        ? dot([0], {
            ...at,
            dx,
            symbol: "square",
            r: 5.5,
            fill: item.colour,
            fillOpacity: item.opacity ?? 1,
            stroke: "currentColor",
            strokeOpacity: 0.3,
          })
        : item.kind === "line"
          ? dot([0], {
              ...at,
              dx,
              symbol: LINE_SYMBOL,
              r: 5,
              fill: "none",
              stroke: item.colour,
              strokeWidth: 2,
              strokeDasharray: item.dashed ? "4,3" : undefined,
            })
          : dot([0], { ...at, dx, symbol: "times", r: 4, stroke: item.colour, strokeWidth: 1.5 });
    return [swatch, text([item.label], { ...at, dx: dx + 12, text: (d: string) => d, textAnchor: "start", fontSize: 10 })];
  });
}

/** Ticks of the 0.01 … 1 and 0.1 … 10 axes: 1 and 3 in each decade. */
function oneThreeTicks(from: number, to: number): { ticks: number[]; tickFormat: (d: number) => string } {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(from)); e <= Math.ceil(Math.log10(to)); e++) {
    for (const c of [1, 3]) if (c * 10 ** e >= from * (1 - 1e-9) && c * 10 ** e <= to * (1 + 1e-9)) ticks.push(c * 10 ** e);
  }
  return { ticks, tickFormat: (d: number) => formatNumber(d, 1) };
}

/** A cell's edges on a log axis from lo to hi with `cells` cells: lo·(hi/lo)^(i/cells) … ^((i + 1)/cells). */
function edges(lo: number, hi: number, cells: number, i: number): [number, number] {
  return [lo * (hi / lo) ** (i / cells), lo * (hi / lo) ** ((i + 1) / cells)];
}

/** A cell as the figure needs it. */
type FigureCell = Pick<PhaseDiagramResult["cells"][number], "row" | "column" | "density" | "importance" | "phase" | "theory">;

/**
 * The phase diagram of a trained grid (every cell present): a square of cells over density
 * (across) and relative importance (up), both on log axes, each coloured by its best model's
 * phase (a row's neighbouring cells of one phase drawn as one rectangle). For one neuron, `boundary` (the optimal theory's p_opt(r), in increasing r) is drawn solid
 * with the line r = 1 above its peak, the canonical boundary dashed, and a × marks every cell whose
 * phase differs from the theory's. Domain: a merged result; a boundary of at least two points.
 */
export function phaseDiagramFigure(
  result: Pick<PhaseDiagramResult, "settings" | "densities" | "importances"> & { readonly cells: readonly FigureCell[] },
  summary: PhaseDiagramSummary,
  boundary: readonly BoundaryPoint[] | undefined,
  size: FigureSize = WIDE_FIGURE,
): PlotOptions {
  const { shape, densityCells, importanceCells } = result.settings;
  const narrow = size.width < NARROW_BELOW;
  const width = Math.min(size.width, 600);
  const marginLeft = narrow ? 44 : 56;
  const marginRight = narrow ? 14 : 24;
  const side = width - marginLeft - marginRight;
  const oneNeuron = shape === "one-neuron";
  // Neighbouring cells of a row in the same phase drawn as one rectangle: a few dozen in all
  // rather than one per cell, and no seams between them.
  const byIndex = new Map(result.cells.map((cell) => [cell.row * densityCells + cell.column, cell]));
  const cells: { x1: number; x2: number; y1: number; y2: number; phase: Phase }[] = [];
  for (let row = 0; row < importanceCells; row++) {
    const [y1, y2] = edges(IMPORTANCE_RANGE[0], IMPORTANCE_RANGE[1], importanceCells, row);
    for (let column = 0; column < densityCells;) {
      const phase = byIndex.get(row * densityCells + column)?.phase;
      let end = column + 1;
      while (end < densityCells && byIndex.get(row * densityCells + end)?.phase === phase) end++;
      if (phase !== undefined) {
        cells.push({
          x1: edges(DENSITY_RANGE[0], DENSITY_RANGE[1], densityCells, column)[0],
          x2: edges(DENSITY_RANGE[0], DENSITY_RANGE[1], densityCells, end - 1)[1],
          y1,
          y2,
          phase,
        });
      }
      column = end;
    }
  }
  const styles = Object.entries(PHASE_STYLES[shape]) as [Phase, NonNullable<(typeof PHASE_STYLES)[typeof shape][Phase]>][];
  const shownPhases = styles.filter(([phase], i) => i < 3 || result.cells.some((cell) => cell.phase === phase));
  const misses = oneNeuron ? result.cells.filter((cell) => cell.theory !== undefined && cell.phase !== cell.theory.phase) : [];
  const lines =
    oneNeuron && boundary !== undefined && boundary.length >= 2
      ? [
          ...boundary.map((point) => ({ density: point.density, importance: point.importance, line: "optimal" })),
          // Above the boundary's peak the two single-feature phases meet at r = 1.
          ...[boundary.reduce((a, b) => (b.density > a.density ? b : a)).density, DENSITY_RANGE[1]].map((density) => ({
            density,
            importance: 1,
            line: "equal",
          })),
        ]
      : [];
  const canonical = oneNeuron
    ? Array.from({ length: 81 }, (_, i) => {
        const importance = IMPORTANCE_RANGE[0] * (IMPORTANCE_RANGE[1] / IMPORTANCE_RANGE[0]) ** (i / 80);
        return { importance, density: canonicalBoundaryDensity(importance) };
      })
    : [];
  const key: KeyItem[] = [
    ...shownPhases.map(([, style]) => ({ label: style.label, kind: "fill" as const, colour: FIGURE_COLOURS[style.colour], opacity: style.opacity })),
    ...(oneNeuron
      ? [
          { label: "theory: optimal boundary", kind: "line" as const, colour: "currentColor" },
          { label: "canonical solutions' boundary", kind: "line" as const, colour: "currentColor", dashed: true },
          { label: "trained ≠ theory", kind: "mark" as const, colour: "currentColor" },
        ]
      : []),
  ];
  // Room above the frame for the y axis's label, clear of the top tick's.
  const marginTop = 26;
  const marginBottom = KEY_TOP + keyRows(key, narrow) * KEY_ROW;
  return {
    ...common(
      size,
      `Phase diagram of the toy model with ${oneNeuron ? "one neuron and two features" : "two neurons and three features"}`,
      describePhaseDiagram(summary),
    ),
    width,
    height: Math.round(marginTop + side + marginBottom),
    marginLeft,
    marginRight,
    marginTop,
    marginBottom,
    // The label under the ticks, above the key (by default it would sit at the bottom of the margin).
    x: {
      type: "log",
      domain: [...DENSITY_RANGE],
      label: "feature density 1 − S →",
      labelAnchor: "center",
      labelOffset: 34,
      ...oneThreeTicks(...DENSITY_RANGE),
    },
    y: {
      type: "log",
      domain: [...IMPORTANCE_RANGE],
      label: `↑ importance r of feature ${oneNeuron ? "2" : "3"}`,
      ...oneThreeTicks(...IMPORTANCE_RANGE),
    },
    opacity: { type: "identity" },
    marks: [
      ...shownPhases.map(([phase, style]) =>
        rectY(
          cells.filter((cell) => cell.phase === phase),
          {
            x1: "x1",
            x2: "x2",
            y1: "y1",
            y2: "y2",
            fill: FIGURE_COLOURS[style.colour],
            fillOpacity: style.opacity,
            insetLeft: 0,
            insetRight: 0,
            // No hairline seams between neighbouring cells.
            shapeRendering: "crispEdges",
          },
        ),
      ),
      lineY(canonical, { x: "density", y: "importance", stroke: "currentColor", strokeWidth: 1.25, strokeDasharray: "4,3", strokeOpacity: 0.8 }),
      lineY(lines, { x: "density", y: "importance", z: "line", stroke: "currentColor", strokeWidth: 2.25 }),
      dot(misses, { x: "density", y: "importance", symbol: "times", r: 3.5, stroke: "currentColor", strokeWidth: 1.5 }),
      ...keyMarks(key, side, narrow),
    ],
  };
}

/** Ticks of the 1/(1 − S) axis: 1, 2, 5, 10, 20, … within the range. */
function inverseDensityTicks(from: number, to: number): { ticks: number[]; tickFormat: (d: number) => string } {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(from)); e <= Math.ceil(Math.log10(to)); e++) {
    for (const c of [1, 2, 5]) if (c * 10 ** e >= from * (1 - 1e-9) && c * 10 ** e <= to * (1 + 1e-9)) ticks.push(c * 10 ** e);
  }
  return { ticks, tickFormat: (d: number) => formatNumber(d, 1) };
}

/** The x axis shared by the sweep's figures: 1/(1 − S) on a log scale, a little past the models. */
function inverseDensityAxis(sweep: DimensionalitySweepResult) {
  const xs = sweep.points.map((p) => p.inverseDensity);
  const from = Math.min(1, ...xs);
  const to = Math.max(...xs) * 1.15;
  return { type: "log" as const, domain: [from, to], label: "1/(1 − S) →", ...inverseDensityTicks(from, to) };
}

/** Dᵢ rounded to this step and counted per model: one dot per distinct value, not m dots per model. */
const DOT_STEP = 0.01;

/**
 * Dimensions per feature against 1/(1 − S): each model's n/‖W‖²_F joined by a line, each
 * feature's Dᵢ as a dot (values within {@link DOT_STEP} of each other drawn once, the dot's area
 * growing with their number), and the sticky fractions as dashed lines named at the right (at
 * the phone width, by their fraction only). Domain: a merged sweep with at least one model.
 */
export function dimensionalityFigure(sweep: DimensionalitySweepResult, summary: SweepSummary, size: FigureSize = WIDE_FIGURE): PlotOptions {
  const narrow = size.width < NARROW_BELOW;
  const dots = sweep.points.flatMap((point) => {
    const counts = new Map<number, number>();
    for (const d of point.dimensionalities) {
      const at = Math.round(d / DOT_STEP) * DOT_STEP;
      counts.set(at, (counts.get(at) ?? 0) + 1);
    }
    return [...counts].map(([value, count]) => ({ x: point.inverseDensity, value, count }));
  });
  const line = sweep.points.map((p) => ({ x: p.inverseDensity, value: p.dimensionsPerFeature }));
  const fractions = STICKY_GEOMETRIES.map((g) => ({
    value: g.fraction,
    label: narrow
      ? FRACTION_TEXT[g.label]!
      : `${FRACTION_TEXT[g.label]} ${g.label === "1" ? "own dimension" : g.name.replace(" (antipodal pair)", "")}`,
    // ⅖ and ⅜ are 0.025 apart: one label above its line, the other below.
    dy: g.label === "3/8" ? 7 : g.label === "2/5" ? -5 : 0,
  }));
  const x = inverseDensityAxis(sweep);
  return {
    ...common(size, "Dimensions per feature against sparsity, with the sticky fractions", describeDimensionality(sweep, summary)),
    marginRight: narrow ? 22 : 118,
    marginBottom: 40,
    x,
    y: {
      domain: [0, 1.05],
      label: "↑ dimensions per feature",
      grid: false,
      ticks: [0, 0.25, 0.5, 0.75, 1],
      tickFormat: (d: number) => formatNumber(d, 2),
    },
    r: { type: "sqrt", domain: [0, sweep.settings.m], range: [0, 9] },
    marks: [
      ruleY(fractions, { y: "value", stroke: "currentColor", strokeOpacity: 0.35, strokeDasharray: "3,3" }),
      ...fractions.map((f) => text([f], { x: x.domain[1], y: "value", dy: f.dy, text: "label", textAnchor: "start", dx: 4, fontSize: 10 })),
      dot(dots, { x: "x", y: "value", r: "count", fill: FIGURE_COLOURS.accent, fillOpacity: 0.5 }),
      lineY(line, { x: "x", y: "value", stroke: FIGURE_COLOURS.danger, strokeWidth: 2 }),
      dot(line, { x: "x", y: "value", r: 3, fill: FIGURE_COLOURS.danger }),
    ],
  };
}

/**
 * Features kept per neuron (‖Wᵢ‖ > ½) against 1/(1 − S), beside the post's count per neuron (the
 * most features whose l = m(1 − S) stays within its l_max = n/(8 ln m)), on a log axis.
 * Domain: a merged sweep with at least one model.
 */
export function postCountFigure(sweep: DimensionalitySweepResult, size: FigureSize = WIDE_FIGURE): PlotOptions {
  const narrow = size.width < NARROW_BELOW;
  const rows = sweep.points.flatMap((p) => [
    { x: p.inverseDensity, value: p.post.featuresPerNeuron, series: "trained" },
    { x: p.inverseDensity, value: p.post.postFeaturesPerNeuron, series: "post" },
  ]);
  const positive = rows.filter((r) => r.value > 0);
  const yFrom = Math.min(...positive.map((r) => r.value)) / 1.5;
  const yTo = Math.max(...positive.map((r) => r.value)) * 1.5;
  const last = sweep.points.at(-1)!;
  const ends = [
    { x: last.inverseDensity, value: last.post.featuresPerNeuron, label: "trained: kept" },
    { x: last.inverseDensity, value: last.post.postFeaturesPerNeuron, label: "the post's count" },
  ];
  return {
    ...common(size, "Features per neuron: the trained models against the post's count", describePostCount(sweep)),
    marginRight: narrow ? 16 : 110,
    marginBottom: 40,
    x: inverseDensityAxis(sweep),
    y: { type: "log", domain: [yFrom, yTo], label: "↑ features per neuron", grid: true, ...inverseDensityTicks(yFrom, yTo) },
    marks: [
      ruleY([1], { strokeOpacity: 0.5 }),
      lineY(
        positive.filter((r) => r.series === "trained"),
        { x: "x", y: "value", stroke: FIGURE_COLOURS.accent, strokeWidth: 2.5 },
      ),
      dot(
        positive.filter((r) => r.series === "trained"),
        { x: "x", y: "value", r: 3, fill: FIGURE_COLOURS.accent },
      ),
      lineY(
        positive.filter((r) => r.series === "post"),
        { x: "x", y: "value", stroke: FIGURE_COLOURS.danger, strokeWidth: 2, strokeDasharray: "6,3" },
      ),
      text(ends, {
        x: "x",
        y: "value",
        text: "label",
        fontSize: 10,
        ...(narrow ? { textAnchor: "end" as const, dx: -4, dy: -9 } : { textAnchor: "start" as const, dx: 8 }),
      }),
    ],
  };
}

/**
 * The RMS |cos| between each model's kept features against 1/(1 − S), with the Welch floor for
 * that many directions in n dimensions and random directions' 1/√n. Models with fewer than two
 * kept features have no overlap and are left out. Domain: a merged sweep.
 */
export function overlapsFigure(sweep: DimensionalitySweepResult, size: FigureSize = WIDE_FIGURE): PlotOptions {
  const narrow = size.width < NARROW_BELOW;
  const measured = sweep.points.filter((p) => p.post.rmsOverlap !== undefined && p.post.welchFloor !== undefined);
  const trained = measured.map((p) => ({ x: p.inverseDensity, value: p.post.rmsOverlap! }));
  const welch = measured.map((p) => ({ x: p.inverseDensity, value: p.post.welchFloor! }));
  const random = 1 / Math.sqrt(sweep.settings.n);
  const top = Math.max(random, ...trained.map((p) => p.value)) * 1.25;
  const x = inverseDensityAxis(sweep);
  const lastX = sweep.points.at(-1)!.inverseDensity;
  const ends = [
    ...(trained.length > 0 ? [{ x: trained.at(-1)!.x, value: trained.at(-1)!.value, label: "trained", dy: -8 }] : []),
    ...(welch.length > 0 ? [{ x: welch.at(-1)!.x, value: welch.at(-1)!.value, label: "Welch floor", dy: 9 }] : []),
    { x: lastX, value: random, label: "random: 1/√n", dy: -8 },
  ];
  return {
    ...common(size, "Overlaps of the kept features against the Welch floor", describeOverlaps(sweep)),
    marginRight: narrow ? 16 : 96,
    marginBottom: 40,
    x,
    y: { domain: [0, top], label: "↑ RMS |cos| between kept features", grid: true, tickFormat: (d: number) => grouped(d, 2) },
    marks: [
      ruleY([random], { stroke: FIGURE_COLOURS.muted, strokeDasharray: "2,3", strokeWidth: 1.5 }),
      lineY(welch, { x: "x", y: "value", stroke: FIGURE_COLOURS.danger, strokeWidth: 2, strokeDasharray: "6,3" }),
      lineY(trained, { x: "x", y: "value", stroke: FIGURE_COLOURS.accent, strokeWidth: 2.5 }),
      dot(trained, { x: "x", y: "value", r: 3, fill: FIGURE_COLOURS.accent }),
      ...ends.map((end) =>
        text([end], {
          x: "x",
          y: "value",
          text: "label",
          fontSize: 10,
          dy: end.dy,
          ...(narrow ? { textAnchor: "end" as const, dx: -4 } : { textAnchor: "start" as const, dx: 8 }),
        }),
      ),
    ],
  };
}
