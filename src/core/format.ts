/**
 * How numbers are written on the page. Pure string formatting: the same text on the server
 * (prerendered HTML) and in the browser, whatever the reader's locale, so a link shows the same
 * thing to everyone. Never produces "NaN", "Infinity" or "undefined": such inputs throw.
 */
import type { LogQuantity } from "./big-number.ts";

const SUPERSCRIPT: Record<string, string> = {
  "-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
};

function superscript(exponent: number): string {
  return String(exponent).replace(/[-0-9]/g, (c) => SUPERSCRIPT[c] ?? c);
}

function requireFinite(x: number): void {
  if (!Number.isFinite(x)) throw new RangeError(`cannot format ${x}`);
}

/** Groups thousands with a thin space-free comma: 4096 → "4,096". */
function grouped(x: number, fractionDigits: number): string {
  return x.toLocaleString("en-US", { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits });
}

/**
 * A real number to `digits` significant figures (default 3): 0.1504 → "0.150", 44.53 → "44.5",
 * 123456 → "123,456", 1.2e7 → "1.20 × 10⁷", 3e-5 → "3.00 × 10⁻⁵". Domain: finite numbers.
 */
export function formatNumber(x: number, digits = 3): string {
  requireFinite(x);
  if (x === 0) return "0";
  const abs = Math.abs(x);
  if (abs >= 1e6 || abs < 1e-3) return formatScientific(Math.log10(abs), digits, x < 0);
  const magnitude = Math.floor(Math.log10(abs));
  const fractionDigits = Math.max(0, digits - 1 - magnitude);
  // Integers of 4+ digits are shown in full: rounding 4096 to "4,100" would misquote the input.
  if (Number.isInteger(x)) return grouped(x, 0);
  return grouped(Number(x.toFixed(fractionDigits)), fractionDigits);
}

/** A count (whole number): shown in full up to a million, "1.00 × 10⁹" above. Domain: finite. */
export function formatCount(x: number): string {
  requireFinite(x);
  return Math.abs(x) >= 1e6 ? formatScientific(Math.log10(Math.abs(x)), 3, x < 0) : grouped(Math.round(x), 0);
}

function formatScientific(log10: number, digits: number, negative = false): string {
  let exponent = Math.floor(log10);
  let mantissa = 10 ** (log10 - exponent);
  // Rounding 9.996 to 3 figures gives 10.0: carry into the exponent.
  if (Number(mantissa.toFixed(digits - 1)) >= 10) {
    mantissa /= 10;
    exponent += 1;
  }
  return `${negative ? "−" : ""}${mantissa.toFixed(digits - 1)} × 10${superscript(exponent)}`;
}

/**
 * A quantity that may be beyond double range, e.g. e^(n/8): plain when below a million,
 * otherwise "2.72 × 10⁴⁴⁴" computed from its logarithm. Domain: any {@link LogQuantity}.
 */
export function formatLogQuantity(q: LogQuantity, digits = 3): string {
  if (q.value !== undefined && q.value < 1e6) return formatNumber(q.value, digits);
  return formatScientific(q.log10, digits);
}
