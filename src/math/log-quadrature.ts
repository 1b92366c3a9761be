/**
 * ln ∫ e^φ(v) dv over the whole real line, for smooth log-integrands φ that rise to one peak and
 * fall off at least exponentially on both sides: the expectations behind the error rates, after
 * a change of variables has sent the ends of their ranges to ±∞.
 *
 * Why the trapezoid rule: for an integrand analytic in a strip around the real axis and decaying
 * at both ends it converges exponentially in 1/h (Trefethen & Weideman, SIAM Review 2014), so a
 * few dozen nodes give ten digits. Why in log space: the integrands range from 1 to 10⁻¹⁰⁰⁰⁰⁰
 * and only their logarithm is representable.
 *
 * How: (1) find the peak as the root of the slope φ' (which the caller computes analytically:
 * differences of φ lose all digits when φ ≈ −10⁵), and its width w = 1/√(−φ''). (2) Sum the trapezoid with step w outward from the peak until φ has fallen 40 below its
 * maximum on each side (the rest of a tail that falls at least exponentially is then below
 * e⁻⁴⁰ of the total). (3) Halve the step, reusing every node, until two successive sums agree
 * to 10⁻⁶. The error of the trapezoid rule falls like e^(−c/h), so halving h squares it: the
 * difference of two sums is the error of the coarser one, and the finer one is then good to
 * about 10⁻¹². The check also catches integrands with a second, narrower scale (a sharp step of
 * the all-right factor across a wide density), which simply take more halvings. A bell-shaped
 * integrand takes about 40 evaluations of φ.
 */
import { countIntegrand } from "./work-count.ts";

/** Stop summing a side once φ is this far below the largest value seen. */
const TAIL_DROP = 40;
/**
 * Two successive trapezoid sums closer than this (relative) end the halving; or closer than
 * PRECISION_FLOOR times the logarithm itself, when φ is so large (|φ| ≳ 10⁵) that the rounding of
 * its many terms, up to about 10⁻¹² |φ|, is what the sums differ by (a probability of 10^(−6·10⁶)
 * is known by its log10, to ten digits, not better).
 */
const RELATIVE_TOLERANCE = 1e-6;
const PRECISION_FLOOR = 1e-11;
/** At most this many halvings of the step. */
const MAX_HALVINGS = 12;
/** Bound on the nodes of one side at the first step, against an integrand that never decays. */
const MAX_SIDE_NODES = 20_000;
/** Largest |v| the integrands are evaluated at (exp(±700) is near the ends of double range). */
const V_LIMIT = 700;
/** Largest step of the trapezoid rule: a flat stretch must not send the first step past ±V_LIMIT. */
const MAX_WIDTH = 10;
/** Steps allowed for each stage of finding the peak. */
const MAX_PEAK_STEPS = 200;

/**
 * φ, with anything not a finite number read as −∞ (an integrand of 0 there), and never evaluated
 * beyond ±V_LIMIT, where the callers' exponentials of v would leave double range.
 */
function finite(phi: (v: number) => number, v: number): number {
  countIntegrand();
  if (!(Math.abs(v) <= V_LIMIT)) return -Infinity;
  const value = phi(v);
  return Number.isFinite(value) ? value : -Infinity;
}

/** φ' within ±V_LIMIT; beyond, the sign of a decaying integrand (pointing back inside). */
function boundedSlope(slope: (v: number) => number, v: number): number {
  countIntegrand();
  if (!(Math.abs(v) <= V_LIMIT)) return v > 0 ? -Infinity : Infinity;
  return slope(v);
}

/**
 * The peak of φ, from its slope φ' (which falls through 0 there), and the width 1/√(−φ'') there.
 * (1) Bracket the root of φ': step from `guess` in the direction φ' points, doubling the step
 * from `scale`, until φ' changes sign (a peak a thousand widths away costs ten steps). (2) Narrow
 * the bracket by the Illinois variant of regula falsi, with a bisection whenever two steps have
 * not halved it, until it is a small fraction of the width implied by its secant. (3) The width
 * from φ'' by a central difference of φ' there. φ' may be ±∞ far out (a wall of the integrand);
 * its sign is all the bracketing needs. Domain: φ' finite at `guess`, `scale` > 0.
 */
