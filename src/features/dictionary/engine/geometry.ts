/**
 * The dictionary's geometry, the contract of the page's outputs, assembled from the pair totals
 * (pairs.ts) and, in sampled mode, the worst overlaps of a sample (worst.ts):
 *
 *   rms-overlap           √(mean cos²) over the pairs i < j of live latents;
 *   mean-overlap          mean |cos|;
 *   max-overlap           max |cos| and its pair (file indices);
 *   pairs-above-0.5/0.9   how many pairs have |cos| > 0.5, > 0.9;
 *   median-worst-overlap, p99-worst-overlap
 *                         quantiles (linear interpolation) of w_i = max_{j≠i} |cos_ij|;
 *   random-rms, random-worst, welch, post-epsilon   at the same n and live m (random-comparison.ts);
 *   a |cos| histogram with random directions' expected counts for the same pairs.
 *
 * Exact mode: every value over all live pairs, standard errors 0.
 * Sampled mode, and how its standard errors are derived:
 *   - the pair statistics are means over the k(k − 1)/2 pairs of a uniform random subset of k live
 *     latents: U-statistics. Their standard error is the delete-one-latent jackknife,
 *     se² = (1 − k/m)·(k − 1)/k · Σ_i (U₍₋ᵢ₎ − Ū)², with U₍₋ᵢ₎ = (T − R_i)/((k − 1)(k − 2)/2) from the
 *     per-latent sums R_i and the total T = Σ R_i / 2 (consistent for U-statistics; (1 − k/m) the
 *     finite-population correction, so se = 0 when the subset is everything);
 *     rms-overlap = √U has se(U)/(2√U) (delta method); pairs-above = fraction · m(m − 1)/2, its se
 *     scaled alike;
 *   - the worst-overlap quantiles come from the exact w_i of a uniform random sample of live
 *     latents (each against all m, streamed), with the order-statistic standard error of quantiles.ts;
 *   - max-overlap is the largest |cos| found (subset pairs and the sample's worst pairs): a lower
 *     bound of the true maximum, which a sample cannot estimate; it carries no standard error and
 *     says so (`lowerBound`).
 */
import { DictionaryFileError } from "./errors.ts";
import type { PairTotals } from "./pairs.ts";
import { HISTOGRAM_BINS, ROW_SUM_UNIT } from "./pairs.ts";
import { quantileOfSorted, sampledQuantile, type Estimate } from "./quantiles.ts";
import { randomComparison, randomHistogram, type RandomComparison } from "./random-comparison.ts";
import type { WorstTotals } from "./worst.ts";

export type { Estimate } from "./quantiles.ts";

/** Dead latents listed by index in a result (the count is always complete). */
export const DEAD_EXAMPLES = 20;

export interface DictionaryGeometry {
  readonly mode: "exact" | "sampled";
  /** Neurons (components per latent). */
  readonly n: number;
  /** Latents in the file, live and dead. */
  readonly m: number;
  /** Live latents: the m every comparison uses. */
  readonly live: number;
  readonly dead: number;
  /** The first dead latents (file indices), up to DEAD_EXAMPLES. */
  readonly deadExamples: readonly number[];
  readonly rmsOverlap: Estimate;
  readonly meanOverlap: Estimate;
  readonly maxOverlap: { readonly value: number; readonly pair: readonly [number, number]; readonly lowerBound: boolean };
  readonly pairsAbove05: Estimate;
  readonly pairsAbove09: Estimate;
  readonly medianWorstOverlap: Estimate;
  readonly p99WorstOverlap: Estimate;
  readonly comparison: RandomComparison;
  /** |cos| histogram: HISTOGRAM_BINS equal bins over [0, 1], counts over the pairs measured. */
  readonly histogram: { readonly bins: number; readonly pairs: number; readonly counts: Float64Array; readonly random: Float64Array };
  /** What sampled mode sampled: live latents in the pair subset, and latents whose worst overlap was measured. */
  readonly sampled: { readonly subset: number; readonly worstSample: number } | undefined;
}

function exact(value: number): Estimate {
  return { value, se: 0 };
}

function requireLive(live: number): void {
  if (live < 2)
    throw new DictionaryFileError("request", `the dictionary has ${live} live latent${live === 1 ? "" : "s"}: measuring overlaps needs at least 2`);
}

/**
 * Exact mode: all pairs of the `latents` (file indices of the kernel rows) measured; `dead` the dead
 * latents; m and n the file's shape. Domain: totals over all live latents (at least 2).
 */
