/**
 * Draws a figure in the browser. Loaded on demand by LiveFigure: this module is what pulls in
 * Plot, so it stays out of the page's first download.
 */
import type { Scenario } from "../core/index.ts";
import { finishFigure } from "../plot/finish-figure.ts";
import { CALCULATOR_FIGURES } from "../plot/figures.ts";
import { plot } from "../plot/plot-api.ts";
import type { CalculatorName } from "../calculators/registry.ts";

/** Redrawn figures are never narrower than this: below it the axes' labels collide. */
const MIN_WIDTH = 300;

/** Replaces the contents of `host` with the named figure for `scenario`, at the host's width. */
export function renderFigure(host: HTMLElement, figure: CalculatorName, scenario: Scenario): void {
  const width = Math.max(MIN_WIDTH, Math.min(640, Math.floor(host.clientWidth) || 640));
  const svg = plot(CALCULATOR_FIGURES[figure](scenario, { width }));
  finishFigure(svg);
  host.replaceChildren(svg);
}
