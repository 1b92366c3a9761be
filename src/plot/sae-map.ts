/**
 * The map of sparse autoencoders on the post's limits, drawn by /real-saes/ (the published SAEs:
 * src/features/real-saes/figures/sae-figure.ts) and by the dictionary page (the reader's dictionary
 * on its first row: src/features/dictionary/figures/dictionary-figures.ts). One row per SAE on a log
 * axis of latents active per token: a band from the post's limit n / (8 ln m) (red tick) to the
 * typical reading's limit n / 4 (grey tick), and L0 as a dot; a highlighted row (the reader's own)
 * has a larger, outlined dot and its name in bold.
 */
import { common } from "./figure-frame.ts";
import { FIGURE_COLOURS } from "./finish-figure.ts";
import { NARROW_BELOW_PX, type FigureSize } from "./figure-size.ts";
import { logTicks } from "./log-ticks.ts";
import { dot, ruleY, text, tickX, type PlotOptions } from "./plot-api.ts";

/** One row of the map: its name, L0, the post's limit n / (8 ln m) and the typical limit n / 4. */
export interface SaeMapRow {
  readonly label: string;
  readonly l0: number;
  readonly lMax: number;
  readonly typical: number;
}

/** The words of one map (its title, text description and x axis's title), and which rows it highlights. */
export interface SaeMapOptions<Row extends SaeMapRow> {
  readonly title: string;
  readonly description: string;
  readonly xLabel: string;
  readonly highlighted?: (row: Row) => boolean;
}

/** Names in the figure, px. */
const FONT_SIZE = 11;

/**
 * The map (module header) of `rows`, in their order, at `size`. The axis runs from half the
 * smallest limit or L0 to twice the largest. Domain: at least one row, every number finite and
 * positive (logTicks throws a RangeError otherwise).
 */
export function saeMapFigure<Row extends SaeMapRow>(rows: readonly Row[], options: SaeMapOptions<Row>, size: FigureSize): PlotOptions {
  const isHighlighted = options.highlighted ?? (() => false);
  const xFrom = Math.min(...rows.map((r) => Math.min(r.lMax, r.l0))) / 2;
  const xTo = Math.max(...rows.map((r) => Math.max(r.typical, r.l0))) * 2;
  const plain = rows.filter((r) => !isHighlighted(r));
  const highlighted = rows.filter(isHighlighted);
  // A phone has no room for a name on one line ("Gemma 2 9B · Gemma Scope · layer 20 · 131k · L0 276"
  // is wider than its figure): there names wrap to the figure's width, over two lines a row.
  const narrow = size.width < NARROW_BELOW_PX;
  const rowHeight = narrow ? 64 : 44;
  const name = {
    y: "label",
    x: xFrom,
    text: "label",
    // Each row's band is half its height (padding 0.5): a name ends 2 px above its ticks.
    dy: -(rowHeight / 4 + 2),
    lineAnchor: "bottom",
    lineWidth: narrow ? (size.width - 32) / FONT_SIZE : undefined,
    textAnchor: "start",
    fontSize: FONT_SIZE,
  } as const;
  return {
    ...common(size, options.title, options.description),
    height: 64 + rowHeight * rows.length,
    marginLeft: 16,
    marginRight: 16,
    marginTop: 24,
    // The axis title on a line of its own below the tick labels, centred, so it meets none of them.
    marginBottom: 48,
    x: { type: "log", label: options.xLabel, labelAnchor: "center", labelOffset: 40, domain: [xFrom, xTo], ...logTicks(xFrom, xTo) },
    // The rows' names stand above them, not in a left margin a phone has no room for.
    y: { axis: null, domain: rows.map((r) => r.label), padding: 0.5 },
    marks: [
      ruleY(rows, { y: "label", x1: "lMax", x2: "typical", stroke: FIGURE_COLOURS.accent, strokeOpacity: 0.25, strokeWidth: 6 }),
      tickX(rows, { y: "label", x: "lMax", stroke: FIGURE_COLOURS.danger, strokeWidth: 2 }),
      tickX(rows, { y: "label", x: "typical", stroke: FIGURE_COLOURS.muted, strokeWidth: 2 }),
      dot(plain, { y: "label", x: "l0", r: 5, fill: FIGURE_COLOURS.accent, stroke: FIGURE_COLOURS.background }),
      ...(highlighted.length > 0
        ? [dot(highlighted, { y: "label", x: "l0", r: 7, fill: FIGURE_COLOURS.danger, stroke: "currentColor", strokeWidth: 1.5 })]
        : []),
      text(plain, name),
      ...(highlighted.length > 0 ? [text(highlighted, { ...name, fontWeight: 700 })] : []),
    ],
  };
}
