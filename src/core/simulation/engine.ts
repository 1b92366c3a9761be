/**
 * The simulation engine: one random embedding of m features in ℝⁿ, and what it costs to read
 * them back. Runs as a generator that does a bounded amount of work between yields, so that a
 * caller (the async runner in run.ts, a Web Worker) can report progress and stop it at any point.
 *
 * Measurements, on one fixed embedding v_1 … v_m (random unit vectors, see embedding.ts):
 *
 * 1. All pairs i < j (when `overlaps`): the overlaps g_ij = ⟨v_i, v_j⟩, summarised as
 *      rms = √(Σ g² / P),  meanAbs = Σ |g| / P,  maxAbs = max |g|   over the P = m(m−1)/2 pairs.
 *
 * 2. Readout trials (when trials > 0): each trial activates l features chosen uniformly without
 *    replacement, at amplitude 1: x = Σ_{i active} v_i. Every feature is read as r_f = ⟨v_f, x⟩;
 *    its target is s_f = 1 if active, 0 if not, and its noise is r_f − s_f. Over all trials:
 *      inactiveRms   √(mean of r_f²) over the trials·(m − l) inactive readouts (interference from
 *                    l features); undefined when l = m (no inactive feature)
 *      activeRms     √(mean of (r_f − 1)²) over the trials·l active readouts (interference from the
 *                    l − 1 others, plus float32 rounding of |v_f|² ≈ 10⁻⁷)
 *      worst_t       max over all m features of |r_f − s_f| in trial t;
 *      worstMean     mean of worst_t over trials;  worstMax  max of worst_t over trials
 *      allCorrect    trials in which every feature reads right with a threshold at ½: r_f > ½ for
 *                    every active f and r_f < ½ for every inactive f
 *
 * 3. The spread of a probed feature (the levels story) comes from the same trials: with the probed
 *    feature at amplitude a and its l − 1 companions at amplitude b, its readout deviates from a by
 *    b × (the interference on an active feature at unit amplitudes), by linearity. So σ = b ·
 *    activeRms and the distinguishable levels are a/σ ({@link probeLevels}): every active feature
 *    of every trial is one probe, drawn exactly as "a random feature plus l − 1 random others".
 *
 * Reproducibility: the same parameters and kernel give bit-identical results on every platform
 * (see random.ts for the one caveat, Math.log's last bit across JavaScript engines). The "js" and
 * "wasm-simd" kernels agree to float32 rounding.
 */
import { createRandom, fillGaussians, sampleInPlace } from "./random.ts";
import { EMBEDDING_STREAM, READOUT_STREAM, normaliseRow } from "./embedding.ts";
import { SLICE_CHUNKS, TILE, createKernel, type DotKernel, type KernelChoice, type KernelName } from "./kernel.ts";
import { validateSimulation, type SimulationError, type SimulationInput, type SimulationParams } from "./params.ts";

export interface OverlapStats {
  /** Pairs measured: m(m−1)/2 when complete, fewer in a partial result. */
  readonly pairs: number;
  /** √(Σ g² / pairs). Expected 1/√n. */
  readonly rms: number;
  /** Σ |g| / pairs. Expected ≈ √(2/(πn)). */
  readonly meanAbs: number;
  /** max |g|. Expected ≈ 0.86–0.92 × √(4 ln m / n). */
  readonly maxAbs: number;
  /** The pair (i, j), i < j, where max |g| was found first. */
  readonly maxPair: readonly [number, number];
  /** Counts of the overlaps in fixed bins, when asked for (see {@link HistogramSpec}). */
  readonly histogram?: OverlapHistogram;
}

/** Where to bin the overlaps: `bins` equal bins over [−range, range]. */
export interface HistogramSpec {
  /** Number of bins, an integer ≥ 1. */
  readonly bins: number;
  /** Half-width of the binned interval, a number in (0, 1] (overlaps of unit vectors lie in [−1, 1]). */
  readonly range: number;
}

/**
 * The overlaps g_ij of all pairs i < j, counted in `counts.length` equal bins over [from, to]:
 * bin b holds from + b·w ≤ g < from + (b + 1)·w, w = (to − from) / bins (up to rounding for an
 * overlap at a bin's very edge). An overlap outside [from, to] is counted in the nearest end bin,
 * so the counts always sum to the pairs measured; `outside` says how many were (expected 0 when
 * the range is wider than the largest overlap).
 */
export interface OverlapHistogram {
  readonly from: number;
  readonly to: number;
  readonly counts: readonly number[];
  readonly outside: number;
}

export interface ReadoutStats {
  /** Trials measured. */
  readonly trials: number;
  /** RMS readout of inactive features; expected √(l/n). Undefined when l = m. */
  readonly inactiveRms: number | undefined;
  /** RMS of (readout − 1) of active features; expected √((l − 1)/n). */
  readonly activeRms: number;
  /** Mean over trials of the worst |noise| over all m features; expected ≈ √(2 ln m · l / n). */
  readonly worstMean: number;
  /** Largest worst |noise| of any trial. */
  readonly worstMax: number;
  /** Trials in which all m features read right with a threshold at ½. */
  readonly allCorrect: number;
  /** allCorrect / trials. */
  readonly allCorrectFraction: number;
}

