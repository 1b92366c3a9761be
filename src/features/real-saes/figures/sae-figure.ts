/**
 * The real-SAEs page's figure: each published sparse autoencoder (src/facts/real-saes.ts) placed on
 * the post's limits. One row per SAE, on a log axis of active features l: the post's strict limit
 * l_max = n / (8 ln m), the typical reading's limit n / 4, and the SAE's L0 between them. Build time
 * only (the page has no island), so the text description lives here too.
 */
import { formatCount, formatNumber } from "../../../numbers/format.ts";
import { saeName, sparseAutoencoderFigures, SPARSE_AUTOENCODERS } from "../../../facts/real-saes.ts";
import { WIDE_FIGURE, type FigureSize } from "../../../plot/figure-size.ts";
import type { PlotOptions } from "../../../plot/plot-api.ts";
import { saeMapFigure } from "../../../plot/sae-map.ts";

function rows() {
  return SPARSE_AUTOENCODERS.map((sae) => {
    const f = sparseAutoencoderFigures(sae);
    return { label: saeName(sae), l0: sae.l0, lMax: f.lMax, typical: f.typicalLimit, past: f.pastLMax };
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

/** The figure (src/plot/sae-map.ts: the published SAEs alone), at `size`. */
export function saeFigure(size: FigureSize = WIDE_FIGURE): PlotOptions {
  return saeMapFigure(
    rows(),
    { title: "Published sparse autoencoders placed on the post's limits", description: describeSaeFigure(), xLabel: "active features per token l →" },
    size,
  );
}
