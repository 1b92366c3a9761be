/**
 * Measuring a dictionary on a pool of workers (src/compute/jobs/pool.ts): the sequence of worker
 * jobs worker-tasks.ts describes, each step's jobs run side by side, their parts combined in the
 * fixed order that makes the numbers the same whatever the number of workers. The page runs it on
 * its Web Workers, the bench on worker threads, the tests on in-process stand-ins: one sequence.
 *
 *   exact mode    every holder loads every live latent (each holds its own copy), the pairs'
 *                 tile rows are dealt out among them; readouts split the tokens among them, from
 *                 what they hold (nothing is read again when L0 changes);
 *   sampled mode  the latents cut into ranges, each streamed against the worst-overlap sample by
 *                 one worker; the pair subset loaded by the holders, its pairs dealt out, then let go;
 *                 readouts: one worker adds up the tokens' inputs, then every worker streams a
 *                 range of latents against them.
 *
 * Holders: as many workers as the pool has, but no more than POOL_MEMORY_BYTES of float32 latents
 * in all, since each holds its own copy.
 *
 * Each step's parts are combined in a task of their own (nextTask), not in the one that delivered
 * the last part: on a page, that task also carries the message, and together they held up input.
 */
import { nextTask } from "../../../compute/jobs/drive.ts";
import type { JobPool } from "../../../compute/jobs/pool.ts";
import { DictionaryFileError } from "./errors.ts";
import { exactGeometry, sampledGeometry, type DictionaryGeometry } from "./geometry.ts";
import { chooseLatents, chooseMode, DEFAULT_SUBSET, DEFAULT_WORST_SAMPLE, EXACT_LIMITS, SUBSET_STREAM, WORST_SAMPLE_STREAM } from "./measure.ts";
import { combinePairParts, type PhaseProgress } from "./pairs.ts";
import { combineReadoutParts, DEFAULT_TOKENS, type ReadoutSummary } from "./readouts.ts";
import type { LatentAxis } from "./stored-matrix.ts";
import type { DictionaryJob, DictionaryTaskResult, MatrixRef, MatrixSummary } from "./worker-tasks.ts";
import { combineWorstParts, splitLatents } from "./worst.ts";

export type DictionaryPool = JobPool<DictionaryJob>;

/** Bytes of float32 latents the holders may keep in all: 1.25 GB (each holds its own copy). */
export const POOL_MEMORY_BYTES = 1.25e9;

/**
 * How many of a pool's `poolSize` workers hold `rows` latents of n float32 each: as many as
 * POOL_MEMORY_BYTES allows, at least 1 (a dictionary bigger than the bound still gets one holder:
 * exact mode's own limits keep it below 320 MB). Domain: poolSize, rows, n integers ≥ 1.
 */
export function holdersFor(poolSize: number, rows: number, n: number): number {
  return Math.max(1, Math.min(poolSize, Math.floor(POOL_MEMORY_BYTES / (rows * n * 4))));
}

/** A dictionary's size read along an axis: m latents of n numbers (axis 0: rows are latents). Domain: a 2-D shape. */
export function shapeAlong(matrix: Pick<MatrixSummary, "shape">, axis: LatentAxis): { m: number; n: number } {
  const [a, b] = matrix.shape;
  return axis === 0 ? { m: a, n: b } : { m: b, n: a };
}

/** Whether exact mode takes an m × n dictionary (the limits of measure.ts's EXACT_LIMITS). */
export function exactFits(m: number, n: number): boolean {
  return chooseMode(m, n) === "exact";
}

/** The result of task T (one member of the union answers two tasks, so not a plain Extract). */
type ResultOf<T extends DictionaryTaskResult["task"]> = DictionaryTaskResult extends infer R
  ? R extends { readonly task: infer K }
    ? T extends K
      ? R
      : never
    : never
  : never;

function resultsOf<T extends DictionaryTaskResult["task"]>(results: readonly DictionaryTaskResult[], task: T): ResultOf<T>[] {
  for (const result of results) {
    if (result.task !== task) throw new DictionaryFileError("request", `a worker answered a "${task}" job with "${result.task}"`);
  }
  return results as ResultOf<T>[];
}

/**
 * Progress of one step from its jobs' reports: the mean of their fractions (the jobs of a step are
 * about equal), "reading" while any job still reads, else the phase just reported.
 */
