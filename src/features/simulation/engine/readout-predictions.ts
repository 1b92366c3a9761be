/**
 * What a large readout (large-readout.ts) is set against: for m random directions in ℝⁿ with l
 * active, the noise of the three models (typical √(l/n), active √((l − 1)/n), worst of m
 * √(2 ln m · l/n)), the error rates against ½ (../error-rates.ts) and against the run's second
 * threshold θ (src/math/thresholds.ts, the same law of |x|), the best single threshold, and the
 * TopK reading's predicted misreads (src/math/topk-misreads.ts, a mean-field approximation with a
 * measured error).
 */
import type { LogQuantity } from "../../../math/big-number.ts";
import { allRight, expectedMisreads, pFalseOff, pFalseOn } from "../../../math/error-rates.ts";
import { typicalNoise, worstNoise } from "../../../math/formulas.ts";
import { bestThreshold, expectedMisreadsAt, pFalseOffAt, pFalseOnAt, type BestThreshold } from "../../../math/thresholds.ts";
import { topkMisreads } from "../../../math/topk-misreads.ts";
import type { LargeReadoutParams } from "./readout-params.ts";

export interface LargeReadoutPredictions {
  /** RMS readout of an inactive feature, √(l/n). */
  readonly inactiveRms: number;
  /** RMS noise of an active feature, √((l − 1)/n): 0 when l = 1. */
  readonly activeRms: number;
  /** Worst |noise| of the m readouts, to leading order √(2 ln m · l/n). */
  readonly worstNoise: number;
  /** The chance that an inactive feature reads ½ or above. */
  readonly pFalseOn: LogQuantity;
  /** The chance that an active feature reads ½ or below; 0 when l = 1. */
  readonly pFalseOff: LogQuantity | 0;
  /** The expected number of features read wrongly per input against ½. */
  readonly expectedMisreads: LogQuantity;
  /** The chance that all m features of an input read right (far below any measurement for real shapes). */
  readonly allRight: LogQuantity;
  /** The run's second threshold θ (params.threshold), and the rates and expected misreads against it. */
  readonly threshold: number;
  readonly pFalseOnAtThreshold: LogQuantity;
  readonly pFalseOffAtThreshold: LogQuantity | 0;
  readonly misreadsAtThreshold: LogQuantity;
  /** The best single threshold for the shape and its misreads (what θ should be for "best threshold"). */
  readonly best: BestThreshold;
  /** Predicted misreads per input of the TopK reading; undefined at n = 1, where the readouts tie. */
  readonly topkMisreads: LogQuantity | 0 | undefined;
}

/**
 * The predictions for a validated job. Takes up to a few tens of milliseconds (the rates integrate
 * over |x|, the best threshold searches θ): compute once per run. Domain: params from
 * `validateLargeReadout`.
 */
export function largeReadoutPredictions({ n, m, l, threshold }: LargeReadoutParams): LargeReadoutPredictions {
  return {
    inactiveRms: typicalNoise(n, l),
    activeRms: Math.sqrt((l - 1) / n),
    worstNoise: worstNoise(n, m, l),
    pFalseOn: pFalseOn(n, l),
    pFalseOff: pFalseOff(n, l),
    expectedMisreads: expectedMisreads(n, m, l),
    allRight: allRight(n, m, l),
    threshold,
    pFalseOnAtThreshold: pFalseOnAt(n, l, threshold),
    pFalseOffAtThreshold: pFalseOffAt(n, l, threshold),
    misreadsAtThreshold: expectedMisreadsAt(n, m, l, threshold),
    best: bestThreshold(n, m, l),
    topkMisreads: n >= 2 ? topkMisreads(n, m, l) : undefined,
  };
}
