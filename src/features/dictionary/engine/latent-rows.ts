/**
 * Reading a dictionary's latent vectors from its file, a block at a time, and turning them into
 * the unit vectors the measurements use. Whichever way the file lays the matrix out, a block comes
 * back latent-major: latent i's n numbers together.
 *
 *   contiguous layout (row-major with latents on axis 0, or column-major on axis 1): a block of
 *     latents is one range of the file, read in pieces of at most READ_PIECE;
 *   strided layout (latents on axis 1 of a row-major array, e.g. W_enc [n, m], or a
 *     fortran-order [m, n]): latent i's component k is element k·m + i, so a block is n segments,
 *     one per neuron (or, when the block spans most latents, groups of whole stored rows).
 *
 * Dead rows: a latent whose vector has norm 0 or any non-finite entry (NaN, ±Infinity) is dead;
 * the measurements count it and leave it out. Live vectors are scaled to unit length in float64
 * and rounded to float32 once.
 */
import { READ_PIECE, readExactly } from "./byte-source.ts";
import { DTYPE_BYTES, decodeElements } from "./dtypes.ts";
import { latentShape, latentsContiguous, type LatentAxis, type StoredMatrix } from "./stored-matrix.ts";

/** The latents of one stored matrix read along one axis. */
export interface LatentReader {
  readonly matrix: StoredMatrix;
  readonly axis: LatentAxis;
  /** Latents. */
  readonly m: number;
  /** Components per latent (neurons). */
  readonly n: number;
  /** Whether a latent's numbers are adjacent in the file (reads of single latents are cheap). */
  readonly contiguous: boolean;
  /**
   * The raw numbers of latents from … to − 1, latent-major ((to − from)·n values), as a Float64Array
   * for F64 files and a Float32Array otherwise. Domain: integers 0 ≤ from < to ≤ m.
   */
  readBlock(from: number, to: number): Promise<Float32Array | Float64Array>;
}

/** A reader for `matrix` with its latents along `axis` (default: the axis the readers suggest). */
export function latentReader(matrix: StoredMatrix, axis: LatentAxis = matrix.latentAxis): LatentReader {
  const { m, n } = latentShape(matrix, axis);
  const size = DTYPE_BYTES[matrix.dtype];
  const contiguous = latentsContiguous(matrix, axis);
  const what = (from: number, to: number) => `latents ${from} … ${to - 1} of ${matrix.name}`;
  const checkRange = (from: number, to: number) => {
    if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && from < to && to <= m)) {
      throw new RangeError(`a block of latents must be 0 ≤ from < to ≤ ${m}, got ${from} … ${to}`);
    }
  };
  // A latent's numbers adjacent: one read per block. Otherwise spread along the stored rows.
  const read = contiguous
    ? async (from: number, to: number) => {
        const count = (to - from) * n;
        const bytes = await readExactly(matrix.source, matrix.offset + from * n * size, count * size, what(from, to));
        return decodeElements(matrix.dtype, bytes, count);
      }
    : async (from: number, to: number) => {
        const width = to - from;
        const out = matrix.dtype === "F64" ? new Float64Array(width * n) : new Float32Array(width * n);
        // Whole stored rows per read when the block spans at least half of them (less waste than
        // one small read per neuron); otherwise one segment per neuron.
        const rowsPerRead = width * 2 >= m ? Math.max(1, Math.floor(READ_PIECE / (m * size))) : 1;
        for (let k0 = 0; k0 < n; k0 += rowsPerRead) {
          const k1 = Math.min(n, k0 + rowsPerRead);
          const start = k0 * m + from;
          const span = (k1 - 1 - k0) * m + width;
          const values = decodeElements(
            matrix.dtype,
            await readExactly(matrix.source, matrix.offset + start * size, span * size, what(from, to)),
            span,
          );
          for (let k = k0; k < k1; k++) {
            const base = (k - k0) * m;
            for (let i = 0; i < width; i++) out[i * n + k] = values[base + i]!;
          }
        }
        return out;
      };
  return {
    matrix,
    axis,
    m,
    n,
    contiguous,
    async readBlock(from: number, to: number) {
      checkRange(from, to);
      return read(from, to);
    },
  };
}

/**
 * Scales latent `row` of `block` (n numbers at row·n) to unit length into `out` (n float32 at
 * outOffset) and returns true; or returns false, writing nothing, when the row is dead (norm 0 or a
 * non-finite entry). The norm is taken in float64, rescaled by the largest |entry| when the plain
 * sum of squares over- or underflows (possible only for float64 files), so every finite nonzero row
 * is live.
 */