function findPeak(unbounded: (v: number) => number, guess: number, scale: number): { at: number; width: number } {
  const slope = (v: number): number => boundedSlope(unbounded, v);
  let a = guess;
  let ga = slope(a);
  if (ga === 0) return { at: a, width: widthAt(slope, a, scale) };
  const direction = ga > 0 ? 1 : -1;
  let step = scale;
  let b = a + direction * step;
  let gb = slope(b);
  // The variables are logarithms or logits: beyond ±700 their exponentials leave double range.
  for (let i = 0; Math.sign(gb) === Math.sign(ga) && i < MAX_PEAK_STEPS && Math.abs(b) < V_LIMIT; i++) {
    a = b;
    ga = gb;
    step *= 2;
    b = a + direction * step;
    gb = slope(b);
  }
  // lo has φ' > 0, hi has φ' < 0 (the peak lies between).
  let [lo, glo, hi, ghi] = direction > 0 ? [a, ga, b, gb] : [b, gb, a, ga];
  let side = 0; // which end was kept last time (Illinois: halve its slope if kept twice)
  let previousLength = Infinity;
  let x = 0.5 * (lo + hi);
  let secantWidth = hi - lo;
  for (let i = 0; i < MAX_PEAK_STEPS; i++) {
    const length = hi - lo;
    secantWidth = Math.sqrt(length / (glo - ghi));
    if (!(length > 0.25 * secantWidth) || length <= 1e-15 * Math.max(1, Math.abs(x))) break;
    const bisect = i % 2 === 0 && length > 0.5 * previousLength;
    if (i % 2 === 0) previousLength = length;
    x = bisect || !Number.isFinite(glo - ghi) ? 0.5 * (lo + hi) : lo + (glo / (glo - ghi)) * length;
    if (!(x > lo && x < hi)) x = 0.5 * (lo + hi);
    const gx = slope(x);
    if (gx > 0) {
      lo = x;
      glo = gx;
      if (side === 1) ghi /= 2;
      side = 1;
    } else if (gx < 0) {
      hi = x;
      ghi = gx;
      if (side === -1) glo /= 2;
      side = -1;
    } else {
      lo = hi = x;
      break;
    }
  }
  // Clamped to the fence: an integrand whose peak lies beyond ±V_LIMIT (m near 10³⁰⁸ pushes one
  // against |x| = ½) is summed from the fence inwards; its logarithm, of order 10³⁰⁸ then, is
  // unaffected by the sliver left out.
  const unclamped = glo === Infinity || ghi === -Infinity ? x : lo + (glo / (glo - ghi)) * (hi - lo);
  const at = Math.max(-V_LIMIT, Math.min(V_LIMIT, unclamped));
  const delta = secantWidth > 0 && Number.isFinite(secantWidth) ? secantWidth : hi - lo;
  return { at, width: widthAt(slope, at, Math.max(delta, 1e-12 * Math.max(1, Math.abs(at)))) };
}

/**
 * 1/√(−φ''(v)) from a central difference of φ' over ±δ, redone once with δ set to the first
 * answer (a width far from δ was measured on the wrong scale). Falls back to δ where φ'' is not
 * negative (flat top).
 */
function widthAt(slope: (v: number) => number, v: number, delta: number): number {
  let width = Math.min(delta, MAX_WIDTH);
  for (let pass = 0; pass < 2; pass++) {
    const curvature = (slope(v + width) - slope(v - width)) / (2 * width);
    if (!(curvature < 0 && Number.isFinite(curvature))) return width;
    width = Math.min(1 / Math.sqrt(-curvature), MAX_WIDTH);
  }
  return width;
}

/** Log-sum-exp of the values, which must include at least one finite one. */
function lnSumExp(values: readonly number[]): number {
  let max = -Infinity;
  for (const x of values) if (x > max) max = x;
  let sum = 0;
  for (const x of values) sum += Math.exp(x - max);
  return max + Math.log(sum);
}

/**
 * ln ∫_ℝ e^φ(v) dv, given φ and its derivative `slope`. Domain: φ smooth, finite at `guess`, with
 * one peak, falling at least exponentially on both sides (values that are not finite count as
 * e^φ = 0); `slope` = φ', never NaN (±∞ allowed); `scale` > 0 a rough width of the peak (a wrong
 * one costs only steps). Accuracy about 10⁻¹² relative (see
 * the tests, against scipy's adaptive quadrature).
 * Throws a RangeError if the integrand does not decay (a bug in the caller's change of variables).
 */
export function lnIntegrateLine(
  phi: (v: number) => number,
  slope: (v: number) => number,
  guess: number,
  scale: number,
  tolerance = RELATIVE_TOLERANCE,
): number {
  const peak = findPeak(slope, guess, scale);
  const top = finite(phi, peak.at);
  // Beyond |φ| ≈ 10¹¹ the rounding of φ itself exceeds 1, so only ln of the integral to within
  // 10⁻¹¹ relative is meaningful, and Laplace's approximation φ + ln(√(2π) w) is as good as any sum.
  if (PRECISION_FLOOR * Math.abs(top) > 1) return top + Math.log(Math.sqrt(2 * Math.PI) * peak.width);
  let h = peak.width;
  // The nodes at spacing h, outward from the peak, each side until φ has dropped TAIL_DROP.
  const values: number[] = [top];
  let max = values[0]!;
  let lo = 0; // nodes peak.at + j h for j = lo … hi
  let hi = 0;
  for (const direction of [1, -1]) {
    let previous = values[0]!;
    for (let j = 1; ; j++) {
      if (j > MAX_SIDE_NODES) throw new RangeError("integral does not converge: the integrand does not decay");
      const value = finite(phi, peak.at + direction * j * h);
      values.push(value);
      if (value > max) max = value;
      if (direction > 0) hi = j;
      else lo = -j;
      if (value < max - TAIL_DROP && value <= previous) break;
      previous = value;
    }
  }
  let total = lnSumExp(values) + Math.log(h);
  for (let halving = 0; halving < MAX_HALVINGS; halving++) {
    // Midpoints between all nodes of the current grid: the grid of step h/2 is the old one plus these.
    const midpoints: number[] = [];
    for (let j = lo; j < hi; j++) midpoints.push(finite(phi, peak.at + (j + 0.5) * h));
    for (const x of midpoints) values.push(x);
    h /= 2;
    lo *= 2;
    hi *= 2;
    const refined = lnSumExp(values) + Math.log(h);
    if (Math.abs(refined - total) <= Math.max(tolerance, PRECISION_FLOOR * Math.abs(refined))) return refined;
    total = refined;
  }
  return total;
}
