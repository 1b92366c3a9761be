/**
 * A 2-D array found in a file, described without reading it: where its bytes are, how they are
 * laid out, and which of its axes is the latents (guessed from the name and the shape, and
 * switchable). Every reader (safetensors, npy, npz) produces these; the measurements read them.
 */
import type { ByteSource } from "./byte-source.ts";
import { DTYPE_BYTES, type DType } from "./dtypes.ts";

/** Which axis of a 2-D array indexes the latents (the other is the n neurons). */
export type LatentAxis = 0 | 1;

export interface StoredMatrix {
  /** The array's name in its file: a safetensors key, or an npz member without ".npy". */
  readonly name: string;
  readonly dtype: DType;
  /** The shape the file states, [rows, columns]. */
  readonly shape: readonly [number, number];
  /** The bytes: the source that holds them and the offset of element [0, 0] in it. */
  readonly source: ByteSource;
  readonly offset: number;
  /** "C": row-major (safetensors, npy by default); "F": column-major (npy with fortran_order). */
  readonly order: "C" | "F";
  /** The latent axis the readers suggest (see {@link guessLatentAxis}). */
  readonly latentAxis: LatentAxis;
  /** Why that axis, in words, for the page ("W_dec is [latents, neurons] in SAELens …"). */
  readonly latentAxisReason: string;
  /** True when a published layout names the axis; false when only the sizes suggest it (offer a switch). */
  readonly latentAxisKnown: boolean;
}

/** The file's layout for a name: which axis the known SAE formats put the latents on. */
const KNOWN_AXES: readonly { readonly pattern: RegExp; readonly axis: LatentAxis; readonly why: string }[] = [
  { pattern: /(^|[./])W_dec$/, axis: 0, why: "W_dec is [latents, neurons] in SAELens, sparsify and Gemma Scope" },
  { pattern: /(^|[./])W_enc$/, axis: 1, why: "W_enc is [neurons, latents] in SAELens and Gemma Scope" },
  { pattern: /(^|\.)encoder\.weight$/, axis: 0, why: "encoder.weight is a torch Linear weight, [latents, neurons]" },
  { pattern: /(^|\.)decoder\.weight$/, axis: 1, why: "decoder.weight is a torch Linear weight, [neurons, latents]" },
];

/**
 * The latent axis of a 2-D array named `name` with shape [a, b]: the axis a known layout gives the
 * name, when the shape does not contradict it (the latents are then the longer axis or a square);
 * otherwise the longer axis (SAEs have more latents than neurons), axis 0 for a square.
 */
export function guessLatentAxis(name: string, shape: readonly [number, number]): { axis: LatentAxis; reason: string; known: boolean } {
  const [a, b] = shape;
  for (const known of KNOWN_AXES) {
    if (!known.pattern.test(name)) continue;
    const latents = known.axis === 0 ? a : b;
    const neurons = known.axis === 0 ? b : a;
    if (latents >= neurons) return { axis: known.axis, reason: known.why, known: true };
  }
  if (a === b) return { axis: 0, reason: `the array is square (${a} × ${b}): rows taken as the latents`, known: false };
  const axis: LatentAxis = a > b ? 0 : 1;
  return { axis, reason: `the longer axis (${Math.max(a, b)}) taken as the latents, the shorter (${Math.min(a, b)}) as the neurons`, known: false };
}

/** The dictionary's size read along `axis`: m latents of n components each. */
export function latentShape(matrix: StoredMatrix, axis: LatentAxis = matrix.latentAxis): { m: number; n: number } {
  const [a, b] = matrix.shape;
  return axis === 0 ? { m: a, n: b } : { m: b, n: a };
}

/** Bytes of the whole array. */
export function matrixBytes(matrix: StoredMatrix): number {
  return matrix.shape[0] * matrix.shape[1] * DTYPE_BYTES[matrix.dtype];
}

/**
 * Whether each latent's n numbers lie next to each other in the file: row-major with latents on
 * axis 0, or column-major with latents on axis 1. Otherwise latent i's components are m elements
 * apart (element (i, k) at k·m + i) and a block of latents is read as n segments.
 */
export function latentsContiguous(matrix: StoredMatrix, axis: LatentAxis): boolean {
  return (matrix.order === "C") === (axis === 0);
}
