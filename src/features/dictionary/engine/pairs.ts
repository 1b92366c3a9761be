/**
 * All pairs of a set of unit vectors held in a dot-product kernel (src/compute/kernels/kernel.ts),
 * tile by tile over the upper triangle of their Gram matrix, reduced in the same pass to what the
 * dictionary page reports, so the m × m matrix is never stored: Σ cos², Σ |cos|, the largest |cos|
 * and its pair, the pairs above 0.5 and 0.9, each vector's worst overlap w_i = max_{j≠i} |cos_ij|,
 * and a histogram of |cos|.
 *
 * Splitting the work across Web Workers: the tile rows (64 vectors each) are dealt out in turn,
 * part `index` of `of` taking tile rows index, index + of, … (as src/features/simulation/engine/overlaps.ts
 * does), each worker holding all the vectors. `combinePairParts` puts the parts together so the
 * result is the same number for number whatever `of` is: the floating-point sums are kept per tile
 * row (each summed in one fixed order) and added in tile-row order; counts are integers; maxima are
 * maxima, a tie going to the smaller pair (i, j).
 *
 * For the standard errors of a sampled measurement (statistics.ts) a part can also keep, per
 * vector, the sums over its pairs of cos², |cos| and the two indicators. So that these too do not
 * depend on the split, cos² and |cos| are added as integers in units of 2^-30 (rounded: an error
 * of 2^-31 per pair, far below any standard error), exact in float64 below 2^53 per vector.
 */
import { SLICE_CHUNKS, TILE, type DotKernel } from "../../../compute/kernels/kernel.ts";
import { DictionaryFileError } from "./errors.ts";

/** Bins of the |cos| histogram: 1 000 equal bins over [0, 1], width 0.001. */
export const HISTOGRAM_BINS = 1000;

/** Units of the per-vector sums: 2^30 per unit of cos² or |cos|. */
export const ROW_SUM_UNIT = 2 ** 30;

/** Which share of the tile rows a worker measures: tile rows index, index + of, index + 2·of … */
export interface PairsShare {
  readonly index: number;
  readonly of: number;
}

/** Per-vector sums over its pairs (see the module header), for the jackknife. */
export interface RowSums {
  /** Σ_j round(cos² · 2^30). */
  readonly squares: Float64Array;
  /** Σ_j round(|cos| · 2^30). */
  readonly abs: Float64Array;
  /** #{j : |cos| > 0.5}. */
  readonly above05: Float64Array;
  /** #{j : |cos| > 0.9}. */
  readonly above09: Float64Array;
}

/** What one share of the pairs measured (plain data: a worker posts it as it is). */
export interface PairsPart {
  /** Vectors in the set. */
  readonly count: number;
  readonly share: PairsShare;
  /** Per tile row of the share, in increasing order: Σ cos² and Σ |cos| over its pairs. */
  readonly tileRows: readonly { readonly tileRow: number; readonly squares: number; readonly abs: number }[];
  readonly pairs: number;
  readonly above05: number;
  readonly above09: number;
  /** The largest |cos| of the share and its pair i < j (−1 and (0, 0) when the share has no pairs). */
  readonly max: number;
  readonly maxPair: readonly [number, number];
  /** Per vector: its largest |cos| over the share's pairs (0 when none). */
  readonly worst: Float32Array;
  /** Pairs per |cos| bin (HISTOGRAM_BINS bins over [0, 1], |cos| ≥ 1 in the last). */
  readonly histogram: Float64Array;
  readonly rowSums: RowSums | undefined;
}

/** Progress of a measurement phase: which phase and the fraction of its work done. */
export interface PhaseProgress {
  readonly phase: "reading" | "pairs" | "worst" | "readouts";
  readonly fraction: number;
}

