/**
 * Draws the simulation's figures in the browser. Loaded on demand by the Simulation island when a
 * run starts: this module is what pulls in Plot, so it stays out of the page's first download.
 */
import type { SweepPoint } from "../engine/sweep.ts";
import type { MeasuredOverlaps, SimulatedLayer } from "../figures/simulation-text.ts";
import { finishFigure } from "../../../plot/finish-figure.ts";
import { figureSizeFor } from "../../../plot/figure-size.ts";
import { plot } from "../../../plot/plot-api.ts";
import { noiseModelsFigure, overlapHistogramFigure } from "../figures/simulation-figures.ts";

/** The size to draw at: the host's width, or its figure box's while the host is still hidden. */
function sizeOf(host: HTMLElement) {
  return figureSizeFor(host.clientWidth || host.parentElement?.clientWidth || 0);
}

/** Replaces the contents of `host` with the noise-models figure of a run. */
export function renderNoiseModels(host: HTMLElement, layer: SimulatedLayer, points: readonly SweepPoint[]): void {
  const svg = plot(noiseModelsFigure(layer, points, sizeOf(host)));
  finishFigure(svg);
  host.replaceChildren(svg);
}

/** Replaces the contents of `host` with the overlap histogram of a run. */
export function renderOverlapHistogram(host: HTMLElement, layer: SimulatedLayer, overlaps: MeasuredOverlaps): void {
  const svg = plot(overlapHistogramFigure(layer, overlaps, sizeOf(host)));
  finishFigure(svg);
  host.replaceChildren(svg);
}
