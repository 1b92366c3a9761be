/** A calculator's figure for the default scenario, rendered at build time. */
import { CALCULATORS, completeResults, type CalculatorName } from "../registry.ts";
import { DEFAULT_SCENARIO, type Scenario } from "../../../numbers/scenario.ts";
import { CALCULATOR_FIGURES } from "../figures/calculator-figures.ts";
import type { FigureData } from "../figures/figure-data.ts";
import type { FigureSize } from "../../../plot/figure-size.ts";
import type { PlotOptions } from "../../../plot/plot-api.ts";
import { renderFigureVariants, renderSvg } from "../../../plot/render-svg.ts";
import { recordReads, type Recorded } from "../../../ui/reads.ts";

/** The numbers a calculator's figure is drawn from for a scenario, with the values they were read from. */
export function figureData<N extends CalculatorName>(name: N, s: Scenario = DEFAULT_SCENARIO): Recorded<FigureData<N>> {
  return recordReads(CALCULATORS[name].figure.data, s, completeResults(name, s)) as Recorded<FigureData<N>>;
}

/** A calculator's figure for a scenario, as Plot options. */
export function calculatorFigure<N extends CalculatorName>(name: N, s: Scenario = DEFAULT_SCENARIO, size?: FigureSize): PlotOptions {
  // TypeScript cannot tie the entry picked by `name` to the data's type (both follow from N).
  const draw = CALCULATOR_FIGURES[name] as (d: FigureData<N>, size?: FigureSize) => PlotOptions;
  return draw(figureData(name, s).value, size);
}

/** The wide figure alone, as one SVG: for the social cards. */
export function prerenderedFigure(name: CalculatorName): string {
  return renderSvg(calculatorFigure(name));
}

/** The figure at both widths, for the page (the stylesheet shows the one that fits). */
export function prerenderedFigureVariants(name: CalculatorName): string {
  return renderFigureVariants((size) => calculatorFigure(name, DEFAULT_SCENARIO, size));
}
