/**
 * All m features read right, with the active readouts tied to |x|. The site's recipe multiplies
 * the chance that the m − l inactive readouts stay below ½ by the chance (1 − p_false_off)^l that
 * the l active ones stay above, as if the two were independent. They are not: both depend on
 * x = v₁ + … + v_l, in opposite directions. A short x keeps the inactive readouts |x| t small,
 * and the active readouts rₐ = ⟨vₐ, x⟩ sum to |x|² exactly, so a short x pulls them down too: all
 * l can be above ½ only if |x|² > l/2. Checked against Monte Carlo, the recipe overstates the
 * chance by 2× at n = 64, m = 512, l = 4 and by 10¹⁵⁶ at n = 3, m = 1000, l = 3.
 *
 * The model here, with ω = |x|²/l (its law: random-walk.ts):
 *   given ω, rₐ = ω + σ′(Zₐ − Z̄), Z₁ … Z_l independent standard normals, σ′² = (l − 2)/n.
 * The readouts then sum to lω = |x|² exactly, and each has variance σ′²(1 − 1/l) = (l − 1)(l − 2)/(n l):
 * the variance (l − 1)/n of one readout less the part |x|² explains (their covariance is
 * 2(l − 1)/n, the variance of |x|² 2l(l − 1)/n). It is exact for l = 2 (r₁ = r₂ = ω), and
 * all l are above ½ with probability
 *   c(ω) = G_l((ω − ½)/σ′),   G_l(d) = P(minₐ (Zₐ − Z̄) > −d)   (0 for ω ≤ ½).
 * All right is then
 *   E[(1 − q(|x|))^(m−l) c(ω)] / E[c(ω)] · (1 − p_false_off)^l,
 * the recipe with the inactive factor averaged over the inputs in proportion to their chance of
 * reading the active features right, and normalised so that the active factor keeps the recipe's
 * marginal (1 − p_false_off)^l. Because (1 − q)^(m−l) falls with ω and c rises, the ratio is at
 * most the recipe's E[(1 − q)^(m−l)] (Chebyshev's sum inequality): the tie only ever lowers it.
 *
 * Against an exact Monte Carlo (active vectors drawn, inactive readouts averaged exactly given x):
 * n = 8, m = 20, l = 3: 6.62·10⁻³ (MC 6.62·10⁻³, recipe 2.6·10⁻²); n = 16, m = 64, l = 4:
 * 2.01·10⁻⁵ (2.06·10⁻⁵, recipe 1.3·10⁻³); n = 64, m = 512, l = 4: 7.7·10⁻⁴ (7.9·10⁻⁴, recipe
 * 1.6·10⁻³); n = 64, m = 128, l = 4: 0.0818 (0.0818, recipe 0.0895). Where l is close to m at
 * small n the recipe's own active factor dominates and errs by up to 10 % (n = 16, m = 8, l = 4:
 * 0.265 against 0.275).
 */
import { lnIntegrateLine } from "./log-quadrature.ts";
import { lnOverlapDensityOverTail, lnUpperTailFromSquares } from "./overlap.ts";
import { allBelowSlope, gammaLaw, lnAllBelow } from "./random-walk.ts";
import { lnNormalCdf } from "./special-functions.ts";

const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
/** Below this d, ln G_l(d) is its small-d limit (see lnCentredMinimumAbove). */
const SMALL_D = 1e-3;

/** φ(z)/Φ(z), the normal density over the CDF, in logs so that it stays finite for z → −∞. */
function hazard(z: number): number {
  return Math.exp(-0.5 * z * z - LN_SQRT_2PI - lnNormalCdf(z));
}

/** The saddle point of one truncated normal at a given d, and the cumulants there. */
interface Saddle {
  /** λ̂²/2 + ln Φ(z), z = d + λ̂: the log of one factor of G_l before the correction. */
  readonly main: number;
  /** The second, third and fourth derivatives of K at λ̂. */
  readonly k2: number;
  readonly k3: number;
  readonly k4: number;
  /** h(z) = φ(z)/Φ(z), which is also d/dd of `main`. */
  readonly h: number;
}

/** Where the saddle point z is −3 (z + h(z) there): below it the continued fraction is used. */
const CF_BELOW_D = 0.283259;

/**
 * The saddle point for d ≥ CF_BELOW_D (z ≥ −3), directly: Newton's method on z + h(z) = d
 * (which rises with slope K₂ ∈ (0, 1)), then with u = z + h: K₂ = 1 − h u, K₃ = h(u² − K₂),
 * K₄ = h(3u K₂ − u³ − K₃), writing Kⱼ for the j-th derivative of K at λ̂.
 */
