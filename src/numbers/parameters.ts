/**
 * Every value a reader can set, with its meaning, domain, label, slider and default. One table,
 * read by validation, the scenario in the address, the calculators' fields and the glossary, so
 * that none of them can disagree and a new symbol is added in one place.
 */
import { grouped } from "./format.ts";
import type { SliderRange } from "./slider-range.ts";

/** Most training steps of a toy model: 100 000 (its work limit bounds a job as well). */
export const MAX_TRAINING_STEPS = 100_000;

/**
 * What a value belongs to: the post's model (n, m, l, a), a target of an inverse question (k, ε),
 * the inputs a toy model is trained on (its sparsity S and importance decay r), or the settings of
 * a run (a simulation's seed and trials, a training's steps), which are words rather than symbols.
 * The glossary lists the post's symbols only: the model and target groups.
 */
export type ParameterGroup = "model" | "target" | "training" | "simulation";

export interface ParameterSpec {
  /** The symbol as typeset in the text. */
  readonly symbol: string;
  /** What the symbol stands for, in a few words. */
  readonly meaning: string;
  /** The visible label of its field, after the symbol. */
  readonly label: string;
  /** For counts: what is counted, as used in "n is a count of neurons". */
  readonly counts?: string;
  /** Counts must be whole numbers; amplitudes and targets may be any real. */
  readonly kind: "count" | "real";
  /** Smallest allowed value (inclusive for counts, exclusive for reals). */
  readonly min: number;
  /** Largest allowed value (inclusive), when there is one within double range. */
  readonly max?: number;
  /** The domain in words, shown in error messages and the glossary. */
  readonly domain: string;
  readonly group: ParameterGroup;
  /** What a page shows unless it opens on another scenario. */
  readonly default: number;
  /** A log-scale slider beside the text box, when the field has one. */
  readonly slider?: SliderRange;
  /** What the glossary adds to the meaning and domain: where the symbol comes from, how it is used. */
  readonly note?: string;
}

/** Readout trials a simulation may ask for, per value of l: enough for a tenth of a percent. */
export const MAX_TRIALS = 1_000_000;