export interface SimulationResult {
  readonly params: SimulationParams;
  readonly kernel: KernelName;
  /** Undefined when the job skipped all pairs (`overlaps: false`). */
  readonly overlaps: OverlapStats | undefined;
  /** Undefined when the job had no readout trials. */
  readonly readout: ReadoutStats | undefined;
}

export type SimulationPhase = "embedding" | "overlaps" | "readout";

export interface SimulationProgress {
  readonly phase: SimulationPhase;
  /** Estimated fraction of the work done, 0 … 1, from operation counts weighted by their cost. */
  readonly fraction: number;
  /** Statistics over the pairs measured so far (undefined before the first). The max over a part
   * of the pairs is a lower bound of the final one; rms and meanAbs are unbiased estimates. */
  readonly overlaps: OverlapStats | undefined;
  /** Statistics over the trials measured so far (undefined before the first batch completes). */
  readonly readout: ReadoutStats | undefined;
}

/**
 * Distinguishable levels of a probed feature at amplitude a whose l − 1 active companions have
 * amplitude b (default a, the post's "values up to a"): σ = b · activeRms, levels = a/σ, and
 * σ itself. Levels is undefined when σ = 0 (l = 1 has no interference at all, so activeRms is
 * float32 rounding only and is not counted: σ = 0). Domain: a, b finite > 0; otherwise throws a
 * RangeError.
 */
export function probeLevels(readout: ReadoutStats, l: number, a: number, b = a): { sigma: number; levels: number | undefined } {
  if (!(Number.isFinite(a) && a > 0)) throw new RangeError(`a must be a finite number > 0, got ${a}`);
  if (!(Number.isFinite(b) && b > 0)) throw new RangeError(`b must be a finite number > 0, got ${b}`);
  const sigma = l <= 1 ? 0 : b * readout.activeRms;
  const levels = sigma > 0 ? a / sigma : undefined;
  return { sigma, levels: levels !== undefined && Number.isFinite(levels) ? levels : undefined };
}

// ---- Cost model (for progress and yield spacing only) ---------------------------------------------

/** Estimated nanoseconds per operation, measured on the development machine. */
const COST = {
  gaussian: 10,
  pairReduce: 1.5,
  readoutReduce: 2,
  draw: 10,
  mac: { "wasm-simd": 0.04, js: 0.4 },
  /** Per number of a row added to an input (rows are strided in the packed layout). */
  add: { "wasm-simd": 0.3, js: 1 },
} as const;

/** The generator yields after about this much estimated work (1 ms), never inside a kernel call. */
const YIELD_EVERY = 1e6;

/** Gaussians drawn per piece of the embedding phase. */
const GAUSSIAN_PIECE = 65536;

/** Readout batches keep their trial × feature mask within 2^22 bytes. */
const MASK_BYTES = 2 ** 22;

/** An input is built from pieces of at most this many (row numbers + draws): ~1 ms even in JS. */
const INPUT_PIECE = 2 ** 18;

/** Readout trials per batch: the kernel's batch, fewer for very many features (mask size). */
function readoutBatch(kernel: DotKernel, m: number): number {
  return Math.min(kernel.batchRows, Math.max(4, Math.floor(MASK_BYTES / m / 4) * 4));
}

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

// ---- The phases ---------------------------------------------------------------------------------

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
function spend(meter: Meter, cost: number): boolean {
  meter.done += cost;
  meter.sinceYield += cost;
  return meter.sinceYield >= YIELD_EVERY;
}

/** The progress to yield now (and restarts the count since the last yield). */
function progress(meter: Meter): SimulationProgress {
  meter.sinceYield = 0;
  const fraction = meter.total > 0 ? Math.min(1, meter.done / meter.total) : 0;
  return { phase: meter.phase, fraction, overlaps: meter.overlaps, readout: meter.readout };
}

function overlapStats(pairs: number, sumSquares: number, sumAbs: number, maxAbs: number, maxI: number, maxJ: number): OverlapStats | undefined {
  if (pairs === 0) return undefined;
  return { pairs, rms: Math.sqrt(sumSquares / pairs), meanAbs: sumAbs / pairs, maxAbs, maxPair: [maxI, maxJ] };
}

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
 * Phase 2: all pairs of the kernel's feature vectors, tile by tile over the upper triangle of the
 * Gram matrix (tiles (i0, j0), j0 ≥ i0, each summed over column slices of ≤ 1 024). Returns the
 * {@link OverlapStats} over the m(m−1)/2 pairs i < j, and keeps `meter.overlaps` up to date.
 * With `histogram`, also counts the overlaps in its bins, in the same pass over each tile (the
 * m × m matrix is never stored); without it, the reduction loop is the plain one, as fast as before.
 * Domain: a kernel holding m ≥ 2 vectors; histogram.bins integer ≥ 1, 0 < histogram.range ≤ 1.
 */
