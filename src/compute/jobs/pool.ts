/**
 * A pool of workers that runs jobs of one kind side by side, one job per worker, for work cut into
 * parts: the page's Web Workers (src/ui/worker-pool.ts), a bench's worker threads and a test's
 * in-process stand-ins all offer this one interface, and an engine that splits its work across
 * workers (src/features/dictionary/engine/measure-on-pool.ts) takes it, so the page, the bench and
 * the tests run the same sequence of jobs.
 */
import type { JobError, JobKind } from "./protocol.ts";

export interface JobPool<K extends JobKind> {
  /** How many workers the pool has: a run takes at most this many jobs. */
  readonly size: number;
  /**
   * Runs `inputs[i]` on worker i, all at once, and resolves with their results in the same order
   * when every one is done. A worker keeps what its jobs leave in it from one run to the next (the
   * dictionary's workers keep the latents they loaded), so which worker gets which job matters.
   * `onProgress(i, progress)` hears job i's progress. Rejects with a {@link JobCancelled} when the
   * run is given up, and with a {@link JobFailed} carrying the first job's error when one fails (the
   * others are stopped). Domain: 1 ≤ inputs.length ≤ size; otherwise a RangeError.
   */
  run(inputs: readonly K["input"][], onProgress?: (worker: number, progress: K["progress"]) => void): Promise<K["result"][]>;
}

/** A run given up before it finished: not a failure, nothing to tell the reader but that. */
export class JobCancelled extends Error {
  override readonly name = "JobCancelled";
  constructor() {
    super("cancelled");
  }
}

/** A run that failed: the error of the job that failed, with the field to blame and the reader's sentence. */
export class JobFailed<Field extends string = string> extends Error {
  override readonly name = "JobFailed";
  readonly error: JobError<Field>;
  constructor(error: JobError<Field>) {
    super(error.message);
    this.error = error;
  }
}
