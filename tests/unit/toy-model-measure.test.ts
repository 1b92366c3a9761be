/**
 * Measurements of toy-model weights against hand-built W whose answers are known exactly, plus
 * properties that hold for any W. Statistical checks (readouts on random inputs) allow 5 standard
 * errors of the estimator, derived in place.
 */
import { describe, expect, it } from "vitest";
import {
  checkWeights,
  featureNorms,
  featureSuperposition,
  gramMatrix,
  planeGeometry,
  representedFeatures,
  representedOverlaps,
  type ToyModelWeights,
} from "../../src/features/toy-model/engine/geometry.ts";
import { measureToyModel, readoutNoise } from "../../src/features/toy-model/engine/measure.ts";
import { welchBound } from "../../src/math/packing.ts";
import { epsilon, maxActiveFeatures } from "../../src/math/formulas.ts";
import { fc } from "./arbitraries.ts";

/** Weights from columns (feature vectors) and a bias. */
function fromColumns(columns: number[][], b?: number[]): ToyModelWeights {
  const m = columns.length;
  const n = columns[0]!.length;
  const W = new Array<number>(n * m);
  columns.forEach((column, i) => column.forEach((v, k) => (W[k * m + i] = v)));
  return { n, m, W, b: b ?? new Array<number>(m).fill(0) };
}

/** m unit vectors evenly around the circle, the first at angle `from` (radians). */
function polygon(m: number, from = 0.3): number[][] {
  return Array.from({ length: m }, (_, i) => [Math.cos(from + (2 * Math.PI * i) / m), Math.sin(from + (2 * Math.PI * i) / m)]);
}

