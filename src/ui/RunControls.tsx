import type { ComponentChildren, RefObject } from "preact";
import { useId } from "preact/hooks";
import type { JobStatus } from "./useWorkerJob.ts";

/** What a cancelled job leaves on screen, in words: said after Cancel, and shown until the next run. */
export function cancelledText(lastRun: boolean): string {
  return lastRun ? "Cancelled — showing the last finished run." : "Cancelled — nothing run yet.";
}

interface Props {
  /** Class names of the row of buttons and of its two buttons (each island styles its own). */
  actionsClass: string;
  runClass: string;
  cancelClass: string;
  /** The Run button's word ("Run", "Train"). */
  runLabel: string;
  runButton: RefObject<HTMLButtonElement>;
  onRun: () => void;
  onCancel: () => void;
  /** The job's state: Cancel and the progress show while it runs, a line of words once it is cancelled. */
  status: JobStatus;
  /** Whether a finished run (the reader's or the build's) is on screen. */
  lastRun: boolean;
  /** The progress shown beside the buttons while the job runs. */
  progress: ComponentChildren;
  /** The refusal of a job too large in all (field "job"), said next to the Run button. */
  jobError: string | undefined;
  /** Why the last job failed in its worker, if it did. */
  failure: string | undefined;
}

/**
 * The controls under a run island's fields (the sweep, the readout-only run, the toy model): the
 * Run button, Cancel and the progress while a job runs, what a cancel left on screen, then the job's
 * refusal and its failure.
 */
export function RunControls({
  actionsClass,
  runClass,
  cancelClass,
  runLabel,
  runButton,
  onRun,
  onCancel,
  status,
  lastRun,
  progress,
  jobError,
  failure,
}: Props) {
  const jobMessageId = useId();
  const running = status === "running";
  return (
    <>
      <div class={actionsClass}>
        <button type="button" class={runClass} ref={runButton} onClick={onRun} aria-describedby={jobError ? jobMessageId : undefined}>
          {runLabel}
        </button>
        {running && (
          <button type="button" class={cancelClass} onClick={onCancel}>
            Cancel
          </button>
        )}
        {running && progress}
      </div>
      {status === "cancelled" && <p class="run-cancelled">{cancelledText(lastRun)}</p>}
      {jobError && (
        <p id={jobMessageId} class="field__error" role="alert">
          {jobError}
        </p>
      )}
      {failure && (
        <p class="field__error" role="alert">
          {failure}
        </p>
      )}
    </>
  );
}
