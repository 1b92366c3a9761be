/**
 * What each calculator shows, computed from a valid scenario. One function per calculator so
 * that the prerendered page, the islands and the tests read the very same numbers.
 */
import type { LogQuantity } from "./big-number.ts";
import { formatCount, formatLogQuantity, formatNumber } from "./format.ts";
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
} from "./formulas.ts";
import type { Scenario } from "./scenario.ts";

/**
 * One displayed result. `value` is the full-precision number when it fits a double; `log10` is
 * set instead when it does not (e^(n/8) for large n). `text` is what the reader sees.
 */
export interface Result {
  readonly value?: number;
  readonly log10?: number;
  readonly text: string;
}

function plain(value: number, text = formatNumber(value)): Result {
  return { value, text };
}

/** A count that may be beyond double range (neurons needed for a tiny ε, say). */
function count(q: LogQuantity): Result {
  return q.value !== undefined ? { value: q.value, text: formatCount(q.value) } : huge(q);
}

/** A real that may be beyond double range: plain when it fits, log10 otherwise. */
function huge(q: LogQuantity): Result {
  return q.value !== undefined ? { value: q.value, text: formatLogQuantity(q) } : { log10: q.log10, text: formatLogQuantity(q) };
}

export interface EpsilonResults {
  readonly epsilon: Result;
  /** Neurons needed to bring ε down to the target `eps` with m features. */
  readonly "n-for-eps": Result;
  /** Features n neurons can hold at interference at most `eps`. */
  readonly "m-for-eps": Result;
}

/** ε = √(8 ln m / n) and its two inverses at the target ε. Uses n, m, eps of the scenario. */
export function epsilonResults({ n, m, eps }: Scenario): EpsilonResults {
  return {
    epsilon: plain(epsilon(n, m)),
    "n-for-eps": count(neuronsForEpsilon(m, eps)),
    "m-for-eps": huge(featuresForEpsilon(n, eps)),
  };
}

export interface SparsityResults {
  /** The post's noise ε√l: a worst-case bound on every readout. */
  readonly noise: Result;
  /** Typical readout noise on one feature, √(l / n), for a random embedding. */
  readonly "typical-noise": Result;
  /** Worst readout noise over all m features of one input, √(2 ln m · l / n), random embedding. */
  readonly "worst-noise": Result;
  readonly "l-max": Result;
  readonly "m-max": Result;
  /** Whether the signal (one unit) beats the noise ε√l. */
  readonly beats: boolean;
  /** Neurons needed for l of m features to be active with the signal above the noise. */
  readonly "n-min": Result;
}

/**
 * Noise ε√l (and, beside it, the typical √(l/n) and worst-of-m √(2 ln m · l/n) noise of a random
 * embedding), the limits n/(8 ln m) and e^(n/8), and the neurons l of m features need.
 */
export function sparsityResults({ n, m, l }: Scenario): SparsityResults {
  const noise = sparsityNoise(n, m, l);
  return {
    noise: plain(noise),
    "typical-noise": plain(typicalNoise(n, l)),
    "worst-noise": plain(worstNoise(n, m, l)),
    "l-max": plain(maxActiveFeatures(n, m)),
    "m-max": huge(maxFeatures(n)),
    beats: noise < 1,
    "n-min": count(neuronsForSparsity(m, l)),
  };
}

export interface LevelsResults {
  readonly noise: Result;
  /** The post's levels √(n / (8 l ln m)), from its worst-case noise. */
  readonly levels: Result;
  /** Levels at the typical noise of a random embedding, √(n / l): larger by √(8 ln m). */
  readonly "typical-levels": Result;
  /** Fewer than {@link BOOLEAN_ISH_LEVELS} levels: little more than on/off can be read. */
  readonly booleanIsh: boolean;
  /** Neurons needed for k levels with l of m features active. */
  readonly "n-for-levels": Result;
}

/** Noise a·ε·√l, levels √(n/(8 l ln m)) (and at the typical noise, √(n/l)) and the neurons k levels need. */
export function levelsResults({ n, m, l, a, k }: Scenario): LevelsResults {
  const levels = activationLevels(n, m, l);
  return {
    noise: huge(amplitudeNoise(n, m, l, a)),
    levels: plain(levels),
    "typical-levels": plain(typicalLevels(n, l)),
    booleanIsh: levels < BOOLEAN_ISH_LEVELS,
    "n-for-levels": count(neuronsForLevels(m, l, k)),
  };
}
