/**
 * The toy-model page's scenario: the fields it shows, what it opens on, and the job a scenario
 * asks for. The fields live in the page's shared scenario (../scenario.ts), so they are in the
 * address and a link reproduces a run exactly.
 */
import type { ParameterName } from "../../../numbers/parameters.ts";
import { DEFAULT_SCENARIO, type Scenario } from "../../../numbers/scenario.ts";
import { DEFAULT_TOY_MODEL, type ToyModelInput, type ToyModelSettings } from "./settings.ts";

/** The fields of a training job, in the order the page shows them. */
export const TOY_MODEL_FIELDS = ["n", "m", "sparsity", "importance", "steps", "seed"] as const satisfies readonly (keyof ToyModelInput &
  ParameterName)[];

/**
 * What the toy-model page opens on: the default job (n = 20, m = 80, S = 0.99, 3 000 steps, seed 0),
 * with l = 1 so that the scenario's one relation, l ≤ m, holds for every m a toy model can have
 * (the page does not show l).
 */
export const TOY_MODEL_SCENARIO: Scenario = { ...DEFAULT_SCENARIO, ...DEFAULT_TOY_MODEL, l: 1 };

/** The training job a scenario describes (to be checked by `validateToyModel`). */
export function toyModelInput(s: Scenario): ToyModelSettings {
  return { n: s.n, m: s.m, sparsity: s.sparsity, importance: s.importance, steps: s.steps, seed: s.seed };
}
