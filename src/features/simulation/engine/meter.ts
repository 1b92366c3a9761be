/**
 * Cost accounting of a simulation run: estimated nanoseconds per operation, the estimated cost of
 * each phase of a job, and the meter the phases charge as they work. Used for two things only: the
 * progress fraction a page shows, and how often a phase yields to let a worker answer a cancel.
 */
import type { KernelName } from "../../../compute/kernels/kernel.ts";
import type { SimulationParams } from "./params.ts";
import type { OverlapStats, ReadoutStats, SimulationPhase, SimulationProgress } from "./stats.ts";

/** Estimated nanoseconds per operation, measured on the development machine. */
export const COST = {
  gaussian: 10,
  pairReduce: 1.5,
  readoutReduce: 2,
  draw: 10,
  mac: { "wasm-relaxed": 0.04, "wasm-simd": 0.04, js: 0.4 },
  /** Per coordinate of a feature direction made by the counter-based generator (feature-directions.ts). */
  direction: { "wasm-relaxed": 3.5, "wasm-simd": 3.5, js: 150 },
  /** Per number of a row added to an input (rows are strided in the packed layout). */
  add: { "wasm-relaxed": 0.3, "wasm-simd": 0.3, js: 1 },
} as const;

/** The generator yields after about this much estimated work (1 ms), never inside a kernel call. */
const YIELD_EVERY = 1e6;

/** Estimated cost of each phase of a job, in nanoseconds (see {@link COST}). */
export function estimateCost(params: SimulationParams, kernel: KernelName): { embedding: number; overlaps: number; readout: number } {
  const { n, m, l, trials } = params;
  const paddedN = Math.ceil(n / 4) * 4;
  const pairs = (m * (m - 1)) / 2;
  return {
    embedding: m * n * COST.gaussian,
    overlaps: params.overlaps ? pairs * paddedN * COST.mac[kernel] + pairs * COST.pairReduce : 0,
    readout: trials * (m * paddedN * COST.mac[kernel] + l * (COST.draw + paddedN * COST.add[kernel]) + m * COST.readoutReduce + n),
  };
}

/**
 * Bookkeeping shared by the phases: estimated work done, and work since the last yield. A phase
 * calls `spend(cost)` after each bounded piece of work and yields `progress()` when it returns true.
 */
export interface Meter {
  /** Estimated nanoseconds of work done so far. */
  done: number;
  /** Estimated nanoseconds since the last yield. */
  sinceYield: number;
  /** Total estimated work of the job (for the fraction). */
  readonly total: number;
  phase: SimulationPhase;
  overlaps: OverlapStats | undefined;
  readout: ReadoutStats | undefined;
}

/** A meter for a job of `total` estimated nanoseconds (0 when only timing phases by hand). */
export function createMeter(total = 0): Meter {
  return { done: 0, sinceYield: 0, total, phase: "embedding", overlaps: undefined, readout: undefined };
}

/** Adds `cost` to the meter; true when it is time to yield. */
export function spend(meter: Meter, cost: number): boolean {
  meter.done += cost;
  meter.sinceYield += cost;
  return meter.sinceYield >= YIELD_EVERY;
}

/** The progress to yield now (and restarts the count since the last yield). */
export function progress(meter: Meter): SimulationProgress {
  meter.sinceYield = 0;
  const fraction = meter.total > 0 ? Math.min(1, meter.done / meter.total) : 0;
  return { phase: meter.phase, fraction, overlaps: meter.overlaps, readout: meter.readout };
}
