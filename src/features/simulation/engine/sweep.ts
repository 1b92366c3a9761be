/**
 * A sweep: one random embedding, all its pairwise overlaps (with their histogram), and readout
 * trials at several values of l, so that the measured noise can be set against the three models
 * of the "typical vs worst case" page at once:
 *   the post's ε√l,   the typical √(l/n),   the worst of m readouts √(2 ln m · l/n).
 *
 * The embedding is drawn and its pairs measured once; then each l of `params.lValues` gets
 * `params.trials` readout trials from the seed's readout stream (the same stream for every l, as
 * a single job at that l would use, so the measurement at the reader's l is exactly what
 * `simulate` gives for that job). Pure TypeScript, no DOM; driven like the engine (a generator
 * yielding progress every ~1 ms of work).
 */
import type { LogQuantity } from "../../../math/big-number.ts";
import { allRight } from "../../../math/error-rates.ts";
import { epsilon } from "../../../math/formulas.ts";
import { generateEmbedding } from "./engine.ts";
import { runToEnd } from "../../../math/run-to-end.ts";
import { createMeter, estimateCost } from "./meter.ts";
import { measureOverlaps } from "./overlaps.ts";
import { measureReadout } from "./readout.ts";
import type { HistogramSpec, OverlapHistogram, OverlapStats, ReadoutStats, SimulationProgress } from "./stats.ts";
import { refuseJob } from "../../../compute/jobs/protocol.ts";
import { createKernel, type DotKernel, type KernelChoice, type KernelName } from "../../../compute/kernels/kernel.ts";
import {
  count,
  MAX_FEATURES,
  MAX_PAIR_FEATURES,
  MAX_READOUT_WORK,
  power,
  validateSimulation,
  type SimulationError,
  type SimulationInput,
  type SimulationParams,
} from "./params.ts";
import { MAX_LARGE_FEATURES } from "./readout-params.ts";

// ---- Which sweeps there are: the values of l, and the limits -------------------------------------

/** Most powers of two a sweep measures l at; the reader's own l may add one more value. */
export const MAX_SWEEP_POWERS = 8;

/** A sweep that passed {@link validateSweep}: a job measuring all pairs, plus the l values. */
export interface SweepParams extends SimulationParams {
  /** The values of l the readouts are measured at, increasing; `l` is one of them. */
  readonly lValues: readonly number[];
}

export type CheckedSweep = { readonly ok: true; readonly params: SweepParams } | { readonly ok: false; readonly error: SimulationError };

/**
 * The largest l a sweep (and the figure of its noise) reaches: n/2, or 4·l if larger, but at most m.
 * Why n/2: the typical readout stays below the threshold ½ up to l = n/4, so the sweep passes that
 * point and shows where even the typical readout fails. Domain: n ≥ 1, m ≥ 2, 1 ≤ l ≤ m integers.
 */
export function sweepTop(n: number, m: number, l: number): number {
  return Math.max(1, Math.min(m, Math.max(4 * l, Math.floor(n / 2))));
}

/**
 * The values of l a sweep measures: powers of two from 1 up to {@link sweepTop} (every power, or
 * every second, third … so that there are at most {@link MAX_SWEEP_POWERS}), plus the reader's l;
 * increasing, without repeats. Domain: n ≥ 1, m ≥ 2, 1 ≤ l ≤ m integers.
 */
export function sweepLValues(n: number, m: number, l: number): number[] {
  const top = Math.floor(Math.log2(sweepTop(n, m, l)));
  const step = Math.max(1, Math.ceil((top + 1) / MAX_SWEEP_POWERS));
  const lValues = new Set<number>([l]);
  for (let k = 0; k <= top; k += step) lValues.add(2 ** k);
  return [...lValues].sort((x, y) => x - y);
}

/**
 * Checks a sweep: the job at the reader's l with all pairs measured (everything
 * {@link validateSimulation} checks, in the same order and with the same messages), at least one
 * trial, and the readouts at all {@link sweepLValues} together within the readout limit:
 * (values of l) · trials · m · n ≤ 2^36. Domain: anything; never throws.
 */
