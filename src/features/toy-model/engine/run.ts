/**
 * Training a toy model without freezing its thread, as a job of the worker protocol: validated
 * first, then trained in slices (../jobs/drive.ts) with progress and cancellation, then measured
 * against the post (measure.ts). Pure TypeScript with no DOM: runs in Node, in a browser and in a
 * Web Worker (worker.ts).
 */
import { drive, type DriveOptions, type Outcome } from "../../../compute/jobs/drive.ts";
import type { JobKind } from "../../../compute/jobs/protocol.ts";
import { measureToyModel } from "./measure.ts";
import { validateToyModel, type ToyModelField, type ToyModelInput, type ToyModelSettings } from "./settings.ts";
import type { ToyModelRun } from "./summary.ts";
import type { ToyKernelChoice } from "./toy-kernel.ts";
import { trainToyModel, type ToyModelProgress } from "./train.ts";

/** A training run as a kind of worker job: what the page sends, and what the worker sends back. */
export type ToyModelJob = JobKind<Partial<Record<keyof ToyModelInput, unknown>>, ToyModelProgress, ToyModelRun, ToyModelField>;

export type ToyModelOutcome = Outcome<ToyModelRun, ToyModelProgress, ToyModelField>;

export interface ToyModelRunOptions extends DriveOptions<ToyModelProgress> {
  /** Kernel to use (default "auto": WebAssembly SIMD when available, else JavaScript). */
  readonly kernel?: ToyKernelChoice;
}

/**
 * Least time between two progress reports by default, in ms: ten a second draw the loss falling
 * smoothly, and leave the page's thread nine tenths of its time for the reader.
 */
export const PROGRESS_MS = 100;

/**
 * Trains a validated job, then measures it. The measurement (about m²·n + 4 000·n·m multiply-adds,
 * a few percent of the training at the limits) is one piece of work: a cancel that arrives during
 * it takes effect when it ends.
 */
export function* trainAndMeasure(settings: ToyModelSettings, kernel: ToyKernelChoice = "auto"): Generator<ToyModelProgress, ToyModelRun, void> {
  const result = yield* trainToyModel(settings, kernel);
  return { result, measured: measureToyModel(result) };
}

/**
 * Validates, trains and measures a job. Domain: any input (see `validateToyModel`). Never throws
 * or rejects: an invalid or oversized job gives status "error" with the validation message (the
 * field to blame and the limit); otherwise as `drive` (progress every {@link PROGRESS_MS} unless
 * told otherwise), whose final progress is the whole loss curve.
 */
export async function runToyModel(input: ToyModelJob["input"], options: ToyModelRunOptions = {}): Promise<ToyModelOutcome> {
  const checked = validateToyModel(input);
  if (!checked.ok) return { status: "error", error: checked.error };
  const { steps } = checked.settings;
  return drive(
    () => trainAndMeasure(checked.settings, options.kernel ?? "auto"),
    { progressMs: PROGRESS_MS, ...options },
    (run) => ({ step: steps, steps, fraction: 1, loss: run.result.finalLoss, history: run.result.history }),
    "The training",
  );
}
