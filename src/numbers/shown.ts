/**
 * One number as the page shows it: the number in full for tests and tools (`value`, or `log10`
 * beyond a double), and `text`, what the reader sees, with only the digits that are verified.
 */
import type { LogQuantity } from "../math/big-number.ts";
import type { Accuracy } from "../math/rate-accuracy.ts";
import { formatCount, formatEstimate, formatLogQuantity, formatNumber, formatToAccuracy } from "./format.ts";

/**
 * One displayed result. `value` is the full-precision number when it fits a double; `log10` is
 * set instead when it does not (e^(n/8) for large n). `text` is what the reader sees: for an
 * error rate, only the digits its accuracy allows (src/math/rate-accuracy.ts), while `value` and
 * `log10` keep the computed number in full.
 */
export interface Result {
  readonly value?: number;
  readonly log10?: number;
  readonly text: string;
  /** For an error rate: how it is known ("exact", "verified" to 10 %, "about", or a "range"). */
  readonly accuracy?: Accuracy["kind"];
}

/** A real that fits a double, written with the site's usual digits. */
export function plain(value: number, text = formatNumber(value)): Result {
  return { value, text };
}

/**
 * A measured mean with its standard error: the value in full, the text "x ± se" with only the
 * digits the error leaves meaningful (formatEstimate); the value alone when se is 0 (exact).
 */
export function estimate(value: number, se: number): Result & { readonly se: number } {
  return { value, se, text: formatEstimate(value, se) };
}

/** A count that may be beyond double range (neurons needed for a tiny ε, say). */
export function count(q: LogQuantity): Result {
  return q.value !== undefined ? { value: q.value, text: formatCount(q.value) } : huge(q);
}

/** A real that may be beyond double range: plain when it fits, log10 otherwise. */
export function huge(q: LogQuantity): Result {
  return q.value !== undefined ? { value: q.value, text: formatLogQuantity(q) } : { log10: q.log10, text: formatLogQuantity(q) };
}

/**
 * An error rate as the site shows it: the number in full in `value` (or `log10` beyond a double),
 * the text with only the digits its accuracy allows; 0 exactly.
 */
export function rate(q: LogQuantity | 0, accuracy: Accuracy, kind: "probability" | "count"): Result {
  if (q === 0) return { value: 0, text: "0", accuracy: "exact" };
  const text = formatToAccuracy(q, accuracy, kind);
  return q.value !== undefined ? { value: q.value, text, accuracy: accuracy.kind } : { log10: q.log10, text, accuracy: accuracy.kind };
}
