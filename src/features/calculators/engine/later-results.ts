/**
 * The calculators' slow outputs: the error rates of random directions, which take quadratures and
 * searches (milliseconds, not microseconds), and the Monte Carlo that refines "all read right"
 * where the fast value cannot be verified (40–100 ms). On a page they are computed in a Web Worker
 * (later-results-service.ts); where no worker can run (the self-contained embed widget, a browser
 * that refuses one) a task after the fast outputs, on the main thread, without the refinement; at
 * build time at once.
 */
import type { Scenario } from "../../../numbers/scenario.ts";
import type { Result } from "../../../numbers/shown.ts";
import { MAX_ERROR_RATE_NEURONS } from "../../../math/error-rates.ts";
import {
  allRightNeedsRefining,
  errorRateResults,
  misreadsResult,
  NOT_COMPUTED,
  refinedAllRightSteps,
  type ErrorRateOutput,
} from "../../../numbers/error-rate-results.ts";
import type { CalculatorName } from "./results.ts";

/** The outputs of the levels calculator that wait: the on/off reading's misreads. */
export type LevelsLaterOutput = "on-off-misreads";

/** The sparsity calculator's slow outputs: every error rate, the best threshold and TopK. */
export function sparsityLaterResults({ n, m, l }: Scenario): Readonly<Record<ErrorRateOutput, Result>> {
  return errorRateResults(n, m, l);
}

/** The levels calculator's slow output: the features misread per input when read only as on or off, against ½. */
export function levelsLaterResults({ n, m, l }: Scenario): Readonly<Record<LevelsLaterOutput, Result>> {
  // Two levels, on and off, read against ½: what the error rates say of the coarsest reading.
  return { "on-off-misreads": n > MAX_ERROR_RATE_NEURONS ? NOT_COMPUTED : misreadsResult(n, m, l) };
}

/** The calculators with slow outputs, and the function that computes them. */
export const LATER_RESULTS: Readonly<Partial<Record<CalculatorName, (s: Scenario) => Readonly<Record<string, Result>>>>> = {
  sparsity: sparsityLaterResults,
  levels: levelsLaterResults,
};

/** A refinement of some slow outputs: their names, and the work that computes their new values. */
export interface Refinement {
  /** The outputs it may replace: shown as busy until it ends. */
  readonly outputs: readonly string[];
  /** Yields about every millisecond; returns the refined outputs (none when the refinement could not verify a value). */
  readonly steps: Generator<void, Readonly<Record<string, Result>>, void>;
}

/**
 * The refinement due once `outputs`, the slow outputs of `calculator` for `s`, are on screen, or
 * undefined: the sparsity calculator's "all read right" by the Monte Carlo of
 * src/math/rate-accuracy.ts, where the fast value is shown as a range and the Monte Carlo can reach
 * the shape (two figures when it verifies the value to 10 %; the range stays otherwise).
 */
export function laterRefinement(calculator: CalculatorName, s: Scenario, outputs: Readonly<Record<string, Result>>): Refinement | undefined {
  const refined = refinedOutputs(calculator, s, outputs);
  return refined.length === 0 ? undefined : { outputs: refined, steps: refinedAllRight(s) };
}

/** The outputs {@link laterRefinement} would refine (none when it would not run): for a page that waits for the worker's. */
export function refinedOutputs(calculator: CalculatorName, s: Scenario, outputs: Readonly<Record<string, Result>>): readonly string[] {
  const allRight = outputs["all-right"];
  return calculator === "sparsity" && allRight !== undefined && allRightNeedsRefining(s.n, s.l, allRight) ? ["all-right"] : [];
}

function* refinedAllRight({ n, m, l }: Scenario): Generator<void, Readonly<Record<string, Result>>, void> {
  const refined = yield* refinedAllRightSteps(n, m, l);
  return refined === undefined ? {} : { "all-right": refined };
}