/**
 * Measures the pairs i < j among the first `count` vectors of `kernel` that fall in tile rows of
 * `share` (module header). Rows count … of the kernel must be zero (as `reset` leaves them).
 * Yields a {@link PhaseProgress} after every tile (about 0.2 ms of work at n = 2 304), returns the
 * {@link PairsPart}. `rowSums` adds the per-vector sums (about a third more time per pair).
 * Domain: 2 ≤ count ≤ kernel.rows, share.of integer ≥ 1, 0 ≤ share.index < share.of; otherwise a
 * {@link DictionaryFileError} "request".
 */
export function* measurePairs(kernel: DotKernel, count: number, share: PairsShare, rowSums = false): Generator<PhaseProgress, PairsPart, void> {
  if (!(Number.isInteger(count) && count >= 2 && count <= kernel.rows)) {
    throw new DictionaryFileError("request", `measuring pairs needs 2 … ${kernel.rows} vectors, got ${count}`);
  }
  if (!(Number.isInteger(share.of) && share.of >= 1 && Number.isInteger(share.index) && share.index >= 0 && share.index < share.of)) {
    throw new DictionaryFileError("request", `a share of the pairs is index 0 … of − 1 of an integer of ≥ 1, got ${share.index} of ${share.of}`);
  }
  const padded = Math.ceil(count / 4) * 4;
  const chunks = kernel.chunks;
  const tileRowCount = Math.ceil(padded / TILE);
  const worst = new Float32Array(count);
  const histogram = new Float64Array(HISTOGRAM_BINS);
  const sums: RowSums | undefined = rowSums
    ? { squares: new Float64Array(count), abs: new Float64Array(count), above05: new Float64Array(count), above09: new Float64Array(count) }
    : undefined;
  const tileRows: { tileRow: number; squares: number; abs: number }[] = [];
  let pairs = 0;
  let above05 = 0;
  let above09 = 0;
  let max = -1;
  let maxI = 0;
  let maxJ = 0;
  // Work of the share, in tiles, for the progress fraction.
  let tilesTotal = 0;
  for (let t = share.index; t < tileRowCount; t += share.of) tilesTotal += tileRowCount - t;
  let tilesDone = 0;
  for (let t = share.index; t < tileRowCount; t += share.of) {
    const i0 = t * TILE;
    const ni = Math.min(TILE, padded - i0);
    let rowSquares = 0;
    let rowAbs = 0;
    for (let j0 = i0; j0 < padded; j0 += TILE) {
      const nj = Math.min(TILE, padded - j0);
      for (let c0 = 0; c0 < chunks; c0 += SLICE_CHUNKS) {
        kernel.dots(i0, ni, "features", j0, nj, c0, Math.min(SLICE_CHUNKS, chunks - c0), c0 > 0, j0 === i0);
      }
      const tile = kernel.tile();
      const rows = Math.min(ni, count - i0);
      const cols = Math.min(nj, count - j0);
      let tileSquares = 0;
      let tileAbs = 0;
      for (let i = 0; i < rows; i++) {
        const gi = i0 + i;
        const start = j0 === i0 ? i + 1 : 0;
        const at = i * TILE;
        let rowWorst = worst[gi]!;
        let iSquares = 0;
        let iAbs = 0;
        let iAbove05 = 0;
        let iAbove09 = 0;
        for (let j = start; j < cols; j++) {
          const g = tile[at + j]!;
          const a = Math.abs(g);
          const gj = j0 + j;
          tileSquares += g * g;
          tileAbs += a;
          if (a > rowWorst) rowWorst = a;
          if (a > worst[gj]!) worst[gj] = a;
          const bin = (a * HISTOGRAM_BINS) | 0;
          histogram[bin < HISTOGRAM_BINS ? bin : HISTOGRAM_BINS - 1]!++;
          if (a > 0.5) {
            above05++;
            iAbove05++;
            if (a > 0.9) {
              above09++;
              iAbove09++;
            }
            if (sums !== undefined) {
              sums.above05[gj]!++;
              if (a > 0.9) sums.above09[gj]!++;
            }
          }
          if (a >= max && (a > max || gi < maxI || (gi === maxI && gj < maxJ))) {
            max = a;
            maxI = gi;
            maxJ = gj;
          }
          if (sums !== undefined) {
            const q2 = Math.round(g * g * ROW_SUM_UNIT);
            const q1 = Math.round(a * ROW_SUM_UNIT);
            iSquares += q2;
            iAbs += q1;
            sums.squares[gj]! += q2;
            sums.abs[gj]! += q1;
          }
        }
        worst[gi] = rowWorst;
        if (cols > start) pairs += cols - start;
        if (sums !== undefined) {
          sums.squares[gi]! += iSquares;
          sums.abs[gi]! += iAbs;
          sums.above05[gi]! += iAbove05;
          sums.above09[gi]! += iAbove09;
        }
      }
      rowSquares += tileSquares;
      rowAbs += tileAbs;
      tilesDone++;
      yield { phase: "pairs", fraction: tilesDone / tilesTotal };
    }
    tileRows.push({ tileRow: t, squares: rowSquares, abs: rowAbs });
  }
  return { count, share, tileRows, pairs, above05, above09, max, maxPair: [maxI, maxJ], worst, histogram, rowSums: sums };
}

