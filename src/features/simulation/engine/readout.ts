/**
 * Phase 3 of a simulation: readout trials. Each trial switches on l features chosen at random
 * (amplitude 1), builds the input x = Σ v_active in the kernel's batch rows, and reads every
 * feature against it; the noise of each readout is reduced to the {@link ReadoutStats} at once.
 */
import { COST, progress, spend, type Meter } from "./meter.ts";
import { READOUT_STREAM } from "./embedding.ts";
import { SLICE_CHUNKS, TILE, type DotKernel } from "../../../compute/kernels/kernel.ts";
import { createRandom, sampleInPlace } from "../../../math/random.ts";
import type { ReadoutStats, SimulationProgress } from "./stats.ts";

/** Readout batches keep their trial × feature mask within 2^22 bytes. */
const MASK_BYTES = 2 ** 22;

/** An input is built from pieces of at most this many (row numbers + draws): ~1 ms even in JS. */
const INPUT_PIECE = 2 ** 18;

/** Readout trials per batch: the kernel's batch, fewer for very many features (mask size). */
function readoutBatch(kernel: DotKernel, m: number): number {
  return Math.min(kernel.batchRows, Math.max(4, Math.floor(MASK_BYTES / m / 4) * 4));
}

/**
 * Phase 3: `trials` readout trials with l active features each (1 ≤ l ≤ m), drawn from `seed`'s
 * readout stream, in batches: each batch's inputs are built in the kernel's batch rows, then read
 * by every feature, 64 features at a time. Returns the {@link ReadoutStats} and keeps
 * `meter.readout` up to date after each batch. Domain: trials integer ≥ 1.
 */
export function* measureReadout(
  kernel: DotKernel,
  l: number,
  trials: number,
  seed: number,
  meter: Meter,
): Generator<SimulationProgress, ReadoutStats, void> {
  const { rows: m, n, chunks } = kernel;
  const padded = Math.ceil(m / 4) * 4;
  const macCost = COST.mac[kernel.name];
  const addCost = COST.add[kernel.name];
  meter.phase = "readout";
  const rng = createRandom(seed, READOUT_STREAM);
  const batch = readoutBatch(kernel, m);
  const pool = new Int32Array(m);
  for (let f = 0; f < m; f++) pool[f] = f;
  const mask = new Uint8Array(m * batch); // mask[f·batch + b] = 1 when feature f is active in trial b
  const worst = new Float64Array(batch);
  const correct = new Uint8Array(batch);
  // Rows drawn and added per piece of an input: bounded work per step even when l·n is large.
  const piece = Math.max(1, Math.floor(INPUT_PIECE / (n + 8)));
  let trialsDone = 0;
  let inactiveSquares = 0;
  let activeSquares = 0;
  let worstSum = 0;
  let worstMax = 0;
  let allCorrect = 0;
  let stats: ReadoutStats | undefined;
  for (let t0 = 0; t0 < trials; t0 += batch) {
    const bt = Math.min(batch, trials - t0);
    const nj = bt + (bt & 1);
    mask.fill(0);
    // The batch's unused padding row (odd bt) must be zero: the kernel reads rows in pairs.
    if (nj > bt) kernel.clearBatchRow(bt);
    for (let b = 0; b < bt; b++) {
      kernel.clearBatchRow(b);
      worst[b] = 0;
      correct[b] = 1;
      for (let start = 0; start < l; start += piece) {
        const end = Math.min(l, start + piece);
        sampleInPlace(rng, pool, end, start);
        for (let i = start; i < end; i++) mask[pool[i]! * batch + b] = 1;
        kernel.addRows(b, pool.subarray(start, end), end - start);
        if (spend(meter, (end - start) * (COST.draw + n * addCost) + (start === 0 ? n : 0))) yield progress(meter);
      }
    }
    for (let i0 = 0; i0 < padded; i0 += TILE) {
      const ni = Math.min(TILE, padded - i0);
      for (let c0 = 0; c0 < chunks; c0 += SLICE_CHUNKS) {
        const nc = Math.min(SLICE_CHUNKS, chunks - c0);
        kernel.dots(i0, ni, "batch", 0, nj, c0, nc, c0 > 0);
        if (spend(meter, ni * nj * 4 * nc * macCost) && c0 + nc < chunks) yield progress(meter);
      }
      const tile = kernel.tile();
      const rows = Math.min(ni, m - i0);
      for (let i = 0; i < rows; i++) {
        const at = i * TILE;
        const maskAt = (i0 + i) * batch;
        for (let b = 0; b < bt; b++) {
          const r = tile[at + b]!;
          let noise: number;
          if (mask[maskAt + b] === 1) {
            noise = r - 1;
            activeSquares += noise * noise;
            if (!(r > 0.5)) correct[b] = 0;
          } else {
            noise = r;
            inactiveSquares += r * r;
            if (!(r < 0.5)) correct[b] = 0;
          }
          const size = Math.abs(noise);
          if (size > worst[b]!) worst[b] = size;
        }
      }
      if (spend(meter, rows * bt * COST.readoutReduce)) yield progress(meter);
    }
    for (let b = 0; b < bt; b++) {
      worstSum += worst[b]!;
      if (worst[b]! > worstMax) worstMax = worst[b]!;
      allCorrect += correct[b]!;
    }
    trialsDone += bt;
    stats = {
      trials: trialsDone,
      inactiveRms: l < m ? Math.sqrt(inactiveSquares / (trialsDone * (m - l))) : undefined,
      activeRms: Math.sqrt(activeSquares / (trialsDone * l)),
      worstMean: worstSum / trialsDone,
      worstMax,
      allCorrect,
      allCorrectFraction: allCorrect / trialsDone,
    };
    meter.readout = stats;
  }
  if (stats === undefined) throw new RangeError("measuring readouts needs at least 1 trial");
  return stats;
}