describe("geometry of hand-built weights", () => {
  it("orthogonal features: norms 1, no overlap, no superposition, Gram = identity", () => {
    const model = fromColumns([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    expect(featureNorms(model)).toEqual([1, 1, 1]);
    expect(gramMatrix(model)).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    expect(featureSuperposition(model)).toEqual([0, 0, 0]);
    expect(representedOverlaps(model)).toEqual({ represented: 3, pairs: 3, rms: 0, maxAbs: 0, maxPair: [0, 1] });
  });

  it("an antipodal pair: |cos| = 1, each feature fully shares its dimension", () => {
    const model = fromColumns([
      [0.8, 0],
      [-1.2, 0],
      [0, 0.3],
    ]);
    expect(representedFeatures(model)).toEqual([0, 1]);
    const overlaps = representedOverlaps(model);
    expect(overlaps.maxAbs).toBeCloseTo(1, 15);
    expect(overlaps.maxPair).toEqual([0, 1]);
    // Feature 0: (Ŵ₀·W₁)² = 1.2² and Ŵ₀·W₂ = 0; feature 1: 0.8²; feature 2: nothing shared.
    const superposition = featureSuperposition(model);
    expect(superposition[0]).toBeCloseTo(1.44, 12);
    expect(superposition[1]).toBeCloseTo(0.64, 12);
    expect(superposition[2]).toBe(0);
  });

  it("counts a feature as represented only when ‖Wᵢ‖ > ½, and gives a zero column no direction", () => {
    const model = fromColumns([
      [0.5, 0],
      [0.3, 0.4001],
      [0, 0],
      [0.6, 0],
    ]);
    expect(representedFeatures(model)).toEqual([1, 3]);
    expect(featureSuperposition(model)[2]).toBe(0);
    expect(
      representedOverlaps(
        fromColumns([
          [1, 0],
          [0, 0.2],
        ]),
      ),
    ).toEqual({ represented: 1, pairs: 0, rms: undefined, maxAbs: undefined, maxPair: undefined });
  });

  it("a regular pentagon in the plane: neighbours 72° apart, RMS overlap exactly at the Welch floor", () => {
    const model = fromColumns(polygon(5));
    const plane = planeGeometry(model)!;
    for (const angle of plane.neighbourAngles) expect(angle).toBeCloseTo(72, 10);
    expect(plane.order).toHaveLength(5);
    expect(plane.directions[2]).toEqual(polygon(5)[2]);
    // A regular polygon of m ≥ 3 unit vectors is a tight frame in ℝ²: Σ cos² over pairs = m²/n − m
    // halved, so the RMS overlap equals Welch's floor √((m − n)/(n(m − 1))).
    expect(representedOverlaps(model).rms).toBeCloseTo(welchBound(2, 5), 12);
    // The largest |cos| is between features two apart: |cos 144°| = cos 36°.
    expect(representedOverlaps(model).maxAbs).toBeCloseTo(Math.cos(Math.PI / 5), 12);
  });

  it("orders the plane's features counter-clockwise and closes the circle", () => {
    const model = fromColumns([
      [0, 1],
      [1, 0],
      [-1, 0],
      [0, -1],
      [0.1, 0.1],
    ]);
    const plane = planeGeometry(model)!;
    // Angles 90°, 0°, 180°, −90° (feature 4 is not represented): from −180° up.
    expect(plane.order).toEqual([3, 1, 0, 2]);
    expect(plane.neighbourAngles).toEqual([90, 90, 90, 90]);
    expect(
      planeGeometry(
        fromColumns([
          [1, 0],
          [0.2, 0],
        ]),
      )!.neighbourAngles,
    ).toEqual([360]);
    expect(
      planeGeometry(
        fromColumns([
          [0.2, 0],
          [0.1, 0],
        ]),
      )!.neighbourAngles,
    ).toEqual([]);
    expect(
      planeGeometry(
        fromColumns([
          [1, 0, 0],
          [0, 1, 0],
        ]),
      ),
    ).toBeUndefined();
  });

  it("refuses weights of the wrong shape or with non-finite numbers", () => {
    expect(() => featureNorms({ n: 2, m: 3, W: [1, 2, 3], b: [0, 0, 0] })).toThrow(RangeError);
    expect(() => featureNorms({ n: 2, m: 1, W: [1, 2], b: [0, 0] })).toThrow(RangeError);
    expect(() => gramMatrix({ n: 1, m: 2, W: [1, Number.NaN], b: [0, 0] })).toThrow(RangeError);
    expect(() => checkWeights({ n: 1, m: 2, W: [1, 2], b: [0, Infinity] })).toThrow(RangeError);
    expect(() => checkWeights({ n: 0, m: 2, W: [], b: [0, 0] })).toThrow(RangeError);
  });
});

describe("geometry of any weights", () => {
  const weightsArb = fc
    .integer({ min: 1, max: 6 })
    .chain((n) =>
      fc
        .integer({ min: 1, max: 9 })
        .chain((m) =>
          fc
            .array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: n * m, maxLength: n * m })
            .map((W) => ({ n, m, W, b: new Array<number>(m).fill(0) })),
        ),
    );

  it("gives a symmetric Gram matrix with the squared norms on its diagonal, overlaps in [0, 1], RMS ≤ max", () => {
    fc.assert(
      fc.property(weightsArb, (model) => {
        const gram = gramMatrix(model);
        const norms = featureNorms(model);
        gram.forEach((row, i) => {
          expect(row[i]).toBeCloseTo(norms[i]! ** 2, 10);
          row.forEach((v, j) => expect(v).toBe(gram[j]![i]));
        });
        for (const s of featureSuperposition(model)) expect(s >= 0 && Number.isFinite(s)).toBe(true);
        const overlaps = representedOverlaps(model);
        if (overlaps.rms !== undefined) {
          expect(overlaps.maxAbs! >= 0 && overlaps.maxAbs! <= 1).toBe(true);
          expect(overlaps.rms).toBeLessThanOrEqual(overlaps.maxAbs! + 1e-15);
        }
        const plane = planeGeometry(model);
        if (plane !== undefined && plane.order.length > 0) {
          expect(plane.neighbourAngles.reduce((a, v) => a + v, 0)).toBeCloseTo(360, 9);
          for (const angle of plane.neighbourAngles) expect(angle).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it("never puts the represented features below the Welch floor in RMS (no arrangement can)", () => {
    fc.assert(
      fc.property(weightsArb, (model) => {
        const overlaps = representedOverlaps(model);
        if (overlaps.rms !== undefined) expect(overlaps.rms).toBeGreaterThanOrEqual(welchBound(model.n, overlaps.represented) - 1e-12);
      }),
    );
  });
});

describe("readout noise on fresh inputs", () => {
  it("orthogonal features read back exactly: no interference and zero loss", () => {
    const noise = readoutNoise(
      fromColumns([
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ]),
      0.5,
      0.9,
      1,
      2000,
    );
    expect(noise.linearRms).toBe(0);
    expect(noise.reluRms).toBe(0);
    expect(noise.removed).toBeUndefined();
    expect(noise.loss).toBe(0);
    // Each of the 3·2000 (feature, input) pairs is inactive with probability ½: s.e. √(6000/4).
    expect(Math.abs(noise.inactive - 3000)).toBeLessThan(5 * Math.sqrt(1500));
  });

  it("an antipodal pair on one neuron: the ReLU removes all of the interference", () => {
    // W = [1, −1]: reading feature j while only the other is active gives −x_other, which the ReLU
    // (bias 0) cuts to 0. Inactive readouts are −x_other with probability (1 − S) and 0 otherwise,
    // so mean square (1 − S)/3; per readout the square has variance ≤ E x⁴ = 1/5.
    const S = 0.6;
    const samples = 20_000;
    const noise = readoutNoise({ n: 1, m: 2, W: [1, -1], b: [0, 0] }, S, 1, 7, samples);
    expect(noise.reluRms).toBe(0);
    expect(noise.removed).toBe(1);
    expect(Math.abs(noise.linearRms! ** 2 - (1 - S) / 3)).toBeLessThan(5 * Math.sqrt(0.2 / noise.inactive));
  });

  it("a model that outputs nothing has loss Σᵢ rⁱ (1 − S)/3", () => {
    const m = 4;
    const S = 0.5;
    const r = 0.5;
    const noise = readoutNoise({ n: 2, m, W: new Array<number>(2 * m).fill(0), b: [-0.1, -0.1, -0.1, -0.1] }, S, r, 3, 20_000);
    const expected = ((1 + r + r * r + r ** 3) * (1 - S)) / 3;
    // Per input Σ rⁱ xᵢ² has variance ≤ Σ r²ⁱ E x⁴ = Σ r²ⁱ (1 − S)/5.
    const sd = Math.sqrt(((1 + r ** 2 + r ** 4 + r ** 6) * (1 - S)) / 5 / 20_000);
    expect(Math.abs(noise.loss - expected)).toBeLessThan(5 * sd);
  });

  it("is seeded: the same seed reads the same inputs", () => {
    const model = fromColumns(polygon(5), [-0.1, -0.1, -0.1, -0.1, -0.1]);
    expect(readoutNoise(model, 0.9, 0.9, 4, 500)).toEqual(readoutNoise(model, 0.9, 0.9, 4, 500));
    expect(readoutNoise(model, 0.9, 0.9, 5, 500)).not.toEqual(readoutNoise(model, 0.9, 0.9, 4, 500));
    expect(() => readoutNoise(model, 0.9, 0.9, 4, 0)).toThrow(RangeError);
  });
});

describe("measureToyModel", () => {
  it("bundles the measurements with their yardsticks, as plain data", () => {
    const columns = polygon(5);
    const model = fromColumns(columns, [-0.3, -0.3, -0.3, -0.3, -0.3]);
    const settings = { n: 2, m: 5, sparsity: 0.99, importance: 0.9, seed: 0 };
    const measured = measureToyModel({ settings, W: model.W, b: model.b }, 1000);
    expect(measured.represented).toBe(5);
    expect(measured.representedPerNeuron).toBe(2.5);
    expect(measured.references).toEqual({
      randomRms: 1 / Math.sqrt(2),
      randomMax: Math.sqrt((4 * Math.log(5)) / 2),
      epsilon: epsilon(2, 5),
      welch: welchBound(2, 5),
    });
    expect(measured.activeFeatures).toBeCloseTo(0.05, 12);
    expect(measured.maxActiveFeatures).toBe(maxActiveFeatures(2, 5));
    expect(measured.plane!.neighbourAngles).toHaveLength(5);
    expect(measured.gram).toEqual(gramMatrix(model));
    // Survives serialisation into a page (plain numbers and arrays; undefined fields drop out).
    expect(JSON.parse(JSON.stringify(measured))).toEqual(measured);
    expect(measureToyModel({ settings: { ...settings, n: 1, m: 2 }, W: [0.1, 0.2], b: [0, 0] }, 10).references.welch).toBeUndefined();
  });
});
