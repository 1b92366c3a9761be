/**
 * Reading m random features against a threshold θ other than the post's ½, and the single θ that
 * reads them best: what a JumpReLU encoder with one shared threshold could at most do for random
 * directions.
 *
 * Setting as in error-rates.ts: m unit directions drawn uniformly in ℝⁿ, l of them active at
 * amplitude 1, x their sum; feature f reads r_f = ⟨v_f, x⟩ and counts as on when r_f > θ.
 *
 *   inactive f:  r_f = |x| t, t an overlap (overlap.ts): misread when t ≥ θ/|x|;
 *   active a:    r_a = 1 + |y| t, y the sum of the other l − 1: misread when t ≤ −(1 − θ)/|y|,
 *                by symmetry the chance that an overlap exceeds (1 − θ)/|y|.
 *
 *   p_false_on(θ)   = E P(t > θ/|x|)          x a sum of l directions
 *   p_false_off(θ)  = E P(t > (1 − θ)/|y|)    y a sum of l − 1 (0 when l = 1)
 *   misreads(θ)     = (m − l) p_false_on(θ) + l p_false_off(θ)
 *
 * with the law of |x| of random-walk.ts (exact for l ≤ 2, a three-cumulant shifted gamma beyond),
 * the same as the threshold-½ rates, which these equal at θ = ½ number for number.
 *
 * Raising θ trades false ons for false offs: p_false_on falls and p_false_off rises. The best θ
 * minimises the misreads. Where both readouts are near Gaussian (inactive N(0, l/n), active
 * N(1, (l − 1)/n)) the slope of ln(false ons / false offs) in θ is −θ n/l − (1 − θ) n/(l − 1) < 0,
 * so the misreads fall, then rise: one minimum, found by Brent's method within ±0.15 of where the
 * Gaussian picture puts it, or from a coarse grid at fewer than 16 neurons (where the readouts are
 * far from Gaussian) and wherever the minimum sits at that bracket's edge.
 */
import { fromLn, type LogQuantity } from "./big-number.ts";
import { requireActive, requireCount } from "./domain.ts";
import { expectedMisreads, lnReadsAbove } from "./error-rates.ts";
import { requireNeurons } from "./overlap.ts";
import { lnAddExp } from "./special-functions.ts";

/** θ must be a number strictly between 0 and 1. */
function requireThreshold(threshold: number): void {
  if (!(threshold > 0 && threshold < 1)) throw new RangeError(`threshold must be a number strictly between 0 and 1, got ${threshold}`);
}

function requireShape(n: number, m: number, l: number): void {
  requireNeurons(n);
  requireCount("m", m, 2);
  requireActive(l, m);
}

/** ln p_false_on(θ): ln E P(t > θ/|x|), x the sum of l directions. */
function lnFalseOnAt(n: number, l: number, threshold: number): number {
  return lnReadsAbove(n, l, threshold);
}

/** ln p_false_off(θ): ln E P(t > (1 − θ)/|y|), y the sum of l − 1 directions; −∞ when l = 1. */
function lnFalseOffAt(n: number, l: number, threshold: number): number {
  return l === 1 ? -Infinity : lnReadsAbove(n, l - 1, 1 - threshold);
}

/** ln of the expected misreads at θ: ln[(m − l) p_false_on(θ) + l p_false_off(θ)]. */
function lnMisreadsAt(n: number, m: number, l: number, threshold: number): number {
  const falseOns = m > l ? Math.log(m - l) + lnFalseOnAt(n, l, threshold) : -Infinity;
  return lnAddExp(falseOns, Math.log(l) + lnFalseOffAt(n, l, threshold));
}

/**
 * p_false_on(θ): the chance that an inactive feature reads θ or above when l random features are
 * active, E P(t > θ/|x|). Falls with θ (from ½ towards 0), rises with l, falls with n; equals
 * {@link pFalseOn} of error-rates.ts at θ = ½. Domain: n integer 1 … 2^30, l integer ≥ 1,
 * 0 < threshold < 1; otherwise a RangeError naming the argument.
 */
export function pFalseOnAt(n: number, l: number, threshold: number): LogQuantity {
  requireNeurons(n);
  requireActive(l);
  requireThreshold(threshold);
  return fromLn(lnFalseOnAt(n, l, threshold));
}

/**
 * p_false_off(θ): the chance that an active feature reads θ or below, E P(t > (1 − θ)/|y|) with
 * y the sum of the other l − 1 active directions. Rises with θ. Exactly 0 when l = 1 (a lone
 * active feature reads exactly 1), returned as the number 0. Domain as {@link pFalseOnAt}.
 */
export function pFalseOffAt(n: number, l: number, threshold: number): LogQuantity | 0 {
  requireNeurons(n);
  requireActive(l);
  requireThreshold(threshold);
  return l === 1 ? 0 : fromLn(lnFalseOffAt(n, l, threshold));
}

