/**
 * Draws from the gamma and beta laws, seeded (from the simulation's xoshiro128** streams and its
 * polar-method Gaussians), for the Monte Carlo checks of the error rates (rates-monte-carlo.ts):
 * the overlap of a random direction with a fixed one is 2B − 1 with B ~ Beta((n − 1)/2, (n − 1)/2),
 * and the squared length of the part of a random vector outside a subspace is a chi-square.
 *
 * Why logarithms: a gamma variate of shape 0.05 (the beta's parameters at n = 2, tilted) is below
 * 10⁻³⁰⁸ with a chance of 10⁻¹⁶ per draw, and its logarithm is what the weights need anyway.
 */
import { gaussian, nextDouble, type Random } from "./random.ts";

/**
 * ln G for G ~ Gamma(shape, 1), by Marsaglia and Tsang's squeeze method (ACM TOMS 2000) for
 * shape ≥ 1, and for shape < 1 from Gamma(shape + 1) times U^(1/shape) (their boost), in logs.
 * Domain: shape a finite number > 0 (callers guarantee it; otherwise the result is unspecified).
 */
export function lnGammaVariate(r: Random, shape: number): number {
  if (shape < 1) {
    let u = nextDouble(r);
    while (u === 0) u = nextDouble(r);
    return lnGammaVariate(r, shape + 1) + Math.log(u) / shape;
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = gaussian(r);
    const root = 1 + c * x;
    if (root <= 0) continue;
    const v = root * root * root;
    const u = nextDouble(r);
    if (u < 1 - 0.0331 * x * x * x * x) return Math.log(d * v);
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return Math.log(d * v);
  }
}

/** A draw of B ~ Beta(a, b), as what the overlap law needs of it. */
export interface BetaDraw {
  /** ln B and ln(1 − B), each without the rounding of 1 − B. */
  readonly lnB: number;
  readonly lnOneMinusB: number;
  /** 2B − 1, as tanh((ln X − ln Y)/2) with B = X/(X + Y): exact near ±1 too. */
  readonly centred: number;
}

/** B = X/(X + Y), X ~ Gamma(a), Y ~ Gamma(b), in logs. Domain: a, b finite > 0. */
export function betaVariate(r: Random, a: number, b: number): BetaDraw {
  const lnX = lnGammaVariate(r, a);
  const lnY = lnGammaVariate(r, b);
  const difference = lnX - lnY;
  // ln B = −ln(1 + e^(lnY − lnX)), ln(1 − B) = −ln(1 + e^(lnX − lnY)).
  const softplus = (z: number): number => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));
  return { lnB: -softplus(-difference), lnOneMinusB: -softplus(difference), centred: Math.tanh(difference / 2) };
}

/** A chi-square variate with k degrees of freedom, 2 Gamma(k/2). Domain: k > 0. */
export function chiSquareVariate(r: Random, k: number): number {
  return 2 * Math.exp(lnGammaVariate(r, k / 2));
}
