/** The SVG of a calculator's figure for the default scenario, rendered once at build time. */
import type { CalculatorName } from "../calculators/registry.ts";
import { DEFAULT_SCENARIO } from "../core/index.ts";
import { CALCULATOR_FIGURES } from "../plot/figures.ts";
import { renderSvg } from "../plot/render-svg.ts";

export function prerenderedFigure(name: CalculatorName): string {
  return renderSvg(CALCULATOR_FIGURES[name](DEFAULT_SCENARIO));
}
