/**
 * Running a simulation without freezing its thread: the engine's generator is driven in slices of
 * about 10 ms, with a return to the event loop between slices, so that a Web Worker (or a page, or
 * Node) can deliver a cancel message, and progress is reported along the way. Pure TypeScript with
 * no DOM: runs in Node, in a browser and in a Web Worker.
 */
import { simulate, type SimulationProgress, type SimulationResult } from "./engine.ts";
import { createKernel, type KernelChoice } from "./kernel.ts";
import { validateSimulation, validateSweep, type SimulationError, type SimulationInput } from "./params.ts";
import { simulateSweep, type SweepResult } from "./sweep.ts";

export interface RunOptions {
  /** Aborting it stops the run within one slice; the outcome is then "cancelled". */
  readonly signal?: AbortSignal;
  /** Called with the progress at most every `progressMs`, and once with fraction 1 at the end. */
  readonly onProgress?: (progress: SimulationProgress) => void;
  /** Kernel to use (default "auto": WebAssembly SIMD when available, else JavaScript). */
  readonly kernel?: KernelChoice;
  /** Longest stretch of computing between two returns to the event loop, in ms (default 10). */
  readonly sliceMs?: number;
  /** Least time between two progress reports, in ms (default 50). */
  readonly progressMs?: number;
}

/** How a run ended: its result (`T`), a cancellation with the last progress seen, or an error. */
export type Outcome<T> =
  | { readonly status: "done"; readonly result: T; readonly seconds: number }
  | { readonly status: "cancelled"; readonly progress: SimulationProgress | undefined }
  | { readonly status: "error"; readonly error: SimulationError };

export type RunOutcome = Outcome<SimulationResult>;
export type SweepOutcome = Outcome<SweepResult>;

type Scheduler = { setImmediate?: (callback: () => void) => unknown };

/**
 * Resolves on a later task of the event loop: setImmediate where it exists (Node), otherwise a
 * MessageChannel message (browsers and workers: unlike setTimeout(0), not clamped to 4 ms when
 * nested), otherwise setTimeout(0).
 */
export function nextTask(): Promise<void> {
  const scope = globalThis as unknown as Scheduler;
  if (typeof scope.setImmediate === "function") {
    const setImmediate = scope.setImmediate;
    return new Promise((resolve) => void setImmediate(resolve));
  }
  if (typeof MessageChannel === "function") {
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
 * Drives an engine generator in slices of `sliceMs`, returning to the event loop between slices,
 * reporting progress and honouring the abort signal (see {@link runSimulation} for the contract).
 */
async function drive<T extends { overlaps?: unknown; readout?: unknown }>(
  start: () => Generator<SimulationProgress, T, void>,
  options: RunOptions,
): Promise<Outcome<T>> {
  const { signal, onProgress, sliceMs = 10, progressMs = 50 } = options;
  let last: SimulationProgress | undefined;
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
        const result = step.value;
        onProgress?.({
          phase: last?.phase ?? "embedding",
          fraction: 1,
          overlaps: result.overlaps as SimulationProgress["overlaps"],
          readout: result.readout as SimulationProgress["readout"],
        });
        return { status: "done", result, seconds: (performance.now() - begin) / 1000 };
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
    return { status: "error", error: { code: "failed", field: "job", message: `The simulation could not run: ${message(error)}` } };
  }
}

/**
 * Validates and runs a job. Domain: any input (see `validateSimulation`); never throws and never
 * rejects: an invalid or oversized job gives status "error" with the validation message, a failure
 * while running (memory refused, a throwing onProgress) gives status "error" with code "failed",
 * and an aborted signal (before or during the run) gives "cancelled" with the last progress seen.
 * `seconds` is the wall-clock time of the run, including the returns to the event loop.
 */
export async function runSimulation(
  input: Partial<Record<keyof SimulationInput, unknown>>,
  options: RunOptions = {},
): Promise<RunOutcome> {
  const checked = validateSimulation(input);
  if (!checked.ok) return { status: "error", error: checked.error };
  return drive(() => simulate(checked.params, createKernel(options.kernel ?? "auto")), options);
}

/**
 * Validates and runs a sweep (one embedding, all pairs with their histogram, readouts at several
 * l; see sweep.ts), with the same contract as {@link runSimulation}: never throws or rejects.
 * Domain: any input (see `validateSweep`).
 */
export async function runSweep(
  input: Partial<Record<keyof SimulationInput, unknown>>,
  options: RunOptions = {},
): Promise<SweepOutcome> {
  const checked = validateSweep(input);
  if (!checked.ok) return { status: "error", error: checked.error };
  return drive(() => simulateSweep(checked.params, createKernel(options.kernel ?? "auto")), options);
}
