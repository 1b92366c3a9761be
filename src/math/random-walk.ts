/**
 * The length of x = v₁ + … + v_k, the sum of k independent uniform unit vectors in ℝⁿ (n ≥ 2),
 * and the two expectations over it that the error rates need, with q(r) = P(t > τ/r) the chance
 * that a random unit vector reads above a threshold τ against a vector of length r (overlap.ts;
 * τ = ½, the post's threshold, unless another is given):
 *
 *   E[q(|x|)]          the chance that one more random direction reads above τ
 *   E[(1 − q(|x|))^M]  the chance that M more independent ones all read below ½
 *
 * The law of W = |x|², derived from W_k = W_{k−1} + 1 + 2 |x_{k−1}| t_k (t_k a fresh overlap,
 * independent of x_{k−1} by rotation invariance):
 *   k = 1   W = 1.
 *   k = 2   W = 2 + 2t, t the overlap law: exact.
 *   k ≥ 3   the shifted gamma that matches W's first three cumulants exactly. Expanding
 *           W = k + 2 Σ_{i<j} ⟨vᵢ,vⱼ⟩, whose overlaps are pairwise independent with mean 0 and
 *           E⟨vᵢ,vⱼ⟩² = 1/n, and in whose third moment only triangles survive
 *           (E⟨a,b⟩⟨b,c⟩⟨c,a⟩ = tr((I/n)³) = 1/n²):
 *             κ₁ = k,   κ₂ = 2k(k − 1)/n,   κ₃ = 8k(k − 1)(k − 2)/n².
 *           With ω = W/k = c + Gamma(α, θ):
 *             α = (n/2) · k(k − 1)/(k − 2)²,   θ = 2(k − 2)/(n k),   c = −1/(k − 2).
 *           As k → ∞ this tends to χ²ₙ/n, the exact limit (x becomes Gaussian); its fourth
 *           cumulant is off by a relative 12/(k n) only. Checked against the exact law: Monte
 *           Carlo of the recursion (scripts/checks/error_rates.py --walk) puts E[q] within 0.3 %
 *           for n ≥ 8 and every k tried (3 … 100); a grid solution of the recursion, within
 *           1·10⁻⁸ at n = 768, k = 32, and E[(1 − q)^M] ≈ 10⁻³⁰ there, 7.7 standard deviations
 *           into the lower tail, 16 % high. For n = 2 … 7 the error grows to a few per cent
 *           (3.5 % at n = 2), where W is far from any gamma.
 *
 * Each expectation is an integral over ω in log space (log-quadrature.ts), in a variable that
 * sends both ends of its range to ±∞ and removes the end singularities: ω = ω₀ + eᵛ above
 * ω₀ = τ²/k, where |x| = τ (below it q = 0: no overlap exceeds 1); for k = 2 a logistic v
 * on t.
 */
import { lnIntegrateLine } from "./log-quadrature.ts";
import { lnOverlapDensity, lnOverlapDensityOverTail, lnOverlapTail, lnUpperTailFromSquares } from "./overlap.ts";
import { oneMinusRatioLog, stirlingCorrection } from "./special-functions.ts";

