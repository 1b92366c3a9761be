/**
 * The symbols a reader can set, with their meaning and domain. One table, used by validation,
 * by the calculators' labels and by the glossary, so the three never disagree.
 */
import { MAX_TRIALS } from "./simulation/params.ts";

export type ParameterName = "n" | "m" | "l" | "a" | "k" | "eps";

export interface ParameterSpec {
  readonly name: ParameterName;
  /** The symbol as typeset in the text. */
  readonly symbol: string;
  /** What the symbol stands for, in a few words. */
  readonly meaning: string;
  /** For counts: what is counted, as used in "n is a count of neurons". */
  readonly counts?: string;
  /** Counts must be whole numbers; amplitudes and targets may be any real. */
  readonly kind: "count" | "real";
  /** Smallest allowed value (inclusive for counts, exclusive for reals). */
  readonly min: number;
  /** Largest allowed value (inclusive), when there is one beyond double range. */
  readonly max?: number;
  /** The domain in words, shown in error messages and the glossary. */
  readonly domain: string;
}

export const PARAMETERS: Readonly<Record<ParameterName, ParameterSpec>> = {
  n: {
    name: "n",
    symbol: "n",
    meaning: "neurons: the dimension of the activation space",
    counts: "neurons",
    kind: "count",
    min: 1,
    domain: "a whole number ≥ 1",
  },
  m: {
    name: "m",
    symbol: "m",
    meaning: "features stored as directions in that space",
    counts: "features",
    kind: "count",
    min: 2,
    domain: "a whole number ≥ 2",
  },
  l: {
    name: "l",
    symbol: "l",
    meaning: "features active at the same time",
    counts: "active features",
    kind: "count",
    min: 1,
    domain: "a whole number from 1 to m",
  },
  a: {
    name: "a",
    symbol: "a",
    meaning: "largest activation amplitude, in units of one activation",
    kind: "real",
    min: 0,
    domain: "a number > 0",
  },
  k: {
    name: "k",
    symbol: "k",
    meaning: "activation levels you want to tell apart",
    kind: "real",
    min: 0,
    domain: "a number > 0",
  },
  eps: {
    name: "eps",
    symbol: "ε",
    meaning: "interference you are willing to accept",
    kind: "real",
    min: 0,
    max: 1,
    domain: "a number > 0 and at most 1",
  },
};

/** The simulation's own settings, beside the model's n, m, l: they change the run, not the model. */
export type SimulationSettingName = "seed" | "trials";

/** A setting's description: like a {@link ParameterSpec}, without a model symbol. */
export type SettingSpec = Omit<ParameterSpec, "name"> & { readonly name: SimulationSettingName };

export const SIMULATION_SETTINGS: Readonly<Record<SimulationSettingName, SettingSpec>> = {
  seed: {
    name: "seed",
    symbol: "seed",
    meaning: "seed of the random numbers: the same seed draws the same embedding and trials",
    kind: "count",
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    domain: "a whole number from 0 to 9,007,199,254,740,991 (2^53 − 1)",
  },
  trials: {
    name: "trials",
    symbol: "trials",
    meaning: "random inputs read per value of l",
    counts: "random inputs",
    kind: "count",
    min: 1,
    max: MAX_TRIALS,
    domain: `a whole number from 1 to ${MAX_TRIALS.toLocaleString("en-US")}`,
  },
};
