/**
 * Reading a `.safetensors` file's table of contents (SAELens `sae_weights.safetensors`, EleutherAI
 * sparsify `sae.safetensors`), by its published layout:
 *
 *   bytes 0 … 7        N, the header's length, an unsigned 64-bit little-endian integer
 *   bytes 8 … 8 + N    the header: UTF-8 JSON, {name: {dtype, shape, data_offsets: [begin, end]},
 *                      "__metadata__": {…}}
 *   bytes 8 + N …      the tensors' raw little-endian bytes, row-major; data_offsets are relative
 *                      to the end of the header
 *
 * Only the header is read here (8 + N bytes); the tensors stay in the file until measured.
 */
import { readExactly, type ByteSource } from "./byte-source.ts";
import { DTYPE_BYTES, type DType } from "./dtypes.ts";
import { DictionaryFileError, describeBytes } from "./errors.ts";
import { guessLatentAxis, type StoredMatrix } from "./stored-matrix.ts";

/** The format's own cap on the header (safetensors refuses headers over 100 MB). */
export const MAX_SAFETENSORS_HEADER = 100_000_000;

const DTYPES: ReadonlySet<string> = new Set(["F32", "F16", "BF16", "F64"]);

/** What a safetensors file holds: its usable 2-D tensors, and every tensor's name and shape. */
export interface SafetensorsContents {
  /** The 2-D tensors in a dtype the engine decodes, in the header's order. */
  readonly matrices: StoredMatrix[];
  /** Every tensor, for messages and for the page's list ("b_dec [2304] F32"). */
  readonly tensors: readonly { readonly name: string; readonly dtype: string; readonly shape: readonly number[] }[];
}

interface HeaderEntry {
  readonly dtype: string;
  readonly shape: readonly number[];
  readonly begin: number;
  readonly end: number;
}

function entryOf(source: ByteSource, name: string, value: unknown): HeaderEntry {
  const bad = (why: string) => new DictionaryFileError("header-content", `${source.name}: the header's entry for "${name}" ${why}.`);
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw bad("is not an object");
  const { dtype, shape, data_offsets: offsets } = value as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
  if (typeof dtype !== "string") throw bad("has no dtype");
  if (!Array.isArray(shape) || !shape.every((s) => Number.isSafeInteger(s) && (s as number) >= 0)) throw bad("has no shape of whole numbers");
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && (o as number) >= 0)) {
    throw bad("has no data_offsets [begin, end]");
  }
  const [begin, end] = offsets as [number, number];
  if (end < begin) throw bad(`has data_offsets that end (${end}) before they begin (${begin})`);
  return { dtype, shape: shape as number[], begin, end };
}

/**
 * The contents of a safetensors file. Throws a {@link DictionaryFileError} when the file is empty
 * ("empty"), shorter than its header says ("truncated"), has a header length past the end or over
 * 100 MB ("header-length"), a header that is not JSON ("header-syntax") or not a table of tensors
 * ("header-content"), a tensor whose bytes do not match its shape and dtype ("size-mismatch") or
 * that ends past the end of the file ("truncated"), or no usable 2-D tensor ("unknown-dtype" when a
 * 2-D tensor has a dtype other than F32, F16, BF16, F64; "not-2d" when there is none).
 */
export async function readSafetensors(source: ByteSource): Promise<SafetensorsContents> {
  if (source.size === 0) throw new DictionaryFileError("empty", `${source.name} is empty (0 bytes).`);
  const lengthBytes = await readExactly(source, 0, 8, "the 8-byte header length");
  const view = new DataView(lengthBytes.buffer, lengthBytes.byteOffset, 8);
  const low = view.getUint32(0, true);
  const high = view.getUint32(4, true);
  const headerLength = high * 2 ** 32 + low;
  if (headerLength > MAX_SAFETENSORS_HEADER) {
    throw new DictionaryFileError(
      "header-length",
      `${source.name}: its first 8 bytes give a header length of ${headerLength}, beyond the format's 100 MB limit: this is not a safetensors file, or it is damaged.`,
    );
  }
  if (8 + headerLength > source.size) {
    throw new DictionaryFileError(
      "header-length",
      `${source.name}: its header length (${headerLength} bytes) runs past the end of the file (${describeBytes(source.size)}): the file is cut short or is not a safetensors file.`,
    );
  }
  const headerBytes = await readExactly(source, 8, headerLength, "the header");
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(headerBytes));
  } catch {
    throw new DictionaryFileError(
      "header-syntax",
      `${source.name}: its header (${headerLength} bytes after the length) is not JSON, so this is not a readable safetensors file.`,
    );
  }
  if (typeof header !== "object" || header === null || Array.isArray(header)) {
    throw new DictionaryFileError("header-content", `${source.name}: its header is JSON but not an object of tensors.`);
  }
  const dataStart = 8 + headerLength;
  const dataBytes = source.size - dataStart;
  const matrices: StoredMatrix[] = [];
  const tensors: { name: string; dtype: string; shape: number[] }[] = [];
  const unknownMatrices: string[] = [];
  for (const [name, value] of Object.entries(header as Record<string, unknown>)) {
    if (name === "__metadata__") continue;
    const entry = entryOf(source, name, value);
    tensors.push({ name, dtype: entry.dtype, shape: [...entry.shape] });
    if (entry.end > dataBytes) {
      throw new DictionaryFileError(
        "truncated",
        `${source.name} is cut short: tensor "${name}" ends at byte ${dataStart + entry.end}, but the file has ${source.size} bytes. Was the download complete?`,
      );
    }
    if (!DTYPES.has(entry.dtype)) {
      if (entry.shape.length === 2) unknownMatrices.push(`"${name}" (${entry.dtype})`);
      continue;
    }
    const elements = entry.shape.reduce((p, s) => p * s, 1);
    const expected = elements * DTYPE_BYTES[entry.dtype as DType];
    if (entry.end - entry.begin !== expected) {
      throw new DictionaryFileError(
        "size-mismatch",
        `${source.name}: tensor "${name}" has shape [${entry.shape.join(", ")}] in ${entry.dtype}, which needs ${expected} bytes, but its entry holds ${entry.end - entry.begin}.`,
      );
    }
    if (entry.shape.length !== 2) continue;
    const shape: [number, number] = [entry.shape[0]!, entry.shape[1]!];
    if (shape[0] === 0 || shape[1] === 0) continue;
    const guess = guessLatentAxis(name, shape);
    matrices.push({
      name,
      dtype: entry.dtype as DType,
      shape,
      source,
      offset: dataStart + entry.begin,
      order: "C",
      latentAxis: guess.axis,
      latentAxisReason: guess.reason,
      latentAxisKnown: guess.known,
    });
  }
  if (matrices.length === 0) {
    if (unknownMatrices.length > 0) {
      throw new DictionaryFileError(
        "unknown-dtype",
        `${source.name}: its 2-D tensors ${unknownMatrices.join(", ")} are stored in a number type this page does not read (it reads F32, F16, BF16 and F64).`,
      );
    }
    const listed = tensors.map((t) => `"${t.name}" [${t.shape.join(", ")}]`).join(", ");
    throw new DictionaryFileError(
      "not-2d",
      `${source.name} holds no 2-D tensor to measure${tensors.length > 0 ? `, only ${listed}` : " (its header lists no tensors)"}: a decoder is a 2-D [latents, neurons] matrix.`,
    );
  }
  return { matrices, tensors };
}
