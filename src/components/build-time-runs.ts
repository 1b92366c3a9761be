/**
 * Runs made once at build time, shared by the pages that show them and by the figure files that
 * readers download (src/pages/figures/). Deterministic: seeded, so a rebuild gives the same run.
 */
import { SIMULATION_SCENARIO } from "../core/scenario.ts";
import { simulateSweepSync, type SweepResult } from "../core/simulation/sweep.ts";

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
