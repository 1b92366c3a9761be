/**
 * Feature dimensionality: Dᵢ and n/‖W‖²_F on hand-built figures whose answers are known (a tight
 * frame of k unit vectors in d dimensions gives every feature d/k), against a second computation
 * from normalised vectors; plateau finding; the post's view; and the trained sweep.
 *
 * The ½ plateau of the trained sweep: a value counts as "at ½" when it is nearer ½ than any other
 * marked fraction could make it — within half the gap to the nearest one, (½ − 2/5)/2 = 0.05.
 * (For n/‖W‖²_F that is also about the step a discrete change makes near ½: one of n = 5 dimensions
 * holding a single feature instead of a pair moves n/‖W‖²_F from 5/10 to 5/9, by 0.056.)
 */
import { describe, expect, it } from "vitest";
import { createRandom, gaussian } from "../../src/math/random.ts";
import { welchBound } from "../../src/math/packing.ts";
import { maxActiveFeatures } from "../../src/math/formulas.ts";
import {
  dimensionsPerFeature,
  featureDimensionalities,
  findPlateaus,
  nearestGeometry,
  STICKY_GEOMETRIES,
} from "../../src/features/toy-model/engine/feature-dimensionality.ts";
import { postFeatureCount, postView } from "../../src/features/toy-model/engine/post-view.ts";
import {
  DEFAULT_DIMENSIONALITY_SWEEP,
  mergeDimensionalitySweeps,
  sweepDensities,
  trainDimensionalitySweep,
  validateDimensionalitySweep,
  type DimensionalityProgress,
  type DimensionalitySweepResult,
  type DimensionalitySweepSettings,
} from "../../src/features/toy-model/engine/dimensionality-sweep.ts";

/** W (n × m row-major) from m column vectors in ℝⁿ. */
function fromColumns(columns: number[][]): { n: number; m: number; W: number[]; b: number[] } {
  const n = columns[0]!.length;
  const m = columns.length;
  const W = new Array<number>(n * m);
  columns.forEach((v, i) => v.forEach((x, k) => (W[k * m + i] = x)));
  return { n, m, W, b: new Array<number>(m).fill(0) };
}

/** k unit vectors at equal angles in the plane. */
const polygon = (k: number) => Array.from({ length: k }, (_, i) => [Math.cos((2 * Math.PI * i) / k), Math.sin((2 * Math.PI * i) / k)]);

/** The regular tetrahedron's four vertices on the unit sphere. */
const tetrahedron = [
  [1, 1, 1],
  [1, -1, -1],
  [-1, 1, -1],
  [-1, -1, 1],
].map((v) => v.map((x) => x / Math.sqrt(3)));

/** A square antiprism on the unit sphere with z = ±1/√3, the height at which it is a tight frame. */
const antiprism = Array.from({ length: 8 }, (_, i) => {
  const top = i < 4;
  const angle = (Math.PI / 2) * (i % 4) + (top ? 0 : Math.PI / 4);
  const r = Math.sqrt(2 / 3);
  return [r * Math.cos(angle), r * Math.sin(angle), (top ? 1 : -1) / Math.sqrt(3)];
});

/** Dᵢ = ‖Wᵢ‖² / Σⱼ (Ŵᵢ·Wⱼ)², written out from normalised vectors (the paper's form). */
function dimensionalitiesByDefinition(columns: number[][]): number[] {
  const dot = (a: number[], b: number[]) => a.reduce((s, x, k) => s + x * b[k]!, 0);
  return columns.map((wi) => {
    const norm = Math.sqrt(dot(wi, wi));
    if (norm === 0) return 0;
    const unit = wi.map((x) => x / norm);
    return (norm * norm) / columns.reduce((s, wj) => s + dot(unit, wj) ** 2, 0);
  });
}

