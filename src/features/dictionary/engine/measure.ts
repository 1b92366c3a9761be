/**
 * Measuring a dictionary from start to end in one thread: choosing exact or sampled mode, the
 * seeded subsets, and running the parts one after the other — the same parts a page hands to its
 * Web Workers (worker-tasks.ts), so tests can check that any split gives the same numbers. Tests,
 * scripts and a single-worker page use these directly.
 */
import type { KernelChoice } from "../../../compute/kernels/kernel.ts";
import { createRandom, sampleInPlace } from "../../../math/random.ts";
import { DictionaryFileError } from "./errors.ts";
import { exactGeometry, sampledGeometry, type DictionaryGeometry } from "./geometry.ts";
import type { LatentReader } from "./latent-rows.ts";
import { loadLatents, type LoadedLatents } from "./load.ts";
import { combinePairParts, measurePairs, type PairsPart, type PhaseProgress } from "./pairs.ts";
import {
  activeSets,
  combineReadoutParts,
  DEFAULT_TOKENS,
  readoutInputs,
  readoutsInMemory,
  readoutsStreamed,
  type ReadoutPart,
  type ReadoutSummary,
} from "./readouts.ts";
import { combineWorstParts, measureWorstRange, splitLatents, type WorstPart } from "./worst.ts";

/**
 * Exact mode's limits: the live matrix in float32 (each worker holds a copy) at most 80·10⁶ numbers
 * (320 MB: m = 32 768 at n = 2 304 is 75·10⁶), and at most 1.3·10¹² multiply-adds over all pairs
 * (about 30 s on two cores here). Beyond either, "auto" chooses sampled mode.
 */
export const EXACT_LIMITS = { floats: 80e6, multiplyAdds: 1.3e12 } as const;

/** Sampled mode's default sizes: 8 192 latents for the pair subset, 1 024 for the worst overlaps. */
export const DEFAULT_SUBSET = 8192;
export const DEFAULT_WORST_SAMPLE = 1024;

/** xoshiro128** streams of the seed for the pair subset and the worst-overlap sample. */
export const SUBSET_STREAM = 12;
export const WORST_SAMPLE_STREAM = 13;

export interface MeasureOptions {
  /** "auto" (default): exact within EXACT_LIMITS, else sampled. */
  readonly mode?: "auto" | "exact" | "sampled";
  /** Seed of the subsets and the readout tokens (default 1). */
  readonly seed?: number;
  /** Sampled mode's subset and sample sizes (latents of the file; dead ones among them are dropped). */
  readonly subset?: number;
  readonly worstSample?: number;
  readonly kernel?: KernelChoice;
  /** Parts to cut each phase into, run one after the other (default 1): any number gives the same result. */
  readonly parts?: number;
}

/** The mode "auto" picks for an m × n dictionary (see {@link EXACT_LIMITS}). */
export function chooseMode(m: number, n: number): "exact" | "sampled" {
  return m * n <= EXACT_LIMITS.floats && (m * (m - 1) * n) / 2 <= EXACT_LIMITS.multiplyAdds ? "exact" : "sampled";
}

/**
 * `count` distinct latents of 0 … m − 1, uniformly at random from (seed, stream), sorted (a partial
 * Fisher–Yates shuffle, src/compute/random.ts); all of them when count ≥ m.
 * Domain: m ≥ 1, count ≥ 1 integers, seed a safe integer ≥ 0.
 */
export function chooseLatents(m: number, count: number, seed: number, stream: number): Int32Array {
  const pool = new Int32Array(m);
  for (let i = 0; i < m; i++) pool[i] = i;
  if (count >= m) return pool;
  sampleInPlace(createRandom(seed, stream), pool, count);
  return pool.slice(0, count).sort();
}

/** What a measurement keeps so that readouts at a new L0 need no new pass over the geometry. */
export interface MeasuredDictionary {
  readonly geometry: DictionaryGeometry;
  /** Exact mode: every live latent in a kernel (readouts read them from memory). */
  readonly loaded: LoadedLatents | undefined;
  /** Every dead latent (file indices, increasing). */
  readonly dead: Int32Array;
}

