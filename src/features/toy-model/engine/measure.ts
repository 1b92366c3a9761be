/**
 * Trained weights measured with the post's quantities: how many features are represented against
 * n, how their directions overlap against 1/√n (random directions, typical), √(4 ln m / n) (random
 * directions, worst pair), the post's ε = √(8 ln m / n) and the Welch floor for that many
 * directions; how much interference reaches inactive features on fresh inputs, read linearly and
 * after the ReLU with the learned bias; and the sparsity l = m(1 − S) against the post's
 * l_max = n / (8 ln m). Plain data throughout (see geometry.ts).
 */
import { epsilon, maxActiveFeatures } from "../../../math/formulas.ts";
import { welchBound } from "../../../math/packing.ts";
import { expectedMaxOverlap, rmsOverlap } from "../../../math/random-directions.ts";
import { createRandom } from "../../../math/random.ts";
import { createSparseBatch, sampleRows } from "./data.ts";
import {
  checkWeights,
  featureNorms,
  featureSuperposition,
  gramMatrix,
  planeGeometry,
  representedOverlaps,
  REPRESENTED_NORM,
  type PlaneGeometry,
  type RepresentedOverlaps,
  type ToyModelWeights,
} from "./geometry.ts";
import { importances, PROBE_STREAM } from "./model.ts";

/** Fresh inputs a measurement draws unless told otherwise. */
export const PROBE_SAMPLES = 4000;

/** Inputs are drawn and read in batches of this many (bounded memory). */
const PROBE_BATCH = 500;

/** Interference on inactive features, measured on fresh inputs. */
export interface ReadoutNoise {
  /** Inputs drawn. */
  readonly samples: number;
  /** Inactive (feature, input) pairs read: the features that are 0 in an input. */
  readonly inactive: number;
  /** √(mean of (Wᵀh)ⱼ²) over inactive j: the linear readout's interference. Undefined without
   * any inactive feature. */
  readonly linearRms: number | undefined;
  /** √(mean of x′ⱼ²) = √(mean of ReLU((Wᵀh)ⱼ + bⱼ)²) over inactive j: what is left after the ReLU
   * and the learned bias. Undefined without any inactive feature. */
  readonly reluRms: number | undefined;
  /** 1 − reluRms / linearRms: the fraction of the interference the nonlinearity removes
   * (negative when the bias adds more than the ReLU removes). Undefined when linearRms is 0 or
   * undefined. */
  readonly removed: number | undefined;
  /** Mean over the inputs of Σᵢ Iᵢ (xᵢ − x′ᵢ)², the training loss on fresh data. */
  readonly loss: number;
}

/**
 * Reads `samples` fresh inputs (sparsity S, importance decay r, drawn from `seed`'s probe stream)
 * through the model: h = W x, linear readout Wᵀh, output x′ = ReLU(Wᵀh + b). Cost: samples·n·(m +
 * nonzero inputs) multiply-adds (6·10⁶ for n = 20, m = 80, 4 000 inputs).
 * Domain: valid weights (see `checkWeights`), 0 ≤ S < 1, 0 < r ≤ 1, samples integer 1 … 10⁶,
 * seed a safe integer ≥ 0; otherwise a RangeError.
 */
export function readoutNoise(model: ToyModelWeights, S: number, r: number, seed: number, samples = PROBE_SAMPLES): ReadoutNoise {
  checkWeights(model);
  if (!Number.isInteger(samples) || samples < 1 || samples > 1e6) throw new RangeError(`samples must be an integer 1 … 10⁶, got ${samples}`);
  const { n, m, W, b } = model;
  const importance = importances(m, r);
  const random = createRandom(seed, PROBE_STREAM);
  const batch = createSparseBatch(Math.min(PROBE_BATCH, samples), m);
  const x = new Float64Array(m);
  const h = new Float64Array(n);
  let inactive = 0;
  let linearSquares = 0;
  let reluSquares = 0;
  let loss = 0;
  for (let done = 0; done < samples; done += batch.size) {
    const rows = Math.min(batch.size, samples - done);
    sampleRows(random, batch, S, 0, rows);
    const { start, index, value } = batch;
    for (let s = 0; s < rows; s++) {
      h.fill(0);
      for (let p = start[s]!; p < start[s + 1]!; p++) {
        const i = index[p]!;
        x[i] = value[p]!;
        for (let k = 0; k < n; k++) h[k] = h[k]! + value[p]! * W[k * m + i]!;
      }
      for (let j = 0; j < m; j++) {
        let linear = 0;
        for (let k = 0; k < n; k++) linear += W[k * m + j]! * h[k]!;
        const out = Math.max(0, linear + b[j]!);
        const error = x[j]! - out;
        loss += importance[j]! * error * error;
        if (x[j] === 0) {
          inactive++;
          linearSquares += linear * linear;
          reluSquares += out * out;
        }
      }
      for (let p = start[s]!; p < start[s + 1]!; p++) x[index[p]!] = 0;
    }
  }
  const linearRms = inactive > 0 ? Math.sqrt(linearSquares / inactive) : undefined;
  const reluRms = inactive > 0 ? Math.sqrt(reluSquares / inactive) : undefined;
  const removed = linearRms !== undefined && linearRms > 0 && reluRms !== undefined ? 1 - reluRms / linearRms : undefined;
  return { samples, inactive, linearRms, reluRms, removed, loss: loss / samples };
}

