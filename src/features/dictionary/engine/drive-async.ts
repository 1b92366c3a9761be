/**
 * Driving an async job (one that awaits file reads between bounded steps of computing) the way
 * src/compute/jobs/drive.ts drives a synchronous one: progress at most every `progressMs`, a return to
 * the event loop at least every `sliceMs` (reads from memory resolve at once, so awaiting them alone
 * would not let a cancel message in), and cancellation within one step.
 */
import { nextTask, type DriveOptions, type Outcome } from "../../../compute/jobs/drive.ts";
import { DictionaryFileError } from "./errors.ts";

/** Fields a dictionary job can blame: the file, the L0 field, or the job as a whole. */
export type DictionaryField = "file" | "l0" | "job";

/**
 * Runs the async generator `start()` to its end (see the module header). Never throws or rejects:
 * a {@link DictionaryFileError} gives status "error" with code "invalid", field "file" (or "l0" for a
 * bad L0) and its message as it is; any other failure (memory refused …) gives code "failed" with a
 * message that starts with `what`; an aborted signal gives "cancelled" with the last progress.
 */
export async function driveAsync<Progress, Result>(
  start: () => AsyncGenerator<Progress, Result, void>,
  options: DriveOptions<Progress>,
  finalProgress: (result: Result, last: Progress | undefined) => Progress,
  what = "The measurement",
): Promise<Outcome<Result, Progress, DictionaryField>> {
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
        await steps.return(undefined as never);
        return { status: "cancelled", progress: last };
      }
      const step = await steps.next();
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
    if (error instanceof DictionaryFileError) {
      return { status: "error", error: { code: "invalid", field: error.message.startsWith("L0 ") ? "l0" : "file", message: error.message } };
    }
    return {
      status: "error",
      error: { code: "failed", field: "job", message: `${what} could not run: ${error instanceof Error ? error.message : String(error)}` },
    };
  }
}
