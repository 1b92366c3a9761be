import { formatPowerOfTen } from "../numbers/format.ts";

/**
 * Ticks of a log axis: one per power of ten (thinned to at most 8), labelled in the site's
 * number format. Why not Plot's defaults: those add a grid line for every 2…9 in each decade —
 * most of a figure's DOM and of its redraw time — and label 0.2 as "200m", which reads as metres.
 * Domain: finite 0 < from ≤ to; otherwise throws a RangeError.
 */
export function logTicks(from: number, to: number): { ticks: number[]; tickFormat: (d: number) => string } {
  // A non-finite end would make the loop below endless: refuse it (the figure then says it could
  // not be drawn, and the numbers stay on screen).
  if (!(Number.isFinite(from) && Number.isFinite(to) && from > 0 && to >= from)) {
    throw new RangeError(`log axis needs finite bounds 0 < from ≤ to, got ${from}, ${to}`);
  }
  const first = Math.ceil(Math.log10(from) - 1e-9);
  const last = Math.floor(Math.log10(to) + 1e-9);
  const stride = Math.max(1, Math.ceil((last - first + 1) / 8));
  const ticks: number[] = [];
  for (let e = first; e <= last; e += stride) ticks.push(10 ** e);
  return { ticks, tickFormat: formatPowerOfTen };
}
