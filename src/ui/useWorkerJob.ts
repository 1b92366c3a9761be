/**
 * The page side of the job protocol (src/compute/jobs/protocol.ts): starts a Web Worker on the first
 * job, sends "start" and "cancel", and turns its replies into state a component can show (status,
 * progress, failure). One job at a time; replies to a job given up are ignored. Shared by every
 * island that runs heavy work in a worker (the simulation, the toy-model training).
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { isJobReply, type JobKind, type JobRequest } from "../compute/jobs/protocol.ts";

/** What the hook needs of a Web Worker: the test seam (tests pass a fake). */
export interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export type JobStatus = "idle" | "running" | "done" | "cancelled";

export interface WorkerJob<K extends JobKind> {
  readonly status: JobStatus;
  /** The latest progress of the running job (undefined before its first report). */
  readonly progress: K["progress"] | undefined;
  /** Why the last job could not start or run, for the reader; undefined when it did. */
  readonly failure: string | undefined;
  /** Starts a job (cancelling one still running); false when the worker could not even be asked. */
  start(input: K["input"]): boolean;
  cancel(): void;
}

/**
 * Runs jobs of kind K in the worker `createWorker` makes (on the first start, then reused until
 * the component goes). `onDone` receives each finished job's result. `what` names the work in
 * the messages a reader may see ("The simulation could not start …").
 */
export function useWorkerJob<K extends JobKind>(
  createWorker: () => WorkerLike,
  onDone: (result: K["result"], seconds: number) => void,
  what: string,
): WorkerJob<K> {
  const [status, setStatus] = useState<JobStatus>("idle");
  const [progress, setProgress] = useState<K["progress"] | undefined>(undefined);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const worker = useRef<WorkerLike | undefined>(undefined);
  const lastId = useRef(0);
  const running = useRef<number | undefined>(undefined);
  // The latest onDone, so a worker started in an earlier render reports to the current one.
  const done = useRef(onDone);
  done.current = onDone;

  useEffect(() => () => worker.current?.terminate(), []);

  const onMessage = (event: { data: unknown }) => {
    const reply = event.data;
    if (!isJobReply<K>(reply) || reply.id === undefined || reply.id !== running.current) return;
    if (reply.type === "progress") {
      setProgress(reply.progress);
    } else if (reply.type === "done") {
      running.current = undefined;
      done.current(reply.result, reply.seconds);
      setStatus("done");
    } else if (reply.type === "cancelled") {
      running.current = undefined;
      setStatus("cancelled");
    } else {
      running.current = undefined;
      setFailure(reply.error.message);
      setStatus("idle");
    }
  };

  const start = (input: K["input"]): boolean => {
    try {
      if (worker.current === undefined) {
        const started = createWorker();
        started.onmessage = onMessage;
        started.onerror = () => {
          running.current = undefined;
          worker.current?.terminate();
          worker.current = undefined;
          setFailure(`${what} could not start in this browser (its worker failed to load). The numbers shown are from the last completed run.`);
          setStatus("idle");
        };
        worker.current = started;
      }
      lastId.current += 1;
      running.current = lastId.current;
      const request: JobRequest<K> = { type: "start", id: lastId.current, input };
      worker.current.postMessage(request);
    } catch (error) {
      setFailure(`${what} could not start: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
    setFailure(undefined);
    setProgress(undefined);
    setStatus("running");
    return true;
  };

  const cancel = () => {
    if (running.current !== undefined) {
      const request: JobRequest<K> = { type: "cancel", id: running.current };
      worker.current?.postMessage(request);
    }
    running.current = undefined;
    setStatus("cancelled");
  };

  return { status, progress, failure, start, cancel };
}
