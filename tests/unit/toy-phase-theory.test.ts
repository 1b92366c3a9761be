/**
 * The one-neuron phase theory: the exact expected loss against a Monte Carlo average of the loss
 * written out directly, and against the closed forms of the canonical solutions; the canonical
 * boundary against the losses it is derived from; the optimal theory's losses against its own
 * symmetry (swapping the features turns importance r into 1/r and scales the loss by r) and against
 * small moves of its optima. The simplex method on functions with known minima.
 */
import { describe, expect, it } from "vitest";
import { createRandom, nextDouble } from "../../src/math/random.ts";
import {
  canonicalBoundaryDensity,
  canonicalLosses,
  canonicalPhase,
  expectedLossOneNeuron,
  oneNeuronPhase,
  optimalPhases,
  type OneNeuronWeights,
} from "../../src/features/toy-model/engine/phase-theory.ts";
import { nelderMead } from "../../src/features/toy-model/engine/nelder-mead.ts";

/** Monte Carlo mean and standard error of the loss of `weights` over `samples` inputs, directly. */
function monteCarloLoss(weights: OneNeuronWeights, density: number, r: number, samples: number, seed: number) {
  const random = createRandom(seed, 3);
  const draw = () => (nextDouble(random) < density ? nextDouble(random) : 0);
  let sum = 0;
  let squares = 0;
  for (let s = 0; s < samples; s++) {
    const x1 = draw();
    const x2 = draw();
    const h = weights.w1 * x1 + weights.w2 * x2;
    const loss = (x1 - Math.max(0, weights.w1 * h + weights.b1)) ** 2 + r * (x2 - Math.max(0, weights.w2 * h + weights.b2)) ** 2;
    sum += loss;
    squares += loss * loss;
  }
  const mean = sum / samples;
  return { mean, error: Math.sqrt((squares / samples - mean * mean) / samples) };
}

describe("the exact expected loss of one neuron and two features", () => {
  const cases: [OneNeuronWeights, number, number][] = [
    [{ w1: 1.05, w2: 0.43, b1: -0.17, b2: 0.01 }, 0.3, 1],
    [{ w1: 0.76, w2: -0.76, b1: 0.33, b2: 0.33 }, 0.7, 1],
    [{ w1: 1.12, w2: -1.36, b1: -0.15, b2: -0.58 }, 0.05, 0.32],
    [{ w1: 0.5, w2: 0.3, b1: 0.1, b2: -0.2 }, 0.4, 3],
    [{ w1: -0.9, w2: 1.2, b1: 0.25, b2: 0.4 }, 1, 0.5],
    [{ w1: 0, w2: 0, b1: 0.2, b2: -0.1 }, 0.6, 2],
  ];
  for (const [weights, density, r] of cases) {
    it(`agrees with a Monte Carlo average at ${JSON.stringify(weights)}, p = ${density}, r = ${r}`, () => {
      const exact = expectedLossOneNeuron(weights, density, r);
      const { mean, error } = monteCarloLoss(weights, density, r, 200_000, 7);
      // Five standard errors: a wrong region of integration or a missing case is off by far more.
      expect(Math.abs(exact - mean)).toBeLessThan(5 * error);
    });
  }

  it("gives the canonical solutions' closed forms", () => {
    const random = createRandom(1, 1);
    for (let trial = 0; trial < 50; trial++) {
      const p = 0.01 + 0.99 * nextDouble(random);
      const r = 10 ** (2 * nextDouble(random) - 1);
      const closed = canonicalLosses(p, r);
      expect(expectedLossOneNeuron({ w1: 1, w2: 0, b1: 0, b2: p / 2 }, p, r)).toBeCloseRel(closed["feature-1"], 1e-12);
      expect(expectedLossOneNeuron({ w1: 0, w2: 1, b1: p / 2, b2: 0 }, p, r)).toBeCloseRel(closed["feature-2"], 1e-12);
      expect(expectedLossOneNeuron({ w1: 1, w2: -1, b1: 0, b2: 0 }, p, r)).toBeCloseRel(closed.superposition, 1e-12);
      // Any other start of the same solution: W → −W changes nothing.
      expect(expectedLossOneNeuron({ w1: -1, w2: 1, b1: 0, b2: 0 }, p, r)).toBeCloseRel(closed.superposition, 1e-12);
    }
  });

  it("refuses arguments outside its domain, naming them", () => {
    const w = { w1: 1, w2: -1, b1: 0, b2: 0 };
    expect(() => expectedLossOneNeuron(w, 0, 1)).toThrow(/density/);
    expect(() => expectedLossOneNeuron(w, 1.5, 1)).toThrow(/density/);
    expect(() => expectedLossOneNeuron(w, 0.5, 0)).toThrow(/importance/);
    expect(() => expectedLossOneNeuron(w, 0.5, Number.POSITIVE_INFINITY)).toThrow(/importance/);
    expect(() => expectedLossOneNeuron({ ...w, b2: Number.NaN }, 0.5, 1)).toThrow(/b2/);
    expect(() => oneNeuronPhase(Number.NaN, 1)).toThrow(/w1/);
  });
});

