/**
 * Reading a real dictionary the way the post reads features: for an L0 value l, `tokens` seeded
 * random active sets of l live latents (uniform, each at value 1), x = Σ_{i active} d_i (unit
 * vectors), every live latent read as r_j = d_j · x, and per token:
 *
 *   misreads-threshold  latents read wrong against ½: active with r ≤ ½ (false off) plus inactive
 *                       with r ≥ ½ (false on) (a readout of exactly ½ counts as wrong, as in
 *                       src/features/simulation/engine/large-readout.ts);
 *   misreads-topk       the l largest readouts taken as on (ties to the smaller latent): false on
 *                       plus false off, i.e. 2 × (l − active latents among the top l).
 *
 * The tokens' inputs x are added in float32 in increasing latent order (as the kernel's add_rows
 * does), and the readouts are the kernel's dot products, so exact mode (all latents in memory, the
 * inputs in the kernel's batch) and sampled mode (inputs made while streaming, latents streamed
 * from the file) give the same numbers bit for bit.
 *
 * Splitting the work: a part is a range of tokens against a range of live latents; per token it
 * keeps its threshold misreads and its own top l (value, latent, active). `combineReadoutParts` adds
 * the counts and selects each token's top l from the parts' candidates by (value desc, latent asc):
 * the same result for any split.
 */
import { SLICE_CHUNKS, TILE, type DotKernel } from "../../../compute/kernels/kernel.ts";
import { createRandom, distinctSubsets } from "../../../math/random.ts";
import type { KernelChoice } from "../../../compute/kernels/kernel.ts";
import { createKernel } from "../../../compute/kernels/kernel.ts";
import { DictionaryFileError } from "./errors.ts";
import { latentBlocks, latentsPerBlock, unitRow, type LatentReader } from "./latent-rows.ts";
import type { PhaseProgress } from "./pairs.ts";

/** xoshiro128** stream of a seed for the dictionary's readout tokens. */
export const DICTIONARY_READOUT_STREAM = 11;

/** Default number of tokens: at least 1 000, as the page promises. */
export const DEFAULT_TOKENS = 1000;

/**
 * Each token's active latents (live numbering 0 … live − 1), sorted increasingly: l distinct of
 * `live`, uniformly, by Floyd's algorithm (`distinctSubsets`) from the seed's stream
 * DICTIONARY_READOUT_STREAM, tokens in order.
 * Domain: live ≥ 1, 1 ≤ l ≤ live, tokens ≥ 1, seed a safe integer ≥ 0; otherwise a
 * {@link DictionaryFileError} "request" naming the value.
 */
export function activeSets(live: number, l: number, tokens: number, seed: number): Int32Array[] {
  if (!(Number.isInteger(l) && l >= 1 && l <= live))
    throw new DictionaryFileError("request", `L0 must be a whole number 1 … ${live} (the live latents), got ${l}`);
  if (!(Number.isInteger(tokens) && tokens >= 1)) throw new DictionaryFileError("request", `tokens must be a whole number ≥ 1, got ${tokens}`);
  if (!(Number.isSafeInteger(seed) && seed >= 0)) throw new DictionaryFileError("request", `the seed must be a whole number ≥ 0, got ${seed}`);
  return distinctSubsets(createRandom(seed, DICTIONARY_READOUT_STREAM), live, l, tokens);
}

/** What one part of the readouts measured (plain data). */
export interface ReadoutPart {
  readonly l: number;
  readonly tokenFrom: number;
  readonly tokenTo: number;
  /** The live latents read (live numbering). */
  readonly latentFrom: number;
  readonly latentTo: number;
  /** Per token of the part: latents of the range read wrong against ½. */
  readonly threshold: Int32Array;
  /** Per token, l entries: the range's l largest readouts (value, latent, active), −Infinity / −1 / 0 beyond. */
  readonly topValues: Float32Array;
  readonly topLatents: Int32Array;
  readonly topActive: Uint8Array;
}

/**
 * Per-token tallies of one part: threshold misreads and a min-heap of the top l readouts, ordered
 * by (value, −latent) so that the root is the entry to evict (smallest value, largest latent).
 */
