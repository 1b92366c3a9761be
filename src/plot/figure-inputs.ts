/**
 * Which parameters each calculator figure draws. Kept apart from figures.ts (which imports Plot)
 * so that islands can know when a figure must be redrawn without downloading Plot.
 */
import type { ParameterName } from "../core/index.ts";

export const FIGURE_INPUTS = {
  epsilon: ["n", "m"],
  sparsity: ["n", "m", "l"],
  levels: ["n", "m", "l"],
} as const satisfies Record<string, readonly ParameterName[]>;

/** The calculators' figures, by name. */
export type FigureName = keyof typeof FIGURE_INPUTS;
