/**
 * Reading an `.npy` array's header (a file of its own, or a member of an `.npz`), by numpy's
 * published format (numpy.lib.format):
 *
 *   bytes 0 … 5     the magic string \x93NUMPY
 *   bytes 6, 7      the format version, major and minor (1.0, 2.0 or 3.0)
 *   then            the header length: 2 bytes (version 1) or 4 bytes (versions 2, 3), little-endian
 *   then            the header: a Python dict literal {'descr': …, 'fortran_order': …, 'shape': …},
 *                   ASCII (versions 1, 2) or UTF-8 (version 3), padded with spaces and a newline
 *   then            the data, shape[0]·shape[1]·itemsize bytes, row-major unless fortran_order
 *
 * descr '<f4', '<f2' and '<f8' are read (little-endian float32, float16, float64; '|' or '=' byte
 * orders of the same sizes too, as numpy writes them on little-endian machines).
 */
import { readExactly, type ByteSource } from "./byte-source.ts";
import { DTYPE_BYTES, type DType } from "./dtypes.ts";
import { DictionaryFileError } from "./errors.ts";
import { parsePythonLiteral, PythonLiteralError, type PythonValue } from "./python-literal.ts";
import { guessLatentAxis, type StoredMatrix } from "./stored-matrix.ts";

/** The magic string every .npy starts with. */
export const NPY_MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59] as const;

/** Longest header accepted: 1 MB (numpy's own default limit is 10 000 bytes). */
export const MAX_NPY_HEADER = 1_000_000;

const DESCRS: Readonly<Record<string, DType>> = {
  "<f4": "F32",
  "<f2": "F16",
  "<f8": "F64",
  "=f4": "F32",
  "=f2": "F16",
  "=f8": "F64",
};

/** Whether bytes start with the .npy magic. */
export function hasNpyMagic(bytes: Uint8Array): boolean {
  return NPY_MAGIC.every((b, i) => bytes[i] === b);
}

/** What an .npy header says, before the shape is checked for being 2-D. */
export interface NpyHeader {
  readonly descr: string;
  readonly fortranOrder: boolean;
  readonly shape: readonly number[];
  /** Offset of the first data byte. */
  readonly dataOffset: number;
}

/**
 * The header of the .npy in `source`. Throws a {@link DictionaryFileError}: "empty"; "unknown-format"
 * without the magic; "truncated" when the file ends inside the header; "header-length" for a
 * version other than 1–3 or a header over 1 MB; "header-syntax" for a header that is not a dict
 * literal; "header-content" for one without descr, fortran_order and shape.
 */
export async function readNpyHeader(source: ByteSource): Promise<NpyHeader> {
  if (source.size === 0) throw new DictionaryFileError("empty", `${source.name} is empty (0 bytes).`);
  const start = await readExactly(source, 0, Math.min(source.size, 12), "the .npy preamble");
  if (!hasNpyMagic(start)) throw new DictionaryFileError("unknown-format", `${source.name} does not start with the .npy magic string \\x93NUMPY.`);
  if (start.length < 10) throw new DictionaryFileError("truncated", `${source.name} is cut short: it ends inside the .npy preamble.`);
  const major = start[6]!;
  if (major < 1 || major > 3) {
    throw new DictionaryFileError(
      "header-length",
      `${source.name} is .npy format version ${major}.${start[7]}, which this page does not know (it reads 1.0, 2.0 and 3.0).`,
    );
  }
  const wide = major >= 2;
  if (wide && start.length < 12) throw new DictionaryFileError("truncated", `${source.name} is cut short: it ends inside the .npy preamble.`);
  const headerStart = wide ? 12 : 10;
  const headerLength = wide ? new DataView(start.buffer, start.byteOffset + 8, 4).getUint32(0, true) : start[8]! | (start[9]! << 8);
  if (headerLength > MAX_NPY_HEADER) {
    throw new DictionaryFileError(
      "header-length",
      `${source.name}: its .npy header length (${headerLength} bytes) is absurdly large: the file is damaged or not an .npy.`,
    );
  }
  if (headerStart + headerLength > source.size) {
    throw new DictionaryFileError(
      "header-length",
      `${source.name}: its .npy header length (${headerLength} bytes) runs past the end of the file (${source.size} bytes): the file is cut short.`,
    );
  }
  const bytes = await readExactly(source, headerStart, headerLength, "the .npy header");
  let parsed: PythonValue;
  try {
    parsed = parsePythonLiteral(new TextDecoder(major === 3 ? "utf-8" : "latin1").decode(bytes));
  } catch (error) {
    const why = error instanceof PythonLiteralError ? `: ${error.message}` : "";
    throw new DictionaryFileError("header-syntax", `${source.name}: its .npy header is not a Python dict literal${why}.`);
  }
  if (!(parsed instanceof Map)) throw new DictionaryFileError("header-content", `${source.name}: its .npy header is not a dict.`);
  const descr = parsed.get("descr");
  const fortran = parsed.get("fortran_order");
  const shape = parsed.get("shape");
  if (typeof fortran !== "boolean" || !Array.isArray(shape) || !shape.every((s) => typeof s === "number" && Number.isSafeInteger(s) && s >= 0)) {
    throw new DictionaryFileError("header-content", `${source.name}: its .npy header lacks descr, fortran_order or a shape of whole numbers.`);
  }
  if (typeof descr !== "string") {
    throw new DictionaryFileError(
      "unknown-dtype",
      `${source.name} holds a structured array (descr ${JSON.stringify(descrText(descr))}), not plain numbers.`,
    );
  }
  return { descr, fortranOrder: fortran, shape: shape as number[], dataOffset: headerStart + headerLength };
}