/** The yardsticks the measured overlaps are set against. */
export interface OverlapReferences {
  /** 1/√n: RMS overlap of random directions. */
  readonly randomRms: number;
  /** √(4 ln m / n): largest overlap of m random directions, to leading order. */
  readonly randomMax: number;
  /** The post's ε = √(8 ln m / n). */
  readonly epsilon: number;
  /** Welch's floor for k represented directions in ℝⁿ, √((k − n)/(n(k − 1))) (0 when k ≤ n);
   * undefined when k < 2. */
  readonly welch: number | undefined;
}

/** Everything measured on a trained model (see the file's comment). */
export interface ToyModelMeasurements {
  readonly n: number;
  readonly m: number;
  /** Features with ‖Wᵢ‖ > ½, and the same as a fraction of n (above 1: superposition). */
  readonly represented: number;
  readonly representedPerNeuron: number;
  /** ‖Wᵢ‖ per feature. */
  readonly norms: number[];
  /** Σ_{j≠i} (Ŵᵢ·Wⱼ)² per feature (see `featureSuperposition`). */
  readonly superposition: number[];
  /** WᵀW, m × m. */
  readonly gram: number[][];
  /** Overlaps between the represented directions, and their yardsticks. */
  readonly overlaps: RepresentedOverlaps;
  readonly references: OverlapReferences;
  /** Interference on inactive features and the loss, on fresh inputs. */
  readonly readout: ReadoutNoise;
  /** l = m(1 − S): expected features active per input. */
  readonly activeFeatures: number;
  /** The post's l_max = n / (8 ln m). */
  readonly maxActiveFeatures: number;
  /** The n = 2 picture; undefined for other n. */
  readonly plane: PlaneGeometry | undefined;
}

/**
 * Measures a trained model of `settings` (n, m, sparsity S, importance r, seed): everything in
 * {@link ToyModelMeasurements}, the readout on `samples` fresh inputs from the seed's probe stream
 * (independent of the training data). Cost: about m²·n + samples·n·m multiply-adds.
 * Domain: n ≥ 1, m ≥ 2 integers, 0 ≤ S < 1, 0 < r ≤ 1, weights of that shape with finite numbers;
 * otherwise a RangeError.
 */
export function measureToyModel(
  model: {
    readonly settings: { readonly n: number; readonly m: number; readonly sparsity: number; readonly importance: number; readonly seed: number };
    readonly W: ArrayLike<number>;
    readonly b: ArrayLike<number>;
  },
  samples = PROBE_SAMPLES,
): ToyModelMeasurements {
  const { n, m, sparsity, importance, seed } = model.settings;
  const weights: ToyModelWeights = { n, m, W: model.W, b: model.b };
  checkWeights(weights);
  const norms = featureNorms(weights);
  const represented = norms.filter((norm) => norm > REPRESENTED_NORM).length;
  const overlaps = representedOverlaps(weights);
  return {
    n,
    m,
    represented,
    representedPerNeuron: represented / n,
    norms,
    superposition: featureSuperposition(weights),
    gram: gramMatrix(weights),
    overlaps,
    references: {
      randomRms: rmsOverlap(n),
      randomMax: expectedMaxOverlap(n, m),
      epsilon: epsilon(n, m),
      welch: represented >= 2 ? welchBound(n, represented) : undefined,
    },
    readout: readoutNoise(weights, sparsity, importance, seed, samples),
    activeFeatures: m * (1 - sparsity),
    maxActiveFeatures: maxActiveFeatures(n, m),
    plane: planeGeometry(weights),
  };
}
