/**
 * Where the bytes of a dropped file come from, read in blocks: a `File` (a `Blob`) is read with
 * `slice(a, b).arrayBuffer()`, one block at a time, so a 2 GB file never needs a 2 GB buffer. Tests
 * and scripts use the same interface over bytes in memory, or over a file on disk through Node's
 * `fs.openAsBlob`, which gives a real Blob.
 */
import { DictionaryFileError, describeBytes } from "./errors.ts";

/** A file's bytes, readable by range. Reads past the end return fewer bytes (as `Blob.slice`). */
export interface ByteSource {
  /** The file's name, for messages ("sae_weights.safetensors", "params.npz › W_dec.npy"). */
  readonly name: string;
  /** Its size in bytes. */
  readonly size: number;
  /**
   * Bytes offset … offset + length − 1 (fewer if the file ends first). Domain: offset, length
   * integers ≥ 0. A source may reject with a {@link DictionaryFileError} (e.g. corrupt compressed data).
   */
  read(offset: number, length: number): Promise<Uint8Array>;
}

/**
 * Largest single read: 16 MiB. Bigger ranges are read in pieces of this size, so the page's memory
 * holds at most one piece of raw bytes per reader at a time beyond what it keeps decoded.
 */
export const READ_PIECE = 1 << 24;

/** A source over a Blob or File: each read is `blob.slice(a, b).arrayBuffer()`. */
export function blobSource(blob: Blob, name = (blob as { name?: string }).name ?? "the file"): ByteSource {
  return {
    name,
    size: blob.size,
    async read(offset: number, length: number): Promise<Uint8Array> {
      const end = Math.min(blob.size, offset + length);
      if (end <= offset) return new Uint8Array(0);
      return new Uint8Array(await blob.slice(offset, end).arrayBuffer());
    },
  };
}

/** A source over bytes already in memory (tests, small files). Reads are views, not copies. */
export function bytesSource(bytes: Uint8Array, name = "the file"): ByteSource {
  return {
    name,
    size: bytes.length,
    read(offset: number, length: number): Promise<Uint8Array> {
      return Promise.resolve(bytes.subarray(Math.min(offset, bytes.length), Math.min(bytes.length, offset + length)));
    },
  };
}

/**
 * Exactly `length` bytes at `offset`, or a "truncated" {@link DictionaryFileError} naming `what`
 * was cut off, when the source ends before offset + length. Ranges above {@link READ_PIECE} are
 * read in pieces and joined (so callers ask for what they need; the piece size stays bounded).
 */
export async function readExactly(source: ByteSource, offset: number, length: number, what: string): Promise<Uint8Array> {
  if (offset + length > source.size) {
    throw new DictionaryFileError(
      "truncated",
      `${source.name} is cut short: ${what} needs bytes up to ${offset + length}, but the file has ${source.size} (${describeBytes(source.size)}). Was the download complete?`,
    );
  }
  if (length <= READ_PIECE) return checkLength(source, await source.read(offset, length), length, what);
  const out = new Uint8Array(length);
  for (let at = 0; at < length; at += READ_PIECE) {
    const piece = Math.min(READ_PIECE, length - at);
    out.set(checkLength(source, await source.read(offset + at, piece), piece, what), at);
  }
  return out;
}

function checkLength(source: ByteSource, bytes: Uint8Array, length: number, what: string): Uint8Array {
  if (bytes.length !== length) {
    throw new DictionaryFileError("truncated", `${source.name} is cut short: reading ${what} gave ${bytes.length} of ${length} bytes.`);
  }
  return bytes;
}

/**
 * Bytes offset … offset + length − 1 of `source` as a source of its own (a member of an archive
 * stored without compression), named `name`. Reads are clipped to the range.
 */
export function rangeSource(source: ByteSource, offset: number, length: number, name: string): ByteSource {
  return {
    name,
    size: length,
    read(at: number, count: number): Promise<Uint8Array> {
      const end = Math.min(length, at + count);
      if (end <= at) return Promise.resolve(new Uint8Array(0));
      return source.read(offset + at, end - at);
    },
  };
}
