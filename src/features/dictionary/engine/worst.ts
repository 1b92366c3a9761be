/**
 * Sampled mode's worst overlaps: each latent of a seeded sample against every latent of the
 * dictionary, the dictionary streamed from the file in blocks, so only the sample and one block are
 * in memory. The same pass counts the dead latents exactly (it reads every latent).
 *
 * Splitting the work: the latents are cut into ranges of whole blocks of RANGE_BLOCK
 * (`splitLatents`), one per Web Worker, each holding the whole sample. `combineWorstParts` takes
 * maxima (a tie going to the smaller partner) and adds integer counts, so the result does not depend
 * on the number of parts.
 */
import { SLICE_CHUNKS, TILE } from "../../../compute/kernels/kernel.ts";
import type { KernelChoice } from "../../../compute/kernels/kernel.ts";
import { DictionaryFileError } from "./errors.ts";
import { latentBlocks, latentsPerBlock, unitRow, type LatentReader } from "./latent-rows.ts";
import { loadLatents } from "./load.ts";
import type { PhaseProgress } from "./pairs.ts";

/** Latents per unit of a split: ranges are whole multiples of 4 096 (the last may be short). */
export const RANGE_BLOCK = 4096;

/** A contiguous range of latents (file indices), from ≤ i < to. */
export interface LatentRange {
  readonly from: number;
  readonly to: number;
}

/**
 * m latents cut into at most `parts` contiguous ranges of whole RANGE_BLOCKs, as even as whole
 * blocks allow, in order. Domain: m, parts integers ≥ 1; otherwise a {@link DictionaryFileError}.
 */
export function splitLatents(m: number, parts: number): LatentRange[] {
  if (!(Number.isInteger(m) && m >= 1 && Number.isInteger(parts) && parts >= 1)) {
    throw new DictionaryFileError("request", `splitting needs m and parts integers ≥ 1, got ${m} and ${parts}`);
  }
  const blocks = Math.ceil(m / RANGE_BLOCK);
  const k = Math.min(parts, blocks);
  return Array.from({ length: k }, (_, i) => ({
    from: Math.floor((i * blocks) / k) * RANGE_BLOCK,
    to: Math.min(m, Math.floor(((i + 1) * blocks) / k) * RANGE_BLOCK),
  }));
}

/** What one range measured against the sample. */
export interface WorstPart {
  readonly range: LatentRange;
  /** The sample's live latents (file indices, increasing): the order of `worst` and `partner`. */
  readonly sample: Int32Array;
  /** Per sample latent: its largest |cos| with a live latent of the range other than itself (0 if none). */
  readonly worst: Float32Array;
  /** Per sample latent: that latent (−1 if none). */
  readonly partner: Int32Array;
  /** The dead latents of the range, increasing. */
  readonly dead: Int32Array;
}

/**
 * Reads `sample` (file indices, sorted) into a kernel, then streams the latents of `range` block by
 * block against it (see the module header). Yields progress ("reading" while loading the sample,
 * then "worst"), returns the range's {@link WorstPart}. Domain: a sample with at least one live latent;
 * otherwise a {@link DictionaryFileError} "request".
 */