/**
 * Expected misreads per input at threshold θ: (m − l) p_false_on(θ) + l p_false_off(θ). Always
 * > 0. Equals {@link expectedMisreads} at θ = ½. Domain: n integer 1 … 2^30, m integer ≥ 2,
 * l integer 1 … m, 0 < threshold < 1; otherwise a RangeError naming the argument.
 */
export function expectedMisreadsAt(n: number, m: number, l: number, threshold: number): LogQuantity {
  requireShape(n, m, l);
  requireThreshold(threshold);
  return fromLn(lnMisreadsAt(n, m, l, threshold));
}

/** The best single threshold of one shape and what it achieves. */
export interface BestThreshold {
  /**
   * The θ that minimises the expected misreads: inside (0, 1) except where the misreads keep
   * falling towards an end of the domain, and that end is returned: 1 when l = 1 (the lone active
   * feature reads exactly 1, and the false ons vanish as θ → 1), 0 when l = m (nothing is
   * inactive, and the false offs fall as θ → 0), and either end where the search finds its minimum
   * within 10⁻⁴ of it (a few neurons: n = 2, m = 4, l = 3 reads best just below 1). ½ when n = 1,
   * where θ changes nothing.
   */
  readonly threshold: number;
  /** The expected misreads per input there (at an end, their limit, or their value 10⁻⁶ from it; 0 when the limit is 0). */
  readonly misreads: LogQuantity | 0;
  /** p_false_on and p_false_off there (0 where there is nothing to misread). */
  readonly pFalseOn: LogQuantity | 0;
  readonly pFalseOff: LogQuantity | 0;
}

/** θ is searched within [SEARCH_FROM, 1 − SEARCH_FROM]; closer to an end the minimum is that end. */
const SEARCH_FROM = 1e-6;
/** A minimum within this of the search's edge is taken as the limit at that end of (0, 1). */
const END_WIDTH = 1e-4;
/** Points of the coarse grid θ = 0.1, 0.2, … 0.9 that brackets the minimum. */
const GRID_POINTS = 9;

/**
 * Brent's minimisation (golden sections and parabolic steps, Brent 1973 ch. 5) of g on [a, b]
 * to an absolute tolerance `tolerance` in x. Returns the smallest point found and its value.
 */
function brentMinimum(g: (x: number) => number, a: number, b: number, tolerance: number): { x: number; value: number } {
  const golden = 0.381966011250105; // (3 − √5)/2
  let x = a + golden * (b - a);
  let w = x;
  let v = x;
  let fx = g(x);
  let fw = fx;
  let fv = fx;
  let d = 0;
  let e = 0;
  for (let i = 0; i < 100; i++) {
    const middle = 0.5 * (a + b);
    const tol1 = tolerance + 1e-10 * Math.abs(x);
    const tol2 = 2 * tol1;
    if (Math.abs(x - middle) <= tol2 - 0.5 * (b - a)) break;
    let useGolden = true;
    if (Math.abs(e) > tol1) {
      // A parabola through x, w and v.
      const r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      else q = -q;
      const previous = e;
      e = d;
      if (Math.abs(p) < Math.abs(0.5 * q * previous) && p > q * (a - x) && p < q * (b - x)) {
        d = p / q;
        const u = x + d;
        if (u - a < tol2 || b - u < tol2) d = middle >= x ? tol1 : -tol1;
        useGolden = false;
      }
    }
    if (useGolden) {
      e = x >= middle ? a - x : b - x;
      d = golden * e;
    }
    const u = Math.abs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1);
    const fu = g(u);
    if (fu <= fx) {
      if (u >= x) a = x;
      else b = x;
      [v, fv, w, fw, x, fx] = [w, fw, x, fx, u, fu];
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        [v, fv, w, fw] = [w, fw, u, fu];
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    }
  }
  return { x, value: fx };
}

/**
 * Where the minimum lies when both readouts are near Gaussian (inactive N(0, l/n), active
 * N(1, (l − 1)/n)): the θ at which (m − l) φ(θ/s₁)/s₁ = l φ((1 − θ)/s₂)/s₂, by bisection of its
 * logarithm, which falls with θ (file comment); ½ when it has no root in (0, 1).
 */