/** ln(1 + eˣ) without overflow. */
export function lnOnePlusExp(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** The logistic function σ(x) = 1/(1 + e⁻ˣ). */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * M · ln(1 − q) given ln q, for M ≥ 0 and q ≤ ½. For q < 2·10⁻⁹, ln(1 − q) = −q(1 + q/2) to
 * 10⁻¹⁸, written as −e^(ln M + ln q)(1 + q/2) so that q below 10⁻³⁰⁸ still counts when M is huge.
 */
export function lnAllBelow(M: number, lnQ: number): number {
  if (M === 0) return 0;
  if (lnQ < -20) {
    const q = Math.exp(lnQ);
    return -Math.exp(Math.log(M) + lnQ) * (1 + q / 2);
  }
  return M * Math.log1p(-Math.exp(lnQ));
}

/**
 * d/dv of M · ln(1 − q(v)) = −M q/(1 − q) · (ln q)', given ln q and ln((ln q)'), as a product of
 * exponentials so that it is −∞ rather than NaN when M q overflows.
 */
export function allBelowSlope(M: number, lnQ: number, lnTailSlope: number): number {
  if (M === 0) return 0;
  return -Math.exp(Math.log(M) + lnQ - Math.log1p(-Math.exp(lnQ)) + lnTailSlope);
}

/** One representation of the law of |x|: its integrand pieces in the variable v. */
interface WalkLaw {
  /** ln of (density of ω) · dω/dv at v. */
  lnWeight(v: number): number;
  /** d/dv of lnWeight. */
  lnWeightSlope(v: number): number;
  /** ln q(|x|) at v, q the chance that a random direction reads above ½. */
  lnTail(v: number): number;
  /** ln of d(ln q)/dv at v (which is positive: q grows with |x|), given ln q there. */
  lnTailSlope(v: number, lnQ: number): number;
  /** A v near the bulk of the density, and a width there. */
  readonly guess: number;
  readonly scale: number;
}

/**
 * k = 2: W = 2 + 2t, t the overlap, over t ∈ (tLow, 1) in a logistic v: t = tLow + (1 − tLow) σ(v).
 * A readout against the threshold θ misreads when t' > θ/|x|, so q = 0 where |x| ≤ θ, that is
 * below t = θ²/2 − 1 (−⅞ at θ = ½), where tLow sits for the mean tail; the pair's own readouts,
 * both 1 + t, are right above tLow = −½. With s² = θ²/W = θ²/(2(1 + t)):
 *   d ln q/dv = f(s)/q · (−ds/dt) · dt/dv,  −ds/dt = s/(2(1 + t)),  dt/dv = (1 − tLow) σ(v) σ(−v).
 */
function twoVectorLaw(n: number, tLow: number, threshold: number): WalkLaw {
  const thetaSquared = threshold * threshold;
  // 1 − s² = (t − tCut)/(1 + t), tCut = θ²/2 − 1 where |x| = θ: written as aboveLow + (tLow − tCut)
  // over 1 + t, a sum of non-negative parts, so that no subtraction loses digits near the cut.
  const lowAboveCut = tLow + (1 - thetaSquared / 2);
  const span = 1 - tLow;
  const lnSpan = Math.log(span);
  const lnSigmoid = (v: number): number => -lnOnePlusExp(-v);
  const onePlusT = (v: number): number => 1 + tLow + span * sigmoid(v);
  return {
    lnWeight(v) {
      // ln(1 − t) + ln(1 + t) as one log1p(−t²) near t = 0: at n = 10⁹ the two logs cancel to
      // 10⁻⁹ and (n − 3)/2 times their rounding would cost eight digits.
      const t = tLow + span * sigmoid(v);
      const lnOneMinusTSquared = Math.abs(t) < 0.5 ? Math.log1p(-t * t) : lnSpan + lnSigmoid(-v) + Math.log(onePlusT(v));
      return lnOverlapDensity(n, lnOneMinusTSquared) + lnSpan + lnSigmoid(v) + lnSigmoid(-v);
    },
    lnWeightSlope(v) {
      // d ln(1 − t)/dv = −σ(v), d ln(1 + t)/dv = t'/(1 + t), d ln σ(±v)/dv = ±σ(∓v).
      const up = sigmoid(v);
      const down = sigmoid(-v);
      return ((n - 3) / 2) * (-up + (span * up * down) / onePlusT(v)) + down - up;
    },
    lnTail(v) {
      const aboveLow = span * sigmoid(v);
      const w = 1 + tLow + aboveLow;
      return lnUpperTailFromSquares(n, thetaSquared / (2 * w), (aboveLow + lowAboveCut) / w);
    },
    lnTailSlope(v, lnQ) {
      const aboveLow = span * sigmoid(v);
      const w = 1 + tLow + aboveLow;
      const sSquared = thetaSquared / (2 * w);
      const lnDsDv = 0.5 * Math.log(sSquared) - Math.log(2 * w) + lnSpan + lnSigmoid(v) + lnSigmoid(-v);
      return lnOverlapDensityOverTail(n, Math.log((aboveLow + lowAboveCut) / w), lnQ) + lnDsDv;
    },
    // t = 0 (the density's centre) is σ(v) = −tLow/(1 − tLow), v = ln(−tLow); there
    // dt/dv = −tLow/(1 − tLow) ≥ ⅓, and t has standard deviation 1/√n.
    guess: Math.log(-tLow),
    scale: Math.min(1, 3 / Math.sqrt(n)),
  };
}

/** The shifted-gamma law of ω = W/k for k ≥ 3, and the pieces of its integrals. */
export interface GammaLaw extends WalkLaw {
  readonly alpha: number;
  readonly theta: number;
  /** c = −1/(k − 2), where the support of ω starts (z = ω − c ≥ 0). */
  readonly shift: number;
  /** ln[z^α e^(−z/θ) / (Γ(α) θ^α)], the density of z = ω − c times z. */
  lnDensityTimesZ(z: number): number;
  /** d/d(ln z) of lnDensityTimesZ. */
  lnDensityTimesZSlope(z: number): number;
}

/**
 * k ≥ 3: ω = W/k = c + Gamma(α, θ) (three cumulants matched); v = ln(ω − ω₀), ω₀ = τ²/k where
 * |x| equals the threshold τ (½ unless given). With E = (k/τ²) eᵛ, kω/τ² = 1 + E, so
 * s² = τ²/W = 1/(1 + E) and 1 − s² = E/(1 + E), and d ln q/dv = f(s)/q · ½ s (1 − s²).
 * Domain: n ≥ 2, k ≥ 3, 0 < threshold ≤ 1.
 */
export function gammaLaw(n: number, k: number, threshold = 0.5): GammaLaw {
  // Written as products of ratios so that k up to 10³⁰⁸ neither overflows nor loses digits.
  const alpha = (n / 2) * (k / (k - 2)) * ((k - 1) / (k - 2));
  const theta = (2 / n) * ((k - 2) / k);
  const shift = -1 / (k - 2);
  const omega0 = (threshold * threshold) / k;
  const z0 = omega0 - shift;
  const lnNorm = 0.5 * Math.log(alpha / (2 * Math.PI)) - stirlingCorrection(alpha);
  // ln(k/τ²), in logs so that k near 10³⁰⁸ cannot overflow (ln 4k at τ = ½).
  const lnFourK = Math.log(k) - 2 * Math.log(threshold);
  const mode = shift + (alpha - 1) * theta;
  const sd = Math.sqrt(alpha) * theta;
  const above = Math.max(mode - omega0, sd / 2);
  // ln[z^α e^(−z/θ) / (Γ(α) θ^α)] = −α (r − 1 − ln r) + ½ ln(α/2π) − S(α), r = z/(αθ).
  const lnDensityTimesZ = (z: number): number => -alpha * oneMinusRatioLog(z / (alpha * theta)) + lnNorm;
  return {
    alpha,
    theta,
    shift,
    lnDensityTimesZ,
    lnDensityTimesZSlope: (z) => alpha - z / theta,
    lnWeight(v) {
      // density of z = ω − c times dω/dv = eᵛ
      const z = z0 + Math.exp(v);
      return lnDensityTimesZ(z) - Math.log(z) + v;
    },
    lnWeightSlope(v) {
      const e = Math.exp(v);
      return e * ((alpha - 1) / (z0 + e) - 1 / theta) + 1;
    },
    lnTail(v) {
      // s² = σ(−ln E), 1 − s² = σ(ln E): each without a subtraction.
      const lnE = lnFourK + v;
      return lnUpperTailFromSquares(n, sigmoid(-lnE), sigmoid(lnE));
    },
    lnTailSlope(v, lnQ) {
      const lnRest = -lnOnePlusExp(-(lnFourK + v)); // ln(1 − s²)
      const lnSSquared = -lnOnePlusExp(lnFourK + v);
      return lnOverlapDensityOverTail(n, lnRest, lnQ) + 0.5 * lnSSquared + lnRest - Math.LN2;
    },
    guess: Math.log(above),
    scale: Math.min(1, sd / above),
  };
}

/** ln ∫ (law's weight) · q over v. */
function integrateTail(law: WalkLaw): number {
  return lnIntegrateLine(
    (v) => law.lnWeight(v) + law.lnTail(v),
    (v) => law.lnWeightSlope(v) + Math.exp(law.lnTailSlope(v, law.lnTail(v))),
    law.guess,
    law.scale,
  );
}

/** ln ∫ (law's weight) · (1 − q)^M over v. */
function integrateAllBelow(law: WalkLaw, M: number): number {
  return lnIntegrateLine(
    (v) => law.lnWeight(v) + lnAllBelow(M, law.lnTail(v)),
    (v) => {
      const lnQ = law.lnTail(v);
      return law.lnWeightSlope(v) + allBelowSlope(M, lnQ, law.lnTailSlope(v, lnQ));
    },
    law.guess,
    law.scale,
  );
}

/**
 * ln E[q_τ(|x|)], q_τ(r) = P(t > τ/r), x the sum of k uniform unit vectors in ℝⁿ: the log of the
 * chance that a further, independent random direction has readout ⟨v, x⟩ above the threshold τ
 * (½ unless given; misreads against another threshold θ are τ = θ for an inactive feature and
 * τ = 1 − θ for an active one, error-rates.ts). Domain: n integer ≥ 2, k integer ≥ 1,
 * 0 < threshold ≤ 1 (< 1 when k = 1, where the readout is t itself and P(t > 1) = 0).
 */
export function lnMeanTail(n: number, k: number, threshold = 0.5): number {
  if (k === 1) return lnOverlapTail(n, threshold);
  return integrateTail(k === 2 ? twoVectorLaw(n, (threshold * threshold) / 2 - 1, threshold) : gammaLaw(n, k, threshold));
}

/**
 * For k = 2, ln E[1{t > −½} (1 − q(|x|))^M]: the log of the chance that both vectors of the pair
 * read above ½ (each reads 1 + t, t = ⟨v₁, v₂⟩) and M further directions, independent given x, all
 * read below ½. Exact: the pair's readouts and |x|² = 2 + 2t are functions of the same t.
 * Domain: n integer ≥ 2, M ≥ 0.
 */
export function lnPairAndAllBelow(n: number, M: number): number {
  return Math.min(0, integrateAllBelow(twoVectorLaw(n, -0.5, 0.5), M));
}

/** ln (1 − q(½))^M: M further directions all reading below ½ against a single vector (k = 1). */
export function lnAllBelowOne(n: number, M: number): number {
  return lnAllBelow(M, lnOverlapTail(n, 0.5));
}