describe("the canonical boundary", () => {
  it("is where superposition and the more important feature alone have equal losses", () => {
    for (const r of [0.1, 0.25, 0.5, 0.9, 1, 1.1, 2, 4, 10]) {
      const p = canonicalBoundaryDensity(r);
      const losses = canonicalLosses(p, r);
      const single = r <= 1 ? losses["feature-1"] : losses["feature-2"];
      expect(losses.superposition).toBeCloseRel(single, 1e-12);
      // Superposition wins below it and loses above it.
      expect(canonicalLosses(p * 0.9, r).superposition).toBeLessThan(
        r <= 1 ? canonicalLosses(p * 0.9, r)["feature-1"] : canonicalLosses(p * 0.9, r)["feature-2"],
      );
      expect(canonicalLosses(Math.min(1, p * 1.1), r).superposition).toBeGreaterThan(
        r <= 1 ? canonicalLosses(p * 1.1, r)["feature-1"] : canonicalLosses(p * 1.1, r)["feature-2"],
      );
    }
  });

  it("peaks at 4/7 for equal importances and is symmetric under r → 1/r", () => {
    expect(canonicalBoundaryDensity(1)).toBeCloseRel(4 / 7, 1e-15);
    for (const r of [0.1, 0.3, 0.7, 0.99]) expect(canonicalBoundaryDensity(1 / r)).toBeCloseRel(canonicalBoundaryDensity(r), 1e-14);
    expect(canonicalBoundaryDensity(0.1)).toBeLessThan(canonicalBoundaryDensity(0.5));
  });

  it("classifies by the boundary and by which feature matters more", () => {
    expect(canonicalPhase(0.01, 0.3)).toBe("superposition");
    expect(canonicalPhase(0.9, 0.3)).toBe("feature-1");
    expect(canonicalPhase(0.9, 3)).toBe("feature-2");
    expect(canonicalPhase(0.5, 1)).toBe("superposition");
    expect(canonicalPhase(0.6, 1)).toBe("feature-1");
  });
});

