/**
 * The simulation engine: one random embedding of m features in ℝⁿ, and what it costs to read
 * them back. Runs as a generator that does a bounded amount of work between yields, so that a
 * caller (the async runner in run.ts, a Web Worker) can report progress and stop it at any point.
 * The phases live in their own files: the embedding here, all pairs in overlaps.ts, the readout
 * trials in readout.ts; what they measure is described in stats.ts.
 *
 * Reproducibility: the same parameters and kernel give bit-identical results on every platform
 * (see random.ts for the one caveat, Math.log's last bit across JavaScript engines). The "js" and
 * "wasm-simd" kernels agree to float32 rounding.
 */
import { createRandom, fillGaussians } from "../../../math/random.ts";
import { EMBEDDING_STREAM, normaliseRow } from "./embedding.ts";
import { createKernel, type DotKernel, type KernelChoice } from "../../../compute/kernels/kernel.ts";
import { COST, createMeter, estimateCost, progress, spend, type Meter } from "./meter.ts";
import { measureOverlaps } from "./overlaps.ts";
import { validateSimulation, type SimulationError, type SimulationInput, type SimulationParams } from "./params.ts";
import { measureReadout } from "./readout.ts";
import type { SimulationProgress, SimulationResult } from "./stats.ts";
import { runToEnd } from "../../../math/run-to-end.ts";

/** Gaussians drawn per piece of the embedding phase. */
const GAUSSIAN_PIECE = 65536;

/**
 * Phase 1: draws the m feature vectors of `seed` (the same as `randomEmbedding(n, m, seed)`) into
 * the kernel, which must have been reset to (m, n). Yields every ~1 ms of estimated work; a row is
 * drawn in pieces of 65 536 Gaussians.
 */
export function* generateEmbedding(kernel: DotKernel, seed: number, meter: Meter): Generator<SimulationProgress, void, void> {
  const { rows: m, n } = kernel;
  meter.phase = "embedding";
  const random = createRandom(seed, EMBEDDING_STREAM);
  const row = new Float32Array(n);
  for (let f = 0; f < m; f++) {
    do {
      for (let k = 0; k < n; k += GAUSSIAN_PIECE) {
        const end = Math.min(n, k + GAUSSIAN_PIECE);
        fillGaussians(random, row, k, end);
        if (spend(meter, (end - k) * COST.gaussian)) yield progress(meter);
      }
    } while (!normaliseRow(row));
    kernel.setRow(f, row);
  }
}

/**
 * Runs a validated job on `kernel` (which it resets): the embedding, then all pairs (if
 * `overlaps`), then the readout trials (if trials > 0). Yields a {@link SimulationProgress} after
 * every ~1 ms of estimated work — never more than one kernel call of ≤ 2^22 multiply-adds, one
 * piece of ≤ 65 536 Gaussians or one trial's input (≤ 2^24 additions) in between, so one step
 * stays well under 20 ms even with the JavaScript kernel — and returns the {@link SimulationResult}.
 * Stopping early is just not calling next() again (or calling return()).
 * Domain: `params` from `validateSimulation` (unvalidated sizes may exhaust memory).
 */
export function* simulate(params: SimulationParams, kernel: DotKernel): Generator<SimulationProgress, SimulationResult, void> {
  const { n, m, l, seed, trials } = params;
  kernel.reset(m, n);
  const costs = estimateCost(params, kernel.name);
  const meter = createMeter(costs.embedding + costs.overlaps + costs.readout);
  yield* generateEmbedding(kernel, seed, meter);
  meter.done = costs.embedding;
  const overlaps = params.overlaps ? yield* measureOverlaps(kernel, meter) : undefined;
  meter.done = costs.embedding + costs.overlaps;
  const readout = trials > 0 ? yield* measureReadout(kernel, l, trials, seed, meter) : undefined;
  return { params, kernel: kernel.name, overlaps, readout };
}

/**
 * Runs a job to the end, synchronously (for tests, benchmarks and scripts; a page should use the
 * async `runSimulation` in a worker). Domain: any input; invalid or oversized jobs give the
 * {@link SimulationError} from `validateSimulation`, never an exception.
 */
export function simulateSync(
  input: Partial<Record<keyof SimulationInput, unknown>>,
  kernel: KernelChoice = "auto",
): { ok: true; result: SimulationResult } | { ok: false; error: SimulationError } {
  const checked = validateSimulation(input);
  if (!checked.ok) return checked;
  return { ok: true, result: runToEnd(simulate(checked.params, createKernel(kernel))) };
}