function saddleDirect(d: number): Saddle {
  let z = d - hazard(d);
  for (let i = 0; i < 60; i++) {
    const h = hazard(z);
    const step = (z + h - d) / Math.max(1 - h * (z + h), 1e-12);
    z -= step;
    if (Math.abs(step) <= 1e-13 * Math.max(1, Math.abs(z))) break;
  }
  const h = hazard(z);
  const u = z + h;
  const k2 = 1 - h * u;
  const k3 = h * (u * u - k2);
  const lambda = z - d;
  return { main: 0.5 * lambda * lambda + lnNormalCdf(z), k2, k3, k4: h * (3 * u * k2 - u * u * u - k3), h };
}

/** S₁, S₂, S₃ of the Mills ratio's continued fraction at b > 3 (60 terms: full double precision). */
function millsFractions(b: number): [number, number, number] {
  let s = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let k = 60; k >= 1; k--) {
    s = 1 / (b + (k + 1) * s);
    if (k === 3) s3 = s;
    else if (k === 2) s2 = s;
    else if (k === 1) s1 = s;
  }
  return [s1, s2, s3];
}

/**
 * The saddle point for d < CF_BELOW_D (b = −z > 3), where 1 − h u and its kin cancel: from the
 * continued fraction of the Mills ratio, Φ(z)/φ(z) = 1/(b + S₁), S_k = 1/(b + (k + 1) S_{k+1}),
 * everything follows without subtracting near-equal numbers:
 *   h = b + S₁,  u = z + h = S₁,  K₂ = S₁(2S₂ − S₁),  K₃ = 2h S₁² S₂ (3S₃ − 2S₂),
 *   K₄ = 2h S₁² [(3S₂ − 2S₁) − h S₂ (3S₃ − 2S₂)],
 *   λ̂²/2 + ln Φ(z) = b d + d²/2 − ln √(2π) − ln(b + S₁).
 * The saddle equation u = d becomes S₁(b) = d, solved by Newton's method with dS₁/db = −K₂.
 */
function saddleContinuedFraction(d: number): Saddle {
  let b = Math.max(3, 1 / d);
  for (let i = 0; i < 60; i++) {
    const [s1, s2] = millsFractions(b);
    const step = (s1 - d) / (s1 * (2 * s2 - s1));
    b = Math.max(3, b + step);
    if (Math.abs(step) <= 1e-13 * b) break;
  }
  const [s1, s2, s3] = millsFractions(b);
  const h = b + s1;
  const k2 = s1 * (2 * s2 - s1);
  const k3 = 2 * h * s1 * s1 * s2 * (3 * s3 - 2 * s2);
  const k4 = 2 * h * s1 * s1 * (3 * s2 - 2 * s1 - h * s2 * (3 * s3 - 2 * s2));
  return { main: b * d + 0.5 * d * d - LN_SQRT_2PI - Math.log(h), k2, k3, k4, h };
}

export function saddle(d: number): Saddle {
  return d < CF_BELOW_D ? saddleContinuedFraction(d) : saddleDirect(d);
}

/**
 * ln G_l(d) = ln P(minₐ (Zₐ − Z̄) > −d) for l ≥ 3 independent standard normals and d > 0: the
 * chance that none of l centred normals falls more than d below their mean.
 *
 * Why a saddle point: Z̄ is independent of the centred values, so G_l(d) = P(all Zₐ > −d | ΣZₐ = 0)
 * = Φ(d)^l · f_T(0) / f_S(0), S = ΣZₐ and T the sum of l normals truncated to (−d, ∞). f_T(0)
 * has no closed form; its saddle-point approximation with the first correction term (Daniels
 * 1954) is, with K(λ) = λ²/2 + ln Φ(d + λ) − ln Φ(d) the cumulant generating function of one
 * truncated normal and K'(λ̂) = 0 (that is, z + h(z) = d for z = d + λ̂, h = φ/Φ),
 *   ln G_l(d) = l (λ̂²/2 + ln Φ(z)) − ½ ln K₂ + ln(1 + (κ₄/8 − 5κ₃²/24)/l),
 * κ₃ = K₃/K₂^(3/2), κ₄ = K₄/K₂². Checked against Monte Carlo (10⁶ samples): within 0.3 % for
 * l = 3 … 30 and d from 0.05 to 4. Below d = 10⁻³ its limit, exact to O(d²), is used: the tilted
 * truncated normal becomes exponential (K₂ ≈ d², κ₃ → 2, κ₄ → 6) and
 * G_l(d) ≈ (e/√(2π))^l d^(l−1) (1 − 1/(12 l)).
 * Not capped at 0: for large d the approximation exceeds 1 by up to ~10⁻³, and a cap would put a
 * kink into the integrands it enters, which the trapezoid rule resolves only slowly.
 */
