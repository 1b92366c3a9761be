/**
 * A trained and measured toy model, in the few numbers a page shows and its figures' descriptions
 * need: the measurements set against the post (measure.ts), and what the pictures show (antipodal
 * pairs, dropped features, the bias, the fall of the loss). Small enough to be an island's prop;
 * the weights, the Gram matrix and the per-feature arrays stay with the run (run.ts).
 *
 * Plain data with no undefined values anywhere (an absent measurement is an absent key), so that
 * it survives JSON and Astro's serialisation of island props unchanged.
 */
import { REPRESENTED_NORM } from "./geometry.ts";
import type { ToyModelMeasurements } from "./measure.ts";
import type { ToyModelSettings } from "./settings.ts";
import type { ToyModelResult } from "./train.ts";

/**
 * Two represented features whose directions have a cosine below this are an antipodal pair: within
 * about 18° of opposite. (A regular pentagon's far neighbours are at cos 144° = −0.81, well above.)
 */
export const ANTIPODAL_COS = -0.95;

/** A training run and its measurements: what a worker sends back when a job is done. */
export interface ToyModelRun {
  readonly result: ToyModelResult;
  readonly measured: ToyModelMeasurements;
}

/** What the page shows of a run (see the file's comment). */
export interface ToyModelSummary {
  readonly settings: ToyModelSettings;
  /** Mean batch loss over the last interval of training. */
  readonly finalLoss: number;
  /** Mean batch loss over the first interval of training. */
  readonly firstLoss: number;
  /** Features with ‖Wᵢ‖ > ½. */
  readonly represented: number;
  /** RMS and largest |cos| over pairs of represented features (absent with fewer than two). */
  readonly rmsOverlap?: number;
  readonly maxOverlap?: number;
  /** 1/√n, √(4 ln m / n) and the post's ε = √(8 ln m / n) for this n and m. */
  readonly randomRms: number;
  readonly randomMax: number;
  readonly epsilon: number;
  /** Welch's floor for this many represented directions in ℝⁿ (absent with fewer than two). */
  readonly welch?: number;
  /** Fresh inputs read for the readout numbers. */
  readonly samples: number;
  /** RMS interference on inactive features, read linearly (Wᵀh) and after ReLU(Wᵀh + b); absent
   * when no feature was ever inactive (S = 0). */
  readonly linearNoise?: number;
  readonly reluNoise?: number;
  /** The same interference for random unit directions, {@link randomReadoutNoise}. */
  readonly randomNoise: number;
  /** 1 − reluNoise / linearNoise (absent when either is, or linearNoise is 0). */
  readonly removed?: number;
  /** The loss on the fresh inputs. */
  readonly probeLoss: number;
  /** l = m(1 − S), and the post's l_max = n / (8 ln m). */
  readonly activeFeatures: number;
  readonly maxActiveFeatures: number;
  /** Pairs of represented features with cos < {@link ANTIPODAL_COS}. */
  readonly antipodalPairs: number;
  /** Mean bias bᵢ over the represented features (absent when none is). */
  readonly meanBias?: number;
  /** Mean superposition Σ_{j≠i} (Ŵᵢ·Wⱼ)² over the represented features (absent when none is). */
  readonly meanSuperposition?: number;
  /** For n = 2: the angles between neighbouring represented directions, in degrees, counter-clockwise. */
  readonly neighbourAngles?: readonly number[];
}

/**
 * The RMS interference an inactive feature would read, Wⱼᵀh, if all m features had random unit
 * directions (no training) and the toy model's inputs: √((m − 1)(1 − S) / (3n)). Why: the readout
 * is Σₖ xₖ⟨vⱼ, vₖ⟩ over the other features; each of the m − 1 is active with probability 1 − S, an
 * active value (uniform on [0, 1]) has E[x²] = 1/3, and E[⟨vⱼ, vₖ⟩²] = 1/n. The baseline a trained
 * model's linear readout is set against. Domain: n ≥ 1, m ≥ 2, 0 ≤ S < 1.
 */
export function randomReadoutNoise(n: number, m: number, S: number): number {
  return Math.sqrt(((m - 1) * (1 - S)) / (3 * n));
}

/** Pairs (i < j) of represented features whose cosine is below {@link ANTIPODAL_COS}. */
export function antipodalPairs(gram: readonly (readonly number[])[], norms: readonly number[]): number {
  const kept = norms.flatMap((norm, i) => (norm > REPRESENTED_NORM ? [i] : []));
  let pairs = 0;
  for (let a = 0; a < kept.length; a++) {
    for (let c = a + 1; c < kept.length; c++) {
      const i = kept[a]!;
      const j = kept[c]!;
      if (gram[i]![j]! < ANTIPODAL_COS * norms[i]! * norms[j]!) pairs++;
    }
  }
  return pairs;
}

/** `{ [key]: value }` when the value is a number, `{}` otherwise: absent, never undefined. */
function optional<K extends string>(key: K, value: number | undefined): { [P in K]?: number } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: number };
}

/** The summary of a run (see {@link ToyModelSummary}). Domain: a run as `runToyModel` returns it. */
export function summarizeToyModel({ result, measured }: ToyModelRun): ToyModelSummary {
  const { overlaps, references, readout } = measured;
  const kept = measured.norms.flatMap((norm, i) => (norm > REPRESENTED_NORM ? [i] : []));
  const mean = (values: number[]) => (values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : undefined);
  const plane = measured.plane;
  return {
    settings: result.settings,
    finalLoss: result.finalLoss,
    firstLoss: result.history[0]!.loss,
    represented: measured.represented,
    ...optional("rmsOverlap", overlaps.rms),
    ...optional("maxOverlap", overlaps.maxAbs),
    randomRms: references.randomRms,
    randomMax: references.randomMax,
    epsilon: references.epsilon,
    ...optional("welch", references.welch),
    samples: readout.samples,
    ...optional("linearNoise", readout.linearRms),
    ...optional("reluNoise", readout.reluRms),
    randomNoise: randomReadoutNoise(measured.n, measured.m, result.settings.sparsity),
    ...optional("removed", readout.removed),
    probeLoss: readout.loss,
    activeFeatures: measured.activeFeatures,
    maxActiveFeatures: measured.maxActiveFeatures,
    antipodalPairs: antipodalPairs(measured.gram, measured.norms),
    ...optional("meanBias", mean(kept.map((i) => result.b[i]!))),
    ...optional("meanSuperposition", mean(kept.map((i) => measured.superposition[i]!))),
    ...(plane === undefined ? {} : { neighbourAngles: plane.neighbourAngles }),
  };
}
