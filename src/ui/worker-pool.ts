/**
 * The page side of a pool of Web Workers (src/compute/jobs/pool.ts): up to `size` workers of one
 * kind, started as a run first needs them and then kept, with what they hold, for the next run;
 * each run sends one job to each of its first workers in the job protocol and resolves when all
 * are done. One run at a time: a new run, or Cancel, gives up the one still going (its workers are
 * told to stop, its replies ignored). A job's error stops the others. How many workers a browser
 * gets is decided here too.
 */
import { useEffect, useRef } from "preact/hooks";
import { JobCancelled, JobFailed, type JobPool } from "../compute/jobs/pool.ts";
import { isJobReply, type JobKind, type JobRequest } from "../compute/jobs/protocol.ts";
import type { WorkerLike } from "./useWorkerJob.ts";

/** Most workers a page starts, whatever the processor offers. */
export const MAX_WORKERS = 8;

/** Workers for this browser: navigator.hardwareConcurrency, at least 1 and at most {@link MAX_WORKERS}. */
export function workerCount(): number {
  const cores = typeof navigator === "object" ? navigator.hardwareConcurrency : undefined;
  return Math.max(1, Math.min(MAX_WORKERS, Number.isInteger(cores) && cores! > 0 ? cores! : 1));
}

interface Run<K extends JobKind> {
  readonly id: number;
  readonly results: K["result"][];
  /** Workers whose job has not finished. */
  readonly pending: Set<number>;
  readonly resolve: (results: K["result"][]) => void;
  readonly reject: (error: Error) => void;
  readonly onProgress: ((worker: number, progress: K["progress"]) => void) | undefined;
}

/** Web Workers made by `createWorker`, run as a {@link JobPool}; `what` names the work in messages. */
export class WorkerPool<K extends JobKind> implements JobPool<K> {
  readonly size: number;
  private readonly createWorker: () => WorkerLike;
  private readonly what: string;
  private workers: WorkerLike[] = [];
  private lastId = 0;
  private current: Run<K> | undefined;

  constructor(createWorker: () => WorkerLike, size: number, what: string) {
    if (!(Number.isInteger(size) && size >= 1)) throw new RangeError(`a pool needs at least one worker, got ${size}`);
    this.createWorker = createWorker;
    this.size = size;
    this.what = what;
  }

  /** Whether a run is going. */
  get running(): boolean {
    return this.current !== undefined;
  }

  run(inputs: readonly K["input"][], onProgress?: (worker: number, progress: K["progress"]) => void): Promise<K["result"][]> {
    this.cancel();
    if (!(inputs.length >= 1 && inputs.length <= this.size)) {
      return Promise.reject(new RangeError(`a run takes 1 … ${this.size} jobs, got ${inputs.length}`));
    }
    return new Promise<K["result"][]>((resolve, reject) => {
      try {
        while (this.workers.length < inputs.length) {
          const index = this.workers.length;
          const worker = this.createWorker();
          worker.onmessage = (event) => this.onMessage(index, event);
          worker.onerror = () => this.onWorkerError();
          this.workers.push(worker);
        }
        const id = ++this.lastId;
        this.current = {
          id,
          results: new Array<K["result"]>(inputs.length),
          pending: new Set(inputs.map((_, i) => i)),
          resolve,
          reject,
          onProgress,
        };
        inputs.forEach((input, i) => {
          const request: JobRequest<K> = { type: "start", id, input };
          this.workers[i]!.postMessage(request);
        });
      } catch (error) {
        this.current = undefined;
        reject(
          new JobFailed({
            code: "failed",
            field: "job",
            message: `${this.what} could not start: ${error instanceof Error ? error.message : String(error)}`,
          }),
        );
      }
    });
  }

  /** Gives up the run still going, if any (its promise rejects with a JobCancelled); true when there was one. */
  cancel(): boolean {
    const run = this.current;
    if (run === undefined) return false;
    this.stop(run);
    run.reject(new JobCancelled());
    return true;
  }

  /** Forgets `run` and tells its workers still at it to stop. */
  private stop(run: Run<K>): void {
    if (this.current === run) this.current = undefined;
    for (const i of run.pending) {
      const request: JobRequest<K> = { type: "cancel", id: run.id };
      this.workers[i]?.postMessage(request);
    }
  }

  /** Stops every worker (what they hold is lost) and gives up the run still going. */
  terminate(): void {
    this.cancel();
    for (const worker of this.workers) worker.terminate();
    this.workers = [];
  }

  private onMessage(worker: number, event: { data: unknown }): void {
    const reply = event.data;
    const run = this.current;
    if (!isJobReply<K>(reply) || run === undefined || reply.id !== run.id || !run.pending.has(worker)) return;
    if (reply.type === "progress") {
      run.onProgress?.(worker, reply.progress);
    } else if (reply.type === "done") {
      run.results[worker] = reply.result;
      run.pending.delete(worker);
      if (run.pending.size === 0) {
        this.current = undefined;
        run.resolve(run.results);
      }
    } else if (reply.type === "error") {
      run.pending.delete(worker);
      this.stop(run);
      run.reject(new JobFailed(reply.error));
    }
    // "cancelled" comes only for a run given up, whose promise has already rejected.
  }

  private onWorkerError(): void {
    const run = this.current;
    this.current = undefined;
    for (const worker of this.workers) worker.terminate();
    this.workers = [];
    run?.reject(new JobFailed({ code: "failed", field: "job", message: `${this.what} could not start in this browser (a worker failed to load).` }));
  }
}

/**
 * A {@link WorkerPool} for a component: made on the first render, the same object afterwards,
 * terminated when the component goes.
 */
export function useWorkerPool<K extends JobKind>(createWorker: () => WorkerLike, size: number, what: string): WorkerPool<K> {
  const pool = useRef<WorkerPool<K> | undefined>(undefined);
  pool.current ??= new WorkerPool<K>(createWorker, size, what);
  useEffect(() => () => pool.current?.terminate(), []);
  return pool.current;
}