/** The table itself, in reading order (the glossary's order). */
const TABLE = {
  n: {
    symbol: "n",
    meaning: "neurons: the dimension of the activation space",
    label: "neurons",
    counts: "neurons",
    kind: "count",
    min: 1,
    domain: "a whole number ≥ 1",
    group: "model",
    // A Llama-3-8B-sized layer.
    default: 4096,
    slider: { min: 8, max: 65536, integer: true },
  },
  m: {
    symbol: "m",
    meaning: "features stored as directions in that space",
    label: "features",
    counts: "features",
    kind: "count",
    min: 2,
    domain: "a whole number ≥ 2",
    group: "model",
    // A large feature dictionary.
    default: 100_000,
    slider: { min: 2, max: 1e10, integer: true },
    note: "Superposition means m > n. The formulas need m ≥ 2 because ln 1 = 0.",
  },
  l: {
    symbol: "l",
    meaning: "features active at the same time",
    label: "active at once",
    counts: "active features",
    kind: "count",
    min: 1,
    domain: "a whole number from 1 to m",
    group: "model",
    default: 10,
    slider: { min: 1, max: 100000, integer: true },
    note: "The post treats the features as on/off (sparsity) or as values up to a (boolean-ish).",
  },
  a: {
    symbol: "a",
    meaning: "largest activation amplitude, in units of one activation",
    label: "largest amplitude",
    kind: "real",
    min: 0,
    domain: "a number > 0",
    group: "model",
    default: 1,
    slider: { min: 0.1, max: 100, integer: false },
    note: "The noise grows in proportion to a, so the number of levels does not depend on it.",
  },
  eps: {
    symbol: "ε",
    meaning: "interference you are willing to accept",
    label: "largest interference accepted",
    kind: "real",
    min: 0,
    max: 1,
    domain: "a number > 0 and at most 1",
    group: "target",
    default: 0.1,
    note: "In the post's model ε = √(8 ln m / n); the calculators also take it as a target and work back to n or m.",
  },
  k: {
    symbol: "k",
    meaning: "activation levels you want to tell apart",
    label: "levels wanted",
    kind: "real",
    min: 0,
    domain: "a number > 0",
    group: "target",
    default: 4,
    note: "Levels wanted, used by the inverse question: how many neurons give at least k levels.",
  },
  sparsity: {
    symbol: "S",
    meaning: "sparsity: the probability that a feature is 0 in a training input",
    label: "sparsity",
    kind: "real",
    // Reals have an exclusive minimum: the smallest double below 0 admits 0 itself (dense inputs)
    // and nothing negative. The maximum is inclusive: the largest double below 1, so S < 1.
    min: -Number.MIN_VALUE,
    max: 1 - Number.EPSILON / 2,
    domain: "a number from 0 up to, but not including, 1",
    group: "training",
    default: 0.99,
    note: "A toy model's inputs: each feature is 0 with probability S, otherwise uniform between 0 and 1, so about m(1 − S) are active at once.",
  },
  importance: {
    symbol: "r",
    meaning: "importance decay: feature i counts rⁱ in a toy model's loss",
    label: "importance decay",
    kind: "real",
    min: 0,
    max: 1,
    domain: "a number > 0 and at most 1",
    group: "training",
    default: 0.9,
    note: "With r = 1 all features matter equally; below 1 the first features matter most.",
  },
  steps: {
    symbol: "steps",
    meaning: "training steps, each on a fresh batch of 1,024 random inputs",
    label: "training steps",
    counts: "training steps",
    kind: "count",
    min: 1,
    max: MAX_TRAINING_STEPS,
    domain: `a whole number from 1 to ${grouped(MAX_TRAINING_STEPS, 0)}`,
    group: "simulation",
    default: 3000,
  },
  seed: {
    symbol: "seed",
    meaning: "seed of the random numbers: the same seed draws the same embedding and trials, or the same starting weights and training inputs",
    label: "seed of the random numbers",
    kind: "count",
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    domain: "a whole number from 0 to 9,007,199,254,740,991 (2^53 − 1)",
    group: "simulation",
    default: 1,
  },
  phaseSeed: {
    symbol: "seed",
    meaning: "seed of the phase diagrams: the same seed gives every cell the same starting weights and training inputs",
    label: "seed of the phase diagrams",
    kind: "count",
    min: 0,
    // The phase-diagram engine's limit (src/features/toy-model/engine/phase-diagram.ts, MAX_PHASE_SEED).
    max: 2 ** 32 - 1,
    domain: "a whole number from 0 to 4,294,967,295 (2^32 − 1)",
    group: "simulation",
    default: 0,
  },
  restarts: {
    symbol: "restarts",
    meaning: "models trained in each cell of a phase diagram, from different starts; the one of lowest loss is shown",
    label: "models trained per cell (the best kept)",
    counts: "models per cell",
    kind: "count",
    min: 1,
    // The phase-diagram engine's limit (MAX_PHASE_RESTARTS).
    max: 8,
    domain: "a whole number from 1 to 8",
    group: "simulation",
    default: 8,
  },
  sweepSeed: {
    symbol: "seed",
    meaning: "seed of the dimensionality sweep: the same seed gives every model the same starting weights and training inputs",
    label: "seed of the sweep",
    kind: "count",
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    domain: "a whole number from 0 to 9,007,199,254,740,991 (2^53 − 1)",
    group: "simulation",
    default: 0,
  },
  trials: {
    symbol: "trials",
    meaning: "random inputs read per value of l",
    label: "random inputs per value of l (trials)",
    counts: "random inputs",
    kind: "count",
    min: 1,
    max: MAX_TRIALS,
    domain: `a whole number from 1 to ${grouped(MAX_TRIALS, 0)}`,
    group: "simulation",
    default: 200,
  },
} as const satisfies Record<string, ParameterSpec>;

export type ParameterName = keyof typeof TABLE;

/** Each parameter's spec, by name. */
export const PARAMETERS: Readonly<Record<ParameterName, ParameterSpec>> = TABLE;

/** Every parameter's name, in the table's (reading) order. */
export const PARAMETER_NAMES = Object.keys(PARAMETERS) as ParameterName[];
