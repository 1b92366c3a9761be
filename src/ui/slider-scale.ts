/**
 * Sliders move on a log scale: the interesting values of n, m and l span many powers of ten.
 * A slider position is an integer 0…STEPS; these map it to a value and back.
 */
import type { SliderRange } from "../numbers/slider-range.ts";

export type { SliderRange };

export const STEPS = 200;

/** The value at slider position `step` (0…STEPS), log-spaced from min to max. */
export function valueAt(range: SliderRange, step: number): number {
  const t = Math.min(STEPS, Math.max(0, step)) / STEPS;
  const v = 10 ** (Math.log10(range.min) + t * (Math.log10(range.max) - Math.log10(range.min)));
  return range.integer ? Math.round(v) : Number(v.toPrecision(2));
}

/** The slider position closest to `value`, clamped to the ends for values outside the range. */
export function stepOf(range: SliderRange, value: number): number {
  const t = (Math.log10(value) - Math.log10(range.min)) / (Math.log10(range.max) - Math.log10(range.min));
  return Math.round(Math.min(1, Math.max(0, t)) * STEPS);
}