function descrText(descr: PythonValue | undefined): string {
  return Array.isArray(descr) ? `[${descr.length} fields]` : String(descr);
}

/**
 * The 2-D array of an .npy, as a {@link StoredMatrix} named `name`, checked against the bytes the
 * source holds. Throws as {@link readNpyHeader}, and: "unknown-dtype" for a descr other than float
 * 32/16/64 little-endian (naming it, e.g. big-endian '>f4', int8 '|i1', bfloat16 saved as '<V2');
 * "not-2d" for any other number of dimensions; "truncated" when the data is shorter than the shape
 * needs; "size-mismatch" when it is longer.
 */
export async function readNpy(source: ByteSource, name: string): Promise<StoredMatrix> {
  const header = await readNpyHeader(source);
  const dtype = DESCRS[header.descr] ?? DESCRS[header.descr.replace("|", "<")];
  if (dtype === undefined) {
    throw new DictionaryFileError(
      "unknown-dtype",
      `${source.name} holds numbers of type '${header.descr}', which this page does not read (it reads little-endian float32 '<f4', float16 '<f2' and float64 '<f8').`,
    );
  }
  if (header.shape.length !== 2) {
    throw new DictionaryFileError(
      "not-2d",
      `${source.name} holds a ${header.shape.length}-D array of shape (${header.shape.join(", ")}), not a 2-D [latents, neurons] matrix.`,
    );
  }
  const shape: [number, number] = [header.shape[0]!, header.shape[1]!];
  const needed = shape[0] * shape[1] * DTYPE_BYTES[dtype];
  const held = source.size - header.dataOffset;
  if (held < needed) {
    throw new DictionaryFileError(
      "truncated",
      `${source.name} is cut short: shape (${shape.join(", ")}) of '${header.descr}' needs ${needed} bytes of data, but only ${held} follow the header.`,
    );
  }
  if (held > needed) {
    throw new DictionaryFileError(
      "size-mismatch",
      `${source.name}: shape (${shape.join(", ")}) of '${header.descr}' needs ${needed} bytes of data, but ${held} follow the header.`,
    );
  }
  if (shape[0] === 0 || shape[1] === 0)
    throw new DictionaryFileError("not-2d", `${source.name} holds an empty array of shape (${shape.join(", ")}).`);
  const guess = guessLatentAxis(name, shape);
  return {
    name,
    dtype,
    shape,
    source,
    offset: header.dataOffset,
    order: header.fortranOrder ? "F" : "C",
    latentAxis: guess.axis,
    latentAxisReason: guess.reason,
    latentAxisKnown: guess.known,
  };
}
