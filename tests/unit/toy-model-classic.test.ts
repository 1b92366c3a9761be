/**
 * The classic results of "Toy Models of Superposition", reproduced by our training with fixed
 * seeds (our generator and initialisation differ from numpy's, so the seeds are ours; the site's
 * notes list what numpy gave):
 *   n = 2, m = 5, S = 0:    the two most important features, orthogonal; the rest dropped
 *   n = 2, m = 5, S = 0.99: all five, as a regular pentagon, with a negative bias
 *   n = 20, m = 80:         more features represented the sparser the inputs, packed near the
 *                           Welch floor, antipodal pairs, and the ReLU removing most interference
 * Fewer steps than the notes' 6 000 for n = 20, m = 80 (2 000: a unit test must stay quick); the
 * counts are then 1–2 below the 6 000-step ones, which scripts/checks/toy_model.py compares with
 * numpy.
 */
import { describe, expect, it } from "vitest";
import { measureToyModel } from "../../src/features/toy-model/engine/measure.ts";
import { trainToyModelSync, type ToyModelResult } from "../../src/features/toy-model/engine/train.ts";
import type { ToyModelSettings } from "../../src/features/toy-model/engine/settings.ts";

function train(settings: ToyModelSettings): ToyModelResult {
  const outcome = trainToyModelSync(settings);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.result;
}

describe("two neurons, five features", () => {
  it("dense inputs (S = 0): the two most important features, orthogonal", () => {
    // 4 000 steps suffice with this seed (the preset's 10 000 give the same for seeds 0–5; at
    // 4 000, seeds 1 and 3 still carry a third or fourth feature on an antipodal pair).
    const result = train({ n: 2, m: 5, sparsity: 0, importance: 0.9, steps: 4000, seed: 0 });
    const measured = measureToyModel(result, 500);
    expect(measured.represented).toBe(2);
    expect(measured.norms[0]).toBeGreaterThan(0.9);
    expect(measured.norms[1]).toBeGreaterThan(0.9);
    expect(measured.overlaps.maxAbs).toBeLessThan(0.03);
    expect(Math.abs(measured.plane!.neighbourAngles[0]! - 90)).toBeLessThan(2);
  });

  it("sparse inputs (S = 0.99): all five, a pentagon, neighbours 72° ± 2° apart, every bias negative", () => {
    const result = train({ n: 2, m: 5, sparsity: 0.99, importance: 0.9, steps: 4000, seed: 0 });
    const measured = measureToyModel(result, 500);
    expect(measured.represented).toBe(5);
    for (const angle of measured.plane!.neighbourAngles) expect(Math.abs(angle - 72)).toBeLessThan(2);
    for (const b of result.b) expect(b).toBeLessThan(-0.2);
    // A pentagon is a tight frame: the RMS overlap sits at the Welch floor.
    expect(measured.overlaps.rms! / measured.references.welch!).toBeCloseTo(1, 2);
  });
});

describe("20 neurons, 80 features", () => {
  const results = new Map<number, ReturnType<typeof measureToyModel>>();
  const measured = (sparsity: number) => {
    if (!results.has(sparsity)) results.set(sparsity, measureToyModel(train({ n: 20, m: 80, sparsity, importance: 0.9, steps: 2000, seed: 0 })));
    return results.get(sparsity)!;
  };

  it("represents more features the sparser the inputs: about 42 at S = 0.97 and 49 at S = 0.99", () => {
    const at97 = measured(0.97).represented;
    const at99 = measured(0.99).represented;
    expect(at97).toBeGreaterThanOrEqual(38);
    expect(at97).toBeLessThanOrEqual(46);
    expect(at99).toBeGreaterThanOrEqual(46);
    expect(at99).toBeLessThanOrEqual(55);
    expect(at99).toBeGreaterThan(at97);
  });

  it("packs them above the Welch floor but below random directions' 1/√n, with (nearly) antipodal pairs", () => {
    for (const sparsity of [0.97, 0.99]) {
      const { overlaps, references } = measured(sparsity);
      expect(overlaps.rms!).toBeGreaterThan(references.welch!);
      expect(overlaps.rms!).toBeLessThan(1.1 * references.welch!);
      expect(overlaps.rms!).toBeLessThan(references.randomRms);
      // Antipodal to within 10⁻⁴ after 6 000 steps; still closing in after 2 000.
      expect(overlaps.maxAbs!).toBeGreaterThan(0.95);
    }
  });

  it("loses most of the interference on inactive features in the ReLU and its negative bias", () => {
    for (const [sparsity, removedAtLeast] of [
      [0.97, 0.8],
      [0.99, 0.85],
    ] as const) {
      const { readout, activeFeatures, maxActiveFeatures } = measured(sparsity);
      expect(readout.removed!).toBeGreaterThan(removedAtLeast);
      // Beyond the post's sparsity limit at S = 0.97 (l = 2.4 > l_max = 0.57), yet a low loss.
      expect(maxActiveFeatures).toBeCloseTo(0.5705, 4);
      if (sparsity === 0.97) expect(activeFeatures).toBeGreaterThan(maxActiveFeatures);
      expect(readout.loss).toBeLessThan(0.005);
    }
  });
});