function stepProgress(jobs: number, onProgress: ((progress: PhaseProgress) => void) | undefined) {
  const fractions = new Array<number>(jobs).fill(0);
  const phases = new Array<PhaseProgress["phase"] | undefined>(jobs).fill(undefined);
  return (worker: number, progress: PhaseProgress) => {
    fractions[worker] = progress.fraction;
    phases[worker] = progress.phase;
    const fraction = fractions.reduce((sum, f) => sum + f, 0) / jobs;
    onProgress?.({ phase: phases.includes("reading") ? "reading" : progress.phase, fraction });
  };
}

/** A file as `open` describes it: its format and 2-D arrays, and the one to measure by default. */
export type OpenedDictionary = Omit<ResultOf<"open">, "task">;

/** Opens `file` (headers only) on the pool's first worker. Rejects as the pool does (a bad file: JobFailed with the reader's message). */
export async function openOnPool(pool: DictionaryPool, file: Blob, name: string): Promise<OpenedDictionary> {
  const [opened] = resultsOf(await pool.run([{ task: "open", file, name }]), "open");
  return { format: opened!.format, matrices: opened!.matrices, defaultIndex: opened!.defaultIndex };
}

/** A dictionary measured on a pool: its geometry, and what its readouts need. */
export interface PoolMeasurement {
  readonly ref: MatrixRef;
  readonly geometry: DictionaryGeometry;
  /** Every dead latent (file indices, increasing). */
  readonly dead: Int32Array;
  /** Exact mode: workers 0 … holders − 1 each hold every live latent (readouts read them there); 0 in sampled mode. */
  readonly holders: number;
  /** The seed of the subsets and of the readout tokens. */
  readonly seed: number;
}

export interface PoolOptions {
  /** "auto" (default): exact within measure.ts's EXACT_LIMITS, sampled beyond. */
  readonly mode?: "auto" | "exact" | "sampled";
  /** Seed of the subsets and of the readout tokens (default 1). */
  readonly seed?: number;
  /** Sampled mode's pair subset and worst-overlap sample, in latents of the file. */
  readonly subset?: number;
  readonly worstSample?: number;
}

/**
 * The geometry of the array `ref` names, m latents of n numbers, measured on `pool` in the mode
 * `options` ask for (module header); `onProgress` hears each step's progress. Rejects as the pool
 * does, or with a {@link DictionaryFileError}: exact mode asked beyond its limits, fewer than 2
 * live latents (3 in a sampled subset).
 */
