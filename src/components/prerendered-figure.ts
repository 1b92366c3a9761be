/** The SVG of a calculator's figure for the default scenario, rendered once at build time. */
import { DEFAULT_SCENARIO } from "../core/index.ts";
import type { FigureName } from "../plot/figure-inputs.ts";
import { CALCULATOR_FIGURES } from "../plot/figures.ts";
import { renderSvg } from "../plot/render-svg.ts";

export function prerenderedFigure(figure: FigureName): string {
  return renderSvg(CALCULATOR_FIGURES[figure](DEFAULT_SCENARIO));
}
