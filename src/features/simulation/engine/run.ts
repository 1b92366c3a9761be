/**
 * Running simulation work without freezing its thread, as jobs of the worker protocol: a sweep
 * (worker.ts), or one range of features of a large readout (readout-worker.ts). Validated first,
 * then driven in slices (../jobs/drive.ts) with progress and cancellation. Pure TypeScript with no
 * DOM: runs in Node, in a browser and in a Web Worker.
 */
import { drive, type DriveOptions, type Outcome } from "../../../compute/jobs/drive.ts";
import type { JobKind } from "../../../compute/jobs/protocol.ts";
import { createKernel, type KernelChoice } from "../../../compute/kernels/kernel.ts";
import { FEATURE_BLOCK, isFeatureRange, readFeatureRange, type FeatureRange, type RangeTotals, type ReadoutProgress } from "./large-readout.ts";
import type { SimulationField, SimulationInput } from "./params.ts";
import { createReadoutKernel } from "./readout-kernel.ts";
import { validateLargeReadout, type LargeReadoutInput } from "./readout-params.ts";
import type { SimulationProgress } from "./stats.ts";
import { simulateSweep, validateSweep, type SweepResult } from "./sweep.ts";

/** The sweep as a kind of worker job: what the page sends, and what the worker sends back. */
export type SweepJob = JobKind<Partial<Record<keyof SimulationInput, unknown>>, SimulationProgress, SweepResult, SimulationField>;

export type SweepOutcome = Outcome<SweepResult, SimulationProgress, SimulationField>;

/** How to run a simulation job: the driver's options, and the kernel to compute with. */
export interface KernelRunOptions<Progress> extends DriveOptions<Progress> {
  /** Kernel to use (default "auto": the fastest available, WebAssembly SIMD when it can run, else JavaScript). */
  readonly kernel?: KernelChoice;
}

export type SweepRunOptions = KernelRunOptions<SimulationProgress>;

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

/** A part of a large readout job, as a worker takes it: the job, and its range of features. */
export interface RangeInput extends LargeReadoutInput {
  /** First feature of the range (a multiple of FEATURE_BLOCK). */
  readonly from: number;
  /** One past its last feature (a multiple of FEATURE_BLOCK, or m). */
  readonly to: number;
}

/** A range of a large readout as a kind of worker job (readout-worker.ts). */
export type RangeJob = JobKind<Partial<Record<keyof RangeInput, unknown>>, ReadoutProgress, RangeTotals, SimulationField>;

export type RangeOutcome = Outcome<RangeTotals, ReadoutProgress, SimulationField>;

export type RangeRunOptions = KernelRunOptions<ReadoutProgress>;

/**
 * Validates and runs one range of a large readout job (large-readout.ts): the job as
 * `validateLargeReadout` checks it, and a range of whole blocks within it. Never throws or rejects:
 * an invalid job or range gives status "error" with the message; otherwise as `drive`.
 */
export async function runReadoutRange(input: RangeJob["input"], options: RangeRunOptions = {}): Promise<RangeOutcome> {
  const checked = validateLargeReadout(input);
  if (!checked.ok) return { status: "error", error: checked.error };
  const range = { from: input.from, to: input.to } as FeatureRange;
  if (!isFeatureRange(range, checked.params.m)) {
    return {
      status: "error",
      error: {
        code: "invalid",
        field: "job",
        message: `A part of a readout must be a range of whole blocks of ${FEATURE_BLOCK} features within 0 … m; got ${String(input.from)} … ${String(input.to)}.`,
      },
    };
  }
  return drive(
    () => readFeatureRange(checked.params, range, createReadoutKernel(options.kernel ?? "auto")),
    options,
    (_result, last) => ({ phase: last?.phase ?? "features", fraction: 1 }),
    "The simulation",
  );
}
