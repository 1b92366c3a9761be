/**
 * The overview's figure: the post's central claim in one picture. Against the number of neurons
 * n, how many feature directions fit at interference ε — the post's m ≲ e^(nε²/8), the inverse of
 * ε = √(8 ln m / n) — for a few tolerances, beside m = n, the most that fit exactly at right
 * angles. Far more directions than neurons fit, and the more interference one accepts, the more
 * fit: the room is paid for in interference. Build time only (the overview has no calculator), so
 * the figure's text description lives here too.
 */
import { featuresForEpsilon } from "../../../math/formulas.ts";
import { formatCount, formatLogQuantity } from "../../../numbers/format.ts";
import { REFERENCE_WIDTHS } from "../../../facts/reference-widths.ts";
import { common, X_TITLE } from "../../../plot/figure-frame.ts";
import { placedLabels, type PlacedLabel } from "../../../plot/labels.ts";
import { FIGURE_COLOURS } from "../../../plot/finish-figure.ts";
import { NARROW_BELOW_PX, WIDE_FIGURE, type FigureSize } from "../../../plot/figure-size.ts";
import { logTicks } from "../../../plot/log-ticks.ts";
import { dot, lineY, type PlotOptions } from "../../../plot/plot-api.ts";
import { logSpaceIntegers } from "../../../plot/sampling.ts";

/** The tolerances drawn: from strict to loose. */
export const OVERVIEW_TOLERANCES = [0.1, 0.2, 0.3] as const;
const N_FROM = 16;
const N_TO = 16384;
/** The width the figure points at: Llama-3-8B's, the calculators' default. */
const EXAMPLE = REFERENCE_WIDTHS.find((w) => w.n === 4096)!;

/** Directions that fit in n neurons at interference ε, e^(nε²/8), as a plain number (< 10⁸¹ here). */
function fits(n: number, eps: number): number {
  return featuresForEpsilon(n, eps).value!;
}

export function describeOverviewFigure(): string {
  const at = OVERVIEW_TOLERANCES.map((eps) => `${formatLogQuantity(featuresForEpsilon(EXAMPLE.n, eps))} at ε = ${eps}`).join(", ");
  return (
    `Log-log chart of how many feature directions fit in n neurons (from ${formatCount(N_FROM)} to ${formatCount(N_TO)}), ` +
    `by the post's estimate m = e^(nε²/8), one curve per interference ε (${OVERVIEW_TOLERANCES.join(", ")}), beside the line m = n: ` +
    `the most directions that fit exactly at right angles. Each curve rises exponentially with n and crosses the line m = n; ` +
    `a looser tolerance crosses it sooner and climbs faster. At the width of ${EXAMPLE.label} (n = ${formatCount(EXAMPLE.n)}) ` +
    `the estimate allows ${at}, against ${formatCount(EXAMPLE.n)} exactly orthogonal directions.`
  );
}

/** The figure, at `size`. */
export function overviewFigure(size: FigureSize = WIDE_FIGURE): PlotOptions {
  const ns = logSpaceIntegers(N_FROM, N_TO, 48);
  const rows = OVERVIEW_TOLERANCES.flatMap((eps) => ns.map((n) => ({ n, m: Math.max(1, fits(n, eps)), series: `ε = ${eps}` })));
  const ends = OVERVIEW_TOLERANCES.map((eps) => ({ n: N_TO, m: fits(N_TO, eps), label: `ε = ${eps}` }));
  const orthogonal = [
    { n: N_FROM, m: N_FROM },
    { n: N_TO, m: N_TO },
  ];
  const examples = OVERVIEW_TOLERANCES.map((eps) => ({ n: EXAMPLE.n, m: fits(EXAMPLE.n, eps) }));
  const yTo = fits(N_TO, Math.max(...OVERVIEW_TOLERANCES)) * 10;
  // A tick every ten powers of ten: the eye reads the climb, not the digits.
  const yTicks = Array.from({ length: Math.floor(Math.log10(yTo) / 10) + 1 }, (_, i) => 10 ** (10 * i));
  const yTickLabels = yTicks.map(logTicks(1, yTo).tickFormat);
  const labels: PlacedLabel[] = [
    { x: N_TO, y: N_TO, text: size.width < NARROW_BELOW_PX ? "m = n" : "m = n, at right angles", side: "margin" },
    ...ends.map((e) => ({ x: e.n, y: e.m, text: e.label, side: "margin" as const, colour: FIGURE_COLOURS.accent })),
  ];
  const example: PlacedLabel = { x: EXAMPLE.n, y: examples.at(-1)!.m, text: `${EXAMPLE.label}, n = ${formatCount(EXAMPLE.n)}`, side: "left" };
  return {
    ...common(size, "Feature directions that fit in n neurons, at three interferences ε, beside n itself", describeOverviewFigure(), {
      yTicks: yTickLabels,
      labels,
    }),
    x: { type: "log", label: "neurons n →", domain: [N_FROM, N_TO], ...X_TITLE, ...logTicks(N_FROM, N_TO) },
    y: { type: "log", label: "↑ feature directions m", grid: true, domain: [1, yTo], ticks: yTicks, tickFormat: logTicks(1, yTo).tickFormat },
    marks: [
      lineY(orthogonal, { x: "n", y: "m", stroke: FIGURE_COLOURS.muted, strokeWidth: 1.5, strokeDasharray: "6,3" }),
      lineY(rows, { x: "n", y: "m", z: "series", stroke: FIGURE_COLOURS.accent, strokeWidth: 2.25 }),
      dot(examples, { x: "n", y: "m", r: 4, fill: FIGURE_COLOURS.accent, stroke: FIGURE_COLOURS.background }),
      placedLabels(labels),
      placedLabels([example]),
    ],
  };
}