class TokenTallies {
  readonly threshold: Int32Array;
  readonly values: Float32Array;
  readonly latents: Int32Array;
  readonly active: Uint8Array;
  readonly sizes: Int32Array;
  /** Per token: the value a readout must exceed to enter its top l (−Infinity until it is full). */
  readonly floor: Float64Array;

  readonly tokens: number;
  readonly l: number;

  constructor(tokens: number, l: number) {
    this.tokens = tokens;
    this.l = l;
    this.threshold = new Int32Array(tokens);
    this.values = new Float32Array(tokens * l).fill(-Infinity);
    this.latents = new Int32Array(tokens * l).fill(-1);
    this.active = new Uint8Array(tokens * l);
    this.sizes = new Int32Array(tokens);
    this.floor = new Float64Array(tokens).fill(-Infinity);
  }

  /** Whether heap entry a should sit above b (a is evicted first). */
  private before(a: number, b: number): boolean {
    const va = this.values[a]!;
    const vb = this.values[b]!;
    return va < vb || (va === vb && this.latents[a]! > this.latents[b]!);
  }

  private swap(a: number, b: number): void {
    const v = this.values[a]!;
    this.values[a] = this.values[b]!;
    this.values[b] = v;
    const lat = this.latents[a]!;
    this.latents[a] = this.latents[b]!;
    this.latents[b] = lat;
    const act = this.active[a]!;
    this.active[a] = this.active[b]!;
    this.active[b] = act;
  }

  /**
   * Offers readout r of `latent` to token t's top l. Latents arrive in increasing order per token,
   * so a later readout equal to the floor ranks below it and is not taken.
   */
  offer(t: number, r: number, latent: number, isActive: number): void {
    const base = t * this.l;
    let size = this.sizes[t]!;
    if (size < this.l) {
      let at = base + size;
      this.values[at] = r;
      this.latents[at] = latent;
      this.active[at] = isActive;
      this.sizes[t] = ++size;
      while (at > base) {
        const parent = base + ((at - base - 1) >> 1);
        if (!this.before(at, parent)) break;
        this.swap(at, parent);
        at = parent;
      }
      if (size === this.l) this.floor[t] = this.values[base]!;
      return;
    }
    this.values[base] = r;
    this.latents[base] = latent;
    this.active[base] = isActive;
    let at = base;
    for (;;) {
      const left = base + 2 * (at - base) + 1;
      if (left >= base + size) break;
      const right = left + 1;
      const child = right < base + size && this.before(right, left) ? right : left;
      if (!this.before(child, at)) break;
      this.swap(child, at);
      at = child;
    }
    this.floor[t] = this.values[base]!;
  }
}

/**
 * Tallies a tile of readouts: rows = latents (live numbers latent0 + i, i < rows), columns = tokens
 * (token0 + b, b < cols, tally index tally0 + b); `activeMask[i·cols… ]` via `isActive(i, b)`.
 */
function tallyTile(
  tile: Float32Array,
  rows: number,
  cols: number,
  latent0: number,
  tally0: number,
  tallies: TokenTallies,
  mask: Uint8Array,
  maskStride: number,
  maskRow0: number,
  maskCol0: number,
): void {
  const threshold = tallies.threshold;
  const floor = tallies.floor;
  for (let i = 0; i < rows; i++) {
    const at = i * TILE;
    const maskAt = (maskRow0 + i) * maskStride + maskCol0;
    for (let b = 0; b < cols; b++) {
      const r = tile[at + b]!;
      const isActive = mask[maskAt + b]!;
      if (isActive === 1 ? !(r > 0.5) : !(r < 0.5)) threshold[tally0 + b]!++;
      if (r > floor[tally0 + b]!) tallies.offer(tally0 + b, r, latent0 + i, isActive);
    }
  }
}

function partOf(tallies: TokenTallies, tokenFrom: number, latentFrom: number, latentTo: number): ReadoutPart {
  return {
    l: tallies.l,
    tokenFrom,
    tokenTo: tokenFrom + tallies.tokens,
    latentFrom,
    latentTo,
    threshold: tallies.threshold,
    topValues: tallies.values,
    topLatents: tallies.latents,
    topActive: tallies.active,
  };
}

