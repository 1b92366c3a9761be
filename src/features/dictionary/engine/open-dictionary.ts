/**
 * Opening a dropped file: which format it is (by its first bytes, the extension only as a tie
 * breaker), which 2-D arrays it holds, and which of them is the decoder by default. Nothing but
 * headers is read here.
 */
import { readExactly, type ByteSource } from "./byte-source.ts";
import { DictionaryFileError } from "./errors.ts";
import { hasNpyMagic, readNpy } from "./npy.ts";
import { readNpz } from "./npz.ts";
import { readSafetensors } from "./safetensors.ts";
import type { StoredMatrix } from "./stored-matrix.ts";
import { hasZipMagic } from "./zip.ts";

export type DictionaryFormat = "safetensors" | "npy" | "npz";

/** A file's usable 2-D arrays, with the one to measure by default. */
export interface DictionaryFile {
  readonly format: DictionaryFormat;
  readonly name: string;
  /** At least one. */
  readonly matrices: readonly StoredMatrix[];
  /** Index in `matrices` of the decoder: W_dec if present, else decoder.weight, else the first. */
  readonly defaultIndex: number;
}

/** Signatures of files people drop by mistake, for a message that names what the file is. */
const OTHER_FORMATS: readonly { readonly bytes: readonly number[]; readonly what: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], what: "a PNG image" },
  { bytes: [0xff, 0xd8, 0xff], what: "a JPEG image" },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: "a GIF image" },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: "a PDF document" },
  { bytes: [0x1f, 0x8b], what: "a gzip-compressed file (decompress it first)" },
  { bytes: [0x89, 0x48, 0x44, 0x46], what: "an HDF5 file" },
  { bytes: [0x80, 0x02], what: "a Python pickle (an old-style PyTorch .pt, which this page does not read)" },
];

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

/**
 * Whether the first bytes look like safetensors: an 8-byte header length that fits in the file,
 * followed by "{".
 */
function looksLikeSafetensors(head: Uint8Array, size: number): boolean {
  if (head.length < 9) return false;
  const view = new DataView(head.buffer, head.byteOffset, 8);
  const length = view.getUint32(0, true) + view.getUint32(4, true) * 2 ** 32;
  return length >= 2 && 8 + length <= size && head[8] === 0x7b;
}

/**
 * Opens the file in `source`: safetensors, .npy or .npz, recognised by their first bytes (a
 * file named .safetensors is read as one even when they look wrong, to say what is wrong with it).
 * Throws a {@link DictionaryFileError}: "empty"; "unknown-format" naming what the file looks like
 * (a PNG renamed .npz, a text file, …); or the reader's own error.
 */
export async function openDictionary(source: ByteSource): Promise<DictionaryFile> {
  if (source.size === 0) throw new DictionaryFileError("empty", `${source.name} is empty (0 bytes).`);
  const head = await readExactly(source, 0, Math.min(source.size, 16), "the first bytes");
  const base = source.name.replace(/^.*[/\\]/, "").replace(/\.[^.]*$/, "");
  const other = OTHER_FORMATS.find((format) => startsWith(head, format.bytes));
  if (other !== undefined) {
    throw new DictionaryFileError(
      "unknown-format",
      `${source.name} is ${other.what}, not SAE weights: the page reads .safetensors, .npz and .npy files.`,
    );
  }
  let format: DictionaryFormat;
  let matrices: StoredMatrix[];
  if (hasNpyMagic(head)) {
    format = "npy";
    matrices = [await readNpy(source, base)];
  } else if (hasZipMagic(head)) {
    format = "npz";
    matrices = await readNpz(source);
  } else if (/\.safetensors$/i.test(source.name) || looksLikeSafetensors(head, source.size)) {
    format = "safetensors";
    matrices = (await readSafetensors(source)).matrices;
  } else {
    const text = head.every((b) => b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b < 0x7f));
    throw new DictionaryFileError(
      "unknown-format",
      `${source.name} is not a file this page reads${text ? " (it is text" + (head[0] === 0x7b ? ": JSON — a cfg.json goes beside the weights, not instead of them)" : ")") : ""}: drop a .safetensors, .npz or .npy file.`,
    );
  }
  const byName = (pattern: RegExp) => matrices.findIndex((matrix) => pattern.test(matrix.name));
  const decoder = byName(/(^|[./])W_dec$/);
  const torchDecoder = byName(/(^|\.)decoder\.weight$/);
  return { format, name: source.name, matrices, defaultIndex: decoder >= 0 ? decoder : torchDecoder >= 0 ? torchDecoder : 0 };
}
