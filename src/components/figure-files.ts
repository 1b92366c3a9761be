/**
 * Every figure the site prerenders, by the name of its downloadable file (dist/figures/<name>.svg
 * and .png, see src/pages/figures/): what a reader without JavaScript downloads. With JavaScript a
 * figure downloads as it is on screen instead (src/islands/figure-file.ts). Build time only.
 */
import { CALCULATOR_NAMES } from "../calculators/registry.ts";
import { DEFAULT_SCENARIO } from "../core/index.ts";
import { CALCULATOR_FIGURES } from "../plot/figures.ts";
import { overviewFigure } from "../plot/overview-figure.ts";
import { saeFigure } from "../plot/sae-figure.ts";
import type { PlotOptions } from "../plot/plot-api.ts";
import { noiseModelsFigure, overlapHistogramFigure } from "../plot/simulation-figures.ts";
import { buildTimeSweep } from "./build-time-runs.ts";

export const FIGURE_FILES: Readonly<Record<string, () => PlotOptions>> = {
  ...Object.fromEntries(CALCULATOR_NAMES.map((name) => [name, () => CALCULATOR_FIGURES[name](DEFAULT_SCENARIO)])),
  overview: () => overviewFigure(),
  "real-saes": () => saeFigure(),
  "simulation-noise": () => noiseModelsFigure(buildTimeSweep().params, buildTimeSweep().points),
  "simulation-histogram": () => overlapHistogramFigure(buildTimeSweep().params, buildTimeSweep().overlaps),
};