/**
 * Exact mode: the readouts of tokens tokenFrom … tokenTo − 1 (of `sets`) against all `count` live
 * latents held at kernel rows 0 … count − 1 (live numbering = row). Each batch of up to
 * kernel.batchRows tokens is built in the kernel's batch (add_rows, increasing latent order) and read
 * by every latent tile. Yields "readouts" progress after every tile; returns the {@link ReadoutPart}.
 * Domain: sets from {@link activeSets} with live = count; 0 ≤ tokenFrom < tokenTo ≤ sets.length.
 */
export function* readoutsInMemory(
  kernel: DotKernel,
  count: number,
  sets: readonly Int32Array[],
  tokenFrom: number,
  tokenTo: number,
): Generator<PhaseProgress, ReadoutPart, void> {
  const l = sets[0]?.length ?? 0;
  if (!(tokenFrom >= 0 && tokenFrom < tokenTo && tokenTo <= sets.length && l >= 1 && l <= count)) {
    throw new DictionaryFileError("request", `readouts need tokens 0 ≤ from < to ≤ ${sets.length} and 1 ≤ L0 ≤ ${count}`);
  }
  const tallies = new TokenTallies(tokenTo - tokenFrom, l);
  const batch = kernel.batchRows;
  const padded = Math.ceil(count / 4) * 4;
  const mask = new Uint8Array(padded * batch);
  const chunks = kernel.chunks;
  const tilesPerBatch = Math.ceil(padded / TILE);
  const totalTiles = Math.ceil((tokenTo - tokenFrom) / batch) * tilesPerBatch;
  let tilesDone = 0;
  for (let t0 = tokenFrom; t0 < tokenTo; t0 += batch) {
    const bt = Math.min(batch, tokenTo - t0);
    const nj = bt + (bt & 1);
    kernel.clearBatch();
    mask.fill(0);
    for (let b = 0; b < bt; b++) {
      const set = sets[t0 + b]!;
      kernel.addRows(b, set, set.length);
      for (const latent of set) mask[latent * batch + b] = 1;
    }
    for (let i0 = 0; i0 < padded; i0 += TILE) {
      const ni = Math.min(TILE, padded - i0);
      for (let c0 = 0; c0 < chunks; c0 += SLICE_CHUNKS) kernel.dots(i0, ni, "batch", 0, nj, c0, Math.min(SLICE_CHUNKS, chunks - c0), c0 > 0);
      tallyTile(kernel.tile(), Math.min(ni, count - i0), bt, i0, t0 - tokenFrom, tallies, mask, batch, i0, 0);
      yield { phase: "readouts", fraction: ++tilesDone / totalTiles };
    }
  }
  return partOf(tallies, tokenFrom, 0, count);
}

/**
 * The latent (file index) of each live number in `live` (sorted increasingly), given the dictionary's
 * dead latents (sorted): the live latents are the file's latents with the dead ones skipped.
 */
export function liveToFile(live: Int32Array, dead: Int32Array): Int32Array {
  const out = new Int32Array(live.length);
  let skipped = 0;
  for (let i = 0; i < live.length; i++) {
    let file = live[i]! + skipped;
    while (skipped < dead.length && dead[skipped]! <= file) file = live[i]! + ++skipped;
    out[i] = file;
  }
  return out;
}

/**
 * Sampled mode, step 1: every token's input x = Σ d_i over its active set, read from the file
 * (`dead` = the dictionary's dead latents, sorted, to map live numbers to the file), added in
 * float32 in increasing latent order exactly as the kernel's add_rows adds them. Returns tokens × n
 * float32 (token-major). Reads the active latents once, in order; yields "reading" progress.
 */