export function exactGeometry(totals: PairTotals, latents: Int32Array, dead: Int32Array, m: number, n: number): DictionaryGeometry {
  const live = totals.count;
  requireLive(live);
  const sorted = Float64Array.from(totals.worst).sort();
  return {
    mode: "exact",
    n,
    m,
    live,
    dead: dead.length,
    deadExamples: Array.from(dead.subarray(0, DEAD_EXAMPLES)),
    rmsOverlap: exact(Math.sqrt(totals.squares / totals.pairs)),
    meanOverlap: exact(totals.abs / totals.pairs),
    maxOverlap: { value: totals.max, pair: [latents[totals.maxPair[0]]!, latents[totals.maxPair[1]]!], lowerBound: false },
    pairsAbove05: exact(totals.above05),
    pairsAbove09: exact(totals.above09),
    medianWorstOverlap: exact(quantileOfSorted(sorted, 0.5)),
    p99WorstOverlap: exact(quantileOfSorted(sorted, 0.99)),
    comparison: randomComparison(n, live),
    histogram: { bins: HISTOGRAM_BINS, pairs: totals.pairs, counts: totals.histogram, random: randomHistogram(n, totals.pairs, HISTOGRAM_BINS) },
    sampled: undefined,
  };
}

/**
 * The jackknife standard error of a U-statistic (mean over the pairs of k items) from the per-item
 * sums R_i of its kernel over their pairs (module header), with the finite-population factor
 * (1 − k/population). Needs k ≥ 3 (else 0: nothing to leave out).
 */
export function jackknifeSe(rowSums: Float64Array, population: number, unit = 1): number {
  const k = rowSums.length;
  if (k < 3) return 0;
  let total = 0;
  for (const r of rowSums) total += r;
  total /= 2;
  const leftPairs = ((k - 1) * (k - 2)) / 2;
  let mean = 0;
  for (const r of rowSums) mean += (total - r) / leftPairs;
  mean /= k;
  let squares = 0;
  for (const r of rowSums) squares += ((total - r) / leftPairs - mean) ** 2;
  return Math.sqrt(Math.max(0, 1 - k / population) * ((k - 1) / k) * squares) / unit;
}

/**
 * Sampled mode: pair totals over a subset (with row sums; `subset` their file indices), the worst
 * overlaps of a sample against all latents (which also counted every dead latent), m and n the file's
 * shape. Domain: at least 3 live latents in the subset and 1 in the sample.
 */
export function sampledGeometry(totals: PairTotals, subset: Int32Array, worst: WorstTotals, m: number, n: number): DictionaryGeometry {
  const live = m - worst.dead.length;
  requireLive(live);
  const sums = totals.rowSums;
  if (sums === undefined || totals.count < 3)
    throw new DictionaryFileError("request", "sampled mode needs at least 3 live latents in the subset, with their per-latent sums");
  if (worst.sample.length === 0) throw new DictionaryFileError("request", "sampled mode needs at least one live latent in the worst-overlap sample");
  const allPairs = (live * (live - 1)) / 2;
  const meanSquares = totals.squares / totals.pairs;
  const seSquares = jackknifeSe(sums.squares, live, ROW_SUM_UNIT);
  const rms = Math.sqrt(meanSquares);
  const fraction = (count: number, rowSums: Float64Array): Estimate => ({
    value: (count / totals.pairs) * allPairs,
    se: jackknifeSe(rowSums, live) * allPairs,
  });
  const sorted = Float64Array.from(worst.worst).sort();
  // The largest |cos| seen: among the subset's pairs, or a sample latent's worst pair.
  let max = totals.max;
  let pair: [number, number] = [subset[totals.maxPair[0]]!, subset[totals.maxPair[1]]!];
  for (let i = 0; i < worst.sample.length; i++) {
    const partner = worst.partner[i]!;
    if (partner < 0) continue;
    const candidate: [number, number] = worst.sample[i]! < partner ? [worst.sample[i]!, partner] : [partner, worst.sample[i]!];
    const a = worst.worst[i]!;
    if (a > max || (a === max && (candidate[0] < pair[0] || (candidate[0] === pair[0] && candidate[1] < pair[1])))) {
      max = a;
      pair = candidate;
    }
  }
  return {
    mode: "sampled",
    n,
    m,
    live,
    dead: worst.dead.length,
    deadExamples: Array.from(worst.dead.subarray(0, DEAD_EXAMPLES)),
    rmsOverlap: { value: rms, se: rms > 0 ? seSquares / (2 * rms) : 0 },
    meanOverlap: { value: totals.abs / totals.pairs, se: jackknifeSe(sums.abs, live, ROW_SUM_UNIT) },
    maxOverlap: { value: max, pair, lowerBound: true },
    pairsAbove05: fraction(totals.above05, sums.above05),
    pairsAbove09: fraction(totals.above09, sums.above09),
    medianWorstOverlap: sampledQuantile(sorted, 0.5, live),
    p99WorstOverlap: sampledQuantile(sorted, 0.99, live),
    comparison: randomComparison(n, live),
    histogram: { bins: HISTOGRAM_BINS, pairs: totals.pairs, counts: totals.histogram, random: randomHistogram(n, totals.pairs, HISTOGRAM_BINS) },
    sampled: { subset: totals.count, worstSample: worst.sample.length },
  };
}
