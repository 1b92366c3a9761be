/**
 * Draws a figure in the browser. Loaded on demand by LiveFigure: this module is what pulls in
 * Plot, so it stays out of the page's first download.
 */
import type { Scenario } from "../../../numbers/scenario.ts";
import { finishFigure } from "../../../plot/finish-figure.ts";
import { CALCULATOR_FIGURES } from "../figures/calculator-figures.ts";
import { figureSizeFor } from "../../../plot/figure-size.ts";
import { plot } from "../../../plot/plot-api.ts";
import type { CalculatorName } from "../registry.ts";

/**
 * Replaces the contents of `host` with the named figure for `scenario`, at the host's width, and
 * returns the figure's text alternative (its aria-description, written with the figure).
 */
export function renderFigure(host: HTMLElement, figure: CalculatorName, scenario: Scenario): string {
  const svg = plot(CALCULATOR_FIGURES[figure](scenario, figureSizeFor(host.clientWidth)));
  finishFigure(svg);
  host.replaceChildren(svg);
  return svg.getAttribute("aria-description") ?? "";
}