export async function* readoutInputs(
  reader: LatentReader,
  sets: readonly Int32Array[],
  dead: Int32Array,
): AsyncGenerator<PhaseProgress, Float32Array, void> {
  const { n } = reader;
  // For every live latent used, the tokens that use it (tokens increasing): one pass over the file.
  const users = new Map<number, number[]>();
  sets.forEach((set, t) => {
    for (const latent of set) {
      const list = users.get(latent);
      if (list === undefined) users.set(latent, [t]);
      else list.push(t);
    }
  });
  const live = Int32Array.from(users.keys()).sort();
  const file = liveToFile(live, dead);
  const inputs = new Float32Array(sets.length * n);
  const unit = new Float32Array(n);
  let done = 0;
  let next = 0;
  for await (const block of latentBlocks(reader, undefined, file)) {
    for (const latent of block.wanted) {
      if (!unitRow(block.values, latent - block.from, n, unit, 0)) {
        throw new DictionaryFileError("request", `latent ${latent} was counted live but reads as dead: the file changed while it was being measured`);
      }
      for (const t of users.get(live[next]!)!) {
        const at = t * n;
        for (let k = 0; k < n; k++) inputs[at + k] = inputs[at + k]! + unit[k]!;
      }
      next++;
    }
    done += block.wanted.length;
    yield { phase: "reading", fraction: done / file.length };
  }
  return inputs;
}

/**
 * Sampled mode, step 2: all tokens' inputs (from {@link readoutInputs}) read by the live latents in
 * the file range `range` (file indices), streamed block by block (`dead` as above). Returns the part
 * for live numbers latentFrom … latentTo − 1 of that range. Yields "readouts" progress per block.
 */
export async function* readoutsStreamed(
  reader: LatentReader,
  inputs: Float32Array,
  sets: readonly Int32Array[],
  dead: Int32Array,
  range: { readonly from: number; readonly to: number },
  choice: KernelChoice = "auto",
): AsyncGenerator<PhaseProgress, ReadoutPart, void> {
  const { n } = reader;
  const tokens = sets.length;
  const l = sets[0]?.length ?? 0;
  if (inputs.length !== tokens * n || l < 1) throw new DictionaryFileError("request", "the readout inputs do not match the tokens");
  const tokenRows = Math.ceil(tokens / 4) * 4;
  const region = latentsPerBlock(reader);
  const regionRows = Math.ceil(region / 4) * 4 + 4;
  const kernel = createKernel(choice);
  kernel.reset(tokenRows + regionRows, n);
  for (let t = 0; t < tokens; t++) kernel.setRow(t, inputs.subarray(t * n, (t + 1) * n));
  // Live number of the range's first latent: the file index minus the dead latents before it.
  let deadBefore = 0;
  while (deadBefore < dead.length && dead[deadBefore]! < range.from) deadBefore++;
  const latentFrom = range.from - deadBefore;
  const tallies = new TokenTallies(tokens, l);
  const unit = new Float32Array(n);
  const chunks = kernel.chunks;
  const tokenPadded = tokens + (tokens & 1);
  const mask = new Uint8Array(regionRows * tokenPadded);
  let liveNext = latentFrom;
  let deadAt = deadBefore;
  for await (const { from, to, values } of latentBlocks(reader, range)) {
    // The block's live latents go to kernel rows tokenRows + 0, 1, …, in order.
    const blockLive = liveNext;
    let rows = 0;
    for (let r = 0; r < to - from; r++) {
      if (deadAt < dead.length && dead[deadAt] === from + r) {
        deadAt++;
        continue;
      }
      if (!unitRow(values, r, n, unit, 0)) {
        throw new DictionaryFileError(
          "request",
          `latent ${from + r} reads as dead but was not counted dead: the file changed while it was being measured`,
        );
      }
      kernel.setRow(tokenRows + rows++, unit);
    }
    liveNext += rows;
    if (rows === 0) continue;
    mask.fill(0, 0, Math.ceil(rows / 4) * 4 * tokenPadded);
    sets.forEach((set, t) => {
      for (const latent of set) if (latent >= blockLive && latent < liveNext) mask[(latent - blockLive) * tokenPadded + t] = 1;
    });
    const paddedRows = Math.ceil(rows / 4) * 4;
    for (let r = rows; r < paddedRows; r++) kernel.setRow(tokenRows + r, new Float32Array(n));
    for (let i0 = 0; i0 < paddedRows; i0 += TILE) {
      const ni = Math.min(TILE, paddedRows - i0);
      for (let j0 = 0; j0 < tokenPadded; j0 += TILE) {
        const nj = Math.min(TILE, tokenPadded - j0);
        for (let c0 = 0; c0 < chunks; c0 += SLICE_CHUNKS) {
          kernel.dots(tokenRows + i0, ni, "features", j0, nj, c0, Math.min(SLICE_CHUNKS, chunks - c0), c0 > 0);
        }
        tallyTile(kernel.tile(), Math.min(ni, rows - i0), Math.min(nj, tokens - j0), blockLive + i0, j0, tallies, mask, tokenPadded, i0, j0);
      }
    }
    yield { phase: "readouts", fraction: (to - range.from) / (range.to - range.from) };
  }
  return partOf(tallies, 0, latentFrom, liveNext);
}

