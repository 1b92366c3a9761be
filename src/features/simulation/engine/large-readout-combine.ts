/**
 * Putting the parts of a large readout (large-readout.ts) together into one result: sums of
 * squares block by block in feature order, counts exactly, maxima as maxima, each input's largest
 * readouts merged in feature order (top-readouts.ts), so the result is the same number for number
 * however the job was split across workers.
 *
 * Each misread count comes as a mean per input with its standard error, sd/√trials (sd the sample
 * standard deviation over the inputs): the error of the mean over inputs drawn for this run's
 * directions. Inputs are independent given the directions; a fresh draw of the directions adds a
 * spread of its own, small when m is large (every readout averages over many directions).
 */
import type { RangeTotals } from "./large-readout.ts";
import type { KernelName } from "../../../compute/kernels/quad-layout.ts";
import type { LargeReadoutParams } from "./readout-params.ts";
import { inactiveInTop } from "./top-readouts.ts";

/** A large readout, measured: the statistics of all trials · m readouts. */
export interface LargeReadoutResult {
  readonly params: LargeReadoutParams;
  readonly kernel: KernelName;
  /** RMS readout of the inactive features; expected √(l/n). Undefined when l = m. */
  readonly inactiveRms: number | undefined;
  /** RMS of (readout − 1) of the active features; expected √((l − 1)/n). */
  readonly activeRms: number;
  /** Mean over the inputs of the worst |noise| of the m features; expected ≈ √(2 ln m · l/n). */
  readonly worstMean: number;
  /** The largest worst |noise| of any input. */
  readonly worstMax: number;
  /** Inactive readouts at ½ or above (false on), over all inputs. */
  readonly falseOn: number;
  /** Active readouts at ½ or below (false off), over all inputs. */
  readonly falseOff: number;
  /** falseOn / (trials·(m − l)): the measured p_false_on. Undefined when l = m. */
  readonly falseOnRate: number | undefined;
  /** falseOff / (trials·l): the measured p_false_off. */
  readonly falseOffRate: number;
  /** Misreads per input, averaged over the inputs: the measured expected misreads. */
  readonly misreadsMean: number;
  /** The sample standard deviation of the misreads per input (undefined with one input). */
  readonly misreadsSd: number | undefined;
  /** The standard error of misreadsMean, misreadsSd/√trials (undefined with one input). */
  readonly misreadsSe: number | undefined;
  /** Against the job's threshold θ (params.threshold): false ons and offs over all inputs. */
  readonly thresholdFalseOn: number;
  readonly thresholdFalseOff: number;
  /** Misreads per input against θ, averaged over the inputs, and its standard error. */
  readonly thresholdMisreadsMean: number;
  readonly thresholdMisreadsSe: number | undefined;
  /**
   * The TopK reading (each input's l largest readouts taken as on): misreads per input, twice the
   * inactive features among the l largest, averaged over the inputs, and its standard error.
   */
  readonly topkMisreadsMean: number;
  readonly topkMisreadsSe: number | undefined;
  /** Inputs in which all m features read right. */
  readonly allCorrect: number;
  /** allCorrect / trials. */
  readonly allCorrectFraction: number;
}

/** Why parts (sorted by their start) cannot be combined into a job of m features, or undefined. */
function combineError(parts: readonly RangeTotals[], m: number, l: number, trials: number): string | undefined {
  if (parts.length === 0) return "no parts to combine";
  let end = 0;
  for (const part of parts) {
    if (part.range.from !== end) return `the parts do not tile the features: a part starts at ${part.range.from}, expected ${end}`;
    if (part.kernel !== parts[0]!.kernel) return `the parts were computed with different kernels (${parts[0]!.kernel}, ${part.kernel})`;
    if (part.misreads.length !== trials || part.worst.length !== trials || part.thresholdMisreads.length !== trials) {
      return `a part has ${part.misreads.length} inputs, expected ${trials}`;
    }
    const keep = Math.min(l, part.range.to - part.range.from);
    if (part.top.keep !== keep || part.top.values.length !== keep * trials) {
      return `a part keeps ${part.top.keep} largest readouts per input, expected ${keep}`;
    }
    end = part.range.to;
  }
  return end === m ? undefined : `the parts end at feature ${end}, expected ${m}`;
}

