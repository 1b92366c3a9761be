/**
 * Quantiles of the latents' worst overlaps, exact and from a sample.
 *
 * Exact: the p-quantile of N values with linear interpolation between order statistics (numpy's
 * default): sort x_(0) ≤ … ≤ x_(N−1), h = (N − 1)·p, Q = x_(⌊h⌋) + (h − ⌊h⌋)·(x_(⌊h⌋+1) − x_(⌊h⌋)).
 *
 * From a simple random sample of N out of M values, its standard error: the sample quantile is
 * asymptotically normal with variance p(1 − p)/(N f(Q)²)·(1 − N/M) (f the density at the quantile,
 * (1 − N/M) the finite-population correction for sampling without replacement). With
 * δ = √(p(1 − p)(1 − N/M)/N), f is estimated by the difference quotient 2δ / (Q(p + δ) − Q(p − δ)),
 * which gives se = (Q(p + δ) − Q(p − δ)) / 2 (both quantiles of the sample, p ± δ clipped to [0, 1]).
 * At N = M it is 0, as it should be: nothing was left out.
 */

/**
 * The p-quantile of values already sorted increasingly (linear interpolation, above).
 * Domain: sorted non-empty, p in [0, 1]; otherwise a RangeError.
 */
export function quantileOfSorted(sorted: ArrayLike<number>, p: number): number {
  const count = sorted.length;
  if (count === 0) throw new RangeError("a quantile needs at least one value");
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1], got ${p}`);
  const h = (count - 1) * p;
  const below = Math.floor(h);
  const above = Math.min(count - 1, below + 1);
  return sorted[below]! + (h - below) * (sorted[above]! - sorted[below]!);
}

/** A value with its standard error (0 when it is exact). */
export interface Estimate {
  readonly value: number;
  readonly se: number;
}

/**
 * The p-quantile of a sample of N values drawn without replacement from M, with its standard error
 * (module header). `sorted` sorted increasingly. Domain: N ≥ 1, M ≥ N, p in [0, 1]; otherwise a RangeError.
 */
export function sampledQuantile(sorted: ArrayLike<number>, p: number, population: number): Estimate {
  const count = sorted.length;
  if (!(population >= count)) throw new RangeError(`the population (${population}) must be at least the sample (${count})`);
  const value = quantileOfSorted(sorted, p);
  const delta = Math.sqrt((p * (1 - p) * (1 - count / population)) / count);
  const se = (quantileOfSorted(sorted, Math.min(1, p + delta)) - quantileOfSorted(sorted, Math.max(0, p - delta))) / 2;
  return { value, se };
}
