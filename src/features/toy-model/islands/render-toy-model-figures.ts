/**
 * Draws the toy model's figures in the browser. Loaded on demand by the ToyModel island when a
 * training starts: this module is what pulls in Plot, so it stays out of the page's first download.
 */
import type { ToyModelRun } from "../engine/summary.ts";
import { finishFigure } from "../../../plot/finish-figure.ts";
import { figureSizeFor } from "../../../plot/figure-size.ts";
import { plot, type PlotOptions } from "../../../plot/plot-api.ts";
import { featuresFigure, gramFigure, lossFigure } from "../figures/toy-model-figures.ts";
import { widthFor } from "./figure-width.ts";
import { planeFigure } from "../figures/toy-model-plane.ts";

/** The figures the island can draw, by name. */
export type ToyModelFigureName = "gram" | "features" | "plane" | "loss";

const FIGURES: Record<ToyModelFigureName, (run: ToyModelRun, width: number) => PlotOptions> = {
  gram: (run, width) => gramFigure(run, figureSizeFor(width)),
  features: (run, width) => featuresFigure(run, figureSizeFor(width)),
  plane: (run, width) => planeFigure([{ label: "your run", run }], figureSizeFor(width)),
  loss: (run, width) => lossFigure(run, figureSizeFor(width)),
};

/** Replaces the contents of `host` with the named figure of a run, drawn for the width it will have. */
export function renderToyModelFigure(host: HTMLElement, name: ToyModelFigureName, run: ToyModelRun): void {
  const svg = plot(FIGURES[name](run, widthFor(host)));
  finishFigure(svg);
  host.replaceChildren(svg);
}
