/** Evenly spaced points on a log axis, for drawing smooth curves of the formulas. */
export function logSpace(from: number, to: number, count: number): number[] {
  const a = Math.log10(from);
  const b = Math.log10(to);
  // The ends are exact: 10 ** log10(x) can round past x, and past the largest double to Infinity.
  return Array.from({ length: count }, (_, i) => (i === 0 ? from : i === count - 1 ? to : Math.min(to, 10 ** (a + ((b - a) * i) / (count - 1)))));
}

/** Like {@link logSpace}, rounded to distinct integers (for counts such as m or l). */
export function logSpaceIntegers(from: number, to: number, count: number): number[] {
  return [...new Set(logSpace(from, to, count).map(Math.round))].filter((x) => x >= from && x <= to);
}
