/**
 * Misreads of a TopK reading of m random features: in each input, the l largest readouts are taken
 * as on and the rest as off (what a TopK sparse autoencoder's encoder does with k = l). Every
 * inactive feature among the top l pushes an active one out, so the misreads are twice K, the
 * number of inactive features in the top l.
 *
 * Setting as in error-rates.ts: m unit directions uniform in ℝⁿ, l active at amplitude 1, x their
 * sum, ω = |x|²/l; given x the m − l inactive readouts |x| t are independent (exact), and the l
 * active ones add up to |x|².
 *
 * The prediction, given ω:
 *   l = 2     exact: both active features read 1 + t (t their overlap) and K = min(N, 2), N the
 *             inactive readouts above 1 + t, Binomial(m − 2, q) with q = P(t' > (1 + t)/|x|) =
 *             P(t' > √((1 + t)/2)); averaged over t's exact law.
 *   l ≥ 3     a mean-field cut per input: each active readout is taken as normal with mean ω and
 *             the variance s² = (l − 1)(l − 2)/(n l) it has given |x| (active-readouts.ts), cut off
 *             at |x|, which no readout exceeds (at a few neurons the normal would put active
 *             readouts above it: without the cut-off, n = 2 read 23 % low), and the cut c(ω) is
 *             where the expected inactive readouts above it equal the expected active ones below
 *             it, (m − l) q(c/|x|) = l Φ((c − ω)/s)/Φ((|x| − ω)/s); then K ≈ (m − l) q(c/|x|),
 *             averaged over ω's law (random-walk.ts's shifted gamma).
 * Conditioning on ω is what matters: a long sum of active directions lifts every inactive readout
 * and the active ones with it, so one cut for all inputs (the balance of the unconditional rates)
 * overstates the misreads, by 7 % at GPT-2 small's shape and by 70 % at n = 64, m = 512, l = 4.
 * What the mean field still leaves out: the counts above and below the cut are random, which
 * matters where K is about 1 or less. Measured error: {@link TOPK_VERIFIED_ERROR}, {@link TOPK_ABOUT_ERROR}.
 */
import { fromLn, type LogQuantity } from "./big-number.ts";
import { requireActive, requireCount } from "./domain.ts";
import { lnIntegrateLine } from "./log-quadrature.ts";
import { lnOverlapDensity, lnOverlapDensityOverTail, lnUpperTailFromSquares, requireNeurons } from "./overlap.ts";
import { gammaLaw, lnOnePlusExp, sigmoid } from "./random-walk.ts";
import { lnAddExp, lnBeta, lnIncompleteBeta, lnNormalCdf, lnOneMinusExp } from "./special-functions.ts";

/**
 * The largest relative errors of {@link topkMisreads} against simulations of random directions
 * (numpy: scripts/checks/thresholds_topk.py, twelve shapes of real SAEs and their neighbours, and
 * scripts/checks/topk_grid.py, 136 more from n = 2 and m = 8 up to l = 0.9 m; both held by
 * tests/unit/topk-misreads.test.ts), by what the prediction is: where it is 2 or more, within 6 %
 * at n ≥ 16 ({@link TOPK_VERIFIED_ERROR}, 41 shapes) and within 21 % below 16 neurons
 * ({@link TOPK_ABOUT_ERROR}, 65 shapes, the active readouts far from normal); from 1 to 2, within
 * 15 % (18 shapes). Below 1 the counts around the cut are small and random, which the mean field
 * leaves out, and it overstates: by up to 45 % near 1 and tenfold in the tail, never falling short
 * by more than two standard errors of the measurement (23 shapes), so it is a bound from above there.
 */
export const TOPK_VERIFIED_ERROR = 0.06;
export const TOPK_ABOUT_ERROR = 0.21;

const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
/** Below e^−40 expected readouts above the cut, the first term of the binomial's expansion is exact to double precision. */
const TINY_EXPECTED_LN = -40;

/** ln φ(u) − ln Φ(u): the hazard of the normal's lower tail, finite for every u. */
function lnNormalLowerHazard(u: number): number {
  return -0.5 * u * u - LN_SQRT_2PI - lnNormalCdf(u);
}

/**
 * l = 2: ln E min(N, 2) = ln[P(N ≥ 1) + P(N ≥ 2)], N ~ Binomial(M, q), from P(N ≥ j) = I_q(j, M − j + 1);
 * and its derivative in q, M [P(Bin(M − 1, q) = 0) + P(Bin(M − 1, q) = 1)], as ln(d/dq) − ln E.
 */
