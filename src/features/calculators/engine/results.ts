/**
 * What each calculator shows, computed from a valid scenario. One function per calculator, each
 * returning the same shape (its outputs, and a verdict where it has one), so that the prerendered
 * page, the islands and the tests read the very same numbers and one component shows them all.
 */
import { coherenceFloor } from "../../../math/packing.ts";
import { count, huge, plain, type Result } from "../../../numbers/shown.ts";
import { errorRateResults, type ErrorRateOutput } from "../../../numbers/error-rate-results.ts";
import {
  activationLevels,
  amplitudeNoise,
  BOOLEAN_ISH_LEVELS,
  epsilon,
  featuresForEpsilon,
  maxActiveFeatures,
  maxFeatures,
  neuronsForEpsilon,
  neuronsForLevels,
  neuronsForSparsity,
  sparsityNoise,
  typicalLevels,
  typicalNoise,
  worstNoise,
} from "../../../math/formulas.ts";
import type { Scenario } from "../../../numbers/scenario.ts";

export type { Result };

/** Every calculator of the site, in reading order: its name is its address's and its figure's. */
export const CALCULATOR_NAMES = ["epsilon", "sparsity", "levels"] as const;
export type CalculatorName = (typeof CALCULATOR_NAMES)[number];

/** A calculator's judgement of its scenario, in words and as a value for tests and tools. */
export interface Verdict {
  /** A short stable token: "signal" / "noise", "graded" / "boolean-ish". */
  readonly value: string;
  /** Whether the verdict is the good news. */
  readonly ok: boolean;
  /** What the reader sees. */
  readonly text: string;
}

/** Everything one calculator shows: its outputs by name, and its verdict when it has one. */
export interface CalculatorResults<Output extends string = string> {
  readonly outputs: Readonly<Record<Output, Result>>;
  readonly verdict?: Verdict;
}

/** What the interference calculator says when ε = √(8 ln m / n) comes out above 1. */
export const EPSILON_BEYOND_RANGE: Verdict = {
  value: "beyond-range",
  ok: false,
  text: "ε is above 1: the interference from one feature would exceed a whole signal. The post's formula is an estimate for ε well below 1, and here it has left that range.",
};

/**
 * ε = √(8 ln m / n), the floor below which no arrangement of m directions in ℝⁿ can push the
 * largest overlap (Welch, and Levenstein's where it is higher: packing.ts), and ε's two inverses at
 * the target ε: the neurons needed to bring ε down to `eps` with m features, and the features n
 * neurons can hold at interference at most `eps`.
 * Uses n, m, eps of the scenario.
 */
export function epsilonResults({ n, m, eps }: Scenario): CalculatorResults<"epsilon" | "welch" | "n-for-eps" | "m-for-eps"> {
  const value = epsilon(n, m);
  return {
    // Above 1 the formula says one feature's interference outweighs a whole signal: a bound that
    // no longer bounds anything the post uses it for (ε√l < 1 fails even at l = 1). Said, not hidden.
    ...(value > 1 ? { verdict: EPSILON_BEYOND_RANGE } : {}),
    outputs: {
      epsilon: plain(value),
      welch: plain(coherenceFloor(n, m)),
      "n-for-eps": count(neuronsForEpsilon(m, eps)),
      "m-for-eps": huge(featuresForEpsilon(n, eps)),
    },
  };
}

/** The outputs of the sparsity calculator. */
export type SparsityOutput = "noise" | "typical-noise" | "worst-noise" | "l-max" | "m-max" | "n-min" | ErrorRateOutput;

/** The sparsity calculator's outputs from the post's formulas: everything but the error rates. */
export type SparsityFormulaOutput = Exclude<SparsityOutput, ErrorRateOutput>;

/**
 * Noise ε√l (the post's estimate) and, beside it, the typical √(l/n) and worst-of-m
 * √(2 ln m · l/n) noise of a random embedding; the limits n/(8 ln m) and e^(n/8); the neurons l of
 * m features need; and whether the signal (one unit) beats the noise ε√l. Closed forms only:
 * microseconds. Domain: a valid scenario.
 */
export function sparsityFormulaResults({ n, m, l }: Scenario): CalculatorResults<SparsityFormulaOutput> {
  const noise = sparsityNoise(n, m, l);
  const beats = noise < 1;
  return {
    outputs: {
      noise: plain(noise),
      "typical-noise": plain(typicalNoise(n, l)),
      "worst-noise": plain(worstNoise(n, m, l)),
      "l-max": plain(maxActiveFeatures(n, m)),
      "m-max": huge(maxFeatures(n)),
      "n-min": count(neuronsForSparsity(m, l)),
    },
    verdict: beats
      ? { value: "signal", ok: true, text: "the signal (1) beats the noise" }
      : { value: "noise", ok: false, text: "the noise drowns the signal (ε√l ≥ 1)" },
  };
}

/**
 * Everything the sparsity calculator shows: {@link sparsityFormulaResults} and, for m random
 * directions read against ½, the error rates (error-rates.ts) with the l at which all m are still
 * read right 90 % and 50 % of the time, the best threshold and TopK ({@link errorRateResults}:
 * quadratures, milliseconds).
 * Domain: a valid scenario.
 */
export function sparsityResults(s: Scenario): CalculatorResults<SparsityOutput> {
  const formulas = sparsityFormulaResults(s);
  return { ...formulas, outputs: { ...formulas.outputs, ...errorRateResults(s.n, s.m, s.l) } };
}

/**
 * The outputs of the levels calculator computed at once (its misreads when read as on or off wait:
 * later-results.ts).
 */
export type LevelsOutput = "noise" | "levels" | "typical-levels" | "n-for-levels";

/**
 * Noise a·ε·√l, the post's distinguishable levels √(n/(8 l ln m)) (and at the typical noise of a
 * random embedding, √(n/l), larger by √(8 ln m)), the neurons k levels need, and whether fewer
 * than {@link BOOLEAN_ISH_LEVELS} levels leave a feature boolean-ish.
 */
export function levelsResults({ n, m, l, a, k }: Scenario): CalculatorResults<LevelsOutput> {
  const levels = activationLevels(n, m, l);
  return {
    outputs: {
      noise: huge(amplitudeNoise(n, m, l, a)),
      levels: plain(levels),
      "typical-levels": plain(typicalLevels(n, l)),
      "n-for-levels": count(neuronsForLevels(m, l, k)),
    },
    verdict:
      levels < BOOLEAN_ISH_LEVELS
        ? { value: "boolean-ish", ok: false, text: "boolean-ish: little more than on or off" }
        : { value: "graded", ok: true, text: "more than on and off can be told apart" },
  };
}
