/**
 * Text descriptions of the toy model's figures (toy-model-figures.ts, toy-model-plane.ts), for
 * screen readers and readers without images, from a run's summary alone. Kept apart from the
 * figures so that the island can caption the build's run without loading Plot.
 */
import { formatCount, formatNumber } from "../../../numbers/format.ts";
import type { ToyModelSettings } from "../engine/settings.ts";
import type { ToyModelSummary } from "../engine/summary.ts";
import { historyInterval } from "../engine/train.ts";

/** A job's settings as the reader typed them: "n = 20, m = 80, S = 0.99, r = 0.9, 3,000 steps, seed 0". */
export function settingsText(s: ToyModelSettings): string {
  return `n = ${formatCount(s.n)}, m = ${formatCount(s.m)}, S = ${String(s.sparsity)}, r = ${String(s.importance)}, ${formatCount(s.steps)} steps, seed ${String(s.seed)}`;
}

/** "no pair", "one pair", "7 pairs". */
function pairs(count: number): string {
  return count === 0 ? "no pair" : count === 1 ? "one pair" : `${formatCount(count)} pairs`;
}

/** "k of the m features are represented …; the other m − k …" */
function representedText(s: ToyModelSummary): string {
  const { m } = s.settings;
  const dropped = m - s.represented;
  const rest = dropped === 0 ? "none is dropped" : `the other ${formatCount(dropped)} ${dropped === 1 ? "is" : "are"} dropped`;
  return `${formatCount(s.represented)} of the ${formatCount(m)} features are represented (‖Wᵢ‖ > ½); ${rest}`;
}

/** Describes the heat map of WᵀW: what a cell is, the colours, the diagonal, the antipodal pairs. */
export function describeGramFigure(s: ToyModelSummary): string {
  const { n, m } = s.settings;
  return (
    `Heat map of the ${formatCount(m)} × ${formatCount(m)} matrix WᵀW of a toy model with n = ${formatCount(n)} neurons, rows and columns ` +
    `in order of importance (feature 1 the most important). The cell in row i and column j is the dot product Wᵢ·Wⱼ of two ` +
    `features' directions: blue where it is positive, red where it is negative, the stronger the colour the larger. ` +
    `${representedText(s)}: a represented feature is a strong blue cell on the diagonal, a dropped one an empty row and column. ` +
    `Off the diagonal, ${pairs(s.antipodalPairs)} of represented features point in nearly opposite directions (antipodal: strong red cells).`
  );
}

/** Describes the bars of each feature's length and superposition. */
export function describeFeaturesFigure(s: ToyModelSummary): string {
  const mean = s.meanSuperposition === undefined ? "" : ` Its mean over the represented features is ${formatNumber(s.meanSuperposition)}.`;
  return (
    `Bar chart of the ${formatCount(s.settings.m)} features in order of importance. Bars up: each feature's length ‖Wᵢ‖, with a dashed ` +
    `line at ½; ${representedText(s)}. Bars down, for the represented features: each one's superposition, the sum over the other features of (Ŵᵢ·Wⱼ)², how much ` +
    `of its direction it shares: 0 for a dimension of its own, about 1 when another feature of full length shares it.${mean}`
  );
}

/** Describes the loss curve: from the first interval's loss to the last one's. */
export function describeLossFigure(s: ToyModelSummary): string {
  const interval = historyInterval(s.settings.steps);
  const each = interval === 1 ? "per step" : `averaged over ${formatCount(interval)} steps at a time`;
  return (
    `Line chart of the training loss (log scale) against the training step, ${each}, for ${settingsText(s.settings)}. ` +
    `The loss goes from ${formatNumber(s.firstLoss)} at the start to ${formatNumber(s.finalLoss)} at the end.`
  );
}

/** One model drawn in the plane figure: its name and its summary. */
export interface PlanePanelText {
  readonly label: string;
  readonly summary: ToyModelSummary;
}

/** Describes the plane figure: per model, the features kept, the angles between them, the pairs. */
export function describePlaneFigure(panels: readonly PlanePanelText[]): string {
  const each = panels.map(({ label, summary: s }) => {
    const angles = s.neighbourAngles ?? [];
    const apart =
      angles.length > 1
        ? `, neighbours ${angles.map((a) => `${formatNumber(a)}°`).join(", ")} apart going round`
        : angles.length === 1
          ? ", alone"
          : "";
    const antipodal = s.antipodalPairs > 0 ? `; ${pairs(s.antipodalPairs)} antipodal` : "";
    return `${label}: ${formatCount(s.represented)} of ${formatCount(s.settings.m)} features represented${apart}${antipodal}.`;
  });
  return (
    `Arrows from the origin to each feature's direction Wᵢ in the plane of two neurons, with the unit circle; represented features ` +
    `(‖Wᵢ‖ > ½) are drawn bold and numbered by importance, dropped ones are short grey arrows near the origin. ${each.join(" ")}`
  );
}
