/** The SVG of a calculator's figure for the default scenario, rendered once at build time. */
import { DEFAULT_SCENARIO } from "../core/index.ts";
import { epsilonFigure, levelsFigure, sparsityFigure } from "../plot/figures.ts";
import { renderSvg } from "../plot/render-svg.ts";

const FIGURES = { epsilon: epsilonFigure, sparsity: sparsityFigure, levels: levelsFigure } as const;

export function prerenderedFigure(figure: keyof typeof FIGURES): string {
  return renderSvg(FIGURES[figure](DEFAULT_SCENARIO));
}
