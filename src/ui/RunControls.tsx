import type { ComponentChildren, RefObject } from "preact";
import { useId } from "preact/hooks";
import type { JobStatus } from "./useWorkerJob.ts";

/** What a cancelled job leaves on screen, in words: said after Cancel, and shown until the next run. */
export function cancelledText(lastRun: boolean): string {
  return lastRun ? "Cancelled — showing the last finished run." : "Cancelled — nothing run yet.";
}

/** Class names of the row of buttons and of its two buttons (each feature styles its own). */
export interface RunControlClasses {
  readonly actions: string;
  readonly run: string;
  readonly cancel: string;
}

/** What the controls show of the job and do with it: `useRunActions` gives these for a run island. */
export interface RunControlsWiring {
  runButton: RefObject<HTMLButtonElement>;
  onCancel: () => void;
  /** The job's state: Cancel and the progress show while it runs, a line of words once it is cancelled. */
  status: JobStatus;
  /** Whether a finished run (the reader's or the build's) is on screen. */
  lastRun: boolean;
  /** The refusal of a job too large in all (field "job"), said next to the Run button. */
  jobError: string | undefined;
  /** Why the last job failed in its worker, if it did. */
  failure: string | undefined;
}

interface Props extends RunControlsWiring {
  classes: RunControlClasses;
  /** The Run button's word ("Run", "Train"). */
  runLabel: string;
  onRun: () => void;
  /** The progress shown beside the buttons while the job runs. */
  progress: ComponentChildren;
}

/**
 * The controls under a run island's fields (the sweep, the readout-only run, the toy model and its
 * phase diagrams and sweep, the dictionary's measurement): the
 * Run button, Cancel and the progress while a job runs, what a cancel left on screen, then the job's
 * refusal and its failure.
 */
export function RunControls({ classes, runLabel, onRun, progress, runButton, onCancel, status, lastRun, jobError, failure }: Props) {
  const jobMessageId = useId();
  const running = status === "running";
  return (
    <>
      <div class={classes.actions}>
        <button type="button" class={classes.run} ref={runButton} onClick={onRun} aria-describedby={jobError ? jobMessageId : undefined}>
          {runLabel}
        </button>
        {running && (
          <button type="button" class={classes.cancel} onClick={onCancel}>
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
