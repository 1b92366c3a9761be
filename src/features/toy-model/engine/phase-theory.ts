/**
 * The theory of the smallest phase change (Elhage et al., "Toy Models of Superposition", 2022,
 * section "The phase change"): one neuron (n = 1), two features of importance 1 and r, each 0
 * with probability S and otherwise uniform on [0, 1] (density p = 1 − S). The model is
 * h = w₁x₁ + w₂x₂, x′ⱼ = ReLU(wⱼh + bⱼ), loss E[(x₁ − x′₁)² + r(x₂ − x′₂)²]. It can keep feature 1,
 * keep feature 2, or keep both in superposition — antipodal, w₁ > 0 > w₂, so that each feature's
 * interference on the other is negative and the ReLU removes it.
 *
 * Two theories, both derived here from the expected loss (the paper's own derivation could not be
 * retrieved; its figure compares the losses of candidate solutions in the same way):
 *
 *   canonical  the three textbook solutions, whose losses have closed forms:
 *                feature 1 alone  W = (1, 0),  b = (0, p/2):  r·Var x₂ = r(p/3 − p²/4)
 *                  (x′₁ = x₁ exactly; the best constant for x₂ is its mean p/2)
 *                feature 2 alone  W = (0, 1),  b = (p/2, 0):  p/3 − p²/4
 *                superposition    W = (1, −1), b = (0, 0):   (1 + r)·p²/6
 *                  (x′₁ = ReLU(x₁ − x₂) is exact unless both are active, probability p², when the
 *                  error is min(x₁, x₂), and E[min(U, V)²] = 1/6 for independent uniforms)
 *              Superposition beats feature 1 alone (r ≤ 1) while r(1/3 − p/4) > (1 + r)p/6, i.e.
 *              p < 4r/(2 + 5r), and beats feature 2 alone (r ≥ 1) while p < 4/(5 + 2r); both give
 *              4/7 at r = 1, and the two single-feature solutions swap at r = 1.
 *   optimal    the same three phases, each with its weights and biases chosen to minimise the
 *              exact expected loss ({@link expectedLossOneNeuron}, numerically, by the simplex
 *              method from fixed starting points): what training approaches. Superposition then
 *              reaches denser inputs than the canonical boundary says (its weights shrink and its
 *              biases rise as p grows), and near r = 1 the best single-feature solution lets the
 *              other feature leak in with the same sign (‖w‖ ≈ 0.4 < ½, so still "one feature").
 *
 * A feature counts as kept when |wᵢ| > ½ (the paper's convention, `REPRESENTED_NORM`).
 */
import { REPRESENTED_NORM } from "./geometry.ts";
import { nelderMead } from "./nelder-mead.ts";

/** What a model with one neuron and two features does with them. */
export type OneNeuronPhase = "feature-1" | "feature-2" | "superposition" | "neither";

/** The three phases a trained model settles in (a model keeping neither is never optimal). */
export const ONE_NEURON_PHASES = ["feature-1", "feature-2", "superposition"] as const;

/** The four parameters of a model with one neuron and two features. */
export interface OneNeuronWeights {
  readonly w1: number;
  readonly w2: number;
  readonly b1: number;
  readonly b2: number;
}

function checkDensityImportance(density: number, importance: number): void {
  if (!(density > 0 && density <= 1)) throw new RangeError(`density must be in (0, 1], got ${density}`);
  if (!(importance > 0 && Number.isFinite(importance))) throw new RangeError(`importance must be a finite number > 0, got ${importance}`);
}

/**
 * The phase of weights w₁, w₂: which features have |wᵢ| > ½. Domain: finite numbers; otherwise a
 * RangeError naming the argument.
 */
export function oneNeuronPhase(w1: number, w2: number): OneNeuronPhase {
  if (!Number.isFinite(w1)) throw new RangeError(`w1 must be a finite number, got ${w1}`);
  if (!Number.isFinite(w2)) throw new RangeError(`w2 must be a finite number, got ${w2}`);
  const first = Math.abs(w1) > REPRESENTED_NORM;
  const second = Math.abs(w2) > REPRESENTED_NORM;
  return first && second ? "superposition" : first ? "feature-1" : second ? "feature-2" : "neither";
}

/** ∫ from lo to hi of c₂u² + c₁u + c₀. */
function integratePolynomial(c2: number, c1: number, c0: number, lo: number, hi: number): number {
  return (c2 * (hi ** 3 - lo ** 3)) / 3 + (c1 * (hi ** 2 - lo ** 2)) / 2 + c0 * (hi - lo);
}

/**
 * ∫₀¹ (t(u) − ReLU(a·u + b))² du with target t(u) = u (target = 1) or 0 (target = 0): where
 * a·u + b > 0 the integrand is (t − y)² = t² + y² − 2ty, elsewhere t².
 */