export async function* measureWorstRange(
  reader: LatentReader,
  sample: Int32Array,
  range: LatentRange,
  choice: KernelChoice = "auto",
): AsyncGenerator<PhaseProgress, WorstPart, void> {
  const block = latentsPerBlock(reader);
  const regionRows = Math.ceil(block / 4) * 4 + 4;
  const loaded = yield* loadLatents(reader, sample, choice, regionRows + 4);
  const { kernel, count, latents } = loaded;
  if (count === 0) throw new DictionaryFileError("request", "every latent of the sample is dead: no worst overlaps to measure");
  const region = Math.ceil(sample.length / 4) * 4;
  const padded = Math.ceil(count / 4) * 4;
  const worst = new Float32Array(count);
  const partner = new Int32Array(count).fill(-1);
  const dead: number[] = [];
  const unit = new Float32Array(reader.n);
  const zero = new Float32Array(reader.n);
  const live = new Uint8Array(regionRows);
  const chunks = kernel.chunks;
  const total = range.to - range.from;
  for await (const { from, to, values } of latentBlocks(reader, range)) {
    const width = to - from;
    for (let r = 0; r < width; r++) {
      live[r] = unitRow(values, r, reader.n, unit, 0) ? 1 : 0;
      kernel.setRow(region + r, live[r] === 1 ? unit : zero);
      if (live[r] === 0) dead.push(from + r);
    }
    const widthPadded = width + (width & 1);
    if (widthPadded > width) kernel.setRow(region + width, zero);
    for (let i0 = 0; i0 < padded; i0 += TILE) {
      const ni = Math.min(TILE, padded - i0);
      const rows = Math.min(ni, count - i0);
      for (let j0 = 0; j0 < widthPadded; j0 += TILE) {
        const nj = Math.min(TILE, widthPadded - j0);
        for (let c0 = 0; c0 < chunks; c0 += SLICE_CHUNKS) {
          kernel.dots(i0, ni, "features", region + j0, nj, c0, Math.min(SLICE_CHUNKS, chunks - c0), c0 > 0);
        }
        const tile = kernel.tile();
        const cols = Math.min(nj, width - j0);
        for (let i = 0; i < rows; i++) {
          const self = latents[i0 + i]!;
          const at = i * TILE;
          let best = worst[i0 + i]!;
          let bestPartner = partner[i0 + i]!;
          for (let j = 0; j < cols; j++) {
            const other = from + j0 + j;
            if (live[j0 + j] === 0 || other === self) continue;
            const a = Math.abs(tile[at + j]!);
            if (a > best || (a === best && (bestPartner < 0 || other < bestPartner))) {
              best = a;
              bestPartner = other;
            }
          }
          worst[i0 + i] = best;
          partner[i0 + i] = bestPartner;
        }
      }
      yield { phase: "worst", fraction: (to - range.from - width + ((i0 + ni) / padded) * width) / total };
    }
  }
  return { range, sample: latents, worst, partner, dead: Int32Array.from(dead) };
}

/** The worst overlaps of the sample against all latents, and the dictionary's dead latents. */
export interface WorstTotals {
  readonly sample: Int32Array;
  readonly worst: Float32Array;
  readonly partner: Int32Array;
  readonly dead: Int32Array;
}

/**
 * Puts the parts of every range together: the ranges must tile 0 … m − 1 and the parts share one
 * sample; otherwise a {@link DictionaryFileError} "request". Maxima per sample latent (ties to the
 * smaller partner), dead latents concatenated in order: independent of the split.
 */
export function combineWorstParts(parts: readonly WorstPart[], m: number): WorstTotals {
  const ordered = [...parts].sort((a, b) => a.range.from - b.range.from);
  let end = 0;
  for (const part of ordered) {
    if (part.range.from !== end)
      throw new DictionaryFileError("request", `the worst-overlap parts do not tile the latents: one starts at ${part.range.from}, expected ${end}`);
    if (part.sample.length !== ordered[0]!.sample.length)
      throw new DictionaryFileError("request", "the worst-overlap parts were measured against different samples");
    end = part.range.to;
  }
  if (end !== m || ordered.length === 0) throw new DictionaryFileError("request", `the worst-overlap parts end at latent ${end}, expected ${m}`);
  const sample = ordered[0]!.sample;
  const worst = new Float32Array(sample.length);
  const partner = new Int32Array(sample.length).fill(-1);
  for (const part of ordered) {
    for (let i = 0; i < sample.length; i++) {
      const a = part.worst[i]!;
      const p = part.partner[i]!;
      if (p >= 0 && (a > worst[i]! || partner[i]! < 0 || (a === worst[i]! && p < partner[i]!))) {
        worst[i] = a;
        partner[i] = p;
      }
    }
  }
  const dead = new Int32Array(ordered.reduce((sum, part) => sum + part.dead.length, 0));
  let at = 0;
  for (const part of ordered) {
    dead.set(part.dead, at);
    at += part.dead.length;
  }
  return { sample, worst, partner, dead };
}
