/**
 * The simulation page's run, made once at build time and shared by the page that shows it and by
 * the figure files readers download (src/pages/figures/). Deterministic: seeded, so a rebuild gives
 * the same run.
 */
import { SIMULATION_SCENARIO } from "../../../numbers/scenario.ts";
import { simulateSweepSync, type SweepResult } from "../engine/sweep.ts";
import type { PlotOptions } from "../../../plot/plot-api.ts";
import { noiseModelsFigure, overlapHistogramFigure } from "../figures/simulation-figures.ts";

let sweep: SweepResult | undefined;

/** The simulation page's run: its default layer, seed and trials. */
export function buildTimeSweep(): SweepResult {
  if (sweep === undefined) {
    const run = simulateSweepSync(SIMULATION_SCENARIO);
    if (!run.ok) throw new Error(`The build-time simulation was refused: ${run.error.message}`);
    sweep = run.result;
  }
  return sweep;
}

/** The simulation's prerendered figures, by the name of their downloadable files. */
export const SIMULATION_FIGURE_FILES: Readonly<Record<string, () => PlotOptions>> = {
  "simulation-noise": () => noiseModelsFigure(buildTimeSweep().params, buildTimeSweep().points),
  "simulation-histogram": () => overlapHistogramFigure(buildTimeSweep().params, buildTimeSweep().overlaps),
};
