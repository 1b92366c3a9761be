/**
 * Every figure the site prerenders, by the name of its downloadable file (dist/figures/<name>.svg
 * and .png, see src/pages/figures/): what a reader without JavaScript downloads. With JavaScript a
 * figure downloads as it is on screen instead (src/ui/figure-file.ts). Build time only.
 */
import { CALCULATOR_NAMES } from "../features/calculators/registry.ts";
import { calculatorFigure } from "../features/calculators/components/prerendered-figure.ts";
import { overviewFigure } from "../features/calculators/figures/overview-figure.ts";
import { saeFigure } from "../features/real-saes/figures/sae-figure.ts";
import type { PlotOptions } from "../plot/plot-api.ts";
import { SIMULATION_FIGURE_FILES } from "../features/simulation/components/build-time-run.ts";
import { TOY_MODEL_FIGURE_FILES } from "../features/toy-model/components/build-time-runs.ts";

export const FIGURE_FILES: Readonly<Record<string, () => PlotOptions>> = {
  ...Object.fromEntries(CALCULATOR_NAMES.map((name) => [name, () => calculatorFigure(name)])),
  overview: () => overviewFigure(),
  "real-saes": () => saeFigure(),
  ...SIMULATION_FIGURE_FILES,
  ...TOY_MODEL_FIGURE_FILES,
};
