/**
 * Draws the simulation's figures in the browser. Loaded on demand by the Simulation island when a
 * run starts: this module is what pulls in Plot, so it stays out of the page's first download.
 */
import type { SweepPoint } from "../core/simulation/sweep.ts";
import type { MeasuredOverlaps, SimulatedLayer } from "../plot/figure-text.ts";
import { finishFigure } from "../plot/finish-figure.ts";
import { plot } from "../plot/plot-api.ts";
import { noiseModelsFigure, overlapHistogramFigure } from "../plot/simulation-figures.ts";

/** Redrawn figures are never narrower than this: below it the axes' labels collide. */
const MIN_WIDTH = 300;

function widthOf(host: HTMLElement): number {
  // The host may be hidden until its first drawing; then its figure box (the parent) knows the width.
  const width = host.clientWidth || host.parentElement?.clientWidth || 640;
  return Math.max(MIN_WIDTH, Math.min(640, Math.floor(width)));
}

/** Replaces the contents of `host` with the noise-models figure of a run. */
export function renderNoiseModels(host: HTMLElement, layer: SimulatedLayer, points: readonly SweepPoint[]): void {
  const svg = plot(noiseModelsFigure(layer, points, { width: widthOf(host) }));
  finishFigure(svg);
  host.replaceChildren(svg);
}

/** Replaces the contents of `host` with the overlap histogram of a run. */
export function renderOverlapHistogram(host: HTMLElement, layer: SimulatedLayer, overlaps: MeasuredOverlaps): void {
  const svg = plot(overlapHistogramFigure(layer, overlaps, { width: widthOf(host) }));
  finishFigure(svg);
  host.replaceChildren(svg);
}