function requireParts(parts: number): void {
  if (!(Number.isInteger(parts) && parts >= 1)) throw new DictionaryFileError("request", `parts must be a whole number ≥ 1, got ${parts}`);
}

/**
 * The geometry of the dictionary `reader` reads (geometry.ts), in the mode `options` ask for,
 * every phase cut into `parts` parts run in turn. Yields progress; returns the geometry and what
 * the readouts reuse. Throws a {@link DictionaryFileError} for an unreadable file or fewer than 2
 * live latents (3 in a sampled subset).
 */
export async function* measureGeometry(reader: LatentReader, options: MeasureOptions = {}): AsyncGenerator<PhaseProgress, MeasuredDictionary, void> {
  const { m, n } = reader;
  const parts = options.parts ?? 1;
  requireParts(parts);
  const seed = options.seed ?? 1;
  const mode = options.mode === undefined || options.mode === "auto" ? chooseMode(m, n) : options.mode;
  if (mode === "exact") {
    const loaded = yield* loadLatents(reader, undefined, options.kernel);
    if (loaded.count < 2)
      throw new DictionaryFileError("request", `${reader.matrix.name} has ${loaded.count} live latents: measuring overlaps needs at least 2`);
    const pieces: PairsPart[] = [];
    for (let index = 0; index < parts; index++) pieces.push(yield* measurePairs(loaded.kernel, loaded.count, { index, of: parts }));
    const geometry = exactGeometry(combinePairParts(pieces), loaded.latents, loaded.dead, m, n);
    return { geometry, loaded, dead: loaded.dead };
  }
  const worstSample = chooseLatents(m, options.worstSample ?? DEFAULT_WORST_SAMPLE, seed, WORST_SAMPLE_STREAM);
  const worstParts: WorstPart[] = [];
  for (const range of splitLatents(m, parts)) worstParts.push(yield* measureWorstRange(reader, worstSample, range, options.kernel));
  const worst = combineWorstParts(worstParts, m);
  const subset = yield* loadLatents(reader, chooseLatents(m, options.subset ?? DEFAULT_SUBSET, seed, SUBSET_STREAM), options.kernel);
  if (subset.count < 3)
    throw new DictionaryFileError("request", `only ${subset.count} latents of the subset are live: sampled mode needs at least 3`);
  const pieces: PairsPart[] = [];
  for (let index = 0; index < parts; index++) pieces.push(yield* measurePairs(subset.kernel, subset.count, { index, of: parts }, true));
  const geometry = sampledGeometry(combinePairParts(pieces), subset.latents, worst, m, n);
  return { geometry, loaded: undefined, dead: worst.dead };
}

/**
 * The readouts at L0 = l over `tokens` seeded tokens (readouts.ts), from a measured dictionary: in
 * memory in exact mode (split by tokens), streamed from the file in sampled mode (split by latent
 * ranges), `parts` parts run in turn. Yields progress; returns the {@link ReadoutSummary}. Domain:
 * 1 ≤ l ≤ live latents, tokens ≥ 1; otherwise a {@link DictionaryFileError} "request".
 */
export async function* measureReadouts(
  reader: LatentReader,
  measured: MeasuredDictionary,
  l: number,
  options: MeasureOptions & { readonly tokens?: number } = {},
): AsyncGenerator<PhaseProgress, ReadoutSummary, void> {
  const tokens = options.tokens ?? DEFAULT_TOKENS;
  const parts = options.parts ?? 1;
  requireParts(parts);
  const live = measured.geometry.live;
  const sets = activeSets(live, l, tokens, options.seed ?? 1);
  const pieces: ReadoutPart[] = [];
  if (measured.loaded !== undefined) {
    const { kernel, count } = measured.loaded;
    for (let p = 0; p < parts; p++) {
      const from = Math.floor((p * tokens) / parts);
      const to = Math.floor(((p + 1) * tokens) / parts);
      if (to > from) pieces.push(yield* readoutsInMemory(kernel, count, sets, from, to));
    }
  } else {
    const inputs = yield* readoutInputs(reader, sets, measured.dead);
    for (const range of splitLatents(reader.m, parts))
      pieces.push(yield* readoutsStreamed(reader, inputs, sets, measured.dead, range, options.kernel));
  }
  return combineReadoutParts(pieces, tokens, live);
}
