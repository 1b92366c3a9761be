/**
 * What a simulation measures, as plain data a Web Worker can post and a page can show: the
 * statistics of all pairwise overlaps, of the readout trials, and the progress of a run.
 *
 * Measurements, on one fixed embedding v_1 … v_m (random unit vectors, see embedding.ts):
 *
 * 1. All pairs i < j: the overlaps g_ij = ⟨v_i, v_j⟩, summarised as
 *      rms = √(Σ g² / P),  meanAbs = Σ |g| / P,  maxAbs = max |g|   over the P = m(m−1)/2 pairs,
 *    optionally counted in a histogram (overlaps.ts).
 *
 * 2. Readout trials: each trial activates l features chosen uniformly without replacement, at
 *    amplitude 1: x = Σ_{i active} v_i. Every feature is read as r_f = ⟨v_f, x⟩; its target is
 *    s_f = 1 if active, 0 if not, and its noise is r_f − s_f (readout.ts).
 */
import type { KernelName } from "../../../compute/kernels/kernel.ts";
import type { SimulationParams } from "./params.ts";

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