/** The readouts of a dictionary at one L0: per-token misreads, their means and standard errors. */
export interface ReadoutSummary {
  readonly l: number;
  readonly tokens: number;
  /** Mean misreads per token against ½, and its standard error s/√tokens (s the sample sd). */
  readonly misreadsThreshold: number;
  readonly misreadsThresholdSe: number;
  /** Mean misreads per token with the top l taken as on, and its standard error. */
  readonly misreadsTopk: number;
  readonly misreadsTopkSe: number;
  /** Per token, for export and tests. */
  readonly perTokenThreshold: Int32Array;
  readonly perTokenTopk: Int32Array;
}

function meanAndSe(values: Int32Array): [number, number] {
  const count = values.length;
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / count;
  if (count < 2) return [mean, 0];
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  return [mean, Math.sqrt(squares / (count - 1) / count)];
}

/**
 * Puts parts together for `tokens` tokens over `live` latents: for each token, the parts holding it
 * must cover live numbers 0 … live − 1 exactly once; otherwise a {@link DictionaryFileError}
 * "request". Threshold misreads add up; the top l is chosen from the parts' candidates by
 * (value desc, latent asc). Independent of the split.
 */
export function combineReadoutParts(parts: readonly ReadoutPart[], tokens: number, live: number): ReadoutSummary {
  const l = parts[0]?.l;
  if (l === undefined) throw new DictionaryFileError("request", "no readout parts to combine");
  const perTokenThreshold = new Int32Array(tokens);
  const perTokenTopk = new Int32Array(tokens);
  const covered = new Float64Array(tokens);
  for (const part of parts) {
    if (part.l !== l) throw new DictionaryFileError("request", "the readout parts were measured at different L0");
    for (let t = part.tokenFrom; t < part.tokenTo; t++) {
      perTokenThreshold[t]! += part.threshold[t - part.tokenFrom]!;
      covered[t]! += part.latentTo - part.latentFrom;
    }
  }
  for (let t = 0; t < tokens; t++) {
    if (covered[t] !== live)
      throw new DictionaryFileError("request", `the readout parts cover ${covered[t]} latents for token ${t}, expected ${live}`);
  }
  const candidates: { value: number; latent: number; active: number }[] = [];
  for (let t = 0; t < tokens; t++) {
    candidates.length = 0;
    for (const part of parts) {
      if (t < part.tokenFrom || t >= part.tokenTo) continue;
      const base = (t - part.tokenFrom) * l;
      for (let e = 0; e < l; e++) {
        if (part.topLatents[base + e]! >= 0)
          candidates.push({ value: part.topValues[base + e]!, latent: part.topLatents[base + e]!, active: part.topActive[base + e]! });
      }
    }
    candidates.sort((a, b) => b.value - a.value || a.latent - b.latent);
    let activeOn = 0;
    for (let e = 0; e < l; e++) activeOn += candidates[e]!.active;
    perTokenTopk[t] = 2 * (l - activeOn);
  }
  const [misreadsThreshold, misreadsThresholdSe] = meanAndSe(perTokenThreshold);
  const [misreadsTopk, misreadsTopkSe] = meanAndSe(perTokenTopk);
  return { l, tokens, misreadsThreshold, misreadsThresholdSe, misreadsTopk, misreadsTopkSe, perTokenThreshold, perTokenTopk };
}