export function unitRow(block: Float32Array | Float64Array, row: number, n: number, out: Float32Array, outOffset: number): boolean {
  const start = row * n;
  let squares = 0;
  for (let k = 0; k < n; k++) {
    const v = block[start + k]!;
    squares += v * v;
  }
  const scale = 1 / Math.sqrt(squares);
  if (!(squares > 0 && squares < Infinity && scale < Infinity)) {
    let largest = 0;
    for (let k = 0; k < n; k++) {
      const v = Math.abs(block[start + k]!);
      if (!(v < Infinity)) return false; // NaN or ±Infinity
      if (v > largest) largest = v;
    }
    if (largest === 0) return false;
    let scaled = 0;
    for (let k = 0; k < n; k++) {
      const v = block[start + k]! / largest;
      scaled += v * v;
    }
    const inverse = 1 / Math.sqrt(scaled);
    for (let k = 0; k < n; k++) out[outOffset + k] = (block[start + k]! / largest) * inverse;
    return true;
  }
  for (let k = 0; k < n; k++) out[outOffset + k] = block[start + k]! * scale;
  return true;
}

/** Bytes of raw numbers per block read: 32 MB (about 3 600 latents of 2 304 float32). */
export const BLOCK_BYTES = 1 << 25;

/** Latents per block for a reader: BLOCK_BYTES of raw numbers, at least 1 and at most m. */
export function latentsPerBlock(reader: LatentReader): number {
  return Math.max(1, Math.min(reader.m, Math.floor(BLOCK_BYTES / (reader.n * DTYPE_BYTES[reader.matrix.dtype]))));
}

/** Bytes the reads of chosen latents may merge across: a gap of up to 256 KB is read and skipped. */
const MERGE_GAP = 1 << 18;

/** One read of {@link latentBlocks}: raw numbers of latents from … to − 1, and which of them were asked for. */
export interface LatentBlock {
  readonly from: number;
  readonly to: number;
  /** Latent-major raw numbers of latents from … to − 1 ((to − from)·n values). */
  readonly values: Float32Array | Float64Array;
  /** The asked-for latents in this block, increasing (all of from … to − 1 when none were chosen). */
  readonly wanted: Int32Array;
}

/**
 * The blocks of latents `from` … `to` − 1, in order, or only those holding the chosen `indices`
 * (sorted increasingly, distinct, within the range): contiguous layouts read runs of nearby chosen
 * latents together (gaps up to 256 KB are read and skipped); strided layouts read whole blocks in
 * order and pick the chosen ones, so either costs at most one pass over the file. Each block holds at
 * most {@link latentsPerBlock} latents. Throws a RangeError for indices out of order or range.
 */
export async function* latentBlocks(
  reader: LatentReader,
  range: { readonly from: number; readonly to: number } = { from: 0, to: reader.m },
  indices?: Int32Array,
): AsyncGenerator<LatentBlock, void, void> {
  const perBlock = latentsPerBlock(reader);
  if (indices === undefined) {
    for (let from = range.from; from < range.to; from += perBlock) {
      const to = Math.min(range.to, from + perBlock);
      const wanted = new Int32Array(to - from);
      for (let i = 0; i < wanted.length; i++) wanted[i] = from + i;
      yield { from, to, values: await reader.readBlock(from, to), wanted };
    }
    return;
  }
  for (let i = 0; i < indices.length; i++) {
    if (!(indices[i]! >= range.from && indices[i]! < range.to && (i === 0 || indices[i]! > indices[i - 1]!))) {
      throw new RangeError(`chosen latents must be increasing and within ${range.from} … ${range.to - 1}`);
    }
  }
  const rowBytes = reader.n * DTYPE_BYTES[reader.matrix.dtype];
  const mergeRows = Math.floor(MERGE_GAP / rowBytes);
  let at = 0;
  while (at < indices.length) {
    const from = indices[at]!;
    let end = at + 1;
    let to: number;
    if (reader.contiguous) {
      while (end < indices.length && indices[end]! - indices[end - 1]! - 1 <= mergeRows && indices[end]! + 1 - from <= perBlock) end++;
      to = indices[end - 1]! + 1;
    } else {
      to = Math.min(range.to, from + perBlock);
      while (end < indices.length && indices[end]! < to) end++;
    }
    yield { from, to, values: await reader.readBlock(from, to), wanted: indices.subarray(at, end) };
    at = end;
  }
}