function pairPushedOut(M: number, lnQ: number): { lnValue: number; lnSlopeOverValue: number } {
  // Where M q is tiny (or q below a double: 10⁻¹³⁰⁰ at n = 12 288), E min(N, 2) = M q (1 + O(M q)):
  // the incomplete betas would see q = 0 and give no logarithm at all.
  if (lnQ + Math.log(M) < TINY_EXPECTED_LN) return { lnValue: Math.log(M) + lnQ, lnSlopeOverValue: -lnQ };
  const q = Math.exp(lnQ);
  const lnOneMinusQ = Math.log1p(-q);
  const atLeastOne = lnIncompleteBeta(1, M, q, 1 - q, -Math.log(M));
  const atLeastTwo = M >= 2 ? lnIncompleteBeta(2, M - 1, q, 1 - q, lnBeta(2, M - 1)) : -Infinity;
  const lnValue = lnAddExp(atLeastOne, atLeastTwo);
  // d/dq P(Bin(M, q) ≥ j) = M P(Bin(M − 1, q) = j − 1).
  const noneOfRest = (M - 1) * lnOneMinusQ;
  const oneOfRest = M >= 2 ? Math.log(M - 1) + lnQ + (M - 2) * lnOneMinusQ : -Infinity;
  return { lnValue, lnSlopeOverValue: Math.log(M) + lnAddExp(noneOfRest, oneOfRest) - lnValue };
}

/**
 * l = 2, exactly: ln E_t[E min(N, 2)] over the overlap t of the two active directions, in the
 * logistic v with 1 + t = 2σ(v): then the readout cut s = (1 + t)/|x| has s² = (1 + t)/2 = σ(v)
 * and 1 − s² = σ(−v), and 1 − t² = 4σ(v)σ(−v), dt/dv = 2σ(v)σ(−v).
 */
function lnPairTopk(n: number, M: number): number {
  const lnSig = (v: number): number => -lnOnePlusExp(-v);
  const lnTail = (v: number): number => lnUpperTailFromSquares(n, sigmoid(v), sigmoid(-v));
  const lnWeight = (v: number): number => lnOverlapDensity(n, Math.log(4) + lnSig(v) + lnSig(-v)) + Math.LN2 + lnSig(v) + lnSig(-v);
  return lnIntegrateLine(
    (v) => lnWeight(v) + pairPushedOut(M, lnTail(v)).lnValue,
    (v) => {
      const lnQ = lnTail(v);
      // d ln q/dv = −h(s) · ds/dv, s = √σ(v), ds/dv = ½ s σ(−v); h the overlap's hazard.
      const lnDsDv = 0.5 * lnSig(v) + lnSig(-v) - Math.LN2;
      const lnQSlope = lnQ + lnOverlapDensityOverTail(n, lnSig(-v), lnQ) + lnDsDv; // ln(−dq/dv)
      const weightSlope = ((n - 1) / 2) * (sigmoid(-v) - sigmoid(v));
      return weightSlope - Math.exp(pairPushedOut(M, lnQ).lnSlopeOverValue + lnQSlope);
    },
    0,
    Math.min(1, 3 / Math.sqrt(n)),
  );
}

/** The mean-field cut of one input with ω given, and what the slope of ln K needs from it. */
interface Cut {
  /** ln K = ln[(m − l) q(c/|x|)]. */
  readonly lnInactiveAbove: number;
  /** d ln K/dω, by the implicit function theorem on the balance. */
  readonly slope: number;
}

/**
 * Where the cut is sought: y in [−Y_LIMIT, Y_LIMIT], y = ln((|x| − c)/(|x| + c)). At y = −700 the
 * cut is 10⁻³⁰⁴·|x| below the top (1 − (c/|x|)² = 4e^y, still a double); at +700 as far above the
 * bottom.
 */
const Y_LIMIT = 700;
/**
 * The quadrature over ω stops at 10⁻⁴ (relative): the mean field itself is good to a per cent at best, and
 * where the cut switches to "every inactive feature in the top l" the integrand has a kink, over
 * which the trapezoid rule gains only a factor 4 a halving (at n = 2, m = 100, l = 99, 10⁻⁶ took
 * 28 000 evaluations; 10⁻⁴, 3 000).
 */
const MEAN_FIELD_TOLERANCE = 1e-4;
/** Steps of the root search: Newton's method converges in 3–8 on the near-linear G(y); the bracket bounds the rest. */
const MAX_CUT_STEPS = 60;

