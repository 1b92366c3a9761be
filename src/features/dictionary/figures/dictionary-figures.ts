/**
 * The dictionary page's figures as Plot options, pure functions of a measurement (the island draws
 * them in the browser once a file is measured; nothing is prerendered, there being no file at
 * build time):
 *
 *   overlapHistogramFigure  the |cos| of the pairs measured, counted in bins (log count axis),
 *                           bars; random directions' expected counts for as many pairs, a line;
 *                           Welch's floor, 1/√n and the post's ε as vertical rules
 *   dictionaryMapFigure     /real-saes/'s map (src/features/real-saes/figures/sae-figure.ts draws the
 *                           published rows alone) with the reader's dictionary as its first row
 */
import type { DictionaryGeometry } from "../engine/geometry.ts";
import { common } from "../../../plot/figure-frame.ts";
import { FIGURE_COLOURS } from "../../../plot/finish-figure.ts";
import { WIDE_FIGURE, type FigureSize } from "../../../plot/figure-size.ts";
import { logTicks } from "../../../plot/log-ticks.ts";
import { lineY, rectY, ruleX, text, type PlotOptions } from "../../../plot/plot-api.ts";
import { saeMapFigure } from "../../../plot/sae-map.ts";
import { describeDictionaryMap, describeOverlapHistogram, histogramEnd, histogramMarks, mapRows, type YourDictionary } from "./dictionary-text.ts";

/** Most bars the histogram draws: the engine's 1 000 bins are merged into wider ones to stay under. */
const MOST_BARS = 200;

const MARK_COLOURS = { welch: FIGURE_COLOURS.muted, random: FIGURE_COLOURS.accent, post: FIGURE_COLOURS.danger } as const;

/**
 * The |cos| histogram of a measured dictionary (module header). Bars start at half a pair, the
 * bottom of the log axis; random directions' line stops where they expect fewer than half a pair
 * per bar. Domain: a geometry from the engine (its 1 000-bin histogram over [0, 1]).
 */
export function overlapHistogramFigure(g: DictionaryGeometry, size: FigureSize = WIDE_FIGURE): PlotOptions {
  const { bins, counts, random } = g.histogram;
  const end = histogramEnd(g);
  const merge = Math.max(1, Math.ceil((end * bins) / MOST_BARS));
  const shownBins = Math.ceil((end * bins) / merge);
  const base = 0.5;
  const bars: { x1: number; x2: number; y1: number; y2: number }[] = [];
  const expected: { x: number; y: number }[] = [];
  for (let k = 0; k < shownBins; k++) {
    let count = 0;
    let law = 0;
    for (let b = k * merge; b < Math.min(bins, (k + 1) * merge); b++) {
      count += counts[b]!;
      law += random[b]!;
    }
    const x1 = (k * merge) / bins;
    const x2 = Math.min(1, ((k + 1) * merge) / bins);
    if (count > 0) bars.push({ x1, x2, y1: base, y2: count });
    if (law >= base) expected.push({ x: (x1 + x2) / 2, y: law });
  }
  const top = Math.max(1, ...bars.map((b) => b.y2), ...expected.map((e) => e.y)) * 4;
  const marks = histogramMarks(g).filter((mark) => mark.drawn);
  // Labels right of their rules, a factor 3 apart on the log axis from the top, so neighbours
  // never overlap. Welch's floor sits just left of 1/√n when m ≫ n: two rules that close share one
  // label, right of both, so that no rule runs through a label.
  const labels: { x: number; y: number; label: string }[] = [];
  for (const mark of [...marks].sort((a, b) => a.x - b.x)) {
    const last = labels.at(-1);
    if (last !== undefined && mark.x - last.x < 0.06 * end) labels[labels.length - 1] = { ...last, x: mark.x, label: `${last.label}, ${mark.label}` };
    else labels.push({ x: mark.x, y: top / 3 ** labels.length, label: mark.label });
  }
  const frame = common(
    size,
    g.mode === "exact"
      ? "Histogram of |cos| over every pair of the dictionary's latents"
      : "Histogram of |cos| over the pairs of a sample of the latents",
    describeOverlapHistogram(g),
  );
  return {
    ...frame,
    // Room for "10,000" at the narrow width too.
    marginLeft: (frame.marginLeft ?? 0) + 8,
    marginRight: (frame.marginLeft ?? 0) + 8,
    // The axis title on a line of its own below the tick labels, so it meets none of them.
    marginBottom: 48,
    x: { label: "|cos| between two latents →", labelAnchor: "center", labelOffset: 40, domain: [0, end] },
    y: { type: "log", label: "↑ pairs", grid: true, domain: [base, top], ...logTicks(1, top) },
    marks: [
      rectY(bars, { x1: "x1", x2: "x2", y1: "y1", y2: "y2", fill: FIGURE_COLOURS.accent, fillOpacity: 0.55, insetLeft: 0, insetRight: 0 }),
      lineY(expected, { x: "x", y: "y", stroke: FIGURE_COLOURS.muted, strokeWidth: 2, curve: "step" }),
      ...marks.map((mark) =>
        ruleX([mark.x], {
          stroke: MARK_COLOURS[mark.kind],
          strokeWidth: 1.5,
          strokeDasharray: mark.kind === "post" ? "6,3" : mark.kind === "welch" ? "2,3" : undefined,
        }),
      ),
      text(labels, { x: "x", y: "y", text: "label", dx: 3, dy: 8, textAnchor: "start", fontSize: 10 }),
    ],
  };
}

/**
 * The map of SAEs on the post's limits (src/plot/sae-map.ts) with the reader's dictionary as its
 * first row, highlighted. Domain: n ≥ 1, m ≥ 2, L0 ≥ 1 integers.
 */
export function dictionaryMapFigure(yours: YourDictionary, size: FigureSize = WIDE_FIGURE): PlotOptions {
  return saeMapFigure(
    mapRows(yours),
    {
      title: "Your dictionary placed on the post's limits beside published sparse autoencoders",
      description: describeDictionaryMap(yours),
      xLabel: "latents active per token →",
      highlighted: (row) => row.yours,
    },
    size,
  );
}