export function lnCentredMinimumAbove(l: number, d: number): number {
  if (!(d > 0)) return -Infinity;
  if (d < SMALL_D) return (l - 1) * Math.log(d) + l * (1 - LN_SQRT_2PI) + Math.log1p(-1 / (12 * l));
  const { main, k2, k3, k4 } = saddle(d);
  const correction = 1 + (k4 / (k2 * k2) / 8 - (5 * k3 * k3) / (k2 * k2 * k2) / 24) / l;
  return l * main - 0.5 * Math.log(k2) + Math.log(correction);
}

/**
 * d/dd of ln G_l(d), to leading order: by the envelope theorem the main term's slope is l h(z);
 * the ½ ln K₂ and correction terms, which vary slowly, are left out (below d = 10⁻³: (l − 1)/d,
 * the limit's own slope). Used only to locate the peak of an integrand, where a slightly inexact
 * slope moves the search, not the sum.
 */
function centredMinimumSlope(l: number, d: number): number {
  return d < SMALL_D ? (l - 1) / d : l * saddle(d).h;
}

/**
 * ln( E[(1 − q(|x|))^M c(ω)] / E[c(ω)] ) for x the sum of l ≥ 3 random unit vectors in ℝⁿ
 * (see the file comment): the chance that M further directions all read below ½, with the inputs
 * weighted by the chance that the l active readouts are all above ½. Both expectations run over
 * ω > ½ only (c = 0 below), in v = ln(ω − ½). At most 0. Domain: n integer ≥ 2, l integer ≥ 3,
 * M ≥ 0 (0 gives 0).
 */
export function lnAllBelowGivenActivesRight(n: number, l: number, M: number): number {
  if (M === 0) return 0;
  const law = gammaLaw(n, l);
  // σ′ = √((l − 2)/n); (ω − ½)/σ′ as a product of square roots so that huge l cannot overflow.
  const sigma = Math.sqrt(l - 2) / Math.sqrt(n);
  const dAt = (v: number): number => Math.exp(v) / sigma;
  /** ln of (density of ω) · dω/dv, ω = ½ + eᵛ. */
  const lnWeight = (v: number): number => {
    const z = 0.5 + Math.exp(v) - law.shift;
    return law.lnDensityTimesZ(z) - Math.log(z) + v;
  };
  const lnWeightSlope = (v: number): number => {
    const e = Math.exp(v);
    const z = 0.5 + e - law.shift;
    return (law.lnDensityTimesZSlope(z) - 1) * (e / z) + 1;
  };
  // The overlap tail at |x|² = lω: s² = 1/(4lω), from ln(4lω) = ln 4 + ln l + ln(½ + eᵛ), so
  // that l near 10³⁰⁸ cannot overflow; 1 − s² = −expm1(−ln(4lω)) without a subtraction.
  const lnFourL = Math.log(4) + Math.log(l);
  const lnFourLOmega = (v: number): number => lnFourL + (v > 0 ? v + Math.log1p(0.5 * Math.exp(-v)) : Math.log(0.5 + Math.exp(v)));
  const lnTail = (v: number): number => {
    const lnDenominator = lnFourLOmega(v);
    return lnUpperTailFromSquares(n, Math.exp(-lnDenominator), -Math.expm1(-lnDenominator));
  };
  const lnTailSlope = (v: number, lnQ: number): number => {
    // d ln q/dv = f(s)/q · s · eᵛ/(2ω), from ds/dω = −s/(2ω); 2ω = 4lω / (2l).
    const lnDenominator = lnFourLOmega(v);
    const lnRest = Math.log(-Math.expm1(-lnDenominator));
    return lnOverlapDensityOverTail(n, lnRest, lnQ) - 0.5 * lnDenominator + v - (lnDenominator - Math.log(2 * l));
  };
  const lnActive = (v: number): number => lnCentredMinimumAbove(l, dAt(v));
  const activeSlope = (v: number): number => centredMinimumSlope(l, dAt(v)) * dAt(v);
  // Start near the bulk of ω (mean 1) or, if it lies below ½, a standard deviation above ½.
  const sd = Math.sqrt(law.alpha) * law.theta;
  const guess = Math.log(Math.max(0.5, sd));
  const scale = Math.min(1, sd / Math.max(0.5, sd));
  const inactiveAndActive = lnIntegrateLine(
    (v) => lnWeight(v) + lnAllBelow(M, lnTail(v)) + lnActive(v),
    (v) => {
      const lnQ = lnTail(v);
      return lnWeightSlope(v) + allBelowSlope(M, lnQ, lnTailSlope(v, lnQ)) + activeSlope(v);
    },
    guess,
    scale,
  );
  const activeOnly = lnIntegrateLine(
    (v) => lnWeight(v) + lnActive(v),
    (v) => lnWeightSlope(v) + activeSlope(v),
    guess,
    scale,
  );
  return Math.min(0, inactiveAndActive - activeOnly);
}
