/**
 * The real-SAEs page's figure: each published sparse autoencoder (src/facts/real-saes.ts) placed on
 * the post's limits. One row per SAE, on a log axis of active features l: the post's strict limit
 * l_max = n / (8 ln m), the typical reading's limit n / 4, and the SAE's L0 between them. Build time
 * only (the page has no island), so the text description lives here too.
 */
import { formatCount, formatNumber } from "../../../numbers/format.ts";
import { saeName, saeNameParts, sparseAutoencoderFigures, SPARSE_AUTOENCODERS } from "../../../facts/real-saes.ts";
import { common } from "../../../plot/figure-frame.ts";
import { FIGURE_COLOURS } from "../../../plot/finish-figure.ts";
import { NARROW_BELOW_PX, WIDE_FIGURE, type FigureSize } from "../../../plot/figure-size.ts";
import { logTicks } from "../../../plot/log-ticks.ts";
import { dot, ruleY, text, tickX, type PlotOptions } from "../../../plot/plot-api.ts";

function rows() {
  return SPARSE_AUTOENCODERS.map((sae) => {
    const f = sparseAutoencoderFigures(sae);
    const { whose, which } = saeNameParts(sae);
    return { label: saeName(sae), twoLines: `${whose}\n${which}`, l0: sae.l0, lMax: f.lMax, typical: f.typicalLimit, past: f.pastLMax };
  });
}

export function describeSaeFigure(): string {
  const all = rows();
  const past = all.filter((r) => r.past > 1);
  const below = all.filter((r) => r.past <= 1);
  const belowTypical = all.every((r) => r.l0 < r.typical);
  const each = all.map(
    (r) => `${r.label}: L0 is ${formatNumber(r.past)} times the post's limit of ${formatNumber(r.lMax)}; typical limit ${formatCount(r.typical)}`,
  );
  return (
    `Chart with one row per published sparse autoencoder, on a log axis of active features per token. Each row marks the post's limit ` +
    `n / (8 ln m), the typical reading's limit n / 4, and the SAE's L0 as a dot. ${past.length} of the ${all.length} run past the post's ` +
    `limit, by ${formatNumber(Math.min(...past.map((r) => r.past)))} to ${formatNumber(Math.max(...past.map((r) => r.past)))} times; ` +
    `${below.length === 0 ? "none" : below.length} ${below.length === 1 ? "sits" : "sit"} at or below it. ` +
    `${belowTypical ? "Every L0 is below the typical limit n / 4." : "Some L0 pass even the typical limit n / 4."} ${each.join("; ")}.`
  );
}

/** The figure, at `size`. */
export function saeFigure(size: FigureSize = WIDE_FIGURE): PlotOptions {
  const data = rows();
  const xFrom = Math.min(...data.map((r) => r.lMax)) / 2;
  const xTo = Math.max(...data.map((r) => r.typical)) * 2;
  // A phone has no room for a name on one line ("Gemma 2 9B · Gemma Scope · layer 20 · 131k · L0 276"
  // is wider than its figure): there each name takes two lines, the model's and the SAE's.
  const narrow = size.width < NARROW_BELOW_PX;
  const rowHeight = narrow ? 64 : 44;
  // Each row's band is half its height (padding 0.5): a name ends 2 px above its ticks.
  return {
    ...common(size, "Published sparse autoencoders placed on the post's limits", describeSaeFigure()),
    height: 64 + rowHeight * data.length,
    marginLeft: 16,
    marginRight: 16,
    marginTop: 24,
    // The axis title on a line of its own below the tick labels, centred, so it meets none of them.
    marginBottom: 48,
    x: { type: "log", label: "active features per token l →", labelAnchor: "center", labelOffset: 40, domain: [xFrom, xTo], ...logTicks(xFrom, xTo) },
    // The rows' names stand above them, not in a left margin a phone has no room for.
    y: { axis: null, domain: data.map((r) => r.label), padding: 0.5 },
    marks: [
      ruleY(data, { y: "label", x1: "lMax", x2: "typical", stroke: FIGURE_COLOURS.accent, strokeOpacity: 0.25, strokeWidth: 6 }),
      tickX(data, { y: "label", x: "lMax", stroke: FIGURE_COLOURS.danger, strokeWidth: 2 }),
      tickX(data, { y: "label", x: "typical", stroke: FIGURE_COLOURS.muted, strokeWidth: 2 }),
      dot(data, { y: "label", x: "l0", r: 5, fill: FIGURE_COLOURS.accent, stroke: FIGURE_COLOURS.background }),
      text(data, {
        y: "label",
        x: xFrom,
        text: narrow ? "twoLines" : "label",
        dy: -(rowHeight / 4 + 2),
        lineAnchor: "bottom",
        textAnchor: "start",
        fontSize: 11,
      }),
    ],
  };
}
