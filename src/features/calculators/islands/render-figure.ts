/**
 * Draws a figure in the browser. Loaded on demand by LiveFigure: this module is what pulls in
 * Plot, so it stays out of the page's first download.
 */
import { finishFigure } from "../../../plot/finish-figure.ts";
import { CALCULATOR_FIGURES } from "../figures/calculator-figures.ts";
import type { FigureData } from "../figures/figure-data.ts";
import { figureSizeFor, type FigureSize } from "../../../plot/figure-size.ts";
import { plot, type PlotOptions } from "../../../plot/plot-api.ts";
import type { CalculatorName } from "../registry.ts";

/** Replaces the contents of `host` with the named figure drawn from its numbers, at the host's width. */
export function renderFigure<N extends CalculatorName>(host: HTMLElement, figure: N, data: FigureData<N>): void {
  // TypeScript cannot tie the entry picked by `figure` to `data`'s type (both follow from N).
  const draw = CALCULATOR_FIGURES[figure] as (d: FigureData<N>, size: FigureSize) => PlotOptions;
  const svg = plot(draw(data, figureSizeFor(host.clientWidth)));
  finishFigure(svg);
  host.replaceChildren(svg);
}
