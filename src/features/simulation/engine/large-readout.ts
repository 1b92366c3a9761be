/**
 * The readout simulation at the scale of real sparse autoencoders: m random feature directions in
 * ℝⁿ (m up to 2^24), `trials` random inputs with l features active at amplitude 1, and every
 * feature read against every input, as in readout.ts, but without ever holding the m × n
 * embedding: each feature's direction is regenerated on demand from the counter-based generator
 * (feature-directions.ts), in blocks of 16, and read against the whole batch of inputs at once, so
 * its Gaussians are drawn once per run however many inputs there are.
 *
 * Splitting the work. The features are cut into blocks of {@link FEATURE_BLOCK}; a part of the job
 * is a contiguous range of whole blocks (`splitFeatures`), which one Web Worker reads
 * (`readFeatureRange`): it builds every input itself (every feature is read against every input),
 * and returns, per block, the float64 sums of squared noise, and, per input, its misreads against
 * ½ and against a second threshold θ, its worst noise and its l largest readouts (top-readouts.ts).
 * `combineRanges` adds the block sums in block order and the integer counts exactly, takes maxima,
 * and merges the largest readouts in feature order, so the result is the same number for number
 * whatever the number of parts: a direction does not depend on who makes it, a block's sums do not
 * depend on where the range around it ends, the order of every floating-point sum is fixed by the
 * blocks alone, and the l largest readouts of all m are found among each range's l largest.
 *
 * The inputs: input b's active features are l distinct features drawn uniformly (Floyd's
 * algorithm) from the seed's xoshiro128** stream LARGE_READOUT_STREAM, inputs in order, and its
 * vector x_b = Σ v_f is added up in increasing f, each v_f = g_f/|g_f| rounded to float32.
 * A readout is r_fb = ⟨g_f, x_b⟩·(1/|g_f|) (the dot product in float32 by the kernel, the scaling
 * in float64); its noise is r − 1 for an active feature and r for an inactive one, and it is read
 * right when an active r > ½ and an inactive r < ½ (a readout of exactly ½ counts as a misread);
 * likewise against θ. The TopK reading takes each input's l largest readouts as on (on equal
 * readouts the smaller feature first); its misreads are twice the inactive features among them.
 */
import { runToEnd } from "../../../math/run-to-end.ts";
import type { KernelChoice } from "../../../compute/kernels/kernel.ts";
import { COST } from "./meter.ts";
import type { SimulationError } from "./params.ts";
import { BLOCK_ROWS, createReadoutKernel, type ReadoutKernel } from "./readout-kernel.ts";
import { validateLargeReadout, type LargeReadoutInput, type LargeReadoutParams } from "./readout-params.ts";
import { createRandom, distinctSubsets } from "../../../math/random.ts";
import type { KernelName } from "../../../compute/kernels/quad-layout.ts";
import { inactiveInTop, topReadoutHeaps, type TopReadouts } from "./top-readouts.ts";

/** Features per block of the fixed summation order, and the unit of a split (a multiple of BLOCK_ROWS). */
export const FEATURE_BLOCK = 4096;

/** xoshiro128** stream of a seed for the large readout's active features (0 and 1 are the sweep's). */
export const LARGE_READOUT_STREAM = 2;

/** Columns summed per kernel call: 256 chunks (1 024 columns), so one call stays near a millisecond. */
const SLICE_CHUNKS = 256;

/** The generator yields after about this much estimated work (1 ms). */
const YIELD_EVERY = 1e6;

/** A contiguous range of features, from ≤ f < to. */
export interface FeatureRange {
  readonly from: number;
  readonly to: number;
}

/**
 * The job cut into at most `parts` contiguous ranges of whole blocks (the last block may be
 * short), as even as whole blocks allow, in order, covering 0 … m − 1. Fewer ranges than asked
 * when there are fewer blocks. Domain: m integer ≥ 1, parts integer ≥ 1; otherwise a RangeError.
 */
export function splitFeatures(m: number, parts: number): FeatureRange[] {
  if (!Number.isInteger(m) || m < 1) throw new RangeError(`m must be an integer ≥ 1, got ${m}`);
  if (!Number.isInteger(parts) || parts < 1) throw new RangeError(`parts must be an integer ≥ 1, got ${parts}`);
  const blocks = Math.ceil(m / FEATURE_BLOCK);
  const k = Math.min(parts, blocks);
  const ranges: FeatureRange[] = [];
  for (let i = 0; i < k; i++) {
    const from = Math.floor((i * blocks) / k) * FEATURE_BLOCK;
    const to = Math.min(m, Math.floor(((i + 1) * blocks) / k) * FEATURE_BLOCK);
    ranges.push({ from, to });
  }
  return ranges;
}

