/**
 * The page side of a large readout (src/features/simulation/engine/large-readout.ts) split across Web Workers:
 * a job split into parts (src/ui/useSplitWorkerJob.ts), each part a contiguous range of the features
 * (RangeJob) on a worker of its own, up to `workers` of them. Adds the parts' progress up, each in
 * proportion to its features, and, when all are done, combines their totals in the fixed order that
 * makes the result the same whatever the number of workers.
 */
import { useRef } from "preact/hooks";
import { combineRanges, splitFeatures, type LargeReadoutResult, type ReadoutPhase } from "../engine/large-readout.ts";
import type { LargeReadoutParams } from "../engine/readout-params.ts";
import type { RangeJob } from "../engine/run.ts";
import { useSplitWorkerJob } from "../../../ui/useSplitWorkerJob.ts";
import type { JobStatus, WorkerLike } from "../../../ui/useWorkerJob.ts";

export interface ReadoutRunProgress {
  readonly phase: ReadoutPhase;
  /** Fraction of the whole job done, 0 … 1: the parts' fractions weighted by their features. */
  readonly fraction: number;
}

export interface ReadoutWorkers {
  readonly status: JobStatus;
  readonly progress: ReadoutRunProgress | undefined;
  /** Why the last run could not start or finish, for the reader; undefined when it did. */
  readonly failure: string | undefined;
  /** Starts a run (cancelling one still going); false when the workers could not even be asked. */
  start(params: LargeReadoutParams): boolean;
  cancel(): void;
}

/** The run last started: its settings (which its parts' totals combine under) and each part's share of the features. */
interface Started {
  readonly params: LargeReadoutParams;
  readonly weights: readonly number[];
}

/**
 * Runs large readouts on up to `workers` workers made by `createWorker`. `onDone` receives each
 * finished run's combined result, its wall-clock seconds and the number of parts it was split into.
 */
export function useReadoutWorkers(
  createWorker: () => WorkerLike,
  workers: number,
  onDone: (result: LargeReadoutResult, seconds: number, parts: number) => void,
): ReadoutWorkers {
  // Replies of a run given up are ignored by the split job, so the run merged is the one started last.
  const started = useRef<Started | undefined>(undefined);
  const job = useSplitWorkerJob<RangeJob, LargeReadoutResult>(
    createWorker,
    (totals) => combineRanges(started.current!.params, totals),
    onDone,
    "The simulation",
  );

  const start = (params: LargeReadoutParams): boolean => {
    const ranges = splitFeatures(params.m, Math.max(1, workers));
    started.current = { params, weights: ranges.map((r) => (r.to - r.from) / params.m) };
    return job.start(ranges.map((range) => ({ ...params, from: range.from, to: range.to })));
  };

  const weights = started.current?.weights ?? [];
  const progress: ReadoutRunProgress | undefined =
    job.progress.length === 0
      ? undefined
      : {
          // The inputs are built by every part before it reads its features.
          phase: job.progress.every((p) => p?.phase === "features") ? "features" : "inputs",
          fraction: job.progress.reduce((sum, p, k) => sum + (p?.fraction ?? 0) * (weights[k] ?? 0), 0),
        };

  return { status: job.status, progress, failure: job.failure, start, cancel: job.cancel };
}
