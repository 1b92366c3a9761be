/**
 * The L0 field of the dictionary page: how many latents each token switches on in the readouts
 * (readouts.ts), read from what the reader typed. Its limits: at least 1, at most the live latents
 * (a token cannot switch on more latents than there are), and at most {@link MAX_L0}, so that each
 * worker's per-token lists of the largest readouts (tokens × L0 entries) stay within a few tens of
 * megabytes.
 */
import { grouped } from "../../../numbers/format.ts";

/** Largest L0 the page reads out: 4 096 (1 000 tokens × 4 096 × 9 bytes = 37 MB per worker). */
export const MAX_L0 = 4096;

/** The L0 field's default before a cfg.json names one: OpenAI's TopK SAEs on GPT-2 small use k = 32. */
export const DEFAULT_L0 = 32;

export type CheckedL0 = { readonly ok: true; readonly l: number } | { readonly ok: false; readonly message: string };

/**
 * The L0 in `text` (a whole number, spaces around it allowed), checked against 1 … min(MAX_L0,
 * live) when the dictionary's live latents are known, 1 … MAX_L0 before. Domain: any text; never
 * throws. The message starts with "L0" (the worker's messages about L0 do too) and names the range.
 */
export function checkL0(text: string, live?: number): CheckedL0 {
  const most = live === undefined ? MAX_L0 : Math.min(MAX_L0, live);
  const range = `from 1 to ${grouped(most, 0)}${live !== undefined && live < MAX_L0 ? " (the dictionary's live latents)" : ""}`;
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, message: `L0 is empty: type how many latents a token switches on, a whole number ${range}.` };
  const l = /^[0-9]+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isSafeInteger(l)) {
    const shown = trimmed.length > 12 ? `${trimmed.slice(0, 12)}…` : trimmed;
    return { ok: false, message: `L0 must be a whole number ${range}, not “${shown}”.` };
  }
  if (l < 1 || l > most) return { ok: false, message: `L0 must be ${range}; ${grouped(l, 0)} is outside.` };
  return { ok: true, l };
}
