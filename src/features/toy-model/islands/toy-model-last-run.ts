import type { ToyModelRun, ToyModelSummary } from "../engine/summary.ts";

/** The last completed training run: its numbers, and (for runs made here) the run itself for the figures and files. */
export interface LastToyModelRun {
  readonly summary: ToyModelSummary;
  /** The weights, Gram matrix and loss curve; undefined for the run made at build time (its figures are prerendered). */
  readonly run?: ToyModelRun;
  /** Seconds the run took in the reader's browser; undefined for the run made at build time. */
  readonly seconds?: number;
}
