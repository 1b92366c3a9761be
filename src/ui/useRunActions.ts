import { useRef } from "preact/hooks";
import { cancelledText, type RunControlsWiring } from "./RunControls.tsx";
import type { JobStatus } from "./useWorkerJob.ts";

interface Options<F extends string> {
  /** The job the Run button starts (a worker job, or one split across workers): its state, and how to stop it. */
  job: { readonly status: JobStatus; readonly failure: string | undefined; cancel(): void };
  /** The core's refusal of the job as the reader set it, if it refuses it. */
  jobError: { readonly field: F; readonly message: string } | undefined;
  /** The island's fields, which show a refusal aimed at them. */
  fields: readonly F[];
  announce: (text: string) => void;
  /** Whether a finished run is on screen (said after a cancel). */
  lastRun: boolean;
}

/**
 * What the run islands (the sweep, the readout-only run, the toy model, its phase diagrams and
 * sweep) do around their Run button: a refused job's message put next to its field (or next to
 * the button, for field "job"), the reader taken to the invalid field when Run is pressed anyway,
 * and a cancel announced with focus back on Run. Gives the root element's ref, the fields' extra
 * messages, `focusInvalid`, and `controls`: what RunControls shows of the job and does with it.
 */
export function useRunActions<F extends string>({ job, jobError, fields, announce, lastRun }: Options<F>) {
  const root = useRef<HTMLElement>(null);
  const runButton = useRef<HTMLButtonElement>(null);
  const errorFor = (field: F | "job"): string | undefined => (jobError?.field === field ? jobError.message : undefined);
  const fieldErrors = Object.fromEntries(fields.map((name) => [name, errorFor(name)]));
  // Nothing starts; the message is already next to the field (or the button). Take the reader there.
  const focusInvalid = () => {
    root.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  };
  const controls: RunControlsWiring = {
    runButton,
    onCancel: () => {
      job.cancel();
      announce(cancelledText(lastRun));
      runButton.current?.focus();
    },
    status: job.status,
    lastRun,
    jobError: errorFor("job"),
    failure: job.failure,
  };
  return { root, fieldErrors, focusInvalid, controls };
}