describe("the optimal theory", () => {
  const points: [number, number][] = [
    [0.01, 0.3],
    [0.1, 1],
    [0.3, 3],
    [0.5, 0.5],
    [0.9, 0.2],
    [0.7, 1],
  ];

  it("never does worse than the canonical solutions, phase by phase", () => {
    for (const [p, r] of points) {
      const { optima } = optimalPhases(p, r);
      const canonical = canonicalLosses(p, r);
      expect(optima["feature-1"]!.loss).toBeLessThanOrEqual(canonical["feature-1"]);
      expect(optima["feature-2"]!.loss).toBeLessThanOrEqual(canonical["feature-2"]);
      if (optima.superposition !== undefined) expect(optima.superposition.loss).toBeLessThanOrEqual(canonical.superposition);
    }
  });

  it("finds local minima: small moves of the optimal weights never lower the loss", () => {
    const random = createRandom(2, 2);
    for (const [p, r] of points) {
      for (const optimum of Object.values(optimalPhases(p, r).optima)) {
        if (optimum === undefined) continue;
        const { w1, w2, b1, b2 } = optimum.weights;
        for (let trial = 0; trial < 20; trial++) {
          const step = () => 1e-3 * (nextDouble(random) - 0.5);
          const moved = expectedLossOneNeuron({ w1: w1 + step(), w2: w2 + step(), b1: b1 + step(), b2: b2 + step() }, p, r);
          // The simplex stops within 10⁻¹⁰ of a minimum's value (relative to the loss scale); a pure
          // single-feature solution sits on a flat, degenerate ridge in the other feature's weight,
          // where moves of 10⁻³ change the loss by less than 10⁻⁷ of itself either way.
          expect(moved).toBeGreaterThan(optimum.loss * (1 - 1e-6));
        }
      }
    }
  });

  it("is symmetric: swapping the features maps r to 1/r and scales every loss by r", () => {
    for (const [p, r] of points) {
      const direct = optimalPhases(p, r);
      const swapped = optimalPhases(p, 1 / r);
      expect(direct.optima["feature-1"]!.loss).toBeCloseRel(r * swapped.optima["feature-2"]!.loss, 1e-6);
      expect(direct.optima["feature-2"]!.loss).toBeCloseRel(r * swapped.optima["feature-1"]!.loss, 1e-6);
      if (direct.optima.superposition !== undefined && swapped.optima.superposition !== undefined) {
        expect(direct.optima.superposition.loss).toBeCloseRel(r * swapped.optima.superposition.loss, 1e-6);
      }
      expect(direct.margin).toBeCloseTo(swapped.margin, 6);
    }
  });

  it("keeps both features antipodally when inputs are sparse, one when they are dense", () => {
    const sparse = optimalPhases(0.02, 1);
    expect(sparse.phase).toBe("superposition");
    expect(sparse.margin).toBeGreaterThan(0.9);
    const { w1, w2 } = sparse.optima.superposition!.weights;
    expect(Math.sign(w1)).toBe(-Math.sign(w2));
    expect(optimalPhases(0.9, 0.3).phase).toBe("feature-1");
    expect(optimalPhases(0.9, 3).phase).toBe("feature-2");
    // Equal importances and dense inputs: the two single features tie.
    expect(optimalPhases(1, 1).margin).toBeLessThan(1e-6);
  });

  it("reaches denser inputs than the canonical boundary: at r = 1 superposition still wins at p = 0.65 > 4/7", () => {
    expect(canonicalPhase(0.65, 1)).toBe("feature-1");
    const optimal = optimalPhases(0.65, 1);
    expect(optimal.phase).toBe("superposition");
    // Its weights shrink below 1 and its biases turn positive.
    const { w1, b1 } = optimal.optima.superposition!.weights;
    expect(Math.abs(w1)).toBeLessThan(0.95);
    expect(b1).toBeGreaterThan(0.05);
  });
});

describe("the simplex method", () => {
  it("finds the minimum of Rosenbrock's valley from the classic start (−1.2, 1)", () => {
    const rosenbrock = (x: readonly number[]) => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2;
    const found = nelderMead(rosenbrock, [-1.2, 1], { maxEvaluations: 5000, pointTolerance: 1e-9, valueTolerance: 1e-20 });
    expect(found.point[0]).toBeCloseTo(1, 5);
    expect(found.point[1]).toBeCloseTo(1, 5);
    expect(found.value).toBeLessThan(1e-10);
  });

  it("finds the centre of a tilted quadratic bowl in four dimensions and keeps to its budget", () => {
    const centre = [0.3, -1.2, 2, 0.05];
    const bowl = (x: readonly number[]) =>
      x.reduce((sum, v, i) => sum + (i + 1) * (v - centre[i]!) ** 2, 0) + 0.5 * (x[0]! - centre[0]!) * (x[1]! - centre[1]!);
    const found = nelderMead(bowl, [0, 0, 0, 0], { maxEvaluations: 4000, pointTolerance: 1e-8, valueTolerance: 1e-18 });
    found.point.forEach((v, i) => expect(v).toBeCloseTo(centre[i]!, 5));
    const short = nelderMead(bowl, [0, 0, 0, 0], { maxEvaluations: 50 });
    expect(short.evaluations).toBeLessThanOrEqual(50);
  });

  it("refuses bad arguments and non-finite values of f", () => {
    expect(() => nelderMead((x) => x[0]!, [])).toThrow(/start/);
    expect(() => nelderMead((x) => x[0]!, [Number.NaN])).toThrow(/start/);
    expect(() => nelderMead((x) => x[0]!, [0], { step: 0 })).toThrow(/step/);
    expect(() => nelderMead((x) => x[0]!, [0], { maxEvaluations: 1 })).toThrow(/maxEvaluations/);
    expect(() => nelderMead(() => Number.NaN, [0])).toThrow(/finite/);
  });
});