export function* measureOverlaps(kernel: DotKernel, meter: Meter, histogram?: HistogramSpec): Generator<SimulationProgress, OverlapStats, void> {
  const m = kernel.rows;
  const padded = Math.ceil(m / 4) * 4;
  const chunks = kernel.chunks;
  const macCost = COST.mac[kernel.name];
  meter.phase = "overlaps";
  let pairs = 0;
  let sumSquares = 0;
  let sumAbs = 0;
  let maxAbs = -1;
  let maxI = 0;
  let maxJ = 1;
  if (histogram !== undefined && !(Number.isInteger(histogram.bins) && histogram.bins >= 1 && histogram.range > 0 && histogram.range <= 1)) {
    throw new RangeError(`a histogram needs an integer number of bins ≥ 1 and a range in (0, 1], got ${histogram.bins} and ${histogram.range}`);
  }
  const bins = histogram?.bins ?? 0;
  const from = -(histogram?.range ?? 1);
  const scale = bins / (2 * (histogram?.range ?? 1));
  const offset = -from * scale;
  // Up to 2^32 − 1 per bin: far above the 1.3·10⁸ pairs of the largest job the limits allow.
  const counts = new Uint32Array(bins);
  let outside = 0;
  for (let i0 = 0; i0 < padded; i0 += TILE) {
    const ni = Math.min(TILE, padded - i0);
    for (let j0 = i0; j0 < padded; j0 += TILE) {
      const nj = Math.min(TILE, padded - j0);
      for (let c0 = 0; c0 < chunks; c0 += SLICE_CHUNKS) {
        const nc = Math.min(SLICE_CHUNKS, chunks - c0);
        kernel.dots(i0, ni, "features", j0, nj, c0, nc, c0 > 0);
        if (spend(meter, ni * nj * 4 * nc * macCost) && c0 + nc < chunks) yield progress(meter);
      }
      const tile = kernel.tile();
      const rows = Math.min(ni, m - i0);
      const cols = Math.min(nj, m - j0);
      let tileSquares = 0;
      let tileAbs = 0;
      let tilePairs = 0;
      for (let i = 0; i < rows; i++) {
        const start = j0 === i0 ? i + 1 : 0;
        const at = i * TILE;
        if (bins === 0) {
          for (let j = start; j < cols; j++) {
            const g = tile[at + j]!;
            const a = Math.abs(g);
            tileSquares += g * g;
            tileAbs += a;
            if (a > maxAbs) {
              maxAbs = a;
              maxI = i0 + i;
              maxJ = j0 + j;
            }
          }
        } else {
          // The same reduction, plus one count per overlap: bin ⌊(g − from)·scale⌋, computed as
          // g·scale + offset (one multiply-add; at a bin's very edge rounding may pick its
          // neighbour). Inside the range truncating with |0 is floor; anything outside goes to an
          // end bin and is counted as outside.
          for (let j = start; j < cols; j++) {
            const g = tile[at + j]!;
            const a = Math.abs(g);
            tileSquares += g * g;
            tileAbs += a;
            if (a > maxAbs) {
              maxAbs = a;
              maxI = i0 + i;
              maxJ = j0 + j;
            }
            const t = g * scale + offset;
            if (t >= 0 && t < bins) {
              counts[t | 0]!++;
            } else {
              counts[t < 0 ? 0 : bins - 1]!++;
              outside++;
            }
          }
        }
        if (cols > start) tilePairs += cols - start;
      }
      pairs += tilePairs;
      sumSquares += tileSquares;
      sumAbs += tileAbs;
      if (spend(meter, tilePairs * COST.pairReduce)) {
        meter.overlaps = overlapStats(pairs, sumSquares, sumAbs, maxAbs, maxI, maxJ);
        yield progress(meter);
      }
    }
  }
  const stats = overlapStats(pairs, sumSquares, sumAbs, maxAbs, maxI, maxJ);
  if (stats === undefined) throw new RangeError("measuring overlaps needs at least 2 features");
  meter.overlaps = stats;
  if (histogram === undefined) return stats;
  return { ...stats, histogram: { from, to: -from, counts: Array.from(counts), outside } };
}

/**
 * Phase 3: `trials` readout trials with l active features each (1 ≤ l ≤ m), drawn from `seed`'s
 * readout stream, in batches: each batch's inputs are built in the kernel's batch rows, then read
 * by every feature, 64 features at a time. Returns the {@link ReadoutStats} and keeps
 * `meter.readout` up to date after each batch. Domain: trials integer ≥ 1.
 */
export function* measureReadout(
  kernel: DotKernel, l: number, trials: number, seed: number, meter: Meter,
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

/** Runs a generator to its end and returns its value (for synchronous callers). */
export function runToEnd<T>(steps: Generator<unknown, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
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