/** Whether a range is a valid part of a job with m features: whole blocks, 0 ≤ from < to ≤ m. */
export function isFeatureRange(range: FeatureRange, m: number): boolean {
  const { from, to } = range;
  return (
    Number.isInteger(from) &&
    Number.isInteger(to) &&
    from >= 0 &&
    from < to &&
    to <= m &&
    from % FEATURE_BLOCK === 0 &&
    (to % FEATURE_BLOCK === 0 || to === m)
  );
}

/**
 * The active features of every input, each list sorted increasingly: l distinct features out of m,
 * uniformly, by Floyd's algorithm (`distinctSubsets`), from the seed's stream
 * {@link LARGE_READOUT_STREAM}, inputs in order.
 */
export function activeSets(params: LargeReadoutParams): Int32Array[] {
  const { m, l, seed, trials } = params;
  return distinctSubsets(createRandom(seed, LARGE_READOUT_STREAM), m, l, trials);
}

/** What one range of features measured: the sums `combineRanges` puts together. */
export interface RangeTotals {
  readonly range: FeatureRange;
  readonly kernel: KernelName;
  /** Per block of the range, in order: Σ r² over its inactive readouts (f, b), f then b increasing. */
  readonly inactiveSquares: readonly number[];
  /** Per block: Σ (r − 1)² over its active readouts, in the same order. */
  readonly activeSquares: readonly number[];
  /** Inactive readouts at ½ or above, and active readouts at ½ or below, over the range. */
  readonly falseOn: number;
  readonly falseOff: number;
  /** Per input: features of the range read wrongly. */
  readonly misreads: readonly number[];
  /** Per input: the largest |noise| over the range's features. */
  readonly worst: readonly number[];
  /** Against the job's threshold θ: inactive readouts at θ or above, active ones at θ or below. */
  readonly thresholdFalseOn: number;
  readonly thresholdFalseOff: number;
  /** Per input: features of the range read wrongly against θ. */
  readonly thresholdMisreads: readonly number[];
  /** Per input: the range's min(l, features) largest readouts, for the TopK reading. */
  readonly top: TopReadouts;
}

export type ReadoutPhase = "inputs" | "features";

export interface ReadoutProgress {
  readonly phase: ReadoutPhase;
  /** Estimated fraction of the range's work done, 0 … 1. */
  readonly fraction: number;
}

/** Estimated cost of a range, in nanoseconds: the inputs, then the features. */
export function estimateRangeCost(params: LargeReadoutParams, range: FeatureRange, kernel: KernelName): { inputs: number; features: number } {
  const { n, l, trials } = params;
  const paddedN = Math.ceil(n / 32) * 32;
  const features = range.to - range.from;
  return {
    inputs: trials * l * paddedN * (COST.direction[kernel] + COST.add[kernel]),
    features: features * paddedN * (COST.direction[kernel] + trials * COST.mac[kernel]) + features * trials * COST.readoutReduce,
  };
}

/**
 * Reads the features of `range` (from `isFeatureRange`) against every input of a validated job,
 * on `kernel` (which it resets). Yields a {@link ReadoutProgress} after about every millisecond of
 * estimated work (never inside a kernel call of more than 16 features × 1 024 columns × the
 * inputs), and returns the range's {@link RangeTotals}. Stopping early is not calling next() again.
 */