describe("feature dimensionality", () => {
  const figures: [string, number[][], number][] = [
    [
      "three orthogonal features",
      [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
      1,
    ],
    ["an antipodal pair (digon)", [[1], [-1]], 1 / 2],
    ["a triangle", polygon(3), 2 / 3],
    ["a pentagon", polygon(5), 2 / 5],
    ["a tetrahedron", tetrahedron, 3 / 4],
    ["a square antiprism", antiprism, 3 / 8],
  ];
  for (const [name, columns, fraction] of figures) {
    it(`gives every feature of ${name} Dᵢ = ${fraction.toFixed(4)}, and n/‖W‖²_F the same`, () => {
      const model = fromColumns(columns);
      for (const d of featureDimensionalities(model)) expect(d).toBeCloseRel(fraction, 1e-12);
      expect(dimensionsPerFeature(model)).toBeCloseRel(fraction, 1e-12);
      // Scaling W changes neither Dᵢ nor which figure it is; n/‖W‖²_F scales by 1/c².
      const scaled = { ...model, W: model.W.map((x) => 1.7 * x) };
      for (const d of featureDimensionalities(scaled)) expect(d).toBeCloseRel(fraction, 1e-12);
      expect(dimensionsPerFeature(scaled)).toBeCloseRel(fraction / 1.7 ** 2, 1e-12);
    });
  }

  it("agrees with the definition on random weights, and gives 0 to a feature with Wᵢ = 0", () => {
    const random = createRandom(4, 4);
    const columns = Array.from({ length: 9 }, (_, i) => (i === 4 ? [0, 0, 0, 0] : Array.from({ length: 4 }, () => gaussian(random))));
    const model = fromColumns(columns);
    const expected = dimensionalitiesByDefinition(columns);
    featureDimensionalities(model).forEach((d, i) => expect(d).toBeCloseTo(expected[i]!, 12));
    expect(featureDimensionalities(model)[4]).toBe(0);
    expect(() => dimensionsPerFeature(fromColumns([[0], [0]]))).toThrow(/all zeros/);
    expect(() => featureDimensionalities({ n: 2, m: 2, W: [1, 2, 3], b: [0, 0] })).toThrow(/W must/);
  });

  it("marks the paper's fractions, each d/k of its figure", () => {
    for (const g of STICKY_GEOMETRIES) expect(g.fraction).toBe(g.dimensions / g.features);
    expect(STICKY_GEOMETRIES.map((g) => g.label)).toEqual(["1", "3/4", "2/3", "1/2", "2/5", "3/8"]);
    expect(nearestGeometry(0.51).geometry.name).toMatch(/digon/);
    expect(nearestGeometry(0.41).geometry.name).toBe("pentagon");
    expect(nearestGeometry(0.7).geometry.label).toBe("2/3");
    expect(nearestGeometry(0.01).geometry.label).toBe("3/8");
    expect(() => nearestGeometry(Number.NaN)).toThrow(/finite/);
  });

  it("finds plateaus: runs of values near one fraction", () => {
    const values = [1, 0.99, 0.68, 0.52, 0.5, 0.49, 0.41, 0.3, 0.5];
    const plateaus = findPlateaus(values, 0.03);
    expect(plateaus.map((p) => [p.geometry.label, p.from, p.to])).toEqual([
      ["1", 0, 1],
      ["1/2", 3, 5],
    ]);
    expect(findPlateaus(values, 0.03, 1).map((p) => p.geometry.label)).toEqual(["1", "2/3", "1/2", "2/5", "1/2"]);
    expect(findPlateaus(values, 0.005)).toEqual([]);
    expect(() => findPlateaus(values, 0.5)).toThrow(/tolerance/);
    expect(() => findPlateaus([Number.NaN], 0.1)).toThrow(/finite/);
  });
});

describe("the post's view of a model", () => {
  it("counts the post's features as the root of 8·p·m·ln m = n", () => {
    for (const [n, p] of [
      [30, 0.1],
      [10, 0.02],
      [10, 1],
      [1000, 0.001],
    ] as const) {
      const m = postFeatureCount(n, p);
      expect(8 * p * m * Math.log(m)).toBeCloseRel(n, 1e-10);
      // The same as the post's l_max: at that m, l = m·p is exactly n / (8 ln m).
      expect(m * p).toBeCloseRel(maxActiveFeatures(n, Math.round(m)) * (Math.log(Math.round(m)) / Math.log(m)), 1e-10);
    }
    expect(postFeatureCount(10, 0.1)).toBeGreaterThan(postFeatureCount(10, 0.2));
    expect(postFeatureCount(20, 0.1)).toBeGreaterThan(postFeatureCount(10, 0.1));
    expect(() => postFeatureCount(0, 0.1)).toThrow(/n must/);
    expect(() => postFeatureCount(10, 0)).toThrow(/density/);
  });

  it("sets the kept features and their overlaps against the post's count and the Welch floor", () => {
    // A pentagon of five kept features and one dropped (‖W‖ = 0.1) in two dimensions.
    const model = fromColumns([...polygon(5), [0.1, 0]]);
    const view = postView(model, 0.05);
    expect(view.represented).toBe(5);
    expect(view.featuresPerNeuron).toBe(2.5);
    expect(view.activeFeatures).toBeCloseRel(0.3, 1e-12);
    expect(view.postMaxActive).toBeCloseRel(2 / (8 * Math.log(6)), 1e-12);
    expect(view.postFeatures).toBeCloseRel(postFeatureCount(2, 0.05), 1e-15);
    expect(view.welchFloor).toBeCloseRel(welchBound(2, 5), 1e-15);
    // A regular pentagon's overlaps: cos 72° (twice per vertex) and cos 144°, RMS √(1/2)·… — and
    // the largest is |cos 144°|.
    expect(view.maxOverlap).toBeCloseRel(Math.abs(Math.cos((4 * Math.PI) / 5)), 1e-12);
    expect(view.rmsOverlap).toBeCloseRel(Math.sqrt((Math.cos((2 * Math.PI) / 5) ** 2 + Math.cos((4 * Math.PI) / 5) ** 2) / 2), 1e-12);
    // The pentagon's RMS overlap sits at the Welch floor: it is a tight frame.
    expect(view.rmsOverlap).toBeCloseRel(view.welchFloor!, 1e-12);
    const single = postView(
      fromColumns([
        [1, 0],
        [0.1, 0],
      ]),
      0.5,
    );
    expect(single.represented).toBe(1);
    expect("welchFloor" in single || "rmsOverlap" in single).toBe(false);
  });
});

/** Runs a sweep to its end. */
function sweep(settings: DimensionalitySweepSettings): { result: DimensionalitySweepResult; progress: DimensionalityProgress[] } {
  const job = trainDimensionalitySweep(settings);
  const progress: DimensionalityProgress[] = [];
  for (;;) {
    const next = job.next();
    if (next.done) return { result: next.value, progress };
    progress.push(next.value);
  }
}

describe("the dimensionality sweep", () => {
  const tiny: DimensionalitySweepSettings = { ...DEFAULT_DIMENSIONALITY_SWEEP, n: 2, m: 5, points: 3, steps: 60 };

  it("validates its settings, naming the field", () => {
    expect(validateDimensionalitySweep(DEFAULT_DIMENSIONALITY_SWEEP)).toEqual({ ok: true, settings: DEFAULT_DIMENSIONALITY_SWEEP });
    const field = (input: Record<string, unknown>) => {
      const checked = validateDimensionalitySweep({ ...DEFAULT_DIMENSIONALITY_SWEEP, ...input });
      return checked.ok ? "ok" : `${checked.error.code}:${checked.error.field}`;
    };
    expect(field({ points: 1 })).toBe("invalid:points");
    expect(field({ points: 41 })).toBe("too-large:points");
    expect(field({ maxDensity: 1.2 })).toBe("invalid:maxDensity");
    expect(field({ minDensity: 0.9 })).toBe("invalid:minDensity");
    expect(field({ n: 0 })).toBe("invalid:n");
    expect(field({ m: 1000 })).toBe("too-large:m");
    expect(field({ steps: 0 })).toBe("invalid:steps");
    expect(field({ part: 1 })).toBe("invalid:part");
    expect(field({ n: 256, m: 512, steps: 100_000 })).toBe("too-large:job");
  });

  it("spaces its densities evenly on a log axis, densest first", () => {
    const densities = sweepDensities({ points: 5, minDensity: 0.01, maxDensity: 1 });
    expect(densities[0]).toBe(1);
    expect(densities[4]).toBeCloseRel(0.01, 1e-14);
    for (let i = 1; i < 5; i++) expect(densities[i]! / densities[i - 1]!).toBeCloseRel(10 ** -0.5, 1e-13);
  });

  it("reports progress that only moves forward, and two parts merge into exactly the whole", () => {
    const { result, progress } = sweep(tiny);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.fraction).toBeGreaterThanOrEqual(progress[i - 1]!.fraction);
    expect(progress.at(-1)!.fraction).toBeCloseTo(1, 12);
    expect(result.points.map((p) => p.index)).toEqual([0, 1, 2]);
    for (const point of result.points) {
      expect(point.dimensionalities).toHaveLength(5);
      expect(point.inverseDensity).toBeCloseRel(1 / point.density, 1e-15);
      expect(point.post.m).toBe(5);
    }
    const parts = [0, 1].map((part) => sweep({ ...tiny, part, parts: 2 }).result);
    expect(mergeDimensionalitySweeps(parts)).toEqual(result);
    expect(() => mergeDimensionalitySweeps([parts[0]!])).toThrow(/different sweeps/);
  });

  // n = 5, m = 50 rather than the page's 10 × 100 to keep the test short; three densities where the
  // plateau lies (1/(1 − S) = 2.5 … 3.7), two seeds.
  for (const seed of [0, 1]) {
    it(`shows the ½ plateau of antipodal pairs (n = 5, m = 50, seed ${seed})`, { timeout: 60_000 }, () => {
      const { result } = sweep({ n: 5, m: 50, points: 3, maxDensity: 0.4, minDensity: 0.27, steps: 2000, seed, part: 0, parts: 1 });
      const TOLERANCE = 0.05;
      const plateaus = findPlateaus(
        result.points.map((p) => p.dimensionsPerFeature),
        TOLERANCE,
      );
      expect(plateaus.some((p) => p.geometry.label === "1/2")).toBe(true);
      // And the kept features are pairs: on a plateau point most of them have Dᵢ near ½.
      const onPlateau = result.points.filter((p) => Math.abs(p.dimensionsPerFeature - 0.5) <= TOLERANCE);
      for (const point of onPlateau) {
        const kept = point.dimensionalities.filter((d) => d > 0.2);
        const paired = kept.filter((d) => Math.abs(d - 0.5) <= TOLERANCE);
        expect(paired.length).toBeGreaterThanOrEqual(0.8 * kept.length);
        expect(paired.length).toBeGreaterThanOrEqual(2 * (point.post.n - 1));
      }
    });
  }
});
