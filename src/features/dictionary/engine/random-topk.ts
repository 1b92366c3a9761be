/**
 * The TopK misreads of random directions at a dictionary's own n, m and L0, to set beside the
 * dictionary's: simulated, not computed (the TopK reading has no exact rate), by the simulation's
 * large readout (src/features/simulation/engine/large-readout.ts: m random directions regenerated on
 * demand, never stored, every one read on every input, the l largest readouts of each input taken
 * as on), its ranges of features split across a pool of the simulation's readout workers.
 *
 * Inputs: as many as a budget of 2^37 multiply-adds allows (about 3 s of one core), at least 100
 * and at most 1 000, within the large readout's own limits (readout-params.ts); the standard error
 * that comes with the mean says what that number of inputs leaves uncertain.
 */
import { nextTask } from "../../../compute/jobs/drive.ts";
import type { JobPool } from "../../../compute/jobs/pool.ts";
import { combineRanges, splitFeatures, type ReadoutProgress } from "../../simulation/engine/large-readout.ts";
import { MAX_LARGE_BATCH, MAX_LARGE_INPUT_WORK, validateLargeReadout, type LargeReadoutParams } from "../../simulation/engine/readout-params.ts";
import type { RangeJob } from "../../simulation/engine/run.ts";

/** Multiply-adds the comparison may take: 2^37, about 3 s of one core. */
export const RANDOM_TOPK_WORK = 2 ** 37;

/** Fewest and most inputs the comparison reads. */
export const RANDOM_TOPK_INPUTS = { least: 100, most: 1000 } as const;

/**
 * Inputs for random directions at (n, m, l): RANDOM_TOPK_WORK / (m·n) clipped to 100 … 1 000, then
 * to the large readout's limits on the inputs (trials·n ≤ 2^22 numbers, trials·l·n ≤ 2^30 draws),
 * at least 1. Domain: n, m, l integers ≥ 1.
 */
export function randomTopkInputs(n: number, m: number, l: number): number {
  const budget = Math.min(RANDOM_TOPK_INPUTS.most, Math.max(RANDOM_TOPK_INPUTS.least, Math.floor(RANDOM_TOPK_WORK / (m * n))));
  return Math.max(1, Math.min(budget, Math.floor(MAX_LARGE_BATCH / n), Math.floor(MAX_LARGE_INPUT_WORK / (l * n))));
}

export type RandomTopkPlan = { readonly ok: true; readonly params: LargeReadoutParams } | { readonly ok: false; readonly reason: string };

/**
 * The large readout job for random directions at (n, m, l) with `seed`, or, when the large readout
 * does not take that shape (n above 2^14, l above 4 096, too much work …), the reason in its words.
 */
export function planRandomTopk(n: number, m: number, l: number, seed: number): RandomTopkPlan {
  const checked = validateLargeReadout({ n, m, l, seed, trials: randomTopkInputs(n, m, l) });
  return checked.ok ? { ok: true, params: checked.params } : { ok: false, reason: checked.error.message };
}

/** Random directions' TopK misreads per input: mean, standard error, and what was run. */
export interface RandomTopk {
  readonly mean: number;
  /** sd / √inputs; 0 with a single input. */
  readonly se: number;
  readonly inputs: number;
  readonly seed: number;
}

/**
 * Runs `params` (from {@link planRandomTopk}) on `pool`, one range of features per worker, and
 * combines the ranges (the same result for any number of workers). Rejects as the pool does.
 */
export async function randomTopkOnPool(
  pool: JobPool<RangeJob>,
  params: LargeReadoutParams,
  onProgress?: (fraction: number) => void,
): Promise<RandomTopk> {
  const ranges = splitFeatures(params.m, pool.size);
  const fractions = new Array<number>(ranges.length).fill(0);
  const totals = await pool.run(
    ranges.map((range) => ({ ...params, from: range.from, to: range.to })),
    (worker: number, progress: ReadoutProgress) => {
      fractions[worker] = progress.fraction * ((ranges[worker]!.to - ranges[worker]!.from) / params.m);
      onProgress?.(fractions.reduce((sum, f) => sum + f, 0));
    },
  );
  // Combined in a task of its own, not in the one that delivered the last part (measure-on-pool.ts).
  await nextTask();
  const result = combineRanges(params, totals);
  return { mean: result.topkMisreadsMean, se: result.topkMisreadsSe ?? 0, inputs: params.trials, seed: params.seed };
}
