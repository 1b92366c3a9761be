/**
 * Every figure the site prerenders, by the name of its downloadable file (dist/figures/<name>.svg
 * and .png, see src/pages/figures/): what a reader without JavaScript downloads. With JavaScript a
 * figure downloads as it is on screen instead (src/ui/figure-file.ts). Build time only.
 */
import { CALCULATOR_NAMES } from "../features/calculators/registry.ts";
import { DEFAULT_SCENARIO } from "../numbers/scenario.ts";
import { CALCULATOR_FIGURES } from "../features/calculators/figures/calculator-figures.ts";
import { overviewFigure } from "../features/calculators/figures/overview-figure.ts";
import { saeFigure } from "../features/real-saes/figures/sae-figure.ts";
import type { PlotOptions } from "../plot/plot-api.ts";
import { noiseModelsFigure, overlapHistogramFigure } from "../features/simulation/figures/simulation-figures.ts";
import { featuresFigure, gramFigure, lossFigure } from "../features/toy-model/figures/toy-model-figures.ts";
import { planeFigure } from "../features/toy-model/figures/toy-model-plane.ts";
import { buildTimePlanes, buildTimeSweep, buildTimeToyModel } from "./build-time-runs.ts";

/** The two-neuron pictures as panels: every preset, or the sparsest alone (the island's single panel). */
export const planePanels = () => buildTimePlanes().map(({ preset, run }) => ({ label: preset.label, run }));

export const FIGURE_FILES: Readonly<Record<string, () => PlotOptions>> = {
  ...Object.fromEntries(CALCULATOR_NAMES.map((name) => [name, () => CALCULATOR_FIGURES[name](DEFAULT_SCENARIO)])),
  overview: () => overviewFigure(),
  "real-saes": () => saeFigure(),
  "simulation-noise": () => noiseModelsFigure(buildTimeSweep().params, buildTimeSweep().points),
  "simulation-histogram": () => overlapHistogramFigure(buildTimeSweep().params, buildTimeSweep().overlaps),
  "toy-model-planes": () => planeFigure(planePanels()),
  "toy-model-gram": () => gramFigure(buildTimeToyModel()),
  "toy-model-plane": () => planeFigure(planePanels().slice(-1)),
  "toy-model-features": () => featuresFigure(buildTimeToyModel()),
  "toy-model-loss": () => lossFigure(buildTimeToyModel()),
};
