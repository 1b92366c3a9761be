/**
 * How numbers are written on the page. Pure string formatting: the same text on the server
 * (prerendered HTML) and in the browser, whatever the reader's locale, so a link shows the same
 * thing to everyone. Never produces "NaN", "Infinity" or "undefined": such inputs throw.
 */
import type { LogQuantity } from "../math/big-number.ts";
import type { Accuracy } from "../math/rate-accuracy.ts";

const SUPERSCRIPT: Record<string, string> = {
  "-": "⁻",
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹",
};

function superscript(exponent: number): string {
  return String(exponent).replace(/[-0-9]/g, (c) => SUPERSCRIPT[c] ?? c);
}

function requireFinite(x: number): void {
  if (!Number.isFinite(x)) throw new RangeError(`cannot format ${x}`);
}

/**
 * Groups thousands with commas, with a fixed number of decimals, minus as U+2212: −4096 → "−4,096".
 * Written out rather than with Intl.NumberFormat: the first Intl formatter a page builds loads the
 * browser's locale data, 60–170 ms on a phone-speed CPU, and that would delay a calculator's first
 * answer; the grouping the site uses (en-US, always) is a few lines. Domain: finite x below 10⁶
 * with up to 6 decimals, or whole x below 2^53 (callers switch to powers of ten at 10⁶); beyond,
 * the digits are a double's exact binary value, where Intl would write the shortest one.
 */