/** All pairs of a set, put together from the parts of every share: a part's measures over every pair. */
export interface PairTotals extends Omit<PairsPart, "share" | "tileRows"> {
  /** Σ cos² and Σ |cos| over every pair. */
  readonly squares: number;
  readonly abs: number;
}

/**
 * Puts the parts of every share of one set together (module header): the parts must be shares
 * 0 … of − 1 of one `of`, each once, over the same count; otherwise a {@link DictionaryFileError}
 * "request". The result does not depend on `of`.
 */
export function combinePairParts(parts: readonly PairsPart[]): PairTotals {
  const first = parts[0];
  if (first === undefined) throw new DictionaryFileError("request", "no parts of the pairs to combine");
  const of = first.share.of;
  const seen = new Set(parts.map((part) => part.share.index));
  if (parts.length !== of || seen.size !== of || parts.some((part) => part.share.of !== of || part.count !== first.count)) {
    throw new DictionaryFileError("request", `the parts of the pairs must be shares 0 … ${of - 1} of ${of}, each once, of one set`);
  }
  const count = first.count;
  const tileRows = parts.flatMap((part) => part.tileRows).sort((a, b) => a.tileRow - b.tileRow);
  let squares = 0;
  let abs = 0;
  for (const row of tileRows) {
    squares += row.squares;
    abs += row.abs;
  }
  const worst = new Float32Array(count);
  const histogram = new Float64Array(HISTOGRAM_BINS);
  const withSums = first.rowSums !== undefined;
  const rowSums: RowSums | undefined = withSums
    ? { squares: new Float64Array(count), abs: new Float64Array(count), above05: new Float64Array(count), above09: new Float64Array(count) }
    : undefined;
  let pairs = 0;
  let above05 = 0;
  let above09 = 0;
  let max = -1;
  let maxPair: readonly [number, number] = [0, 0];
  for (const part of parts) {
    pairs += part.pairs;
    above05 += part.above05;
    above09 += part.above09;
    const [i, j] = part.maxPair;
    if (part.max > max || (part.max === max && (i < maxPair[0] || (i === maxPair[0] && j < maxPair[1])))) {
      max = part.max;
      maxPair = part.maxPair;
    }
    for (let r = 0; r < count; r++) if (part.worst[r]! > worst[r]!) worst[r] = part.worst[r]!;
    for (let b = 0; b < HISTOGRAM_BINS; b++) histogram[b]! += part.histogram[b]!;
    if (rowSums !== undefined && part.rowSums !== undefined) {
      for (let r = 0; r < count; r++) {
        rowSums.squares[r]! += part.rowSums.squares[r]!;
        rowSums.abs[r]! += part.rowSums.abs[r]!;
        rowSums.above05[r]! += part.rowSums.above05[r]!;
        rowSums.above09[r]! += part.rowSums.above09[r]!;
      }
    }
  }
  return { count, pairs, squares, abs, above05, above09, max, maxPair, worst, histogram, rowSums };
}
