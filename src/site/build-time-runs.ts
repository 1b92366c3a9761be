/**
 * Runs made once at build time, shared by the pages that show them and by the figure and run files
 * that readers download (src/pages/figures/, src/pages/runs/). Deterministic: seeded, so a rebuild
 * gives the same runs.
 */
import { SIMULATION_SCENARIO } from "../numbers/scenario.ts";
import { simulateSweepSync, type SweepResult } from "../features/simulation/engine/sweep.ts";
import { measureToyModel } from "../features/toy-model/engine/measure.ts";
import { DEFAULT_TOY_MODEL, TOY_MODEL_PRESETS, type ToyModelPreset, type ToyModelSettings } from "../features/toy-model/engine/settings.ts";
import type { ToyModelRun } from "../features/toy-model/engine/summary.ts";
import { trainToyModelSync } from "../features/toy-model/engine/train.ts";

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
