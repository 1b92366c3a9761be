/**
 * Numbers that may exceed double range, carried as their base-10 logarithm.
 *
 * Why: the post's feature limit m ≲ e^(n/8) overflows a double already at n ≈ 5 678
 * (e^709.8 ≈ 1.8·10^308). Every quantity that can grow like that is computed as log10 and only
 * turned into a plain number when it fits.
 */

/** A positive quantity known by its base-10 logarithm; `value` is set only when it fits a double. */
export interface LogQuantity {
  /** log10 of the quantity; always finite. */
  readonly log10: number;
  /**
   * The quantity itself, or `undefined` when 10^log10 is beyond double range: above
   * Number.MAX_VALUE, or below the smallest normal double (2^-1022 ≈ 2.2·10⁻³⁰⁸), where it would
   * lose precision or underflow to 0.
   */
  readonly value: number | undefined;
}

/** log10 of Number.MAX_VALUE ≈ 308.2547: anything larger overflows to Infinity. */
export const LOG10_MAX_DOUBLE = Math.log10(Number.MAX_VALUE);

/** The smallest normal double, 2^-1022 ≈ 2.2·10⁻³⁰⁸: below it precision drops, down to 0. */
export const MIN_NORMAL_DOUBLE = 2 ** -1022;

/**
 * Builds a {@link LogQuantity} from a base-10 logarithm.
 * Domain: any finite `log10`. Outside it (NaN, ±Infinity) it throws a RangeError, because a
 * non-finite logarithm means a caller skipped validation.
 */
export function fromLog10(log10: number): LogQuantity {
  if (!Number.isFinite(log10)) throw new RangeError(`log10 must be finite, got ${log10}`);
  const value = log10 <= LOG10_MAX_DOUBLE ? 10 ** log10 : undefined;
  return { log10, value: value !== undefined && Number.isFinite(value) && value >= MIN_NORMAL_DOUBLE ? value : undefined };
}

/** Builds a {@link LogQuantity} from a natural logarithm: 10^(ln / ln 10). Same domain as {@link fromLog10}. */
export function fromLn(ln: number): LogQuantity {
  return fromLog10(ln / Math.LN10);
}

/**
 * Wraps a plain positive number as a {@link LogQuantity}, keeping it exact (no 10^log10 round
 * trip). Domain: finite x > 0; otherwise throws a RangeError.
 */
export function fromValue(x: number): LogQuantity {
  if (!(Number.isFinite(x) && x > 0)) throw new RangeError(`expected a finite number > 0, got ${x}`);
  return { log10: Math.log10(x), value: x };
}
