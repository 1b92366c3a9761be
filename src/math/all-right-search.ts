/**
 * Searching for the largest number of active features l at which all m random features are still
 * read right with a given chance (error-rates.ts, `lAt`): all right falls with l, so a bracket
 * search, started from an estimate and narrowed by interpolation, finds it in a handful of
 * evaluations, each of which the shape caches.
 */
import type { Shape } from "./error-rates.ts";

/**
 * A first guess of the largest l with all right ≥ p: with |x| ≈ √l and t ≈ N(0, 1/n), each of the
 * m inactive features misreads with probability Φ̄(√(n/(4l))), and all right ≈ e^(−m Φ̄) = p when
 * Φ̄(z) = −ln p / m =: P. The Gaussian tail inverts as z ≈ √(y − ln y), y = −2 ln(P √(2π)), to a
 * few per cent for small P; then l ≈ n/(4z²). Only a starting point for the search.
 */
function estimateLargestPassing(n: number, m: number, lnP: number): number {
  const y = -2 * (Math.log(-lnP) - Math.log(m) + 0.5 * Math.log(2 * Math.PI));
  const zSquared = y > 2 ? y - Math.log(y) : 0.5;
  return n / (4 * zSquared);
}

/**
 * The largest l in 1 … m with ln all right ≥ ln p, 0 if there is none. All right falls with l, so
 * the search keeps a bracket lo (passes) < hi (fails): it probes at the estimate above, steps away
 * from it by factors 1.05, 1.05², 1.05⁴ … until the bracket closes, then narrows it by interpolation.
 * −ln(all right) is about (m − l) e^(−n/(8l)), so ln(−ln all right) is nearly linear in 1/l, and
 * interpolating it there usually lands within one of the answer; while the bracket is wide the
 * guess keeps a tenth of it on either side, so a poor guess still shrinks it.
 * `knownToPass` is an l already known to pass (1 when none is).
 */
export function largestPassing(s: Shape, lnP: number, knownToPass = 1): number {
  const { m } = s;
  if (knownToPass === 1 && s.lnAllRight(1) < lnP) return 0;
  let lo = knownToPass;
  if (lo >= m) return m;
  let hi = 0;
  const estimate = Math.round(estimateLargestPassing(s.n, m, lnP));
  let factor = 1.05;
  if (estimate > lo) {
    const probe = Math.min(m, estimate);
    if (s.lnAllRight(probe) >= lnP) lo = probe;
    else hi = probe;
  }
  while (hi === 0) {
    if (lo >= m) return m;
    const probe = Math.min(m, Math.max(lo + 1, Math.round(lo * factor)));
    if (s.lnAllRight(probe) >= lnP) lo = probe;
    else hi = probe;
    factor *= factor;
  }
  // Estimate too high: step down from it until one passes (or lo, known to pass, is reached).
  for (let probe = Math.round(hi / factor); probe > lo && lo < hi - 1; probe = Math.round(hi / factor)) {
    if (s.lnAllRight(probe) >= lnP) {
      lo = probe;
      break;
    }
    hi = probe;
    factor *= factor;
  }
  const target = Math.log(-lnP);
  while (hi - lo > 1) {
    const gLo = Math.log(-s.lnAllRight(lo));
    const gHi = Math.log(-s.lnAllRight(hi));
    let guess = 1 / (1 / lo + ((target - gLo) / (gHi - gLo)) * (1 / hi - 1 / lo));
    if (!Number.isFinite(guess)) guess = Math.sqrt(lo * hi);
    const margin = hi - lo > 16 ? (hi - lo) / 10 : 0;
    const mid = Math.round(Math.min(hi - 1 - margin, Math.max(lo + 1 + margin, guess)));
    if (!(mid > lo && mid < hi)) break; // beyond 2^53, where neighbouring integers merge
    if (s.lnAllRight(mid) >= lnP) lo = mid;
    else hi = mid;
  }
  return lo;
}
