/**
 * The page side of a job split into parts, one Web Worker per part (src/compute/jobs/protocol.ts):
 * starts the workers on the first run (and keeps them for the next), sends each its part, keeps
 * each part's latest progress, and when every part is done hands their results, in part order, to
 * `merge`. Cancel tells every worker still at it to stop; an error in one part stops the others.
 * Replies to a run given up are ignored. For jobs whose parts are independent (the toy model's phase
 * diagrams and dimensionality sweep: a checkerboard of cells, models shared out by work; the
 * simulation's large readout: a range of the features each).
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { isJobReply, type JobKind, type JobRequest } from "../compute/jobs/protocol.ts";
import type { JobStatus, WorkerLike } from "./useWorkerJob.ts";

/** Most workers a page starts for one job, whatever the processor offers. */
export const MAX_SPLIT_WORKERS = 8;

/**
 * Workers for this browser: navigator.hardwareConcurrency, at least 1 and at most {@link MAX_SPLIT_WORKERS}.
 * As `workerCount` (worker-pool.ts), kept apart so that a page of split jobs loads no chunk of the pool's.
 */
export function splitWorkerCount(): number {
  const cores = typeof navigator === "object" ? navigator.hardwareConcurrency : undefined;
  return Math.max(1, Math.min(MAX_SPLIT_WORKERS, Number.isInteger(cores) && cores! > 0 ? cores! : 1));
}

export interface SplitWorkerJob<K extends JobKind> {
  readonly status: JobStatus;
  /** Each part's latest progress (undefined before its first report), in part order; empty when idle. */
  readonly progress: readonly (K["progress"] | undefined)[];
  /** Why the last run could not start or finish, for the reader; undefined when it did. */
  readonly failure: string | undefined;
  /** Starts a run of one part per input (cancelling one still going); false when the workers could not even be asked. */
  start(inputs: readonly K["input"][]): boolean;
  cancel(): void;
}

interface Run<K extends JobKind> {
  readonly id: number;
  readonly started: number;
  readonly results: (K["result"] | undefined)[];
  readonly done: boolean[];
}

/**
 * Runs jobs of kind K split across workers made by `createWorker` (as many as a run has parts).
 * `merge` puts the parts' results together, in part order, into the whole run's result M (it may
 * throw: the run then fails with its message); `onDone` receives that result, the run's wall-clock
 * seconds and the number of parts it was split into. `what` names the work in the messages a
 * reader may see ("The phase diagram could not start …").
 */
export function useSplitWorkerJob<K extends JobKind, M = K["result"]>(
  createWorker: () => WorkerLike,
  merge: (results: K["result"][]) => M,
  onDone: (result: M, seconds: number, parts: number) => void,
  what: string,
): SplitWorkerJob<K> {
  const [status, setStatus] = useState<JobStatus>("idle");
  const [progress, setProgress] = useState<readonly (K["progress"] | undefined)[]>([]);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const pool = useRef<WorkerLike[]>([]);
  const lastId = useRef(0);
  const run = useRef<Run<K> | undefined>(undefined);
  // The latest callbacks, so that workers started in an earlier render report to the current one.
  const callbacks = useRef({ merge, onDone });
  callbacks.current = { merge, onDone };

  useEffect(
    () => () => {
      for (const worker of pool.current) worker.terminate();
      pool.current = [];
    },
    [],
  );

  const post = (i: number, request: JobRequest<K>) => pool.current[i]?.postMessage(request);

  /** Tells the current run's workers still at it to stop, and forgets the run. */
  const stop = () => {
    const current = run.current;
    run.current = undefined;
    if (current === undefined) return;
    current.done.forEach((finished, i) => {
      if (!finished) post(i, { type: "cancel", id: current.id });
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
    if (!isJobReply<K>(reply) || current === undefined || reply.id !== current.id || i >= current.done.length) return;
    if (reply.type === "progress") {
      setProgress((before) => before.map((p, k) => (k === i ? reply.progress : p)));
    } else if (reply.type === "done") {
      current.results[i] = reply.result;
      current.done[i] = true;
      if (!current.done.every(Boolean)) return;
      run.current = undefined;
      let merged: M;
      try {
        merged = callbacks.current.merge(current.results as K["result"][]);
      } catch (error) {
        fail(`${what} could not put its parts together: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      callbacks.current.onDone(merged, (performance.now() - current.started) / 1000, current.done.length);
      setStatus("done");
    } else if (reply.type === "cancelled") {
      // Only a run given up is cancelled, and its replies are no longer listened to.
    } else {
      fail(reply.error.message);
    }
  };

  const start = (inputs: readonly K["input"][]): boolean => {
    stop();
    try {
      while (pool.current.length < inputs.length) {
        const worker = createWorker();
        worker.onmessage = onMessage(pool.current.length);
        worker.onerror = () => {
          for (const w of pool.current) w.terminate();
          pool.current = [];
          run.current = undefined;
          setFailure(`${what} could not start in this browser (a worker failed to load). What is shown is from the last completed run.`);
          setStatus("idle");
        };
        pool.current.push(worker);
      }
      lastId.current += 1;
      const id = lastId.current;
      run.current = { id, started: performance.now(), results: inputs.map(() => undefined), done: inputs.map(() => false) };
      inputs.forEach((input, i) => post(i, { type: "start", id, input }));
    } catch (error) {
      run.current = undefined;
      setFailure(`${what} could not start: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
    setFailure(undefined);
    setProgress(inputs.map(() => undefined));
    setStatus("running");
    return true;
  };

  const cancel = () => {
    stop();
    setStatus("cancelled");
  };

  return { status, progress, failure, start, cancel };
}