export function grouped(x: number, fractionDigits: number): string {
  const [whole = "", fraction] = Math.abs(x).toFixed(fractionDigits).split(".");
  const sign = x < 0 || Object.is(x, -0) ? "−" : "";
  return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${fraction === undefined ? "" : `.${fraction}`}`;
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
  // Integers of 4+ digits are shown in full: rounding 4096 to "4,100" would misquote the input.
  if (Number.isInteger(x)) return grouped(x, 0);
  let magnitude = Math.floor(Math.log10(abs));
  // Rounding can carry into the next power of ten (0.99996 → 1.00, 999999.7 → 1.00 × 10⁶).
  if (Math.abs(Number(x.toFixed(Math.max(0, digits - 1 - magnitude)))) >= 10 ** (magnitude + 1)) magnitude += 1;
  if (magnitude >= 6) return formatScientific(magnitude, digits, x < 0);
  const fractionDigits = Math.max(0, digits - 1 - magnitude);
  return grouped(Number(x.toFixed(fractionDigits)), fractionDigits);
}

/** A count (whole number): shown in full up to a million, "1.00 × 10⁹" above. Domain: finite. */
export function formatCount(x: number): string {
  requireFinite(x);
  return Math.abs(x) >= 1e6 ? formatScientific(Math.log10(Math.abs(x)), 3, x < 0) : grouped(Math.round(x), 0);
}

/**
 * A measured mean and its standard error, "x ± se", with only the digits the error leaves
 * meaningful: the error to two significant figures, the mean rounded to the same decimal place
 * (12.3456 ± 0.0234 → "12.346 ± 0.023"; 1 234.5 ± 56.7 → "1,235 ± 57"). Beyond a million, or below
 * 10⁻⁵ in the error, both share a power of ten: "(1.2346 ± 0.0012) × 10⁷". An error of 0 (an exact
 * value), or none at all (`undefined`: one input, nothing to estimate it from), gives the value
 * alone, as {@link formatNumber}. Domain: finite value, finite se ≥ 0 or undefined; otherwise a
 * RangeError.
 */
export function formatEstimate(value: number, se: number | undefined): string {
  requireFinite(value);
  if (se === undefined) return formatNumber(value);
  requireFinite(se);
  if (se < 0) throw new RangeError(`a standard error cannot be negative, got ${se}`);
  if (se === 0) return formatNumber(value);
  // The error's second significant figure sets the last digit shown (rounding 0.0996 to 0.10 moves it).
  let place = Math.floor(Math.log10(se)) - 1;
  if (Math.round(se / 10 ** place) >= 100) place += 1;
  const size = Math.max(Math.abs(value), se);
  if (size < 1e6 && place >= -6) {
    const decimals = Math.max(0, -place);
    const round = (x: number) => Math.round(x / 10 ** place) * 10 ** place;
    const mean = round(value);
    return `${grouped(mean === 0 ? 0 : mean, decimals)} ± ${grouped(round(se), decimals)}`;
  }
  const exponent = Math.floor(Math.log10(size));
  const decimals = Math.max(0, exponent - place);
  const scale = 10 ** exponent;
  const mean = Number((value / scale).toFixed(decimals));
  return `(${grouped(mean === 0 ? 0 : mean, decimals)} ± ${(se / scale).toFixed(decimals)}) × 10${superscript(exponent)}`;
}

/** Beyond this |log10| a double no longer knows log10's fractional part well enough for a mantissa. */
const LOG10_EXPONENT_ONLY = 1e12;

function formatScientific(log10: number, digits: number, negative = false): string {
  requireFinite(log10);
  // e^(n/8) for n = 10^300: the mantissa is lost to rounding and the exponent itself needs
  // scientific notation, so only the exponent is shown: "10^(5.43 × 10²⁹⁸)".
  if (Math.abs(log10) >= LOG10_EXPONENT_ONLY) return `${negative ? "−" : ""}10^(${formatNumber(log10, digits)})`;
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
 * otherwise "2.72 × 10⁴⁴⁴" computed from its logarithm, and "10^(5.43 × 10²⁹⁸)" once the
 * logarithm itself reaches 10¹² (its fractional part, hence the mantissa, is then lost to
 * rounding). Domain: any {@link LogQuantity}.
 */
export function formatLogQuantity(q: LogQuantity, digits = 3): string {
  if (q.value !== undefined && q.value < 1e6) return formatNumber(q.value, digits);
  return formatScientific(q.log10, digits);
}

/**
 * A label for a power of ten on a log axis: 0.01, 0.1, 1, 10, …, 10,000, then 10⁵, 10⁶, …
 * (short enough to sit under a tick). Domain: finite x > 0; returns "" for values that are not a
 * power of ten, so only those ticks are labelled.
 */
export function formatPowerOfTen(x: number): string {
  requireFinite(x);
  if (x <= 0) return "";
  const exponent = Math.round(Math.log10(x));
  if (Math.abs(Math.log10(x) - exponent) > 1e-9) return "";
  if (exponent >= -2 && exponent <= 4) return grouped(10 ** exponent, Math.max(0, -exponent));
  return `10${superscript(exponent)}`;
}

/**
 * A fraction as a percentage to `digits` significant figures (default 3): 0.887 → "88.7%", or
 * "89%" with 2. Never rounds a fraction below 1 up to "100%" (9,996 of 10,000 right is not all
 * right): it reads "> 99.9%" instead ("> 99%" with 2 figures). Domain: finite fractions in [0, 1],
 * digits 2 or 3; throws on non-finite input.
 */
export function formatPercent(fraction: number, digits = 3): string {
  requireFinite(fraction);
  const text = formatNumber(100 * fraction, digits);
  const below = digits >= 3 ? "> 99.9%" : "> 99%";
  return fraction < 1 && Number(text.replace(/,/g, "")) >= 100 ? below : `${text}%`;
}

/**
 * A probability: as a percentage from 0.1 % up ("88.7%", "> 99.9%"), and below that as the
 * probability itself in powers of ten ("1.11 × 10⁻⁵"), which a percentage would bury in zeros;
 * "0" only when it is exactly 0. `digits` significant figures (default 3; 2 for a value known to
 * 10 %). Domain: any {@link LogQuantity} up to 1, or the number 0.
 */
export function formatProbability(p: LogQuantity | 0, digits = 3): string {
  if (p === 0) return "0";
  if (p.value !== undefined && p.value >= 1e-3) return formatPercent(Math.min(1, p.value), digits);
  return formatLogQuantity(p, digits);
}

/**
 * A power of ten's exponent for a range: whole numbers below 100 in size, and beyond that rounded
 * outward (`outward` −1 down, +1 up) to two significant figures, which is all a range of ±10 %
 * can say: −1 067 → −1 100 (down), −873 → −870 (up).
 */
function rangeExponent(log10: number, outward: -1 | 1): number {
  const size = Math.abs(log10);
  if (size < 100) return outward < 0 ? Math.floor(log10) : Math.ceil(log10);
  const unit = 10 ** (Math.floor(Math.log10(size)) - 1);
  return (outward < 0 ? Math.floor(log10 / unit) : Math.ceil(log10 / unit)) * unit;
}

/** "10⁻⁴⁰", or "10^(−1.1 × 10¹⁵)" once the exponent needs powers of ten itself. */
function powerOfTen(exponent: number): string {
  return Math.abs(exponent) >= 1e6 ? `10^(${formatNumber(exponent, 2)})` : `10${superscript(exponent)}`;
}

/**
 * A value known only to lie between 10^lowLog10 and 10^highLog10: "between 10⁻⁴⁰ and 10⁻³²",
 * the exponents rounded outward (to two significant figures from 100 up), never the digits of a
 * mantissa that nothing verifies. "about 10⁻³" when the two ends meet. Domain: finite
 * lowLog10 ≤ highLog10; otherwise a RangeError.
 */
export function formatPowerRange(lowLog10: number, highLog10: number): string {
  requireFinite(lowLog10);
  requireFinite(highLog10);
  if (lowLog10 > highLog10) throw new RangeError(`a range needs low ≤ high, got ${lowLog10} > ${highLog10}`);
  const low = rangeExponent(lowLog10, -1);
  const high = rangeExponent(highLog10, 1);
  return low === high ? `about ${powerOfTen(low)}` : `between ${powerOfTen(low)} and ${powerOfTen(high)}`;
}

/**
 * A bound from above, 10^log10 rounded up to one significant figure, so that it stays a bound:
 * 0.128 → "0.2", 0.0071 → "0.008", 3.2·10⁻⁵⁰ → "4 × 10⁻⁵⁰", "10^(−1.2 × 10⁶)" once the exponent
 * needs powers of ten itself. Domain: finite log10.
 */
export function formatUpperBound(log10: number): string {
  requireFinite(log10);
  if (Math.abs(log10) >= 1e6) return powerOfTen(rangeExponent(log10, 1));
  let exponent = Math.floor(log10);
  // A hair below a whole figure (3.0000000001 from rounding) is that figure, not the next.
  let figure = Math.ceil(10 ** (log10 - exponent) - 1e-9);
  if (figure >= 10) {
    figure = 1;
    exponent += 1;
  }
  if (exponent >= -3 && exponent <= 5) return grouped(figure * 10 ** exponent, Math.max(0, -exponent));
  return figure === 1 ? powerOfTen(exponent) : `${figure} × ${powerOfTen(exponent)}`;
}

/**
 * A quantity to two significant figures all through, integer part included (234.3 → "230",
 * 16 352 → "16,000", 6.51 → "6.5"): what a value known to 10 % can show. Domain: any
 * {@link LogQuantity}.
 */
function formatTwoFigures(q: LogQuantity): string {
  if (q.value === undefined || q.value >= 1e6 || q.value < 1e-3) return formatLogQuantity(q, 2);
  const magnitude = Math.floor(Math.log10(q.value));
  const unit = 10 ** (magnitude - 1);
  const rounded = Math.round(q.value / unit) * unit;
  // 1.0, 0.010 and 2,600 keep their second figure, even a zero.
  const decimals = Math.max(0, 1 - Math.floor(Math.log10(rounded)));
  return grouped(rounded, decimals);
}

/**
 * An error rate as its accuracy allows (src/math/rate-accuracy.ts): three significant figures
 * when it is exact, two when it is verified to 10 %, one after "about" when it is known to about
 * 25 %, "below" and a bound rounded up to one figure when it is known only from above ("below
 * 0.2"), and only a range of powers of ten otherwise ("between 10⁻⁴⁰ and 10⁻³²"). `kind`
 * "probability" writes percentages from 0.1 % up, "count" plain numbers. 0 is "0". Domain: a
 * {@link LogQuantity} (at most 1 for a probability) or 0.
 */
export function formatToAccuracy(q: LogQuantity | 0, accuracy: Accuracy, kind: "probability" | "count"): string {
  if (q === 0) return "0";
  if (accuracy.kind === "range") return formatPowerRange(accuracy.lowLog10, accuracy.highLog10);
  if (accuracy.kind === "below") return `below ${formatUpperBound(accuracy.highLog10)}`;
  if (accuracy.kind === "about") return `about ${kind === "probability" ? formatProbability(q, 1) : formatLogQuantity(q, 1)}`;
  const digits = accuracy.kind === "exact" ? 3 : 2;
  if (kind === "probability") return formatProbability(q, digits);
  return digits === 3 ? formatLogQuantity(q) : formatTwoFigures(q);
}
