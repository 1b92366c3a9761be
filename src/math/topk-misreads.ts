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
 *             the variance s² = (l − 1)(l − 2)/(n l) it has given |x| (active-readouts.ts), and the
 *             cut c(ω) is where the expected inactive readouts above it equal the expected active
 *             ones below it, (m − l) q(c/|x|) = l Φ((c − ω)/s); then K ≈ (m − l) q(c/|x|),
 *             averaged over ω's law (random-walk.ts's shifted gamma).
 * Conditioning on ω is what matters: a long sum of active directions lifts every inactive readout
 * and the active ones with it, so one cut for all inputs (the balance of the unconditional rates)
 * overstates the misreads, by 7 % at GPT-2 small's shape and by 70 % at n = 64, m = 512, l = 4.
 * What the mean field still leaves out: the counts above and below the cut are random, which
 * matters where K is about 1 or less. Measured error: {@link TOPK_MEASURED_ERROR}.
 */
import { fromLn, type LogQuantity } from "./big-number.ts";
import { requireActive, requireCount } from "./domain.ts";
import { lnIntegrateLine } from "./log-quadrature.ts";
import { lnOverlapDensity, lnOverlapDensityOverTail, lnOverlapTail, lnUpperTailFromSquares, requireNeurons } from "./overlap.ts";
import { gammaLaw, lnOnePlusExp, sigmoid } from "./random-walk.ts";
import { lnAddExp, lnBeta, lnIncompleteBeta, lnNormalCdf } from "./special-functions.ts";

/**
 * The largest relative error of {@link topkMisreads} against simulations of random directions over
 * the grid of shapes in tests/unit/topk-misreads.test.ts, which holds it: within 1 % at the shapes
 * of real sparse autoencoders (GPT-2 small, Gemma Scope 2B 16k) and within 6 % wherever an input
 * misreads 2 or more; up to 27 % high where it misreads about one feature or fewer (the mean
 * field's blind spot: the counts around the cut are small and random there).
 */
export const TOPK_MEASURED_ERROR = 0.27;

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
 * The cut c in (−|x|, |x|) where (m − l) q(c/|x|) = l Φ((c − ω)/s), and d ln K/dω there. The
 * imbalance G(c) = ln[(m − l) q(c/|x|)] − ln[l Φ((c − ω)/s)] falls with c to −∞ at c = |x|
 * (no inactive readout is above): one root, negative when short sums and few inactive features
 * put the cut below 0, and none when G is negative already at −|x|.
 */
function cutAt(n: number, M: number, l: number, omega: number, s: number): Cut {
  const R = Math.sqrt(l * omega);
  const lnM = Math.log(M);
  const lnL = Math.log(l);
  const parts = (c: number) => {
    const ratio = c / R;
    const lnQ = lnOverlapTail(n, ratio);
    const lnHazard = lnOverlapDensityOverTail(n, Math.log1p(-ratio * ratio), lnQ);
    const u = (c - omega) / s;
    return { lnQ, hazard: Math.exp(lnHazard), u, normalHazard: Math.exp(lnNormalLowerHazard(u)) };
  };
  // Newton's method on G, kept inside the bracket [lo, hi] where G changes sign; a step that
  // would leave it is replaced by the secant through the bracket's ends (Illinois: the end kept
  // twice has its G halved), so that the far-from-normal shapes of a few neurons, where Newton
  // strays, still close the bracket superlinearly.
  // At c = −|x| every inactive readout is above; if even there the normal model of the active
  // ones puts more than m − l of them below (a few neurons, wide active readouts), the cut lies
  // below every inactive readout and all m − l are in the top l.
  if (!(lnM - lnL - lnNormalCdf((-R - omega) / s) > 0)) return { lnInactiveAbove: lnM, slope: 0 };
  let lo = -R;
  let hi = R;
  let gLo = Infinity;
  let gHi = -Infinity;
  let kept = 0;
  let c = Math.min(Math.max(omega * 0.75, 0.05 * R), 0.95 * R);
  for (let i = 0; i < 100; i++) {
    const p = parts(c);
    const g = lnM + p.lnQ - lnL - lnNormalCdf(p.u);
    if (g > 0) {
      lo = c;
      gLo = g;
      if (kept === 1) gHi /= 2;
      kept = 1;
    } else {
      hi = c;
      gHi = g;
      if (kept === -1) gLo /= 2;
      kept = -1;
    }
    // G is known to about 10⁻¹¹ (the tails' own accuracy): closer than that there is nothing to gain.
    if (Math.abs(g) <= 1e-11) break;
    const slope = -p.hazard / R - p.normalHazard / s; // dG/dc < 0
    let next = c - g / slope;
    if (!(next > lo && next < hi)) next = Number.isFinite(gLo - gHi) ? lo + (gLo / (gLo - gHi)) * (hi - lo) : 0.5 * (lo + hi);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    const converged = Math.abs(next - c) <= 1e-13 * R || hi - lo <= 1e-13 * R;
    c = next;
    if (converged) break;
  }
  const p = parts(c);
  const ratio = c / R;
  // G(c, ω) = 0: G_c = −h/R − λ/s, G_ω = h·(c/R)/(2ω) + λ/s (∂(c/R)/∂ω = −(c/R)/(2ω), ∂u/∂ω = −1/s).
  const gC = -p.hazard / R - p.normalHazard / s;
  const gOmega = (p.hazard * ratio) / (2 * omega) + p.normalHazard / s;
  const cSlope = -gOmega / gC;
  return { lnInactiveAbove: lnM + p.lnQ, slope: (-p.hazard / R) * cSlope + (p.hazard * ratio) / (2 * omega) };
}

/**
 * l ≥ 3: ln E_ω[K(ω)] under the shifted-gamma law of ω (z = ω − shift ~ Gamma), in v = ln ω: the
 * gamma gives ω ≤ 0 some mass at a few neurons, where |x| would be 0 and K nothing, and a wall
 * there would slow the trapezoid rule; in ln ω the integrand fades smoothly instead.
 */
function lnMeanFieldTopk(n: number, M: number, l: number): number {
  const law = gammaLaw(n, l);
  const s = Math.sqrt(((l - 1) / n) * ((l - 2) / l));
  return lnIntegrateLine(
    (v) => {
      const omega = Math.exp(v);
      const z = omega - law.shift;
      return law.lnDensityTimesZ(z) - Math.log(z) + v + cutAt(n, M, l, omega, s).lnInactiveAbove;
    },
    (v) => {
      const omega = Math.exp(v);
      const z = omega - law.shift;
      return (law.lnDensityTimesZSlope(z) - 1) * (omega / z) + 1 + cutAt(n, M, l, omega, s).slope * omega;
    },
    0,
    Math.min(1, Math.sqrt(law.alpha) * law.theta),
  );
}

/**
 * The expected misreads per input when the l largest readouts of m random features are read as
 * on: 2 E K, K the inactive features in the top l, exact for l = 2 and by the mean-field cut given
 * |x| for l ≥ 3 (file comment). Exactly 0 when l = 1 (the lone active feature reads 1, every other
 * readout below 1) and when l = m (the top m are all). Within {@link TOPK_MEASURED_ERROR} of the
 * simulation over the measured grid. 1–10 ms (a quadrature over |x| with a root per node).
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