/**
 * Puts the parts of a job together: the parts' ranges must tile 0 … m − 1 (in any order) and come
 * from one kernel; throws a RangeError otherwise. Sums of squares are added block by block in
 * feature order, counts exactly, maxima are maxima: the result does not depend on how the job was
 * split. Domain: `params` validated, parts from `readFeatureRange` on that job.
 */
export function combineRanges(params: LargeReadoutParams, parts: readonly RangeTotals[]): LargeReadoutResult {
  const { m, l, trials } = params;
  const ordered = [...parts].sort((a, b) => a.range.from - b.range.from);
  const problem = combineError(ordered, m, l, trials);
  if (problem !== undefined) throw new RangeError(problem);
  let inactiveSquares = 0;
  let activeSquares = 0;
  let falseOn = 0;
  let falseOff = 0;
  let thresholdFalseOn = 0;
  let thresholdFalseOff = 0;
  const misreads = new Array<number>(trials).fill(0);
  const thresholdMisreads = new Array<number>(trials).fill(0);
  const worst = new Array<number>(trials).fill(0);
  for (const part of ordered) {
    for (const s of part.inactiveSquares) inactiveSquares += s;
    for (const s of part.activeSquares) activeSquares += s;
    falseOn += part.falseOn;
    falseOff += part.falseOff;
    thresholdFalseOn += part.thresholdFalseOn;
    thresholdFalseOff += part.thresholdFalseOff;
    for (let b = 0; b < trials; b++) {
      misreads[b]! += part.misreads[b]!;
      thresholdMisreads[b]! += part.thresholdMisreads[b]!;
      if (part.worst[b]! > worst[b]!) worst[b] = part.worst[b]!;
    }
  }
  const topkMisreads = Array.from(
    inactiveInTop(
      ordered.map((part) => part.top),
      trials,
      l,
    ),
    (k) => 2 * k,
  );
  let worstSum = 0;
  let worstMax = 0;
  let misreadSum = 0;
  let allCorrect = 0;
  for (let b = 0; b < trials; b++) {
    worstSum += worst[b]!;
    worstMax = Math.max(worstMax, worst[b]!);
    misreadSum += misreads[b]!;
    if (misreads[b] === 0) allCorrect++;
  }
  const misreadsMean = misreadSum / trials;
  let deviations = 0;
  for (let b = 0; b < trials; b++) deviations += (misreads[b]! - misreadsMean) ** 2;
  const misreadsSd = trials > 1 ? Math.sqrt(deviations / (trials - 1)) : undefined;
  const threshold = meanAndError(thresholdMisreads);
  const topk = meanAndError(topkMisreads);
  return {
    params,
    kernel: ordered[0]!.kernel,
    inactiveRms: l < m ? Math.sqrt(inactiveSquares / (trials * (m - l))) : undefined,
    activeRms: Math.sqrt(activeSquares / (trials * l)),
    worstMean: worstSum / trials,
    worstMax,
    falseOn,
    falseOff,
    falseOnRate: l < m ? falseOn / (trials * (m - l)) : undefined,
    falseOffRate: falseOff / (trials * l),
    misreadsMean,
    misreadsSd,
    misreadsSe: misreadsSd === undefined ? undefined : misreadsSd / Math.sqrt(trials),
    thresholdFalseOn,
    thresholdFalseOff,
    thresholdMisreadsMean: threshold.mean,
    thresholdMisreadsSe: threshold.se,
    topkMisreadsMean: topk.mean,
    topkMisreadsSe: topk.se,
    allCorrect,
    allCorrectFraction: allCorrect / trials,
  };
}

/** The mean of per-input counts and its standard error sd/√count (undefined for a single count). */
function meanAndError(counts: readonly number[]): { mean: number; se: number | undefined } {
  const k = counts.length;
  let sum = 0;
  for (const c of counts) sum += c;
  const mean = sum / k;
  let deviations = 0;
  for (const c of counts) deviations += (c - mean) ** 2;
  return { mean, se: k > 1 ? Math.sqrt(deviations / (k - 1) / k) : undefined };
}
