/**
 * A sweep: one random embedding, all its pairwise overlaps (with their histogram), and readout
 * trials at several values of l, so that the measured noise can be set against the three models
 * of the "typical vs worst case" page at once:
 *   the post's ε√l,   the typical √(l/n),   the worst of m readouts √(2 ln m · l/n).
 *
 * The embedding is drawn and its pairs measured once; then each l of `params.levels` gets
 * `params.trials` readout trials from the seed's readout stream (the same stream for every l, as
 * a single job at that l would use, so the measurement at the reader's l is exactly what
 * `simulate` gives for that job). Pure TypeScript, no DOM; driven like the engine (a generator
 * yielding progress every ~1 ms of work).
 */
import { epsilon } from "../formulas.ts";
import {
  createMeter,
  estimateCost,
  generateEmbedding,
  measureOverlaps,
  measureReadout,
  runToEnd,
  type HistogramSpec,
  type OverlapHistogram,
  type OverlapStats,
  type ReadoutStats,
  type SimulationProgress,
} from "./engine.ts";
import { createKernel, type DotKernel, type KernelChoice, type KernelName } from "./kernel.ts";
import { validateSweep, type SimulationError, type SimulationInput, type SweepParams } from "./params.ts";

/** Bins of a sweep's overlap histogram. */
export const HISTOGRAM_BINS = 120;

/**
 * Where a sweep bins its overlaps: 120 bins over ±1.2·ε, ε = √(8 ln m / n) the post's bound, but
 * never wider than ±1 (overlaps of unit vectors cannot be larger). Why 1.2·ε: the largest overlap
 * of a random embedding is about 0.6–0.7·ε, so everything measured falls inside, and the post's ε
 * itself is drawn inside the frame. Domain: n integer ≥ 1, m integer ≥ 2.
 */
export function histogramSpec(n: number, m: number): HistogramSpec {
  return { bins: HISTOGRAM_BINS, range: Math.min(1, 1.2 * epsilon(n, m)) };
}

/** The readout measured at one value of l. */
export interface SweepPoint {
  readonly l: number;
  readonly trials: number;
  /** RMS readout of the inactive features; expected √(l/n). Undefined when l = m. */
  readonly inactiveRms: number | undefined;
  /** Mean over trials of the worst |noise| of the m features; expected ≈ √(2 ln m · l/n). */
  readonly worstMean: number;
  /** Fraction of trials in which all m features read right with a threshold at ½. */
  readonly allCorrectFraction: number;
}

export interface SweepResult {
  readonly params: SweepParams;
  readonly kernel: KernelName;
  /** All m(m−1)/2 pairs, with their histogram. */
  readonly overlaps: OverlapStats & { readonly histogram: OverlapHistogram };
  /** The readout at the reader's l (`params.l`), in full. */
  readonly readout: ReadoutStats;
  /** One point per value of `params.levels`, in that order. */
  readonly points: readonly SweepPoint[];
}

function point(l: number, r: ReadoutStats): SweepPoint {
  return { l, trials: r.trials, inactiveRms: r.inactiveRms, worstMean: r.worstMean, allCorrectFraction: r.allCorrectFraction };
}

/**
 * Runs a validated sweep on `kernel` (which it resets), yielding a {@link SimulationProgress}
 * after every ~1 ms of estimated work (the fraction covers the whole sweep), and returns the
 * {@link SweepResult}. Domain: `params` from `validateSweep`.
 */
export function* simulateSweep(params: SweepParams, kernel: DotKernel): Generator<SimulationProgress, SweepResult, void> {
  const { n, m, l, seed, trials, levels } = params;
  kernel.reset(m, n);
  const base = estimateCost({ ...params, trials: 0 }, kernel.name);
  const readoutCosts = levels.map((lk) => estimateCost({ ...params, l: lk, overlaps: false }, kernel.name).readout);
  const meter = createMeter(base.embedding + base.overlaps + readoutCosts.reduce((a, b) => a + b, 0));
  yield* generateEmbedding(kernel, seed, meter);
  meter.done = base.embedding;
  const overlaps = yield* measureOverlaps(kernel, meter, histogramSpec(n, m));
  let done = base.embedding + base.overlaps;
  meter.done = done;
  const points: SweepPoint[] = [];
  let readout: ReadoutStats | undefined;
  for (let k = 0; k < levels.length; k++) {
    const lk = levels[k]!;
    const stats = yield* measureReadout(kernel, lk, trials, seed, meter);
    done += readoutCosts[k]!;
    meter.done = done;
    points.push(point(lk, stats));
    if (lk === l) readout = stats;
  }
  if (readout === undefined || overlaps.histogram === undefined) throw new RangeError("a sweep must measure the reader's l and the histogram");
  return { params, kernel: kernel.name, overlaps: { ...overlaps, histogram: overlaps.histogram }, readout, points };
}

/**
 * Runs a sweep to the end, synchronously: for the build (the prerendered figures), tests and
 * scripts; a page runs it in a Web Worker (`runSweep` in run.ts). Domain: any input; an invalid
 * or oversized one gives the {@link SimulationError} from `validateSweep`, never an exception.
 */
export function simulateSweepSync(
  input: Partial<Record<keyof SimulationInput, unknown>>,
  kernel: KernelChoice = "auto",
): { ok: true; result: SweepResult } | { ok: false; error: SimulationError } {
  const checked = validateSweep(input);
  if (!checked.ok) return checked;
  return { ok: true, result: runToEnd(simulateSweep(checked.params, createKernel(kernel))) };
}

/**
 * What a page shows of a sweep, without the histogram: a few numbers, small enough to pass from
 * the build to an island as a prop. The histogram goes into the prerendered figure instead.
 */
export interface SweepSummary {
  readonly n: number;
  readonly m: number;
  readonly l: number;
  readonly seed: number;
  readonly trials: number;
  readonly rmsOverlap: number;
  readonly meanAbsOverlap: number;
  readonly maxOverlap: number;
  /** RMS readout noise of the inactive features at l; undefined when l = m. */
  readonly rmsNoise: number | undefined;
  readonly worstNoise: number;
  readonly allCorrect: number;
  readonly allCorrectFraction: number;
  readonly points: readonly SweepPoint[];
}

/** The {@link SweepSummary} of a result. */
export function summarizeSweep(result: SweepResult): SweepSummary {
  const { params, overlaps, readout, points } = result;
  return {
    n: params.n,
    m: params.m,
    l: params.l,
    seed: params.seed,
    trials: params.trials,
    rmsOverlap: overlaps.rms,
    meanAbsOverlap: overlaps.meanAbs,
    maxOverlap: overlaps.maxAbs,
    rmsNoise: readout.inactiveRms,
    worstNoise: readout.worstMean,
    allCorrect: readout.allCorrect,
    allCorrectFraction: readout.allCorrectFraction,
    points,
  };
}
