/**
 * Text descriptions of the calculators' figures, for screen readers and for readers without
 * images. Kept apart from calculator-figures.ts so that the islands can show them without loading Plot.
 */
import { activationLevels, BOOLEAN_ISH_LEVELS, epsilon, maxActiveFeatures, signalBeatsNoise, sparsityNoise } from "../../../math/formulas.ts";
import { allRightBand } from "../../../math/error-rates.ts";
import { coherenceFloor } from "../../../math/packing.ts";
import { MAX_ERROR_RATE_NEURONS } from "../../../math/overlap.ts";
import { formatCount, formatNumber } from "../../../numbers/format.ts";
import { REFERENCE_WIDTHS } from "../../../facts/reference-widths.ts";
import type { Scenario } from "../../../numbers/scenario.ts";

/** Describes {@link import("./calculator-figures.ts").epsilonFigure}: what is drawn and where the reader is. */
export function describeEpsilonFigure(s: Scenario): string {
  const widths = REFERENCE_WIDTHS.map((w) => formatCount(w.n)).join(", ");
  return (
    `Line chart of the interference ε = √(8 ln m / n) against the number of features m on a log axis, ` +
    `one curve per width n (${widths} and yours, n = ${formatCount(s.n)}). ε grows slowly with m and ` +
    `shrinks with n. At your m = ${formatCount(s.m)}, ε = ${formatNumber(epsilon(s.n, s.m))}. A dashed curve marks the floor ` +
    `that no arrangement of m directions in your n dimensions can go below (Welch's bound, Levenstein's where higher): ` +
    `${formatNumber(coherenceFloor(s.n, s.m))} at your m.`
  );
}

/** Describes the sparsity figure: the boundary l = n / (8 ln m) and the reader's point. */
export function describeSparsityFigure(s: Scenario): string {
  const verdict = signalBeatsNoise(s.n, s.m, s.l)
    ? `below the line: the signal beats the noise (ε√l = ${formatNumber(sparsityNoise(s.n, s.m, s.l))} < 1)`
    : `above the line: the noise wins (ε√l = ${formatNumber(sparsityNoise(s.n, s.m, s.l))} ≥ 1)`;
  return (
    `Log-log chart of the largest number of simultaneously active features, l = n / (8 ln m), against ` +
    `the number of neurons n, for m = ${formatCount(s.m)} features. The shaded region under the line is ` +
    `where the signal beats the noise. Your point n = ${formatCount(s.n)}, l = ${formatCount(s.l)} lies ${verdict}; ` +
    `the limit at your n is l = ${formatNumber(maxActiveFeatures(s.n, s.m))}.${describeAllRightBand(s)}`
  );
}

/** The sparsity figure's bar: where all m random features are read right 90 % and 50 % of the time. */
function describeAllRightBand(s: Scenario): string {
  if (s.n > MAX_ERROR_RATE_NEURONS) return "";
  const { lAt90, lAt50 } = allRightBand(s.n, s.m);
  if (lAt90 < 1) return ` Even with one feature active, all m random features are read right less than 90 % of the time, so no bar is drawn.`;
  return (
    ` A bar at your n spans l = ${formatCount(lAt90)} to ${formatCount(lAt50)}: with m random features read against ½, ` +
    `all m are read right in 90 % of inputs up to the first and in half of them up to the second.`
  );
}

/** Describes the levels figure: levels fall as 1/√l and the boolean-ish band below 2. */
export function describeLevelsFigure(s: Scenario): string {
  const levels = activationLevels(s.n, s.m, s.l);
  const where = levels < BOOLEAN_ISH_LEVELS ? "inside the boolean-ish band" : "above the boolean-ish band";
  return (
    `Log-log chart of the number of distinguishable activation levels, √(n / (8 l ln m)), against the ` +
    `number of active features l, for n = ${formatCount(s.n)} and m = ${formatCount(s.m)}. Levels fall as ` +
    `1/√l; the band below ${BOOLEAN_ISH_LEVELS} levels is shaded as boolean-ish. At your l = ${formatCount(s.l)} ` +
    `there are ${formatNumber(levels)} levels, ${where}.`
  );
}