function lineError(a: number, b: number, target: 0 | 1): number {
  let lo = 0;
  let hi = 1;
  if (a > 0) lo = Math.max(0, -b / a);
  else if (a < 0) hi = Math.min(1, -b / a);
  else if (!(b > 0)) hi = 0;
  const base = target / 3;
  if (!(hi > lo)) return base;
  // y² − 2ty = (a² − 2·target·a)u² + (2ab − 2·target·b)u + b².
  return base + integratePolynomial(a * a - 2 * target * a, 2 * a * b - 2 * target * b, b * b, lo, hi);
}

/** The unit square's corners, counter-clockwise. */
const CORNERS = [0, 0, 1, 0, 1, 1, 0, 1] as const;
/** Scratch for the clipped polygon: at most 5 vertices (a half-plane cuts off at most one corner
 * region of a convex quadrilateral and adds two points), as (u, v) pairs. */
const polygon = new Float64Array(10);

/**
 * ∫∫ over [0, 1]² of (t − ReLU(a·u + c·v + e))² with target t = u (`target` 0) or v (1):
 * 1/3 + ∫∫ of y² − 2ty over the convex polygon where y = a·u + c·v + e > 0 (the square clipped by
 * that half-plane). The polygon is cut into a fan of triangles, and a quadratic's integral over a
 * triangle is its area times the mean of its values at the three edge midpoints (exact for
 * polynomials of degree 2).
 */
function squareError(a: number, c: number, e: number, target: 0 | 1): number {
  let count = 0;
  for (let i = 0; i < 4; i++) {
    const pu = CORNERS[2 * i]!;
    const pv = CORNERS[2 * i + 1]!;
    const qu = CORNERS[(2 * i + 2) % 8]!;
    const qv = CORNERS[(2 * i + 3) % 8]!;
    const sp = a * pu + c * pv + e;
    const sq = a * qu + c * qv + e;
    if (sp > 0) {
      polygon[2 * count] = pu;
      polygon[2 * count++ + 1] = pv;
    }
    if (sp > 0 !== sq > 0) {
      const t = sp / (sp - sq);
      polygon[2 * count] = pu + t * (qu - pu);
      polygon[2 * count++ + 1] = pv + t * (qv - pv);
    }
  }
  const q = (u: number, v: number): number => {
    const y = a * u + c * v + e;
    return y * y - 2 * (target === 0 ? u : v) * y;
  };
  const u0 = polygon[0]!;
  const v0 = polygon[1]!;
  let sum = 0;
  for (let i = 1; i + 1 < count; i++) {
    const u1 = polygon[2 * i]!;
    const v1 = polygon[2 * i + 1]!;
    const u2 = polygon[2 * i + 2]!;
    const v2 = polygon[2 * i + 3]!;
    const area = Math.abs((u1 - u0) * (v2 - v0) - (u2 - u0) * (v1 - v0)) / 2;
    sum += (area * (q((u0 + u1) / 2, (v0 + v1) / 2) + q((u1 + u2) / 2, (v1 + v2) / 2) + q((u2 + u0) / 2, (v2 + v0) / 2))) / 3;
  }
  return 1 / 3 + sum;
}

/**
 * The exact expected loss E[(x₁ − x′₁)² + r(x₂ − x′₂)²] of a one-neuron model at density p, as the
 * sum over which features are active:
 *   neither (probability S²):  Σⱼ Iⱼ ReLU(bⱼ)²;
 *   one, i (p·S each):          Σⱼ Iⱼ ∫₀¹ ([j = i]·u − ReLU(wⱼwᵢu + bⱼ))² du;
 *   both (p²):                  Σⱼ Iⱼ ∫∫ (uⱼ − ReLU(wⱼ(w₁u₁ + w₂u₂) + bⱼ))² du₁du₂,
 * every integral in closed form (piecewise polynomials; see `lineError` and `squareError`).
 * Domain: finite weights, 0 < p ≤ 1, r > 0 finite; otherwise a RangeError naming the argument.
 */
export function expectedLossOneNeuron(weights: OneNeuronWeights, density: number, importance: number): number {
  checkDensityImportance(density, importance);
  const { w1, w2, b1, b2 } = weights;
  if (!Number.isFinite(w1)) throw new RangeError(`w1 must be a finite number, got ${w1}`);
  if (!Number.isFinite(w2)) throw new RangeError(`w2 must be a finite number, got ${w2}`);
  if (!Number.isFinite(b1)) throw new RangeError(`b1 must be a finite number, got ${b1}`);
  if (!Number.isFinite(b2)) throw new RangeError(`b2 must be a finite number, got ${b2}`);
  return lossOf(w1, w2, b1, b2, density, importance);
}

