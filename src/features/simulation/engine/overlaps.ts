/**
 * Phase 2 of a simulation: all pairs of the embedding's feature vectors, tile by tile over the
 * upper triangle of the Gram matrix, reduced to their statistics (and, when asked, a histogram) in
 * the same pass over each tile, so the m × m matrix is never stored.
 */
import { COST, progress, spend, type Meter } from "./meter.ts";
import { SLICE_CHUNKS, TILE, type DotKernel } from "../../../compute/kernels/kernel.ts";
import type { HistogramSpec, OverlapStats, SimulationProgress } from "./stats.ts";

function overlapStats(pairs: number, sumSquares: number, sumAbs: number, maxAbs: number, maxI: number, maxJ: number): OverlapStats | undefined {
  if (pairs === 0) return undefined;
  return { pairs, rms: Math.sqrt(sumSquares / pairs), meanAbs: sumAbs / pairs, maxAbs, maxPair: [maxI, maxJ] };
}

/**
 * All pairs of the kernel's feature vectors, tile by tile over the upper triangle of the
 * Gram matrix (tiles (i0, j0), j0 ≥ i0, each summed over column slices of ≤ 1 024). Returns the
 * {@link OverlapStats} over the m(m−1)/2 pairs i < j, and keeps `meter.overlaps` up to date.
 * With `histogram`, also counts the overlaps in its bins, in the same pass over each tile (the
 * m × m matrix is never stored).
 * With `part` = { index, of }, measures only the rows of tiles index, index + of, index + 2·of …
 * (tile rows dealt out in turn, so that the parts of a triangle are about equal): one thread's
 * share of the pairs when several measure them at once (`npm run bench`'s all-cores line).
 * Domain: a kernel holding m ≥ 2 vectors; histogram.bins integer ≥ 1, 0 < histogram.range ≤ 1;
 * part.of integer ≥ 1 and 0 ≤ part.index < part.of, with some pairs in the part.
 */
export function* measureOverlaps(
  kernel: DotKernel,
  meter: Meter,
  histogram?: HistogramSpec,
  part: { readonly index: number; readonly of: number } = { index: 0, of: 1 },
): Generator<SimulationProgress, OverlapStats, void> {
  const m = kernel.rows;
  const padded = Math.ceil(m / 4) * 4;
  const chunks = kernel.chunks;
  const macCost = COST.mac[kernel.name];
  meter.phase = "overlaps";
  let pairs = 0;
  let sumSquares = 0;
  let sumAbs = 0;
  let maxAbs = -1;
  let maxI = 0;
  let maxJ = 1;
  if (histogram !== undefined && !(Number.isInteger(histogram.bins) && histogram.bins >= 1 && histogram.range > 0 && histogram.range <= 1)) {
    throw new RangeError(`a histogram needs an integer number of bins ≥ 1 and a range in (0, 1], got ${histogram.bins} and ${histogram.range}`);
  }
  const bins = histogram?.bins ?? 0;
  const from = -(histogram?.range ?? 1);
  const scale = bins / (2 * (histogram?.range ?? 1));
  const offset = -from * scale;
  // Up to 2^32 − 1 per bin: far above the 1.3·10⁸ pairs of the largest job the limits allow.
  const counts = new Uint32Array(bins);
  let outside = 0;
  for (let i0 = part.index * TILE; i0 < padded; i0 += part.of * TILE) {
    const ni = Math.min(TILE, padded - i0);
    for (let j0 = i0; j0 < padded; j0 += TILE) {
      const nj = Math.min(TILE, padded - j0);
      for (let c0 = 0; c0 < chunks; c0 += SLICE_CHUNKS) {
        const nc = Math.min(SLICE_CHUNKS, chunks - c0);
        // A diagonal tile needs only its upper triangle: about half of its micro-tiles.
        kernel.dots(i0, ni, "features", j0, nj, c0, nc, c0 > 0, j0 === i0);
        if (spend(meter, ni * nj * 4 * nc * macCost) && c0 + nc < chunks) yield progress(meter);
      }
      const tile = kernel.tile();
      const rows = Math.min(ni, m - i0);
      const cols = Math.min(nj, m - j0);
      let tileSquares = 0;
      let tileAbs = 0;
      let tilePairs = 0;
      for (let i = 0; i < rows; i++) {
        const start = j0 === i0 ? i + 1 : 0;
        const at = i * TILE;
        for (let j = start; j < cols; j++) {
          const g = tile[at + j]!;
          const a = Math.abs(g);
          tileSquares += g * g;
          tileAbs += a;
          if (a > maxAbs) {
            maxAbs = a;
            maxI = i0 + i;
            maxJ = j0 + j;
          }
          if (bins === 0) continue;
          // One count per overlap: bin ⌊(g − from)·scale⌋, computed as g·scale + offset (one
          // multiply-add; at a bin's very edge rounding may pick its neighbour). Inside the range
          // truncating with |0 is floor; anything outside goes to an end bin and is counted as
          // outside. Without a histogram the branch is always taken the same way, which costs
          // nothing measurable (npm run bench).
          const t = g * scale + offset;
          if (t >= 0 && t < bins) {
            counts[t | 0]!++;
          } else {
            counts[t < 0 ? 0 : bins - 1]!++;
            outside++;
          }
        }
        if (cols > start) tilePairs += cols - start;
      }
      pairs += tilePairs;
      sumSquares += tileSquares;
      sumAbs += tileAbs;
      if (spend(meter, tilePairs * COST.pairReduce)) {
        meter.overlaps = overlapStats(pairs, sumSquares, sumAbs, maxAbs, maxI, maxJ);
        yield progress(meter);
      }
    }
  }
  const stats = overlapStats(pairs, sumSquares, sumAbs, maxAbs, maxI, maxJ);
  if (stats === undefined) throw new RangeError("measuring overlaps needs at least 2 features");
  meter.overlaps = stats;
  if (histogram === undefined) return stats;
  return { ...stats, histogram: { from, to: -from, counts: Array.from(counts), outside } };
}
