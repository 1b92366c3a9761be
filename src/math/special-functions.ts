/**
 * Special functions in log space, for the error rates of reading random directions: ln Γ, ln B,
 * and the regularised incomplete beta and gamma functions.
 *
 * Why our own and not a library: the error rates need tails far below double range (an inactive
 * feature misread with probability 10⁻¹⁰⁰⁰ is ordinary at n = 65 536), so every function here
 * returns a natural logarithm and never forms the tiny number itself. Libraries such as
 * @stdlib/math-base-special-betainc return I_x(a, b) as a plain double, which underflows to 0
 * there. Each function is a few dozen lines of classical numerics (Stirling's series, the
 * continued fractions of Numerical Recipes §6.2 and §6.4 evaluated by the modified Lentz method),
 * checked against scipy and mpmath in tests/unit/special-functions.test.ts.
 *
 * Internal to the core: arguments are assumed in the domain stated on each function (the callers
 * in overlap.ts and random-walk.ts guarantee it); outside it the result is unspecified.
 */
import { countSpecial } from "./work-count.ts";

const LN_2PI = Math.log(2 * Math.PI);

/** Below this argument ln Γ is shifted up by Γ(x + 1) = x Γ(x) before Stirling's series. */
const STIRLING_FROM = 10;

/**
 * Stirling's correction S(x) = ln Γ(x) − [(x − ½) ln x − x + ½ ln 2π] for x ≥ 10, by its
 * asymptotic series Σ B₂ⱼ / (2j (2j − 1) x^(2j − 1)); seven terms leave an error below 10⁻¹⁶ at
 * x = 10 (the next term is 3617 / (122 400 x¹⁵) ≈ 3·10⁻¹⁷).
 */
function stirlingSeries(x: number): number {
  const r = 1 / (x * x);
  return (1 / x) * (1 / 12 - r * (1 / 360 - r * (1 / 1260 - r * (1 / 1680 - r * (1 / 1188 - r * (691 / 360360 - r * (1 / 156)))))));
}

/** ln Γ(x) for x > 0 (finite). Relative accuracy about 10⁻¹⁵. */
export function lnGamma(x: number): number {
  if (x >= STIRLING_FROM) return (x - 0.5) * Math.log(x) - x + 0.5 * LN_2PI + stirlingSeries(x);
  // Γ(x) = Γ(x + j) / (x (x + 1) … (x + j − 1)): at most 10 factors, each exact to rounding.
  let product = 1;
  let shifted = x;
  while (shifted < STIRLING_FROM) product *= shifted++;
  return lnGamma(shifted) - Math.log(product);
}

/** S(x) = ln Γ(x) − [(x − ½) ln x − x + ½ ln 2π], the part of ln Γ beyond Stirling's formula; x > 0. */
export function stirlingCorrection(x: number): number {
  return x >= STIRLING_FROM ? stirlingSeries(x) : lnGamma(x) - ((x - 0.5) * Math.log(x) - x + 0.5 * LN_2PI);
}

/**
 * ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b) for a, b > 0.
 * Why not that sum: for a = 5·10⁵, b = ½ it cancels two numbers near 6·10⁶ down to about −7,
 * losing ten digits. With a ≥ b and a ≥ 10 it is computed instead as
 *   ln Γ(b) − b ln a − (a + b − ½) ln(1 + b/a) + b + S(a) − S(a + b),
 * whose terms are of the size of the result.
 */
export function lnBeta(a: number, b: number): number {
  const big = Math.max(a, b);
  const small = Math.min(a, b);
  if (big < STIRLING_FROM) return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
  return (
    lnGamma(small) - small * Math.log(big) - (big + small - 0.5) * Math.log1p(small / big) + small + stirlingSeries(big) - stirlingSeries(big + small)
  );
}

