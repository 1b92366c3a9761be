import type { SweepSummary } from "../engine/sweep.ts";
import type { MeasuredOverlaps } from "../figures/simulation-text.ts";

/** The last completed simulation run: its numbers, and (for runs made here) its overlaps for the histogram. */
export interface LastRun {
  readonly summary: SweepSummary;
  readonly overlaps?: MeasuredOverlaps;
  /** Seconds the run took in the reader's browser; undefined for the run made at build time. */
  readonly seconds?: number;
}