/** {@link expectedLossOneNeuron} without the checks (the simplex search's inner loop). */
function lossOf(w1: number, w2: number, b1: number, b2: number, p: number, importance: number): number {
  const s = 1 - p;
  const relu1 = Math.max(0, b1);
  const relu2 = Math.max(0, b2);
  const neither = relu1 * relu1 + importance * relu2 * relu2;
  const onlyFirst = lineError(w1 * w1, b1, 1) + importance * lineError(w2 * w1, b2, 0);
  const onlySecond = lineError(w1 * w2, b1, 0) + importance * lineError(w2 * w2, b2, 1);
  const both = squareError(w1 * w1, w1 * w2, b1, 0) + importance * squareError(w2 * w1, w2 * w2, b2, 1);
  return s * s * neither + p * s * (onlyFirst + onlySecond) + p * p * both;
}

/** The expected losses of the three canonical solutions (see the file's comment). */
export interface CanonicalLosses {
  /** W = (1, 0), b = (0, p/2): r(p/3 − p²/4). */
  readonly "feature-1": number;
  /** W = (0, 1), b = (p/2, 0): p/3 − p²/4. */
  readonly "feature-2": number;
  /** W = (1, −1), b = 0: (1 + r)p²/6. */
  readonly superposition: number;
}

/**
 * The closed-form losses of the canonical solutions at density p and relative importance r.
 * Domain: 0 < p ≤ 1, r > 0 finite; otherwise a RangeError naming the argument.
 */
export function canonicalLosses(density: number, importance: number): CanonicalLosses {
  checkDensityImportance(density, importance);
  const p = density;
  const single = p / 3 - (p * p) / 4;
  return { "feature-1": importance * single, "feature-2": single, superposition: ((1 + importance) * p * p) / 6 };
}

/**
 * The density below which the canonical superposition beats the canonical single-feature solution:
 * p* = 4r/(2 + 5r) for r ≤ 1 (against keeping feature 1), 4/(5 + 2r) for r ≥ 1 (against keeping
 * feature 2). Largest, 4/7 ≈ 0.571, at r = 1; 4r/(2 + 5r) → 2r as r → 0 and 4/(5 + 2r) → 2/r as
 * r → ∞. Domain: r > 0 finite; otherwise a RangeError.
 */
export function canonicalBoundaryDensity(importance: number): number {
  checkDensityImportance(1, importance);
  return importance <= 1 ? (4 * importance) / (2 + 5 * importance) : 4 / (5 + 2 * importance);
}

/**
 * The canonical phase at (p, r): superposition below {@link canonicalBoundaryDensity}, otherwise
 * the more important feature alone (feature 1 when r < 1, feature 2 when r > 1, feature 1 on the
 * tie r = 1). Domain: as {@link canonicalLosses}.
 */
export function canonicalPhase(density: number, importance: number): OneNeuronPhase {
  checkDensityImportance(density, importance);
  if (density < canonicalBoundaryDensity(importance)) return "superposition";
  return importance > 1 ? "feature-2" : "feature-1";
}

/** The best model found in one phase. */
export interface PhaseOptimum {
  readonly loss: number;
  readonly weights: OneNeuronWeights;
}

/** The optimal theory at one (p, r). */
export interface OptimalPhases {
  /** The phase of lowest expected loss. */
  readonly phase: OneNeuronPhase;
  /** (second-lowest loss − lowest) / second-lowest over the phases: how clear the choice is, from
   * 0 on a boundary towards 1 where the best phase's loss is a small fraction of the next one's. */
  readonly margin: number;
  /** The best model of each phase, or undefined where no starting point settled in that phase. */
  readonly optima: Readonly<Record<(typeof ONE_NEURON_PHASES)[number], PhaseOptimum | undefined>>;
  /** Loss evaluations the searches used. */
  readonly evaluations: number;
}

/** Simplex searches are started here (p is the density): the canonical solutions, antipodal pairs
 * of unequal weights, and the same-sign mixtures seen near r = 1. */
function startingPoints(p: number): number[][] {
  return [
    [1, -1, 0, 0],
    [1, -0.6, 0, 0],
    [0.6, -1, 0, 0],
    [1, 0, 0, p / 2],
    [0, 1, p / 2, 0],
    [1, 0.4, -0.15, p / 2],
    [0.4, 1, p / 2, -0.15],
  ];
}

/**
 * The optimal theory at density p and relative importance r: the lowest exact expected loss in
 * each phase — from simplex searches started at fixed points (`startingPoints`, the canonical
 * solutions among them), each result filed under the phase its weights fall in — and the phase
 * with the lowest. Deterministic; about 2 000 loss evaluations (a millisecond or two).
 * Domain: 0 < p ≤ 1, r > 0 finite; otherwise a RangeError naming the argument.
 */
