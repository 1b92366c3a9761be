/** A calculator's figure for the default scenario, rendered at build time. */
import type { CalculatorName } from "../registry.ts";
import { DEFAULT_SCENARIO } from "../../../numbers/scenario.ts";
import { CALCULATOR_FIGURES } from "../figures/calculator-figures.ts";
import { renderFigureVariants, renderSvg } from "../../../plot/render-svg.ts";

/** The wide figure alone, as one SVG: for the social cards. */
export function prerenderedFigure(name: CalculatorName): string {
  return renderSvg(CALCULATOR_FIGURES[name](DEFAULT_SCENARIO));
}

/** The figure at both widths, for the page (the stylesheet shows the one that fits). */
export function prerenderedFigureVariants(name: CalculatorName): string {
  return renderFigureVariants((size) => CALCULATOR_FIGURES[name](DEFAULT_SCENARIO, size));
}
