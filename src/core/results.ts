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
  readonly noise: Result;
  readonly "l-max": Result;
  readonly "m-max": Result;
  /** Whether the signal (one unit) beats the noise ε√l. */
  readonly beats: boolean;
  /** Neurons needed for l of m features to be active with the signal above the noise. */
  readonly "n-min": Result;
}

/** Noise ε√l, the limits n/(8 ln m) and e^(n/8), and the neurons l of m features need. */
export function sparsityResults({ n, m, l }: Scenario): SparsityResults {
  const noise = sparsityNoise(n, m, l);
  return {
    noise: plain(noise),
    "l-max": plain(maxActiveFeatures(n, m)),
    "m-max": huge(maxFeatures(n)),
    beats: noise < 1,
    "n-min": count(neuronsForSparsity(m, l)),
  };
}

export interface LevelsResults {
  readonly noise: Result;
  readonly levels: Result;
  /** Fewer than {@link BOOLEAN_ISH_LEVELS} levels: little more than on/off can be read. */
  readonly booleanIsh: boolean;
  /** Neurons needed for k levels with l of m features active. */
  readonly "n-for-levels": Result;
}

/** Noise a·ε·√l, levels √(n/(8 l ln m)) and the neurons k levels need. */
export function levelsResults({ n, m, l, a, k }: Scenario): LevelsResults {
  const levels = activationLevels(n, m, l);
  return {
    noise: huge(amplitudeNoise(n, m, l, a)),
    levels: plain(levels),
    booleanIsh: levels < BOOLEAN_ISH_LEVELS,
    "n-for-levels": count(neuronsForLevels(m, l, k)),
  };
}
