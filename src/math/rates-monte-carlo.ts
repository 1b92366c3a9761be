/**
 * The error rates of m random directions checked by conditional Monte Carlo: the l active
 * directions are drawn exactly, everything else is averaged exactly given them. What the fast
 * quadratures of error-rates.ts approximate (the law of |x| beyond l = 2, the active readouts given
 * |x|) is here drawn as it is, so these estimates carry only their sampling error, which they
 * report.
 *
 *   all right     P = E[1{every active readout > ½} · F(½/|x|)^(m − l)],  F(s) = P(t ≤ s):
 *                 given the active directions, the m − l inactive readouts |x| t are independent,
 *                 so their chance of all staying below ½ is exact (Rao–Blackwell);
 *   a mean tail   E q_τ(|x|) = E P(t > τ/|x|), x a sum of k directions: p_false_on at threshold τ
 *                 is k = l, τ = θ; p_false_off is k = l − 1, τ = 1 − θ.
 *
 * Drawing the directions. Only their overlaps matter, so they are built in coordinates of the
 * span of those drawn so far (dimension min(k, n)), one at a time: a new direction v has overlap
 * t = ⟨v, x̂⟩ with the current sum, (1 + t)/2 ~ Beta(h, h), h = (n − 1)/2; the rest of v is uniform
 * on the sphere orthogonal to x̂: within the span, the first d − 1 coordinates of a uniform unit
 * vector of ℝⁿ⁻¹ (Gaussians over the root of their squares plus a χ²_{n−d}), and its remaining
 * length points out of the span. O(l²) numbers per draw instead of the l·n of drawing whole
 * vectors, and exactly the same law.
 *
 * Importance sampling for the tails. The rare inputs decide a tiny P: for all right, inputs whose
 * active directions happen to add up to a short x (which keeps the inactive readouts low). The
 * draws are tilted towards them: each overlap with the current sum is drawn from Beta(h − δ, h + δ)
 * with δ = λ|x_{k−1}| (λ > 0 shortens the sum, λ < 0 lengthens it, for a mean tail), which is
 * close to the exponential tilt e^(−λ|x|²) of the final length, and every draw carries its exact
 * likelihood ratio Π B(h − δ, h + δ)/B(h, h) · (B/(1 − B))^δ. λ is set where the fast model puts
 * the bulk of the integrand (the law of |x| times the chance given |x|). The estimate is the mean
 * of weight × value; its standard error the sample standard deviation over √draws; the effective
 * number of draws (Kish) says when a few draws carry it all and the error itself is unreliable.
 * What the tilt does not reach: inputs whose active readouts must be unusually even (all l above ½
 * with a short x). Where the fast model gives that a chance below about e⁻⁶ at the integrand's
 * peak (GPT-2 small's shape: e⁻¹¹), the effective draws collapse and the estimate says so.
 */
import { lnAllBelow, gammaLaw } from "./random-walk.ts";
import { lnCentredMinimumAbove } from "./active-readouts.ts";
import { lnOverlapTail, requireNeurons } from "./overlap.ts";
import { requireActive, requireCount } from "./domain.ts";
import { createRandom, gaussian, type Random } from "./random.ts";
import { lnBeta } from "./special-functions.ts";
import { betaVariate, chiSquareVariate } from "./random-laws.ts";
import { runToEnd } from "./run-to-end.ts";

/** A Monte Carlo estimate of a probability, in logs. */
export interface MonteCarloEstimate {
  /** ln of the estimate; −∞ when no draw counted (every draw had weight × value 0). */
  readonly lnEstimate: number;
  /** The standard error divided by the estimate; Infinity when no draw counted. */
  readonly relativeError: number;
  readonly draws: number;
  /** Kish's effective number of draws, (Σw)²/Σw²: far below `draws` when a few draws carry the mean. */
  readonly effectiveDraws: number;
}

export interface MonteCarloOptions {
  /** Draws, an integer 1 … 10⁸. */
  readonly draws: number;
  /** Seed of the xoshiro128** stream (a safe integer ≥ 0): the same seed gives the same estimate. */
  readonly seed: number;
  /** The tilt λ (see the file comment); by default the one the fast model suggests. */
  readonly tilt?: number;
}

/** Largest l for all right by Monte Carlo: each draw holds l × min(l, n) coordinates (8 MB at 1 024). */
export const MAX_MONTE_CARLO_ACTIVE = 1024;

/** The xoshiro128** stream of a seed for these checks (the simulation uses 0 … 2). */
const MONTE_CARLO_STREAM = 7;