export function* readFeatureRange(
  params: LargeReadoutParams,
  range: FeatureRange,
  kernel: ReadoutKernel,
): Generator<ReadoutProgress, RangeTotals, void> {
  const { n, m, l, seed, trials, threshold } = params;
  if (!isFeatureRange(range, m)) throw new RangeError(`not a range of whole blocks of features within 0 … ${m}: ${range.from} … ${range.to}`);
  kernel.reset(n, trials, seed);
  const cost = estimateRangeCost(params, range, kernel.name);
  const total = cost.inputs + cost.features;
  let done = 0;
  let sinceYield = 0;
  const spend = (work: number): boolean => {
    done += work;
    sinceYield += work;
    return sinceYield >= YIELD_EVERY;
  };
  const progress = (phase: ReadoutPhase): ReadoutProgress => {
    sinceYield = 0;
    return { phase, fraction: total > 0 ? Math.min(1, done / total) : 0 };
  };

  // The inputs, and the readouts of this range that are active (keys f·trials + b, increasing).
  const sets = activeSets(params);
  const paddedN = kernel.chunks * 4;
  const activeKeys: number[] = [];
  for (let b = 0; b < trials; b++) {
    for (const f of sets[b]!) {
      kernel.addFeature(b, f);
      if (f >= range.from && f < range.to) activeKeys.push(f * trials + b);
      if (spend(paddedN * (COST.direction[kernel.name] + COST.add[kernel.name]))) yield progress("inputs");
    }
  }
  const keys = Float64Array.from(activeKeys).sort();
  done = cost.inputs;

  const blocks = Math.ceil((range.to - range.from) / FEATURE_BLOCK);
  const inactiveSquares = new Array<number>(blocks).fill(0);
  const activeSquares = new Array<number>(blocks).fill(0);
  const misreads = new Array<number>(trials).fill(0);
  const worst = new Array<number>(trials).fill(0);
  const thresholdMisreads = new Array<number>(trials).fill(0);
  const top = topReadoutHeaps(trials, Math.min(l, range.to - range.from));
  const active = new Uint8Array(trials);
  const scales = new Float64Array(BLOCK_ROWS);
  const { chunks, ldc } = kernel;
  const blockCost = paddedN * COST.direction[kernel.name];
  const macCost = COST.mac[kernel.name];
  let falseOn = 0;
  let falseOff = 0;
  let thresholdFalseOn = 0;
  let thresholdFalseOff = 0;
  let next = 0; // the next active key
  for (let block = 0; block < blocks; block++) {
    const blockFrom = range.from + block * FEATURE_BLOCK;
    const blockTo = Math.min(range.to, blockFrom + FEATURE_BLOCK);
    let inactiveSum = 0;
    let activeSum = 0;
    for (let f0 = blockFrom; f0 < blockTo; f0 += BLOCK_ROWS) {
      const rows = Math.min(BLOCK_ROWS, blockTo - f0);
      const norms = kernel.generate(f0, rows);
      for (let i = 0; i < rows; i++) scales[i] = 1 / Math.sqrt(norms[i]!);
      spend(rows * blockCost);
      for (let c0 = 0; c0 < chunks; c0 += SLICE_CHUNKS) {
        const nc = Math.min(SLICE_CHUNKS, chunks - c0);
        kernel.dots(rows, c0, nc, c0 > 0);
        if (spend(rows * trials * 4 * nc * macCost) && c0 + nc < chunks) yield progress("features");
      }
      const tile = kernel.tile();
      for (let i = 0; i < rows; i++) {
        const f = f0 + i;
        const scale = scales[i]!;
        const end = (f + 1) * trials;
        while (next < keys.length && keys[next]! < end) active[keys[next++]! - f * trials] = 1;
        const at = i * ldc;
        for (let b = 0; b < trials; b++) {
          const r = tile[at + b]! * scale;
          const isActive = active[b] === 1;
          let size: number;
          if (isActive) {
            active[b] = 0;
            const noise = r - 1;
            activeSum += noise * noise;
            size = Math.abs(noise);
            if (!(r > 0.5)) {
              falseOff++;
              misreads[b]!++;
            }
            if (!(r > threshold)) {
              thresholdFalseOff++;
              thresholdMisreads[b]!++;
            }
          } else {
            inactiveSum += r * r;
            size = Math.abs(r);
            if (!(r < 0.5)) {
              falseOn++;
              misreads[b]!++;
            }
            if (!(r < threshold)) {
              thresholdFalseOn++;
              thresholdMisreads[b]!++;
            }
          }
          if (size > worst[b]!) worst[b] = size;
          top.offer(b, r, f, isActive);
        }
      }
      if (spend(rows * trials * COST.readoutReduce)) yield progress("features");
    }
    inactiveSquares[block] = inactiveSum;
    activeSquares[block] = activeSum;
  }
  return {
    range,
    kernel: kernel.name,
    inactiveSquares,
    activeSquares,
    falseOn,
    falseOff,
    misreads,
    worst,
    thresholdFalseOn,
    thresholdFalseOff,
    thresholdMisreads,
    top: top.finish(),
  };
}

/**
 * Runs a large readout job to the end, synchronously, cut into `parts` ranges run one after the
 * other (the same result whatever `parts`): for tests, benchmarks and scripts; a page runs the
 * ranges in Web Workers (run.ts, readout-worker.ts). Domain: any input; an invalid or oversized
 * one gives the {@link SimulationError} from `validateLargeReadout`, never an exception.
 */
export function simulateLargeReadoutSync(
  input: Partial<Record<keyof LargeReadoutInput, unknown>>,
  options: { readonly parts?: number; readonly kernel?: KernelChoice } = {},
): { ok: true; result: LargeReadoutResult } | { ok: false; error: SimulationError } {
  const checked = validateLargeReadout(input);
  if (!checked.ok) return checked;
  const { params } = checked;
  const parts = splitFeatures(params.m, options.parts ?? 1).map((range) =>
    runToEnd(readFeatureRange(params, range, createReadoutKernel(options.kernel ?? "auto"))),
  );
  return { ok: true, result: combineRanges(params, parts) };
}

// ---- Combining the parts ----
// Putting the parts of a large readout (large-readout.ts) together into one result: sums of
// squares block by block in feature order, counts exactly, maxima as maxima, each input's largest
// readouts merged in feature order (top-readouts.ts), so the result is the same number for number
// however the job was split across workers.
//
// Each misread count comes as a mean per input with its standard error, sd/√trials (sd the sample
// standard deviation over the inputs): the error of the mean over inputs drawn for this run's
// directions. Inputs are independent given the directions; a fresh draw of the directions adds a
// spread of its own, small when m is large (every readout averages over many directions).

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
