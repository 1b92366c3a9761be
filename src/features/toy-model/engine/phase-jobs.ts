/**
 * The phase diagram and the dimensionality sweep as jobs of the worker protocol
 * (src/compute/jobs/protocol.ts): validated first, then driven in slices with progress and
 * cancellation (src/compute/jobs/drive.ts). One worker serves both kinds (phase-worker.ts); the
 * input says which. A page that wants two workers sends each the same settings with part 0 and 1
 * of parts 2, and merges the two results (`mergePhaseDiagrams`, `mergeDimensionalitySweeps`).
 * Pure TypeScript with no DOM.
 */
import { drive, type DriveOptions, type Outcome } from "../../../compute/jobs/drive.ts";
import type { JobKind } from "../../../compute/jobs/protocol.ts";
import {
  trainDimensionalitySweep,
  validateDimensionalitySweep,
  type DimensionalityProgress,
  type DimensionalitySweepField,
  type DimensionalitySweepInput,
  type DimensionalitySweepResult,
} from "./dimensionality-sweep.ts";
import {
  trainPhaseDiagram,
  validatePhaseDiagram,
  type PhaseDiagramField,
  type PhaseDiagramInput,
  type PhaseDiagramProgress,
  type PhaseDiagramResult,
} from "./phase-diagram.ts";

/** What a page sends: a phase diagram or a dimensionality sweep, and its settings. */
export type ToyPhaseInput =
  | ({ readonly job: "phase-diagram" } & Partial<Record<keyof PhaseDiagramInput, unknown>>)
  | ({ readonly job: "dimensionality-sweep" } & Partial<Record<keyof DimensionalitySweepInput, unknown>>);

export type ToyPhaseProgress = PhaseDiagramProgress | DimensionalityProgress;
export type ToyPhaseResult = PhaseDiagramResult | DimensionalitySweepResult;
export type ToyPhaseField = PhaseDiagramField | DimensionalitySweepField;

/** Both kinds of job, as the worker protocol types them (shared by the page and the worker). */
export type ToyPhaseJob = JobKind<ToyPhaseInput, ToyPhaseProgress, ToyPhaseResult, ToyPhaseField>;

export type ToyPhaseOutcome = Outcome<ToyPhaseResult, ToyPhaseProgress, ToyPhaseField>;

/** Least time between two progress reports, in ms (as the toy model's own runs). */
export const PHASE_PROGRESS_MS = 100;

/**
 * Validates and runs a job. Domain: any input. Never throws or rejects: an invalid or oversized
 * job gives status "error" with the validation message (the field to blame and the limit); a job
 * whose `job` is neither kind gives an "invalid" error on the field "job"; otherwise as `drive`
 * (progress every {@link PHASE_PROGRESS_MS} unless told otherwise; Cancel within one slice of
 * about 10 ms), whose final progress has fraction 1 and every finished cell or point.
 */
export async function runToyPhaseJob(input: ToyPhaseInput, options: DriveOptions<ToyPhaseProgress> = {}): Promise<ToyPhaseOutcome> {
  const opts = { progressMs: PHASE_PROGRESS_MS, ...options };
  if (input.job === "phase-diagram") {
    const checked = validatePhaseDiagram(input);
    if (!checked.ok) return { status: "error", error: checked.error };
    return drive<ToyPhaseProgress, ToyPhaseResult>(
      () => trainPhaseDiagram(checked.settings),
      opts,
      (result) => {
        const cells = (result as PhaseDiagramResult).cells;
        return { models: cells.length * checked.settings.restarts, totalModels: cells.length * checked.settings.restarts, fraction: 1, cells };
      },
      "The phase diagram",
    );
  }
  if (input.job === "dimensionality-sweep") {
    const checked = validateDimensionalitySweep(input);
    if (!checked.ok) return { status: "error", error: checked.error };
    return drive<ToyPhaseProgress, ToyPhaseResult>(
      () => trainDimensionalitySweep(checked.settings),
      opts,
      (result) => {
        const points = (result as DimensionalitySweepResult).points;
        return { models: points.length, totalModels: points.length, fraction: 1, points };
      },
      "The dimensionality sweep",
    );
  }
  return {
    status: "error",
    error: { code: "invalid", field: "job", message: 'job must be "phase-diagram" or "dimensionality-sweep".' },
  };
}