export async function measureGeometryOnPool(
  pool: DictionaryPool,
  ref: MatrixRef,
  size: { readonly m: number; readonly n: number },
  options: PoolOptions = {},
  onProgress?: (progress: PhaseProgress) => void,
): Promise<PoolMeasurement> {
  const { m, n } = size;
  const seed = options.seed ?? 1;
  const mode = options.mode === "exact" || options.mode === "sampled" ? options.mode : chooseMode(m, n);
  if (mode === "exact") {
    if (!exactFits(m, n)) {
      throw new DictionaryFileError(
        "request",
        `Exact mode keeps every latent in memory and measures every pair: at most ${EXACT_LIMITS.floats / 1e6} million numbers and ` +
          `${EXACT_LIMITS.multiplyAdds / 1e12} × 10¹² multiply-adds, and ${ref.matrix} (${m} × ${n}) is beyond that: choose sampled or automatic.`,
      );
    }
    const holders = holdersFor(pool.size, m, n);
    const loads = resultsOf(
      await pool.run(
        Array.from({ length: holders }, () => ({ task: "load" as const, ...ref })),
        stepProgress(holders, onProgress),
      ),
      "load",
    );
    const load = loads[0]!;
    if (load.count < 2) {
      throw new DictionaryFileError(
        "request",
        `${ref.matrix} has ${load.count} live latent${load.count === 1 ? "" : "s"}: measuring overlaps needs at least 2.`,
      );
    }
    const parts = resultsOf(
      await pool.run(
        Array.from({ length: holders }, (_, index) => ({ task: "pairs" as const, share: { index, of: holders } })),
        stepProgress(holders, onProgress),
      ),
      "pairs",
    ).map((result) => result.part);
    await nextTask();
    return { ref, geometry: exactGeometry(combinePairParts(parts), load.latents, load.dead, m, n), dead: load.dead, holders, seed };
  }
  const sample = chooseLatents(m, options.worstSample ?? DEFAULT_WORST_SAMPLE, seed, WORST_SAMPLE_STREAM);
  const ranges = splitLatents(m, pool.size);
  const worstParts = resultsOf(
    await pool.run(
      ranges.map((range) => ({ task: "worst" as const, ...ref, sample, range })),
      stepProgress(ranges.length, onProgress),
    ),
    "worst",
  ).map((result) => result.part);
  await nextTask();
  const worst = combineWorstParts(worstParts, m);
  const subset = chooseLatents(m, options.subset ?? DEFAULT_SUBSET, seed, SUBSET_STREAM);
  const holders = holdersFor(pool.size, subset.length, n);
  const loads = resultsOf(
    await pool.run(
      Array.from({ length: holders }, () => ({ task: "load" as const, ...ref, latents: subset })),
      stepProgress(holders, onProgress),
    ),
    "load",
  );
  const load = loads[0]!;
  if (load.count < 3) {
    throw new DictionaryFileError("request", `only ${load.count} latents of the sampled subset are live: sampled mode needs at least 3.`);
  }
  const parts = resultsOf(
    await pool.run(
      Array.from({ length: holders }, (_, index) => ({ task: "pairs" as const, share: { index, of: holders }, rowSums: true })),
      stepProgress(holders, onProgress),
    ),
    "pairs",
  ).map((result) => result.part);
  // The subset has served: its memory (117 MB per holder at 8 192 × 3 584) is the readouts' stream's.
  resultsOf(await pool.run(Array.from({ length: holders }, () => ({ task: "release" as const }))), "release");
  await nextTask();
  return { ref, geometry: sampledGeometry(combinePairParts(parts), load.latents, worst, m, n), dead: worst.dead, holders: 0, seed };
}

/**
 * The readouts at L0 = l over `tokens` seeded tokens (readouts.ts) of a dictionary measured on the
 * same pool: exact mode from what the holders keep, sampled mode streamed from the file (module
 * header). Rejects as the pool does, or with a {@link DictionaryFileError} for an L0 outside
 * 1 … live latents. Domain: `measured` from {@link measureGeometryOnPool} on this pool, with no
 * other load since (the holders' memory is what the readouts read).
 */
export async function readoutsOnPool(
  pool: DictionaryPool,
  measured: PoolMeasurement,
  l: number,
  options: { readonly tokens?: number } = {},
  onProgress?: (progress: PhaseProgress) => void,
): Promise<ReadoutSummary> {
  const tokens = options.tokens ?? DEFAULT_TOKENS;
  const { geometry, holders, ref, dead, seed } = measured;
  if (!(Number.isInteger(l) && l >= 1 && l <= geometry.live)) {
    throw new DictionaryFileError("request", `L0 must be a whole number from 1 to ${geometry.live} (the live latents), got ${l}.`);
  }
  if (holders > 0) {
    const jobs = [];
    for (let w = 0; w < holders; w++) {
      const tokenFrom = Math.floor((w * tokens) / holders);
      const tokenTo = Math.floor(((w + 1) * tokens) / holders);
      if (tokenTo > tokenFrom) jobs.push({ task: "readouts-in-memory" as const, l, tokens, seed, tokenFrom, tokenTo });
    }
    const parts = resultsOf(await pool.run(jobs, stepProgress(jobs.length, onProgress)), "readouts-in-memory").map((result) => result.part);
    await nextTask();
    return combineReadoutParts(parts, tokens, geometry.live);
  }
  const common = { ...ref, l, tokens, seed, live: geometry.live, dead };
  const [made] = resultsOf(await pool.run([{ task: "readout-inputs", ...common }], stepProgress(1, onProgress)), "readout-inputs");
  const ranges = splitLatents(geometry.m, pool.size);
  const parts = resultsOf(
    await pool.run(
      ranges.map((range) => ({ task: "readouts-streamed" as const, ...common, inputs: made!.inputs, range })),
      stepProgress(ranges.length, onProgress),
    ),
    "readouts-streamed",
  ).map((result) => result.part);
  await nextTask();
  return combineReadoutParts(parts, tokens, geometry.live);
}