function gaussianGuess(n: number, m: number, l: number): number {
  const s1Squared = l / n;
  const s2Squared = (l - 1) / n;
  const balance = (theta: number): number =>
    Math.log(m - l) -
    0.5 * Math.log(s1Squared) -
    (theta * theta) / (2 * s1Squared) -
    Math.log(l) +
    0.5 * Math.log(s2Squared) +
    ((1 - theta) * (1 - theta)) / (2 * s2Squared);
  if (!(balance(0) > 0 && balance(1) < 0)) return 0.5;
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 40; i++) {
    const mid = 0.5 * (lo + hi);
    if (balance(mid) > 0) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** From this n up the readouts are near enough Gaussian for {@link gaussianGuess} to bracket the minimum. */
const GAUSSIAN_FROM_N = 16;
/** Half-width of the bracket around the Gaussian guess (the exact law moves the minimum by a few hundredths). */
const GUESS_HALF_WIDTH = 0.15;

/** Brent's method within ±0.15 of the Gaussian guess; on the full grid if the minimum sits at that bracket's edge. */
function nearGaussianGuess(n: number, m: number, l: number, lnMisreads: (theta: number) => number): { x: number; value: number } {
  const guess = gaussianGuess(n, m, l);
  const from = Math.max(SEARCH_FROM, guess - GUESS_HALF_WIDTH);
  const to = Math.min(1 - SEARCH_FROM, guess + GUESS_HALF_WIDTH);
  const best = brentMinimum(lnMisreads, from, to, 1e-6);
  const atEdge = (from > SEARCH_FROM && best.x - from < 1e-4) || (to < 1 - SEARCH_FROM && to - best.x < 1e-4);
  return atEdge ? onGrid(lnMisreads) : best;
}

/**
 * A coarse grid first: at a few neurons the readouts are far from Gaussian and the misreads can
 * have a second, shallow dip (n = 2, m = 5, l = 2: a bump near θ = 0.15); Brent's method then
 * refines the best grid point within its neighbours.
 */
function onGrid(lnMisreads: (theta: number) => number): { x: number; value: number } {
  const grid = Array.from({ length: GRID_POINTS }, (_, i) => (i + 1) / (GRID_POINTS + 1));
  const values = grid.map(lnMisreads);
  const at = values.indexOf(Math.min(...values));
  const from = at === 0 ? SEARCH_FROM : grid[at - 1]!;
  const to = at === GRID_POINTS - 1 ? 1 - SEARCH_FROM : grid[at + 1]!;
  return brentMinimum(lnMisreads, from, to, 1e-6);
}

/**
 * The best single threshold for m random features with l active: the θ in (0, 1) minimising the
 * expected misreads (m − l) p_false_on(θ) + l p_false_off(θ), to 10⁻⁶ in θ (the misreads there to
 * about 10⁻¹⁰ relative, the minimum being flat), with the misreads and both rates at it. The ends
 * of the domain are limits, as {@link BestThreshold} says. Takes 10–20 evaluations of the two
 * rates (1–8 ms), up to about 100 where the minimum sits at an end of (0, 1) (a few neurons), a
 * bounded amount of work at every shape (tests/unit/rates-work.test.ts). Domain: n integer
 * 1 … 2^30, m integer ≥ 2, l integer 1 … m;
 * otherwise a RangeError naming the argument.
 */
export function bestThreshold(n: number, m: number, l: number): BestThreshold {
  requireShape(n, m, l);
  if (n === 1) {
    // Every readout is a whole number (±|x| or 1 ± |y|), so every θ in (0, 1) reads alike.
    return {
      threshold: 0.5,
      misreads: expectedMisreads(n, m, l),
      pFalseOn: fromLn(lnFalseOnAt(n, l, 0.5)),
      pFalseOff: l === 1 ? 0 : fromLn(lnFalseOffAt(n, l, 0.5)),
    };
  }
  if (l === 1) return { threshold: 1, misreads: 0, pFalseOn: 0, pFalseOff: 0 };
  if (l === m) {
    // θ → 0: an active feature is misread when its readout 1 + |y| t is ≤ 0, t ≤ −1/|y|, which a
    // single other direction (|y| = 1) never reaches.
    if (l === 2) return { threshold: 0, misreads: 0, pFalseOn: 0, pFalseOff: 0 };
    const lnOff = lnReadsAbove(n, l - 1, 1);
    return { threshold: 0, misreads: fromLn(Math.log(l) + lnOff), pFalseOn: 0, pFalseOff: fromLn(lnOff) };
  }
  const lnMisreads = (theta: number): number => lnMisreadsAt(n, m, l, theta);
  const best = n >= GAUSSIAN_FROM_N ? nearGaussianGuess(n, m, l, lnMisreads) : onGrid(lnMisreads);
  // A minimum found at the edge of the search is the limit at that end (the misreads still fall
  // towards it; at n = 2, m = 4, l = 3, say, towards 1): the end is returned, not the point where
  // the search gave up, whose digits would mean nothing.
  const atEnd = best.x <= SEARCH_FROM + END_WIDTH ? 0 : best.x >= 1 - SEARCH_FROM - END_WIDTH ? 1 : undefined;
  return {
    threshold: atEnd ?? best.x,
    misreads: fromLn(best.value),
    pFalseOn: fromLn(lnFalseOnAt(n, l, best.x)),
    pFalseOff: fromLn(lnFalseOffAt(n, l, best.x)),
  };
}
