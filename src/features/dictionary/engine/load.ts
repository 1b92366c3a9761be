/**
 * Putting a dictionary's live unit vectors into a dot-product kernel, read from the file a block at
 * a time: all latents (exact mode), or a chosen subset (sampled mode). Dead latents (norm 0 or a
 * non-finite entry) are counted and left out; the live ones are stored in increasing latent order
 * at kernel rows 0, 1, 2 …, so the rows after the last live one stay zero.
 */
import { createKernel, type DotKernel, type KernelChoice } from "../../../compute/kernels/kernel.ts";
import { latentBlocks, unitRow, type LatentReader } from "./latent-rows.ts";
import type { PhaseProgress } from "./pairs.ts";

/** The live vectors of a set of latents, loaded into a kernel. */
export interface LoadedLatents {
  readonly kernel: DotKernel;
  /** Live vectors loaded, at kernel rows 0 … count − 1. */
  readonly count: number;
  /** The latent (its index in the file) of each kernel row, increasing. */
  readonly latents: Int32Array;
  /** The latents asked for that are dead, increasing. */
  readonly dead: Int32Array;
}

/**
 * Reads the latents `chosen` (sorted increasingly; all m when undefined) of `reader` into a new
 * kernel of `choice` with room for `extraRows` more rows after them (for readout inputs), yielding
 * the reading progress after each block. Domain: a reader of a validated file; memory for
 * (chosen + extraRows)·n float32 (the kernel throws a RangeError when it cannot have it).
 */
export async function* loadLatents(
  reader: LatentReader,
  chosen?: Int32Array,
  choice: KernelChoice = "auto",
  extraRows = 0,
): AsyncGenerator<PhaseProgress, LoadedLatents, void> {
  const total = chosen?.length ?? reader.m;
  const kernel = createKernel(choice);
  kernel.reset(total + extraRows, reader.n);
  const latents = new Int32Array(total);
  const dead: number[] = [];
  const unit = new Float32Array(reader.n);
  let count = 0;
  let seen = 0;
  for await (const block of latentBlocks(reader, undefined, chosen)) {
    for (const latent of block.wanted) {
      if (unitRow(block.values, latent - block.from, reader.n, unit, 0)) {
        kernel.setRow(count, unit);
        latents[count++] = latent;
      } else dead.push(latent);
    }
    seen += block.wanted.length;
    yield { phase: "reading", fraction: seen / total };
  }
  return { kernel, count, latents: latents.slice(0, count), dead: Int32Array.from(dead) };
}
