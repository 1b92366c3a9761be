/**
 * What a large readout (large-readout.ts) is set against: for m random directions in ℝⁿ with l
 * active, the noise of the three models (typical √(l/n), active √((l − 1)/n), worst of m
 * √(2 ln m · l/n)) and the exact error rates for random directions (../error-rates.ts).
 */
import type { LogQuantity } from "../../../math/big-number.ts";
import { allRight, expectedMisreads, pFalseOff, pFalseOn } from "../../../math/error-rates.ts";
import { typicalNoise, worstNoise } from "../../../math/formulas.ts";
import type { LargeReadoutParams } from "./readout-params.ts";

export interface LargeReadoutPredictions {
  /** RMS readout of an inactive feature, √(l/n). */
  readonly inactiveRms: number;
  /** RMS noise of an active feature, √((l − 1)/n): 0 when l = 1. */
  readonly activeRms: number;
  /** Worst |noise| of the m readouts, to leading order √(2 ln m · l/n). */
  readonly worstNoise: number;
  /** The exact chance that an inactive feature reads ½ or above. */
  readonly pFalseOn: LogQuantity;
  /** The exact chance that an active feature reads ½ or below; 0 when l = 1. */
  readonly pFalseOff: LogQuantity | 0;
  /** The exact expected number of features read wrongly per input. */
  readonly expectedMisreads: LogQuantity;
  /** The chance that all m features of an input read right (far below any measurement for real shapes). */
  readonly allRight: LogQuantity;
}

/**
 * The predictions for a validated job. Takes up to a few tens of milliseconds (the exact rates
 * integrate over |x|): compute once per run. Domain: params from `validateLargeReadout`.
 */
export function largeReadoutPredictions({ n, m, l }: LargeReadoutParams): LargeReadoutPredictions {
  return {
    inactiveRms: typicalNoise(n, l),
    activeRms: Math.sqrt((l - 1) / n),
    worstNoise: worstNoise(n, m, l),
    pFalseOn: pFalseOn(n, l),
    pFalseOff: pFalseOff(n, l),
    expectedMisreads: expectedMisreads(n, m, l),
    allRight: allRight(n, m, l),
  };
}
