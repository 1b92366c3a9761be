/**
 * Draws the phase diagrams' and the dimensionality sweep's figures in the browser. Loaded on demand
 * by their islands when a run is done: this module is what pulls in Plot, so it stays out of the
 * page's first download.
 */
import type { DimensionalitySweepResult } from "../engine/dimensionality-sweep.ts";
import type { PhaseDiagramResult } from "../engine/phase-diagram.ts";
import type { PhaseDiagramSummary, SweepSummary } from "../engine/phase-summary.ts";
import type { BoundaryPoint } from "../engine/phase-theory.ts";
import { finishFigure } from "../../../plot/finish-figure.ts";
import { figureSizeFor } from "../../../plot/figure-size.ts";
import { plot, type PlotOptions } from "../../../plot/plot-api.ts";
import { dimensionalityFigure, overlapsFigure, phaseDiagramFigure, postCountFigure } from "../figures/phase-figures.ts";
import { widthFor } from "./figure-width.ts";

/** The sweep's figures, by name. */
export type SweepFigureName = "dimensionality" | "post-count" | "overlaps";

const SWEEP_FIGURES: Record<SweepFigureName, (sweep: DimensionalitySweepResult, summary: SweepSummary, width: number) => PlotOptions> = {
  dimensionality: (sweep, summary, width) => dimensionalityFigure(sweep, summary, figureSizeFor(width)),
  "post-count": (sweep, _summary, width) => postCountFigure(sweep, figureSizeFor(width)),
  overlaps: (sweep, _summary, width) => overlapsFigure(sweep, figureSizeFor(width)),
};

function draw(host: HTMLElement, options: PlotOptions): void {
  const svg = plot(options);
  finishFigure(svg);
  host.replaceChildren(svg);
}

/** Replaces the contents of `host` with the phase diagram of a run, drawn for the width it will have. */
export function renderPhaseDiagram(
  host: HTMLElement,
  result: PhaseDiagramResult,
  summary: PhaseDiagramSummary,
  boundary: readonly BoundaryPoint[] | undefined,
): void {
  draw(host, phaseDiagramFigure(result, summary, boundary, figureSizeFor(widthFor(host))));
}

/** Replaces the contents of `host` with the named figure of a sweep, drawn for the width it will have. */
export function renderSweepFigure(host: HTMLElement, name: SweepFigureName, sweep: DimensionalitySweepResult, summary: SweepSummary): void {
  draw(host, SWEEP_FIGURES[name](sweep, summary, widthFor(host)));
}
