/**
 * Reading a zip archive's members by range, without loading the archive: the central directory at
 * the end lists every member with its method, sizes and the offset of its local header (PKWARE's
 * APPNOTE, sections 4.3 and 4.4, zip64 included, which numpy writes for every member of an .npz).
 * A stored member is a plain range of the archive; a deflated one is inflated as a stream through
 * fflate's `Inflate`, in small steps, so neither needs the member in memory at once.
 */
import { Inflate } from "fflate";
import { rangeSource, readExactly, type ByteSource } from "./byte-source.ts";
import { DictionaryFileError } from "./errors.ts";

/** One member of the archive, as the central directory describes it. */
export interface ZipMember {
  readonly name: string;
  /** 0 stored, 8 deflated (others are listed but cannot be opened). */
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  /** Offset of the member's local header in the archive. */
  readonly localHeaderOffset: number;
  readonly encrypted: boolean;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Largest central directory read: 64 MB (an .npz has a handful of members, a few hundred bytes). */
const MAX_DIRECTORY = 64_000_000;

/** Whether bytes start like a zip archive (a local header, or the end record of an empty archive). */
export function hasZipMagic(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}

function uint64(view: DataView, at: number, source: ByteSource): number {
  const value = view.getUint32(at, true) + view.getUint32(at + 4, true) * 2 ** 32;
  if (!Number.isSafeInteger(value))
    throw new DictionaryFileError("corrupt", `${source.name}: a zip64 size or offset is beyond 2^53 bytes: the archive is damaged.`);
  return value;
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * The members of the zip archive in `source`, from its central directory. Throws a
 * {@link DictionaryFileError}: "not-npz" when no end-of-central-directory record is found (not a zip
 * or cut short), "truncated" when the directory lies past the end, "corrupt" for a damaged directory
 * or an archive split over several disks.
 */
export async function readZipDirectory(source: ByteSource): Promise<ZipMember[]> {
  const tailLength = Math.min(source.size, 22 + 65535);
  const tailStart = source.size - tailLength;
  const tail = await readExactly(source, tailStart, tailLength, "the end of the zip archive");
  const tailView = viewOf(tail);
  let eocd = -1;
  for (let at = tail.length - 22; at >= 0; at--) {
    if (tailView.getUint32(at, true) === EOCD && at + 22 + tailView.getUint16(at + 20, true) <= tail.length) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) {
    throw new DictionaryFileError(
      "not-npz",
      `${source.name} starts like a zip archive but has no end-of-archive record: it is cut short or damaged.`,
    );
  }
  let entries = tailView.getUint16(eocd + 10, true);
  let directorySize = tailView.getUint32(eocd + 12, true);
  let directoryOffset = tailView.getUint32(eocd + 16, true);
  if (tailView.getUint16(eocd + 4, true) !== 0 || tailView.getUint16(eocd + 6, true) !== 0) {
    throw new DictionaryFileError("corrupt", `${source.name} is a zip archive split over several files, which this page does not read.`);
  }
  const locator = eocd - 20;
  if (locator >= 0 && tailView.getUint32(locator, true) === ZIP64_LOCATOR) {
    const recordOffset = uint64(tailView, locator + 8, source);
    const record = viewOf(await readExactly(source, recordOffset, 56, "the zip64 end-of-archive record"));
    if (record.getUint32(0, true) !== ZIP64_EOCD)
      throw new DictionaryFileError("corrupt", `${source.name}: its zip64 end-of-archive record is missing or damaged.`);
    entries = uint64(record, 32, source);
    directorySize = uint64(record, 40, source);
    directoryOffset = uint64(record, 48, source);
  }
  if (directorySize > MAX_DIRECTORY)
    throw new DictionaryFileError("corrupt", `${source.name}: its zip directory claims ${directorySize} bytes, absurdly many.`);
  const directory = await readExactly(source, directoryOffset, directorySize, "the zip archive's directory");
  const view = viewOf(directory);
  const members: ZipMember[] = [];
  let at = 0;
  for (let e = 0; e < entries; e++) {
    if (at + 46 > directory.length || view.getUint32(at, true) !== CENTRAL) {
      throw new DictionaryFileError(
        "corrupt",
        `${source.name}: its zip directory is damaged (entry ${e + 1} of ${entries} is not where the directory says).`,
      );
    }
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    let compressedSize = view.getUint32(at + 20, true);
    let size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    let localHeaderOffset = view.getUint32(at + 42, true);
    const name = new TextDecoder(flags & 0x800 ? "utf-8" : "latin1").decode(directory.subarray(at + 46, at + 46 + nameLength));
    // The zip64 extra field holds, in this order, each of the sizes and the offset that are 0xFFFFFFFF above.
    let extra = at + 46 + nameLength;
    const extraEnd = extra + extraLength;
    while (extra + 4 <= extraEnd) {
      const id = view.getUint16(extra, true);
      const length = view.getUint16(extra + 2, true);
      if (id === 0x0001) {
        let field = extra + 4;
        if (size === 0xffffffff) {
          size = uint64(view, field, source);
          field += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = uint64(view, field, source);
          field += 8;
        }
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = uint64(view, field, source);
      }
      extra += 4 + length;
    }
    members.push({ name, method, compressedSize, size, localHeaderOffset, encrypted: (flags & 1) === 1 });
    at = extraEnd + commentLength;
  }
  return members;
}

/**
 * A member's bytes as a {@link ByteSource} named "archive › member": a range of the archive when
 * stored, an inflating stream when deflated (see {@link inflatingSource}). Throws a
 * {@link DictionaryFileError} "corrupt" for an encrypted member or another compression method, and
 * "truncated" when the member's data lies past the end of the archive.
 */
export async function openZipMember(archive: ByteSource, member: ZipMember): Promise<ByteSource> {
  const name = `${archive.name} › ${member.name}`;
  if (member.encrypted) throw new DictionaryFileError("corrupt", `${name} is encrypted, which this page does not read.`);
  if (member.method !== 0 && member.method !== 8) {
    throw new DictionaryFileError(
      "corrupt",
      `${name} is compressed with zip method ${member.method}; this page reads stored (0) and deflated (8) members.`,
    );
  }
  const local = viewOf(await readExactly(archive, member.localHeaderOffset, 30, `the local header of ${member.name}`));
  if (local.getUint32(0, true) !== LOCAL) throw new DictionaryFileError("corrupt", `${name}: its local header is not where the zip directory says.`);
  // The local header's name and extra field can differ in length from the directory's (numpy's
  // zip64 extra is only in the local header): the data starts after the local ones.
  const dataOffset = member.localHeaderOffset + 30 + local.getUint16(26, true) + local.getUint16(28, true);
  if (dataOffset + member.compressedSize > archive.size) {
    throw new DictionaryFileError(
      "truncated",
      `${name} is cut short: its data ends at byte ${dataOffset + member.compressedSize}, but the archive has ${archive.size}.`,
    );
  }
  const stored = rangeSource(archive, dataOffset, member.compressedSize, name);
  return member.method === 0 ? stored : inflatingSource(stored, member.size, name);
}

/** Compressed bytes pushed into the inflater per step: 64 KB (at most ~66 MB out, deflate's limit ratio). */
const INFLATE_STEP = 1 << 16;

/**
 * The inflated bytes of a raw deflate stream `compressed` (of `size` bytes inflated) as a
 * {@link ByteSource}, read forwards: a read at or after the last one continues the stream; a read
 * before it starts inflating again from the beginning (so reading in increasing order costs one
 * pass). Only the inflated bytes from the start of the last read onwards are kept. Rejects with a
 * {@link DictionaryFileError} "corrupt" when the data does not inflate, or "truncated" when it ends
 * early.
 */
export function inflatingSource(compressed: ByteSource, size: number, name: string): ByteSource {
  let inflater: Inflate | undefined;
  let readAt = 0; // next compressed byte to push
  let produced = 0; // inflated bytes produced so far
  let finished = false;
  let chunks: Uint8Array[] = []; // inflated bytes kept, ending at `produced`
  let keptFrom = 0; // offset of chunks[0][0]
  const restart = () => {
    inflater = new Inflate((data) => {
      chunks.push(data);
      produced += data.length;
    });
    readAt = 0;
    produced = 0;
    finished = false;
    chunks = [];
    keptFrom = 0;
  };
  const drop = (before: number) => {
    while (chunks.length > 0 && keptFrom + chunks[0]!.length <= before) keptFrom += chunks.shift()!.length;
  };
  return {
    name,
    size,
    async read(offset: number, length: number): Promise<Uint8Array> {
      const end = Math.min(size, offset + length);
      if (end <= offset) return new Uint8Array(0);
      if (inflater === undefined || offset < keptFrom) restart();
      drop(offset);
      while (produced < end) {
        if (finished)
          throw new DictionaryFileError(
            "truncated",
            `${name} is cut short: it inflates to ${produced} bytes, not the ${size} its directory entry says.`,
          );
        const step = await compressed.read(readAt, INFLATE_STEP);
        readAt += step.length;
        const last = readAt >= compressed.size;
        try {
          inflater!.push(step, last);
        } catch (error) {
          inflater = undefined;
          throw new DictionaryFileError(
            "corrupt",
            `${name} does not inflate (${error instanceof Error ? error.message : String(error)}): the archive is damaged.`,
          );
        }
        if (last) finished = true;
        drop(offset);
      }
      const out = new Uint8Array(end - offset);
      let at = keptFrom;
      for (const chunk of chunks) {
        const from = Math.max(offset, at);
        const to = Math.min(end, at + chunk.length);
        if (to > from) out.set(chunk.subarray(from - at, to - at), from - offset);
        at += chunk.length;
        if (at >= end) break;
      }
      return out;
    },
  };
}