function requireOptions({ draws, seed, tilt }: MonteCarloOptions): void {
  if (!Number.isInteger(draws) || draws < 1 || draws > 1e8) throw new RangeError(`draws must be an integer 1 … 10⁸, got ${draws}`);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be a safe integer ≥ 0, got ${seed}`);
  if (tilt !== undefined && !Number.isFinite(tilt)) throw new RangeError(`tilt must be a finite number, got ${tilt}`);
}

/** Running mean of e^(value) in logs: the sums of e^(v − top) and e^(2(v − top)), rescaled when top rises. */
class LogMean {
  private top = -Infinity;
  private sum = 0;
  private squares = 0;
  private count = 0;

  add(lnValue: number): void {
    this.count++;
    if (lnValue === -Infinity) return;
    if (lnValue > this.top) {
      const scale = Math.exp(this.top - lnValue);
      this.sum *= scale;
      this.squares *= scale * scale;
      this.top = lnValue;
    }
    const x = Math.exp(lnValue - this.top);
    this.sum += x;
    this.squares += x * x;
  }

  estimate(): MonteCarloEstimate {
    const k = this.count;
    if (this.sum === 0) return { lnEstimate: -Infinity, relativeError: Infinity, draws: k, effectiveDraws: 0 };
    const mean = this.sum / k;
    const variance = Math.max(0, (this.squares / k - mean * mean) * (k / Math.max(1, k - 1)));
    return {
      lnEstimate: this.top + Math.log(mean),
      relativeError: k > 1 ? Math.sqrt(variance / k) / mean : Infinity,
      draws: k,
      effectiveDraws: (this.sum * this.sum) / this.squares,
    };
  }
}

/**
 * The next overlap with the current sum, drawn from the tilted law, and the log of its likelihood
 * ratio (prior over proposal). δ is kept within ±0.9 h so that both beta parameters stay positive.
 */
function tiltedOverlap(random: Random, h: number, lnBetaHH: number, delta: number): { t: number; sine: number; lnWeight: number } {
  const d = Math.max(-0.9 * h, Math.min(0.9 * h, delta));
  const draw = betaVariate(random, h - d, h + d);
  // √(1 − t²) = 2√(B(1 − B)), without the rounding of 1 − t² near t = ±1.
  const sine = 2 * Math.exp(0.5 * (draw.lnB + draw.lnOneMinusB));
  const lnWeight = d === 0 ? 0 : lnBeta(h - d, h + d) - lnBetaHH + d * (draw.lnB - draw.lnOneMinusB);
  return { t: draw.centred, sine, lnWeight };
}

/** ln F(½/|x|)^M: the m − l inactive readouts |x| t all below ½ (certain when |x| ≤ ½). */
function lnInactiveAllBelow(n: number, M: number, length: number): number {
  return length > 0.5 ? lnAllBelow(M, lnOverlapTail(n, 0.5 / length)) : 0;
}

/**
 * The tilt λ for all right: where the fast model's integrand, the law of ω = |x|²/l (shifted
 * gamma) times F(½/|x|)^(m−l) times the chance that the l active readouts are above ½, peaks in ω
 * (golden sections on ½ … 2), λ = d ln(density)/d|x|² there, so that the tilted law of |x|² peaks
 * at the same place. 0 when the peak is in the bulk (λ would be negative) and for l ≤ 2.
 * Domain as {@link allRightMonteCarlo}.
 */
export function allRightTilt(n: number, m: number, l: number): number {
  if (l <= 2 || n < 2) return 0;
  const law = gammaLaw(n, l);
  const spread = Math.sqrt(l - 2) / Math.sqrt(n);
  const phi = (omega: number): number =>
    law.lnDensityTimesZ(omega - law.shift) -
    Math.log(omega - law.shift) +
    lnInactiveAllBelow(n, m - l, Math.sqrt(l * omega)) +
    lnCentredMinimumAbove(l, (omega - 0.5) / spread);
  const omega = goldenMaximum(phi, 0.5 + 1e-9, 2);
  const z = omega - law.shift;
  return Math.max(0, ((law.alpha - 1) / z - 1 / law.theta) / l);
}

/**
 * The tilt λ for a mean tail E q_τ(|x|), x a sum of k directions: as {@link allRightTilt}, where
 * the law of ω times q_τ(√(kω)) peaks (golden sections on τ²/k … 6), usually above the bulk
 * (λ < 0: longer sums). 0 for k ≤ 2.
 */
export function meanTailTilt(n: number, k: number, threshold: number): number {
  if (k <= 2 || n < 2) return 0;
  const law = gammaLaw(n, k);
  const from = (threshold * threshold) / k;
  const phi = (omega: number): number =>
    law.lnDensityTimesZ(omega - law.shift) - Math.log(omega - law.shift) + lnOverlapTail(n, threshold / Math.sqrt(k * omega));
  const omega = goldenMaximum(phi, from * (1 + 1e-9) + 1e-12, Math.max(6, 2 * from));
  return ((law.alpha - 1) / (omega - law.shift) - 1 / law.theta) / k;
}

/** The maximum of a unimodal φ on [a, b] by golden sections, to 10⁻⁶ of the interval. */
function goldenMaximum(phi: (x: number) => number, a: number, b: number): number {
  const ratio = (Math.sqrt(5) - 1) / 2;
  let c = b - ratio * (b - a);
  let d = a + ratio * (b - a);
  let fc = phi(c);
  let fd = phi(d);
  while (b - a > 1e-6 * Math.max(1, Math.abs(b))) {
    if (fc >= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - ratio * (b - a);
      fc = phi(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + ratio * (b - a);
      fd = phi(d);
    }
  }
  return (a + b) / 2;
}

/**
 * One draw of k active directions in span coordinates (the file comment), tilted by λ: fills
 * `vectors` (k rows of `width` = min(k, n) numbers) and `sum`, returns ln of the likelihood ratio.
 */
function drawDirections(
  random: Random,
  n: number,
  k: number,
  lambda: number,
  vectors: Float64Array,
  sum: Float64Array,
  scratch: Float64Array,
): number {
  const width = sum.length;
  const h = (n - 1) / 2;
  const lnBetaHH = lnBeta(h, h);
  vectors.fill(0);
  sum.fill(0);
  vectors[0] = 1;
  sum[0] = 1;
  let span = 1;
  let lnWeight = 0;
  for (let j = 1; j < k; j++) {
    let squares = 0;
    for (let i = 0; i < span; i++) squares += sum[i]! * sum[i]!;
    const length = Math.sqrt(squares);
    const { t, sine, lnWeight: w } = tiltedOverlap(random, h, lnBetaHH, lambda * length);
    lnWeight += w;
    // The part orthogonal to x̂ within the span: the first span − 1 coordinates of a uniform unit
    // vector of ℝⁿ⁻¹, scaled by √(1 − t²).
    const y = scratch;
    y.fill(0);
    let inSpan = 0;
    if (span >= 2) {
      let g2 = 0;
      for (let i = 1; i < span; i++) {
        const g = gaussian(random);
        y[i] = g;
        g2 += g * g;
      }
      const rest = n - span > 0 ? chiSquareVariate(random, n - span) : 0;
      const scale = 1 / Math.sqrt(g2 + rest);
      for (let i = 1; i < span; i++) y[i] = y[i]! * scale;
      inSpan = g2 * scale * scale;
      for (let i = 1; i < span; i++) y[i] = y[i]! * sine;
    }
    // Householder reflection H of the span taking e₁ to ±x̂ (the sign that avoids cancellation),
    // so (±t, y₁ …) in H's basis is t along x̂ and y orthogonal to it.
    const first = sum[0]! / length;
    const positive = first > 0;
    y[0] = positive ? -t : t;
    let uu = 0;
    let uy = 0;
    for (let i = 0; i < span; i++) {
      const u = i === 0 ? first + (positive ? 1 : -1) : sum[i]! / length;
      uu += u * u;
      uy += u * y[i]!;
    }
    const factor = (2 * uy) / uu;
    const row = j * width;
    for (let i = 0; i < span; i++) {
      const u = i === 0 ? first + (positive ? 1 : -1) : sum[i]! / length;
      vectors[row + i] = y[i]! - factor * u;
    }
    // What is left of the unit length points out of the span, along a new coordinate.
    if (span < width) {
      vectors[row + span] = sine * Math.sqrt(Math.max(0, 1 - inSpan));
      span++;
    }
    for (let i = 0; i < span; i++) sum[i]! += vectors[row + i]!;
  }
  return lnWeight;
}

/**
 * P(all m features read right against ½) for m random directions in ℝⁿ with l active, by the
 * conditional Monte Carlo of the file comment with `draws` draws, tilted by `tilt` (default
 * {@link allRightTilt}). O(l²) per draw (a few μs at l = 16, ~100 μs at l = 82).
 * Domain: n integer 2 … 2^30, m integer ≥ 2, l integer 1 … min(m, 1 024), options as
 * {@link MonteCarloOptions}; otherwise a RangeError naming the argument.
 */
export function allRightMonteCarlo(n: number, m: number, l: number, options: MonteCarloOptions): MonteCarloEstimate {
  return runToEnd(allRightMonteCarloSteps(n, m, l, options));
}

/** Draws between two yields of {@link allRightMonteCarloSteps}. */
const DRAWS_PER_STEP = 64;

/**
 * {@link allRightMonteCarlo} as a generator, for a worker that must take messages while it runs:
 * yields the draws done after every 64 of them and returns the same estimate, number for number
 * (the draws and their order do not depend on where it pauses). Same domain; the RangeError of a
 * bad argument is thrown by the first next().
 */
export function* allRightMonteCarloSteps(n: number, m: number, l: number, options: MonteCarloOptions): Generator<number, MonteCarloEstimate, void> {
  requireNeurons(n);
  if (n < 2) throw new RangeError(`n must be at least 2 for the Monte Carlo (n = 1 is exact: 2^(1 − m)), got ${n}`);
  requireCount("m", m, 2);
  requireActive(l, m);
  if (l > MAX_MONTE_CARLO_ACTIVE) throw new RangeError(`l must be at most ${MAX_MONTE_CARLO_ACTIVE} for the Monte Carlo, got ${l}`);
  requireOptions(options);
  const lambda = options.tilt ?? allRightTilt(n, m, l);
  const random = createRandom(options.seed, MONTE_CARLO_STREAM);
  const width = Math.min(l, n);
  const vectors = new Float64Array(l * width);
  const sum = new Float64Array(width);
  const scratch = new Float64Array(width);
  const mean = new LogMean();
  for (let draw = 0; draw < options.draws; draw++) {
    if (draw > 0 && draw % DRAWS_PER_STEP === 0) yield draw;
    const lnWeight = drawDirections(random, n, l, lambda, vectors, sum, scratch);
    let squares = 0;
    for (let i = 0; i < width; i++) squares += sum[i]! * sum[i]!;
    let activesRight = true;
    for (let a = 0; a < l && activesRight; a++) {
      let readout = 0;
      for (let i = 0; i < width; i++) readout += vectors[a * width + i]! * sum[i]!;
      activesRight = readout > 0.5;
    }
    mean.add(activesRight ? lnWeight + lnInactiveAllBelow(n, m - l, Math.sqrt(squares)) : -Infinity);
  }
  return mean.estimate();
}

/**
 * E q_τ(|x|) = E P(t > τ/|x|) for x the sum of k random unit vectors in ℝⁿ, by Monte Carlo of the
 * exact walk |x_j|² = |x_{j−1}|² + 1 + 2|x_{j−1}| t_j (only the lengths matter), tilted by `tilt`
 * (default {@link meanTailTilt}). O(k) per draw. p_false_on(θ) is (l, θ), p_false_off(θ) is
 * (l − 1, 1 − θ). Domain: n integer 2 … 2^30, k integer ≥ 1, 0 < threshold < 1, options as
 * {@link MonteCarloOptions}; otherwise a RangeError naming the argument.
 */
export function meanTailMonteCarlo(n: number, k: number, threshold: number, options: MonteCarloOptions): MonteCarloEstimate {
  requireNeurons(n);
  if (n < 2) throw new RangeError(`n must be at least 2 for the Monte Carlo, got ${n}`);
  requireCount("k", k, 1);
  if (!(threshold > 0 && threshold < 1)) throw new RangeError(`threshold must be a number strictly between 0 and 1, got ${threshold}`);
  requireOptions(options);
  const lambda = options.tilt ?? meanTailTilt(n, k, threshold);
  const random = createRandom(options.seed, MONTE_CARLO_STREAM);
  const h = (n - 1) / 2;
  const lnBetaHH = lnBeta(h, h);
  const mean = new LogMean();
  for (let draw = 0; draw < options.draws; draw++) {
    let squares = 1;
    let lnWeight = 0;
    for (let j = 1; j < k; j++) {
      const length = Math.sqrt(squares);
      const step = tiltedOverlap(random, h, lnBetaHH, lambda * length);
      lnWeight += step.lnWeight;
      squares = Math.max(0, squares + 1 + 2 * length * step.t);
    }
    const length = Math.sqrt(squares);
    mean.add(length > threshold ? lnWeight + lnOverlapTail(n, threshold / length) : -Infinity);
  }
  return mean.estimate();
}