/** ln(1 − eˣ) for x ≤ 0, accurate at both ends (Mächler's log1mexp). −Infinity at x = 0. */
export function lnOneMinusExp(x: number): number {
  return x > -Math.LN2 ? Math.log(-Math.expm1(x)) : Math.log1p(-Math.exp(x));
}

/** ln(eᵃ + eᵇ) without overflow; either may be −Infinity (a term that is exactly 0). */
export function lnAddExp(a: number, b: number): number {
  const hi = Math.max(a, b);
  if (hi === -Infinity) return -Infinity;
  return hi + Math.log1p(Math.exp(Math.min(a, b) - hi));
}

/**
 * r − 1 − ln r for r > 0, without cancellation near r = 1. With δ = r − 1 and u = δ / (2 + δ),
 * ln r = 2 atanh u, and δ − 2u = u δ, so r − 1 − ln r = u δ − 2 (u³/3 + u⁵/5 + …), a sum of
 * terms of one sign and falling size (the form R's dbinom uses, Loader 2000).
 */
export function oneMinusRatioLog(r: number): number {
  const delta = r - 1;
  if (Math.abs(delta) > 0.5) return delta - Math.log(r);
  const u = delta / (2 + delta);
  const u2 = u * u;
  let power = u * u2;
  let series = 0;
  for (let j = 3; ; j += 2) {
    const term = power / j;
    series += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(series)) break;
    power *= u2;
  }
  return u * delta - 2 * series;
}

const TINY = 1e-300;
const CF_EPS = 1e-15;
/** More than any argument in the core's domain needs (at most ~60 at a = 5·10⁵, see the tests). */
const CF_MAX_ITERATIONS = 10_000;

/**
 * The continued fraction of Numerical Recipes (6.4.5) for I_x(a, b), evaluated by the modified
 * Lentz method: I_x(a, b) = x^a (1 − x)^b / (a B(a, b)) · betaContinuedFraction(a, b, x).
 * Converges quickly for x < (a + 1) / (a + b + 2).
 */
function betaContinuedFraction(a: number, b: number, x: number, y: number): number {
  let c = 1;
  // 1 − (a + b) x/(a + 1); near x = 1 written with y = 1 − x, since with a large the direct
  // form subtracts two numbers that agree in all but their last digits.
  let d = x <= 0.5 ? 1 - ((a + b) * x) / (a + 1) : (1 - b + (a + b) * y) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let j = 1; j <= CF_MAX_ITERATIONS; j++) {
    const j2 = 2 * j;
    // Even step: d_{2j} = j (b − j) x / ((a + 2j − 1)(a + 2j)).
    let coefficient = (j * (b - j) * x) / ((a + j2 - 1) * (a + j2));
    d = 1 + coefficient * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + coefficient / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    // Odd step: d_{2j+1} = −(a + j)(a + b + j) x / ((a + 2j)(a + 2j + 1)).
    coefficient = (-(a + j) * (a + b + j) * x) / ((a + j2) * (a + j2 + 1));
    d = 1 + coefficient * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + coefficient / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < CF_EPS) return h;
  }
  throw new RangeError(`incomplete beta: continued fraction did not converge (a = ${a}, b = ${b}, x = ${x})`);
}

/**
 * ln I_x(a, b), the regularised incomplete beta function (the CDF at x of a Beta(a, b) variable),
 * for a, b > 0 and 0 < x < 1, with y = 1 − x passed separately so that a caller who knows y
 * exactly (y = s², tiny) loses nothing to 1 − x. Where the continued fraction converges quickly
 * (x < (a + 1)/(a + b + 2)) I_x is computed directly, with its prefactor x^a y^b / (a B(a, b)) in
 * log space, so it stays exact when it is below 10⁻³⁰⁸; otherwise as ln(1 − I_y(b, a)), which is
 * well conditioned because I_y(b, a) is then below about ⅔. `lnB` = ln B(a, b) may be passed by
 * a caller that evaluates many x at the same a, b.
 */
