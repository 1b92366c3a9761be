/**
 * The words of the phase diagrams and the dimensionality sweep: what each phase is called, the
 * letter a table cell shows for it, and the text descriptions of their figures (for screen readers
 * and readers without images). Kept apart from the figures so that an island can caption a run
 * without loading Plot.
 */
import { formatCount, formatNumber } from "../../../numbers/format.ts";
import type { DimensionalitySweepResult } from "../engine/dimensionality-sweep.ts";
import {
  DENSITY_RANGE,
  IMPORTANCE_RANGE,
  logCellCentres,
  type Phase,
  type PhaseDiagramShape,
  type PhaseDiagramSettings,
} from "../engine/phase-diagram.ts";
import { FAR_MARGIN, type PhaseDiagramSummary, type SweepSummary } from "../engine/phase-summary.ts";

/** How a phase is named and shown. */
export interface PhaseStyle {
  /** What the model does, in a few words. */
  readonly label: string;
  /** The short mark of a table cell. */
  readonly letter: string;
  /** The figure's fill: one of the palette's colours, and its opacity over the page (the table's
   * cells use the same mixes: toy-phase.css). */
  readonly colour: "accent" | "danger" | "muted";
  readonly opacity: number;
}

/** The phases of each diagram, in the order of their keys. */
export const PHASE_STYLES: Readonly<Record<PhaseDiagramShape, Partial<Record<Phase, PhaseStyle>>>> = {
  "one-neuron": {
    "feature-1": { label: "feature 1 only", letter: "1", colour: "accent", opacity: 0.45 },
    "feature-2": { label: "feature 2 only", letter: "2", colour: "accent", opacity: 0.15 },
    superposition: { label: "both, in superposition", letter: "S", colour: "danger", opacity: 0.45 },
    neither: { label: "neither", letter: "0", colour: "muted", opacity: 0.2 },
  },
  "two-neurons": {
    "extra-dropped": { label: "feature 3 dropped", letter: "d", colour: "accent", opacity: 0.45 },
    "extra-dedicated": { label: "feature 3 gets a dimension, another is dropped", letter: "D", colour: "accent", opacity: 0.15 },
    superposition: { label: "all three, in superposition", letter: "S", colour: "danger", opacity: 0.45 },
    other: { label: "fewer than two kept", letter: "0", colour: "muted", opacity: 0.2 },
  },
};

/** The style of a phase in a diagram (every phase of a shape has one). */
export function phaseStyle(shape: PhaseDiagramShape, phase: Phase): PhaseStyle {
  const style = PHASE_STYLES[shape][phase];
  if (style === undefined) throw new RangeError(`no phase ${phase} in a ${shape} diagram`);
  return style;
}

/** "one neuron, two features" or "two neurons, three features". */
export function shapeText(shape: PhaseDiagramShape): string {
  return shape === "one-neuron" ? "one neuron, two features" : "two neurons, three features";
}

/** The feature whose importance is r: feature 2 of two, feature 3 of three. */
export function extraFeature(shape: PhaseDiagramShape): string {
  return shape === "one-neuron" ? "feature 2" : "feature 3";
}

/** "20 × 20 cells, 8 models of 1,000 steps each per cell, seed 0". */
export function gridText(settings: PhaseDiagramSettings): string {
  const models = settings.restarts === 1 ? "1 model" : `${formatCount(settings.restarts)} models`;
  return (
    `${formatCount(settings.densityCells)} × ${formatCount(settings.importanceCells)} cells, ${models} of ` +
    `${formatCount(settings.steps)} steps per cell, seed ${String(settings.seed)}`
  );
}

/** "392 of 400 cells", "1 of 400 cells". */
function ofCells(count: number, total: number): string {
  return `${formatCount(count)} of ${formatCount(total)} ${total === 1 ? "cell" : "cells"}`;
}

/** The agreement with the theory in one sentence (one neuron), or the counts by phase (two). */
export function agreementText(summary: PhaseDiagramSummary): string {
  const { theory } = summary;
  if (theory === undefined) {
    const shape = summary.settings.shape;
    const counts = Object.entries(summary.phases).map(([phase, count]) => `${phaseStyle(shape, phase as Phase).label}: ${formatCount(count)}`);
    return `Cells by what the best model does: ${counts.join("; ")}.`;
  }
  const misses =
    theory.farMisses.length === 0
      ? "every one of them"
      : `${formatCount(theory.farAgree)} of them (${theory.farMisses
          .map((miss) => `p = ${formatNumber(miss.density, 2)}, r = ${formatNumber(miss.importance, 2)}: ${miss.trained.replace("-", " ")}`)
          .join("; ")} not)`;
  return (
    `${ofCells(theory.agree, summary.cells)} are in the phase the theory predicts; of the ${formatCount(theory.far)} cells ` +
    `clearly inside a phase (the theory’s margin above ${String(FAR_MARGIN)}), ${misses}.`
  );
}

/** How often a cell's restarts disagreed: local minima. */
export function restartsText(summary: PhaseDiagramSummary): string {
  const { restarts } = summary.settings;
  if (restarts === 1) return "One model per cell: no restart to fall back on when it settles in a local minimum.";
  return (
    `In ${ofCells(summary.mixedRestarts, summary.cells)} at least one of the ${formatCount(restarts)} models ended in another phase than ` +
    `the best one: a local minimum, which the best of ${formatCount(restarts)} overrules.`
  );
}

