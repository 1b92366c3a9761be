import { useRef } from "preact/hooks";
import { cancelledText } from "./RunControls.tsx";

interface Options<F extends string> {
  /** The core's refusal of the job as the reader set it, if it refuses it. */
  jobError: { readonly field: F; readonly message: string } | undefined;
  /** The island's fields, which show a refusal aimed at them. */
  fields: readonly F[];
  cancelJob: () => void;
  announce: (text: string) => void;
  /** Whether a finished run is on screen (said after a cancel). */
  lastRun: boolean;
}

/**
 * What the run islands (the sweep, the readout-only run, the toy model) do around their Run button:
 * a refused job's message put next to its field (or next to the button, for field "job"), the reader
 * taken to the invalid field when Run is pressed anyway, and a cancel announced with focus back on Run.
 */
export function useRunActions<F extends string>({ jobError, fields, cancelJob, announce, lastRun }: Options<F>) {
  const root = useRef<HTMLElement>(null);
  const runButton = useRef<HTMLButtonElement>(null);
  const errorFor = (field: F): string | undefined => (jobError?.field === field ? jobError.message : undefined);
  const fieldErrors = Object.fromEntries(fields.map((name) => [name, errorFor(name)]));
  // Nothing starts; the message is already next to the field (or the button). Take the reader there.
  const focusInvalid = () => {
    root.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  };
  const cancel = () => {
    cancelJob();
    announce(cancelledText(lastRun));
    runButton.current?.focus();
  };
  return { root, runButton, errorFor, fieldErrors, focusInvalid, cancel };
}
