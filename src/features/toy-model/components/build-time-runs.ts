/**
 * The toy-model page's runs, trained once at build time and shared by the page that shows them and
 * by the figure and run files readers download (src/pages/figures/, src/pages/runs/); the phase
 * diagrams and the sweep are phase-build-runs.ts's, their figures' files listed here with the rest.
 * Deterministic: seeded, so a rebuild gives the same runs.
 */
import { measureToyModel } from "../engine/measure.ts";
import { DEFAULT_TOY_MODEL, TOY_MODEL_PRESETS, type ToyModelPreset, type ToyModelSettings } from "../engine/settings.ts";
import type { ToyModelRun } from "../engine/summary.ts";
import { trainToyModelSync } from "../engine/train.ts";
import type { PlotOptions } from "../../../plot/plot-api.ts";
import { featuresFigure, gramFigure, lossFigure } from "../figures/toy-model-figures.ts";
import { planeFigure } from "../figures/toy-model-plane.ts";
import { dimensionalityFigure, overlapsFigure, phaseDiagramFigure, postCountFigure } from "../figures/phase-figures.ts";
import { summarizePhaseDiagram, summarizeSweep } from "../engine/phase-summary.ts";
import { phaseBuildRuns } from "./phase-build-runs.ts";

const toyModels = new Map<string, ToyModelRun>();

/** A toy model trained and measured once per build (about a second for the default job). */
function trained(settings: ToyModelSettings): ToyModelRun {
  const key = JSON.stringify(settings);
  let run = toyModels.get(key);
  if (run === undefined) {
    const outcome = trainToyModelSync(settings);
    if (!outcome.ok) throw new Error(`The build-time toy model was refused: ${outcome.error.message}`);
    run = { result: outcome.result, measured: measureToyModel(outcome.result) };
    toyModels.set(key, run);
  }
  return run;
}

/** The toy-model page's run: its default job (n = 20, m = 80, S = 0.99, 3 000 steps, seed 0). */
export function buildTimeToyModel(): ToyModelRun {
  return trained(DEFAULT_TOY_MODEL);
}

/** The presets with two neurons (the paper's first picture, dense to very sparse), each trained. */
export function buildTimePlanes(): { preset: ToyModelPreset; run: ToyModelRun }[] {
  return TOY_MODEL_PRESETS.filter((p) => p.settings.n === 2).map((preset) => ({ preset, run: trained(preset.settings) }));
}

/** The two-neuron pictures as panels: every preset, or the sparsest alone (the island's single panel). */
export const planePanels = () => buildTimePlanes().map(({ preset, run }) => ({ label: preset.label, run }));

/** The toy model's prerendered figures, by the name of their downloadable files. */
export const TOY_MODEL_FIGURE_FILES: Readonly<Record<string, () => PlotOptions>> = {
  "toy-model-planes": () => planeFigure(planePanels()),
  "toy-model-gram": () => gramFigure(buildTimeToyModel()),
  "toy-model-plane": () => planeFigure(planePanels().slice(-1)),
  "toy-model-features": () => featuresFigure(buildTimeToyModel()),
  "toy-model-loss": () => lossFigure(buildTimeToyModel()),
  "toy-phase-one-neuron": () => {
    const { diagrams, boundary } = phaseBuildRuns();
    return phaseDiagramFigure(diagrams["one-neuron"], summarizePhaseDiagram(diagrams["one-neuron"]), boundary);
  },
  "toy-phase-two-neurons": () => {
    const { diagrams } = phaseBuildRuns();
    return phaseDiagramFigure(diagrams["two-neurons"], summarizePhaseDiagram(diagrams["two-neurons"]), undefined);
  },
  "toy-phase-dimensionality": () => dimensionalityFigure(phaseBuildRuns().sweep, summarizeSweep(phaseBuildRuns().sweep)),
  "toy-phase-post-count": () => postCountFigure(phaseBuildRuns().sweep),
  "toy-phase-overlaps": () => overlapsFigure(phaseBuildRuns().sweep),
};