/** The cut's position and the tail there, at y: ρ = c/|x| = −tanh(y/2), and ρ², 1 − ρ² without cancellation. */
function cutPosition(n: number, y: number): { rho: number; lnRest: number; lnQ: number } {
  const e = Math.exp(-Math.abs(y));
  const magnitude = -Math.expm1(-Math.abs(y)) / (1 + e); // tanh(|y|/2)
  const rho = y > 0 ? -magnitude : magnitude;
  // 1 − ρ² = sech²(y/2) = 4 e^−|y| / (1 + e^−|y|)²: exact where ρ rounds to ±1.
  const lnRest = Math.log(4) - Math.abs(y) - 2 * Math.log1p(e);
  const upper = lnUpperTailFromSquares(n, magnitude * magnitude, Math.exp(lnRest));
  return { rho, lnRest, lnQ: y > 0 ? lnOneMinusExp(upper) : upper };
}

/**
 * The cut c in (−|x|, |x|) where (m − l) q(c/|x|) = l Φ((c − ω)/s), and d ln K/dω there. The
 * imbalance G = ln[(m − l) q(c/|x|)] − ln[l Φ((c − ω)/s)] rises as the cut falls; it is sought in
 * the logit y = ln((|x| − c)/(|x| + c)), in which it is near linear where it matters, from ln q ≈
 * ((n − 1)/2) y near the top (a cut within 10⁻²⁰ of |x|, as at n = 2 with m = 10¹², is an
 * ordinary y ≈ −46; in c itself the tail there would have no digits left) to ln(1 − q) ≈
 * −((n − 1)/2) y near the bottom. Newton's method from `guess` (the cut of a neighbouring ω: the
 * quadrature's nodes are close, so two or three steps), kept inside a bracket of [−700, 700].
 * Past its ends: a root beyond y = −700 means that nearly every active readout is below the cut,
 * and K = l Φ((|x| − ω)/s) to double precision; G still negative at y = +700 (or at the bottom
 * itself) means the normal model puts more than m − l active readouts below every inactive one,
 * and all m − l are in the top l.
 */
function cutAt(n: number, M: number, l: number, omega: number, s: number, guess: number | undefined): Cut & { readonly y?: number } {
  const R = Math.sqrt(l * omega);
  const lnM = Math.log(M);
  const lnL = Math.log(l);
  const dRdOmega = R / (2 * omega);
  const allInactive = { lnInactiveAbove: lnM, slope: 0 };
  // The active readouts' normal law cut off at |x|, which no readout exceeds (Cauchy–Schwarz):
  // ln Φ((|x| − ω)/s) normalises it, and its hazard enters the slope in ω.
  const uTop = (R - omega) / s;
  const lnBelowTop = lnNormalCdf(uTop);
  const lambdaTop = Math.exp(lnNormalLowerHazard(uTop));
  if (!(lnM - lnL - lnNormalCdf((-R - omega) / s) + lnBelowTop > 0)) return allInactive;
  const at = (y: number) => {
    const position = cutPosition(n, y);
    const u = (R * position.rho - omega) / s;
    const g = lnM + position.lnQ - lnL - lnNormalCdf(u) + lnBelowTop;
    // h the overlap's hazard f/q at ρ, λ the normal's lower hazard φ/Φ at u.
    const hazard = Math.exp(lnOverlapDensityOverTail(n, position.lnRest, position.lnQ));
    const lambda = Math.exp(lnNormalLowerHazard(u));
    // dG/dy = (dG/dρ)(dρ/dy), dρ/dy = −½(1 − ρ²), dG/dρ = −h − λ R/s.
    const slope = 0.5 * Math.exp(position.lnRest) * (hazard + (lambda * R) / s);
    return { y, g, slope, hazard, lambda, ...position };
  };
  // The bracket: G < 0 at lo, G > 0 at hi; its ends at ±700 are evaluated only if a step reaches them.
  let lo = -Y_LIMIT;
  let hi = Y_LIMIT;
  let gLo = -Infinity;
  let gHi = Infinity;
  let kept = 0;
  // Without a neighbour's cut, where the Gaussian picture puts it, ρ = ¾ω/|x| (clamped inside).
  const rho0 = Math.min(Math.max((omega * 0.75) / R, 0.05), 0.95);
  let point = at(guess ?? Math.log((1 - rho0) / (1 + rho0)));
  for (let i = 0; i < MAX_CUT_STEPS; i++) {
    if (point.g > 0) {
      hi = point.y;
      gHi = point.g;
      if (kept === 1) gLo /= 2;
      kept = 1;
    } else {
      lo = point.y;
      gLo = point.g;
      if (kept === -1) gHi /= 2;
      kept = -1;
    }
    // G is known to about 10⁻¹¹ (the tails' own accuracy): closer than that there is nothing to gain.
    if (Math.abs(point.g) <= 1e-11) break;
    let next = point.y - point.g / point.slope;
    if (!(next > lo && next < hi)) {
      // Newton would leave the bracket: an end not yet evaluated is evaluated now, and may end the search.
      if (gLo === -Infinity) {
        const end = at(-Y_LIMIT);
        // The cut is within 10⁻³⁰⁴ of the top: every active readout is below it, K = l.
        if (end.g > 0) return { lnInactiveAbove: lnL, slope: 0 };
        gLo = end.g;
      }
      if (gHi === Infinity) {
        const end = at(Y_LIMIT);
        if (!(end.g > 0)) return allInactive;
        gHi = end.g;
      }
      next = lo + (gLo / (gLo - gHi)) * (hi - lo);
    }
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    const converged = Math.abs(next - point.y) <= 1e-12 * Math.max(1, Math.abs(next)) || hi - lo <= 1e-12 * Math.max(1, Math.abs(next));
    point = at(next);
    if (converged) break;
  }
  const p = point;
  // G(ρ, ω) = 0: G_ρ = −h − λ R/s, G_ω = −λ (ρ dR/dω − 1)/s; ln K = ln M + ln q(ρ), d ln K/dρ = −h.
  const gRho = -p.hazard - (p.lambda * R) / s;
  const gOmega = (-p.lambda * (p.rho * dRdOmega - 1) + lambdaTop * (dRdOmega - 1)) / s;
  return { lnInactiveAbove: lnM + p.lnQ, slope: -p.hazard * (-gOmega / gRho), y: p.y };
}