/** Describes the phase diagram figure: axes, colours, the theory's lines, what the cells show. */
export function describePhaseDiagram(summary: PhaseDiagramSummary): string {
  const { shape, densityCells, importanceCells } = summary.settings;
  const densities = logCellCentres(DENSITY_RANGE[0], DENSITY_RANGE[1], densityCells);
  const importances = logCellCentres(IMPORTANCE_RANGE[0], IMPORTANCE_RANGE[1], importanceCells);
  const range = (values: readonly number[]) => `from ${formatNumber(values[0]!, 2)} to ${formatNumber(values.at(-1)!, 2)}`;
  const theory =
    shape === "one-neuron"
      ? " A solid line marks the theory’s boundary, where superposition stops having the lowest expected loss, and the line r = 1 between the two single-feature phases; a dashed line marks the boundary of the three textbook solutions alone. Cells marked × are in another phase than the theory’s."
      : " No theory is drawn for this diagram.";
  const phases = Object.values(PHASE_STYLES[shape])
    .slice(0, 3)
    .map((s) => s.label)
    .join(", ");
  return (
    `Phase diagram of toy models with ${shapeText(shape)}, trained on a grid of ${gridText(summary.settings)}. ` +
    `Across: feature density 1 − S on a log scale, ${range(densities)} (cell centres). Up: the relative importance r of ` +
    `${extraFeature(shape)}, on a log scale, ${range(importances)}. Each cell is coloured by what its best model does: ${phases}.` +
    `${theory} ${agreementText(summary)}`
  );
}

/** The sticky fractions as the figures write them. */
export const FRACTION_TEXT: Readonly<Record<string, string>> = { "1": "1", "3/4": "¾", "2/3": "⅔", "1/2": "½", "2/5": "⅖", "3/8": "⅜" };

/** The plateaus in words: "n/‖W‖²_F stays at ½ (digon (antipodal pair)) for 1/(1 − S) from 2.50 to 3.96." */
export function plateausText(summary: SweepSummary): string {
  if (summary.plateaus.length === 0) return "No two neighbouring models share a sticky fraction of n/‖W‖²_F.";
  // A plateau at 1 is each kept feature with a dimension of its own, or a dense model still sharing
  // its n dimensions out among many short directions: no geometry is named for it.
  const named = (p: SweepSummary["plateaus"][number]) =>
    p.label === "1" ? "1" : `${FRACTION_TEXT[p.label]} (${p.name.replace(" (antipodal pair)", ", an antipodal pair")})`;
  return `n/‖W‖²_F stays at ${summary.plateaus
    .map((p) => `${named(p)} for 1/(1 − S) from ${formatNumber(p.from)} to ${formatNumber(p.to)}`)
    .join(", and at ")}.`;
}

/** Describes the dimensionality figure: its axes and series, and the plateaus found. */
export function describeDimensionality(sweep: DimensionalitySweepResult, summary: SweepSummary): string {
  const { n, m, steps, seed } = sweep.settings;
  const first = sweep.points[0]!;
  const last = sweep.points.at(-1)!;
  return (
    `Dimensions per feature in ${formatCount(sweep.points.length)} toy models of n = ${formatCount(n)} neurons and m = ${formatCount(m)} ` +
    `equally important features, ${formatCount(steps)} steps each, seed ${String(seed)}. Across: 1/(1 − S), the inverse of the feature ` +
    `density, on a log scale from ${formatNumber(first.inverseDensity, 2)} to ${formatNumber(last.inverseDensity, 2)}. Up: dimensions per ` +
    `feature, 0 to 1. A line joins each model's n/‖W‖²_F, from ${formatNumber(first.dimensionsPerFeature)} to ` +
    `${formatNumber(last.dimensionsPerFeature)}; dots show each feature's dimensionality Dᵢ, larger where several features share a value ` +
    `(dropped features sit at 0). Dashed lines mark the sticky fractions 1, ¾, ⅔, ½, ⅖ and ⅜. ${plateausText(summary)}`
  );
}

/** Describes the post's-view figure: features per neuron trained against the post's count. */
export function describePostCount(sweep: DimensionalitySweepResult): string {
  const rows = sweep.points.map(
    (p) =>
      `at 1/(1 − S) = ${formatNumber(p.inverseDensity, 2)}, ${formatNumber(p.post.featuresPerNeuron, 2)} trained against ${formatNumber(p.post.postFeaturesPerNeuron, 2)}`,
  );
  return (
    `Features per neuron in the same ${formatCount(sweep.points.length)} models, on a log scale, against 1/(1 − S): the features the ` +
    `trained model keeps (‖Wᵢ‖ > ½) per neuron, and the post’s count, the most features whose l = m(1 − S) active at once stays within ` +
    `its limit n/(8 ln m), per neuron: ${rows.join("; ")}.`
  );
}

/** Describes the overlaps figure: RMS |cos| of the kept features against the Welch floor and 1/√n. */
export function describeOverlaps(sweep: DimensionalitySweepResult): string {
  const rows = sweep.points
    .filter((p) => p.post.rmsOverlap !== undefined && p.post.welchFloor !== undefined)
    .map(
      (p) => `at 1/(1 − S) = ${formatNumber(p.inverseDensity, 2)}, ${formatNumber(p.post.rmsOverlap!)} against ${formatNumber(p.post.welchFloor!)}`,
    );
  return (
    `The root-mean-square |cos| between the kept features of the same models, against 1/(1 − S), with the Welch floor for that many ` +
    `directions in n = ${formatCount(sweep.settings.n)} dimensions (no arrangement has a smaller one) and random directions' ` +
    `1/√n = ${formatNumber(1 / Math.sqrt(sweep.settings.n))}: ${rows.join("; ")}.`
  );
}
