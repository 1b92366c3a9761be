/**
 * Reading what a reader typed into a number. Accepts plain and scientific notation (`4096`,
 * `4,096`, `1e6`, `2.5E-3`); rejects everything else with a message that says what is allowed.
 * Never throws, never returns NaN or Infinity.
 */
import { formatCount } from "./format.ts";
import { PARAMETERS, type ParameterName, type ParameterSpec } from "./parameters.ts";

export type Parsed = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly message: string };

// Digits, an optional fraction, an optional exponent. Signs are handled separately so that a
// negative number gets its own message rather than "not a number".
const NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
// Digit-group separators between digits: "4,096", "1 000 000", "10_000".
// Only in the whole part: after a decimal point "1.5,000" is not a grouping, and is refused.
const GROUP_SEPARATOR = /(?<=^[+\-\u2212]?\d+(?:[,_\s\u00a0\u202f]\d{3})*)[,_\s\u00a0\u202f](?=\d{3}(?:\D|$))/g;

/**
 * Two ways to write a value of the parameter's domain, for the message when what was typed is not a
 * number: whole numbers for counts, fractions for values at most 1 (ε, S, r), decimals otherwise.
 */
export function writtenLike(spec: ParameterSpec): string {
  if (spec.kind === "count") {
    // A count whose largest value is below 1 000 (restarts: 1 … 8) has no power of ten to show.
    if (spec.max !== undefined && spec.max < 1e3) return `${spec.min} or ${spec.max}`;
    return spec.max !== undefined && spec.max < 1e6 ? `${Math.min(spec.max, 3000)} or 1e3` : "4096 or 1e6";
  }
  if (spec.max !== undefined && spec.max <= 1) return "0.1 or 1e-3";
  return "2.5 or 1e-3";
}

function fail(message: string): Parsed {
  return { ok: false, message };
}

/**
 * Parses one parameter. Domain: any string. Returns the value when it is a finite number in the
 * parameter's domain (see `PARAMETERS`); otherwise a message naming the parameter and its domain.
 * Only the parameter's own domain is checked; relations between parameters (l ≤ m) are checked by
 * {@link checkActiveWithinFeatures}.
 */
export function parseParameter(name: ParameterName, text: string): Parsed {
  return parseWith(PARAMETERS[name], text);
}

function parseWith(spec: ParameterSpec, text: string): Parsed {
  const allowed = `${spec.symbol} must be ${spec.domain}`;
  const trimmed = text.trim().replace(GROUP_SEPARATOR, "");
  if (trimmed === "") return fail(`Enter a value: ${allowed}.`);
  let sign = 1;
  let body = trimmed;
  if (body.startsWith("-") || body.startsWith("\u2212")) {
    sign = -1;
    body = body.slice(1);
  } else if (body.startsWith("+")) {
    body = body.slice(1);
  }
  if (!NUMBER.test(body)) return fail(`Not a number: ${allowed}, written like ${writtenLike(spec)}.`);
  const value = sign * Number(body);
  if (!Number.isFinite(value)) return fail(`Too large for this page (the limit is about 1.8e308): ${allowed}.`);
  if (sign < 0 && value !== 0) return fail(`Negative values are not allowed: ${allowed}.`);
  if (spec.kind === "count") {
    if (!Number.isInteger(value)) {
      return fail(
        spec.counts !== undefined
          ? `${spec.symbol} is a count of ${spec.counts}, so it must be a whole number: ${allowed}.`
          : `Not a whole number: ${allowed}.`,
      );
    }
    if (value < spec.min) return fail(`Too small: ${allowed}.`);
  } else if (!(value > spec.min)) {
    // "1e-400" has non-zero digits but rounds to 0: too small for a double, not zero.
    const typedZero = !/[1-9]/.test(body.split(/e/i)[0] ?? "");
    return fail(`${typedZero ? "Zero is not allowed" : "Too small for this page (the limit is about 1e-308)"}: ${allowed}.`);
  }
  if (spec.max !== undefined && value > spec.max) return fail(`Too large: ${allowed}.`);
  return { ok: true, value };
}

/**
 * The one relation between parameters: no more features can be active than exist (l ≤ m).
 * Returns a message for l when it fails, or undefined when l ≤ m.
 */
export function checkActiveWithinFeatures(l: number, m: number): string | undefined {
  return l > m ? `l cannot exceed m: at most all ${formatCount(m)} features can be active at once.` : undefined;
}