export function optimalPhases(density: number, importance: number): OptimalPhases {
  checkDensityImportance(density, importance);
  const p = density;
  const best: Record<(typeof ONE_NEURON_PHASES)[number], PhaseOptimum | undefined> = {
    "feature-1": { loss: canonicalLosses(p, importance)["feature-1"], weights: { w1: 1, w2: 0, b1: 0, b2: p / 2 } },
    "feature-2": { loss: canonicalLosses(p, importance)["feature-2"], weights: { w1: 0, w2: 1, b1: p / 2, b2: 0 } },
    superposition: undefined,
  };
  const loss = (x: readonly number[]) => lossOf(x[0]!, x[1]!, x[2]!, x[3]!, p, importance);
  let evaluationCount = 0;
  const scale = best["feature-2"]!.loss;
  for (const start of startingPoints(p)) {
    // Losses are known to a relative 10⁻¹⁰ and weights to 10⁻⁵: far finer than any margin used.
    const found = nelderMead(loss, start, { step: 0.05, valueTolerance: 1e-10 * scale, pointTolerance: 1e-5, maxEvaluations: 1500 });
    evaluationCount += found.evaluations;
    const [w1, w2, b1, b2] = found.point as [number, number, number, number];
    const phase = oneNeuronPhase(w1, w2);
    if (phase === "neither") continue;
    const current = best[phase];
    if (current === undefined || found.value < current.loss) best[phase] = { loss: found.value, weights: { w1, w2, b1, b2 } };
  }
  // Both single-feature phases always have their closed-form solution, so there are two at least.
  const ranked = ONE_NEURON_PHASES.flatMap((phase) => (best[phase] === undefined ? [] : [{ phase, loss: best[phase].loss }])).sort(
    (a, b) => a.loss - b.loss,
  );
  const first = ranked[0]!;
  const second = ranked[1]!;
  return { phase: first.phase, margin: second.loss > 0 ? (second.loss - first.loss) / second.loss : 0, optima: best, evaluations: evaluationCount };
}

/** A point of the optimal theory's boundary: p_opt at relative importance r. */
export interface BoundaryPoint {
  readonly importance: number;
  readonly density: number;
}

/** The densities the boundary is searched between: superposition wins at the lower end for every r
 * in the boundary's domain; where it still wins at p = 1 the boundary is 1. */
const BOUNDARY_BRACKET = [1e-4, 1] as const;
/** Relative importances the boundary is defined for: superposition wins at p = 10⁻⁴ throughout. */
export const BOUNDARY_IMPORTANCE_RANGE = [0.01, 100] as const;

/**
 * The optimal theory's boundary at relative importance r: the density p_opt(r) below which
 * superposition has the lowest exact expected loss of the three phases ({@link optimalPhases}),
 * found by bisection on log p within [10⁻⁴, 1] to a relative `tolerance` (default 10⁻⁴). Above it
 * the more important feature alone wins. The bisection assumes one crossing along p, which holds
 * on every grid checked (tests/unit/toy-phase-boundary.test.ts); it is symmetric under r → 1/r
 * (swapping the features) and lies above the canonical boundary {@link canonicalBoundaryDensity}
 * (the optimised superposition reaches denser inputs): p_opt(1) ≈ 0.71 against 4/7 ≈ 0.57, and
 * p_opt ≈ 0.18 at r = 0.1 or 10 against 0.16. About 16 evaluations of optimalPhases (a few tens
 * of milliseconds). Domain: 0.01 ≤ r ≤ 100 and 10⁻¹² ≤ tolerance ≤ 0.1; otherwise a RangeError
 * naming the argument.
 */
export function optimalBoundaryDensity(importance: number, tolerance = 1e-4): number {
  if (!(importance >= BOUNDARY_IMPORTANCE_RANGE[0] && importance <= BOUNDARY_IMPORTANCE_RANGE[1])) {
    throw new RangeError(`importance must be between ${BOUNDARY_IMPORTANCE_RANGE[0]} and ${BOUNDARY_IMPORTANCE_RANGE[1]}, got ${importance}`);
  }
  if (!(tolerance >= 1e-12 && tolerance <= 0.1)) throw new RangeError(`tolerance must be between 1e-12 and 0.1, got ${tolerance}`);
  const wins = (logDensity: number) => optimalPhases(Math.exp(logDensity), importance).phase === "superposition";
  let lo = Math.log(BOUNDARY_BRACKET[0]);
  let hi = Math.log(BOUNDARY_BRACKET[1]);
  // Never the case in the domain (checked by the tests at its ends); a guard, not a branch taken.
  if (!wins(lo)) throw new RangeError(`superposition does not win even at p = ${BOUNDARY_BRACKET[0]} for r = ${importance}`);
  if (wins(hi)) return 1;
  while (hi - lo > tolerance) {
    const mid = (lo + hi) / 2;
    if (wins(mid)) lo = mid;
    else hi = mid;
  }
  return Math.exp((lo + hi) / 2);
}