/**
 * l ≥ 3: ln E_ω[K(ω)] under the shifted-gamma law of ω (z = ω − shift ~ Gamma), in v = ln ω: the
 * gamma gives ω ≤ 0 some mass at a few neurons, where |x| would be 0 and K nothing, and a wall
 * there would slow the trapezoid rule; in ln ω the integrand fades smoothly instead.
 */
function lnMeanFieldTopk(n: number, M: number, l: number): number {
  const law = gammaLaw(n, l);
  const s = Math.sqrt(((l - 1) / n) * ((l - 2) / l));
  // The last cut found: the next node's cut starts from it.
  let lastY: number | undefined;
  const cut = (omega: number): Cut => {
    const found = cutAt(n, M, l, omega, s, lastY);
    if (found.y !== undefined) lastY = found.y;
    return found;
  };
  return lnIntegrateLine(
    (v) => {
      const omega = Math.exp(v);
      const z = omega - law.shift;
      return law.lnDensityTimesZ(z) - Math.log(z) + v + cut(omega).lnInactiveAbove;
    },
    (v) => {
      const omega = Math.exp(v);
      const z = omega - law.shift;
      return (law.lnDensityTimesZSlope(z) - 1) * (omega / z) + 1 + cut(omega).slope * omega;
    },
    0,
    Math.min(1, Math.sqrt(law.alpha) * law.theta),
    MEAN_FIELD_TOLERANCE,
  );
}

/**
 * The expected misreads per input when the l largest readouts of m random features are read as
 * on: 2 E K, K the inactive features in the top l, exact for l = 2 and by the mean-field cut given
 * |x| for l ≥ 3 (file comment). Exactly 0 when l = 1 (the lone active feature reads 1, every other
 * readout below 1) and when l = m (the top m are all). Within {@link TOPK_VERIFIED_ERROR} or
 * {@link TOPK_ABOUT_ERROR} of the simulations where it is 2 or more, a bound from above below 1
 * (the constants' comment). 1–5 ms at most shapes and a bounded amount of work at every one
 * (tests/unit/rates-work.test.ts): a quadrature over |x| with a root per node, each root a few
 * Newton steps from the last.
 * Domain: n integer 2 … 2^30 (at n = 1 every readout is a whole number and the top l tie),
 * m integer ≥ 2, l integer 1 … m; otherwise a RangeError naming the argument.
 */
export function topkMisreads(n: number, m: number, l: number): LogQuantity | 0 {
  requireNeurons(n);
  if (n < 2) throw new RangeError(`n must be at least 2 for a TopK reading (at n = 1 the readouts tie), got ${n}`);
  requireCount("m", m, 2);
  requireActive(l, m);
  if (l === 1 || l === m) return 0;
  const lnK = l === 2 ? lnPairTopk(n, m - 2) : lnMeanFieldTopk(n, m - l, l);
  return fromLn(Math.LN2 + Math.min(lnK, Math.log(l)));
}
