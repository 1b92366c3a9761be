/**
 * Running a sweep without freezing its thread, as a job of the worker protocol: validated first,
 * then driven in slices (../jobs/drive.ts) with progress and cancellation. Pure TypeScript with no
 * DOM: runs in Node, in a browser and in a Web Worker (worker.ts).
 */
import { drive, type DriveOptions, type Outcome } from "../jobs/drive.ts";
import type { JobKind } from "../jobs/protocol.ts";
import { createKernel, type KernelChoice } from "./kernel.ts";
import type { SimulationField, SimulationInput } from "./params.ts";
import type { SimulationProgress } from "./stats.ts";
import { simulateSweep, validateSweep, type SweepResult } from "./sweep.ts";

/** The sweep as a kind of worker job: what the page sends, and what the worker sends back. */
export type SweepJob = JobKind<Partial<Record<keyof SimulationInput, unknown>>, SimulationProgress, SweepResult, SimulationField>;

export type SweepOutcome = Outcome<SweepResult, SimulationProgress, SimulationField>;

export interface SweepRunOptions extends DriveOptions<SimulationProgress> {
  /** Kernel to use (default "auto": WebAssembly SIMD when available, else JavaScript). */
  readonly kernel?: KernelChoice;
}

/**
 * Validates and runs a sweep (one embedding, all pairs with their histogram, readouts at several
 * l; see sweep.ts). Domain: any input (see `validateSweep`). Never throws or rejects: an invalid or
 * oversized job gives status "error" with the validation message; otherwise as `drive`.
 */
export async function runSweep(input: SweepJob["input"], options: SweepRunOptions = {}): Promise<SweepOutcome> {
  const checked = validateSweep(input);
  if (!checked.ok) return { status: "error", error: checked.error };
  return drive(
    () => simulateSweep(checked.params, createKernel(options.kernel ?? "auto")),
    options,
    (result, last) => ({ phase: last?.phase ?? "readout", fraction: 1, overlaps: result.overlaps, readout: result.readout }),
    "The simulation",
  );
}
