/**
 * The page side of a large readout (src/features/simulation/engine/large-readout.ts) split across Web Workers:
 * starts up to `workers` of them on the first run (and keeps them for the next), gives each a
 * contiguous range of the features in the job protocol (RangeJob), adds their progress up, and,
 * when all are done, combines their totals in the fixed order that makes the result the same
 * whatever the number of workers. Cancel tells every worker to stop; a failure in one stops the
 * others. Replies to a run given up are ignored.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { isJobReply, type JobRequest } from "../../../compute/jobs/protocol.ts";
import { combineRanges, splitFeatures, type LargeReadoutResult, type RangeTotals, type ReadoutPhase } from "../engine/large-readout.ts";
import type { LargeReadoutParams } from "../engine/readout-params.ts";
import type { RangeJob } from "../engine/run.ts";
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

interface Run {
  readonly id: number;
  readonly params: LargeReadoutParams;
  readonly started: number;
  readonly weights: readonly number[];
  readonly fractions: number[];
  readonly phases: ReadoutPhase[];
  readonly totals: (RangeTotals | undefined)[];
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
  const [status, setStatus] = useState<JobStatus>("idle");
  const [progress, setProgress] = useState<ReadoutRunProgress | undefined>(undefined);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const pool = useRef<WorkerLike[]>([]);
  const lastId = useRef(0);
  const run = useRef<Run | undefined>(undefined);
  const done = useRef(onDone);
  done.current = onDone;

  useEffect(
    () => () => {
      for (const worker of pool.current) worker.terminate();
      pool.current = [];
    },
    [],
  );

  const post = (i: number, request: JobRequest<RangeJob>) => pool.current[i]?.postMessage(request);

  /** Stops the current run's workers (those still at it) and forgets the run. */
  const stop = () => {
    const current = run.current;
    run.current = undefined;
    if (current === undefined) return;
    current.totals.forEach((totals, i) => {
      if (totals === undefined) post(i, { type: "cancel", id: current.id });
    });
  };

  const fail = (message: string) => {
    stop();
    setFailure(message);
    setStatus("idle");
  };

  const onMessage = (i: number) => (event: { data: unknown }) => {
    const reply = event.data;
    const current = run.current;
    if (!isJobReply<RangeJob>(reply) || current === undefined || reply.id !== current.id || i >= current.totals.length) return;
    if (reply.type === "progress") {
      current.fractions[i] = reply.progress.fraction;
      current.phases[i] = reply.progress.phase;
      const fraction = current.fractions.reduce((sum, f, k) => sum + f * current.weights[k]!, 0);
      setProgress({ phase: current.phases.every((p) => p === "features") ? "features" : "inputs", fraction });
    } else if (reply.type === "done") {
      current.totals[i] = reply.result;
      current.fractions[i] = 1;
      if (current.totals.every((t) => t !== undefined)) {
        run.current = undefined;
        let result: LargeReadoutResult;
        try {
          result = combineRanges(current.params, current.totals as RangeTotals[]);
        } catch (error) {
          fail(`The simulation could not put its parts together: ${error instanceof Error ? error.message : String(error)}`);
          return;
        }
        done.current(result, (performance.now() - current.started) / 1000, current.totals.length);
        setStatus("done");
      }
    } else if (reply.type === "cancelled") {
      // Only a run given up is cancelled, and its replies are no longer listened to.
    } else {
      fail(reply.error.message);
    }
  };

  const start = (params: LargeReadoutParams): boolean => {
    stop();
    const ranges = splitFeatures(params.m, Math.max(1, workers));
    try {
      while (pool.current.length < ranges.length) {
        const worker = createWorker();
        worker.onmessage = onMessage(pool.current.length);
        worker.onerror = () => {
          for (const w of pool.current) w.terminate();
          pool.current = [];
          run.current = undefined;
          setFailure("The simulation could not start in this browser (a worker failed to load). The numbers shown are from the last completed run.");
          setStatus("idle");
        };
        pool.current.push(worker);
      }
      lastId.current += 1;
      const id = lastId.current;
      run.current = {
        id,
        params,
        started: performance.now(),
        weights: ranges.map((r) => (r.to - r.from) / params.m),
        fractions: ranges.map(() => 0),
        phases: ranges.map(() => "inputs" as const),
        totals: ranges.map(() => undefined),
      };
      ranges.forEach((range, i) => post(i, { type: "start", id, input: { ...params, from: range.from, to: range.to } }));
    } catch (error) {
      run.current = undefined;
      setFailure(`The simulation could not start: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
    setFailure(undefined);
    setProgress(undefined);
    setStatus("running");
    return true;
  };

  const cancel = () => {
    stop();
    setStatus("cancelled");
  };

  return { status, progress, failure, start, cancel };
}