export function lnIncompleteBeta(a: number, b: number, x: number, y: number, lnB = lnBeta(a, b)): number {
  countSpecial();
  const lnX = x <= 0.5 ? Math.log(x) : Math.log1p(-y);
  const lnY = y <= 0.5 ? Math.log(y) : Math.log1p(-x);
  if (x < (a + 1) / (a + b + 2)) {
    return Math.min(0, a * lnX + b * lnY - lnB - Math.log(a) + Math.log(betaContinuedFraction(a, b, x, y)));
  }
  const upper = Math.min(0, b * lnY + a * lnX - lnB - Math.log(b) + Math.log(betaContinuedFraction(b, a, y, x)));
  return lnOneMinusExp(upper);
}

/** Both tails of a regularised incomplete function, as natural logarithms. */
export interface LnTails {
  /** ln of the lower tail (the CDF at x). */
  readonly lower: number;
  /** ln of the upper tail (1 − the CDF at x). */
  readonly upper: number;
}

/**
 * ln P(α, x) and ln Q(α, x) = ln(1 − P(α, x)), the regularised incomplete gamma functions (the
 * CDF at x of a Gamma(α, 1) variable and its complement), for α > 0 and x ≥ 0. Below x = α + 1
 * P by its series (NR 6.2.5), which converges geometrically there, and Q = 1 − P; above, Q by its
 * continued fraction (NR 6.2.7), modified Lentz, and P = 1 − Q: each time the small one directly,
 * so it keeps its digits far below 10⁻³⁰⁸. The prefactor x^α e^(−x) / Γ(α) is formed as
 * −α (r − 1 − ln r) + ½ ln(α / 2π) − S(α), r = x / α, which keeps its digits when α is in the
 * millions.
 */
export function lnRegularizedGamma(alpha: number, x: number): LnTails {
  countSpecial();
  if (x === 0) return { lower: -Infinity, upper: 0 };
  const lnPrefactor = -alpha * oneMinusRatioLog(x / alpha) + 0.5 * Math.log(alpha / (2 * Math.PI)) - stirlingCorrection(alpha);
  if (x < alpha + 1) {
    // P(α, x) = x^α e^(−x) / Γ(α + 1) · Σ_{j ≥ 0} x^j / ((α + 1) … (α + j)).
    let term = 1;
    let sum = 1;
    for (let j = 1; j <= CF_MAX_ITERATIONS; j++) {
      term *= x / (alpha + j);
      sum += term;
      if (term < sum * CF_EPS) {
        const lower = Math.min(0, lnPrefactor - Math.log(alpha) + Math.log(sum));
        return { lower, upper: lnOneMinusExp(lower) };
      }
    }
    throw new RangeError(`incomplete gamma: series did not converge (α = ${alpha}, x = ${x})`);
  }
  // Q(α, x) = x^α e^(−x) / Γ(α) · 1 / (x + 1 − α − 1·(1 − α) / (x + 3 − α − …)), modified Lentz.
  let b = x + 1 - alpha;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let j = 1; j <= CF_MAX_ITERATIONS; j++) {
    const an = -j * (j - alpha);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < CF_EPS) {
      const upper = Math.min(0, lnPrefactor + Math.log(h));
      return { lower: lnOneMinusExp(upper), upper };
    }
  }
  throw new RangeError(`incomplete gamma: continued fraction did not converge (α = ${alpha}, x = ${x})`);
}

const LN_HALF = -Math.LN2;

/**
 * ln Φ(z), the standard normal CDF, for any finite z: Φ(z) = ½ Q(½, z²/2) below 0 and
 * 1 − ½ Q(½, z²/2) above, so that far in the lower tail (Φ(−40) ≈ 10⁻³⁵⁰) it keeps its digits.
 */
export function lnNormalCdf(z: number): number {
  if (z === 0) return LN_HALF;
  const upper = LN_HALF + lnRegularizedGamma(0.5, 0.5 * z * z).upper;
  return z < 0 ? upper : lnOneMinusExp(upper);
}