export function validateSweep(input: Partial<Record<keyof SimulationInput, unknown>>): CheckedSweep {
  const single = validateSimulation({ n: input.n, m: input.m, l: input.l, seed: input.seed, trials: input.trials, overlaps: true });
  if (!single.ok) {
    // A sweep always measures all pairs: its message must not suggest turning that off.
    const { error } = single;
    if (error.code === "too-large" && error.field === "m" && typeof input.m === "number" && input.m <= MAX_FEATURES) {
      return refuseJob(
        "too-large",
        "m",
        `m = ${count(input.m)} is above the limit of ${count(MAX_PAIR_FEATURES)} features for a simulation that measures ` +
          `all pairs (${count((MAX_PAIR_FEATURES * (MAX_PAIR_FEATURES - 1)) / 2)} pairs): use fewer features, or run readouts only (up to ${power(MAX_LARGE_FEATURES)}).`,
      );
    }
    return single;
  }
  const { n, m, l, trials } = single.params;
  if (trials < 1) return refuseJob("invalid", "trials", `trials is too small: a sweep needs at least 1 readout trial per value of l.`);
  const lValues = sweepLValues(n, m, l);
  const work = lValues.length * trials * m * n;
  if (work > MAX_READOUT_WORK) {
    return refuseJob(
      "too-large",
      "job",
      `readout at ${lValues.length} values of l: ${lValues.length} · trials · m · n = ${count(work)} multiply-adds is above the limit of ` +
        `${power(MAX_READOUT_WORK)} (several seconds of computing): use fewer trials, features or neurons.`,
    );
  }
  return { ok: true, params: { ...single.params, lValues } };
}

// ---- Running a sweep ----------------------------------------------------------------------------

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
  /**
   * The exact chance that all m random features are read right at this l (error-rates.ts), to set
   * the measured fraction against. Computed with the run (in its worker), not by the page.
   */
  readonly exactAllRight: LogQuantity;
}

export interface SweepResult {
  readonly params: SweepParams;
  readonly kernel: KernelName;
  /** All m(m−1)/2 pairs, with their histogram. */
  readonly overlaps: OverlapStats & { readonly histogram: OverlapHistogram };
  /** The readout at the reader's l (`params.l`), in full. */
  readonly readout: ReadoutStats;
  /** One point per value of `params.lValues`, in that order. */
  readonly points: readonly SweepPoint[];
}

function point(n: number, m: number, l: number, r: ReadoutStats): SweepPoint {
  return {
    l,
    trials: r.trials,
    inactiveRms: r.inactiveRms,
    worstMean: r.worstMean,
    allCorrectFraction: r.allCorrectFraction,
    exactAllRight: allRight(n, m, l),
  };
}

/**
 * Runs a validated sweep on `kernel` (which it resets), yielding a {@link SimulationProgress}
 * after every ~1 ms of estimated work (the fraction covers the whole sweep), and returns the
 * {@link SweepResult}. Domain: `params` from `validateSweep`.
 */
export function* simulateSweep(params: SweepParams, kernel: DotKernel): Generator<SimulationProgress, SweepResult, void> {
  const { n, m, l, seed, trials, lValues } = params;
  kernel.reset(m, n);
  const base = estimateCost({ ...params, trials: 0 }, kernel.name);
  const readoutCosts = lValues.map((lk) => estimateCost({ ...params, l: lk, overlaps: false }, kernel.name).readout);
  const meter = createMeter(base.embedding + base.overlaps + readoutCosts.reduce((a, b) => a + b, 0));
  yield* generateEmbedding(kernel, seed, meter);
  meter.done = base.embedding;
  const overlaps = yield* measureOverlaps(kernel, meter, histogramSpec(n, m));
  let done = base.embedding + base.overlaps;
  meter.done = done;
  const points: SweepPoint[] = [];
  let readout: ReadoutStats | undefined;
  for (let k = 0; k < lValues.length; k++) {
    const lk = lValues[k]!;
    const stats = yield* measureReadout(kernel, lk, trials, seed, meter);
    done += readoutCosts[k]!;
    meter.done = done;
    points.push(point(n, m, lk, stats));
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
