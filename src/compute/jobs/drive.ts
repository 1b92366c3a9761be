/**
 * Running heavy work without freezing its thread: a job is a generator that does a bounded amount
 * of work between yields; `drive` runs it in slices of about 10 ms with a return to the event loop
 * between slices, so that a Web Worker (or a page, or Node) can take a cancel message, and reports
 * progress along the way. Pure TypeScript with no DOM: runs in Node, a browser and a Web Worker.
 */
import type { JobError } from "./protocol.ts";

export interface DriveOptions<Progress> {
  /** Aborting it stops the run within one slice; the outcome is then "cancelled". */
  readonly signal?: AbortSignal;
  /** Called with the progress at most every `progressMs`, and once with the final progress. */
  readonly onProgress?: (progress: Progress) => void;
  /** Longest stretch of computing between two returns to the event loop, in ms (default 10). */
  readonly sliceMs?: number;
  /** Least time between two progress reports, in ms (default 50). */
  readonly progressMs?: number;
}

/** How a run ended: its result, a cancellation with the last progress seen, or an error. */
export type Outcome<Result, Progress, Field extends string = string> =
  | { readonly status: "done"; readonly result: Result; readonly seconds: number }
  | { readonly status: "cancelled"; readonly progress: Progress | undefined }
  | { readonly status: "error"; readonly error: JobError<Field> };

type Scheduler = { setImmediate?: (callback: () => void) => unknown };

/**
 * Resolves on a later task of the event loop: the one way the site yields, for a worker's sliced
 * job and for a page's figures alike.
 *
 * - By default the fastest later task: setImmediate where it exists (Node), otherwise a
 *   MessageChannel message (browsers and workers: unlike setTimeout(0), not clamped to 4 ms when
 *   nested, which would cost a 10 ms slice of work 40 %), otherwise setTimeout(0).
 * - `{ afterRendering: true }` on a page: a timer task, which the browser runs only after it has had
 *   its chance to render. A message task can run before rendering, and with it two figure drawings
 *   and their layout landed in one stretch (tasks of 89 and 125 ms in a CI rehearsal, where the
 *   timer gave none over 50 ms): between two drawings the page must get to paint and take input.
 */
export function nextTask({ afterRendering = false }: { afterRendering?: boolean } = {}): Promise<void> {
  const scope = globalThis as unknown as Scheduler;
  if (!afterRendering && typeof scope.setImmediate === "function") {
    const setImmediate = scope.setImmediate;
    return new Promise((resolve) => void setImmediate(resolve));
  }
  if (!afterRendering && typeof MessageChannel === "function") {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Drives the generator `start()` to its end in slices of `sliceMs`, returning to the event loop
 * between slices, reporting progress and honouring the abort signal. `finalProgress` turns the
 * result (and the last progress seen) into the progress reported at the end.
 * Never throws and never rejects: a failure while running (memory refused, a throwing onProgress)
 * gives status "error" with code "failed" and a message that starts with `what`; an aborted signal
 * (before or during the run) gives "cancelled" with the last progress seen. `seconds` is the
 * wall-clock time of the run, including the returns to the event loop.
 */
export async function drive<Progress, Result>(
  start: () => Generator<Progress, Result, void>,
  options: DriveOptions<Progress>,
  finalProgress: (result: Result, last: Progress | undefined) => Progress,
  what = "The job",
): Promise<Outcome<Result, Progress, "job">> {
  const { signal, onProgress, sliceMs = 10, progressMs = 50 } = options;
  let last: Progress | undefined;
  if (signal?.aborted) return { status: "cancelled", progress: last };
  try {
    const steps = start();
    const begin = performance.now();
    let sliceStart = begin;
    let reported = -Infinity;
    for (;;) {
      if (signal?.aborted) {
        steps.return(undefined as never);
        return { status: "cancelled", progress: last };
      }
      const step = steps.next();
      if (step.done) {
        onProgress?.(finalProgress(step.value, last));
        return { status: "done", result: step.value, seconds: (performance.now() - begin) / 1000 };
      }
      last = step.value;
      const now = performance.now();
      if (onProgress !== undefined && now - reported >= progressMs) {
        reported = now;
        onProgress(last);
      }
      if (now - sliceStart >= sliceMs) {
        await nextTask();
        sliceStart = performance.now();
      }
    }
  } catch (error) {
    return { status: "error", error: { code: "failed", field: "job", message: `${what} could not run: ${message(error)}` } };
  }
}
