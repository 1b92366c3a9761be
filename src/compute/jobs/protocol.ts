/**
 * The messages between a page and a Web Worker that runs heavy work (a simulation, a training
 * run): one typed protocol, imported by both sides, so neither casts what the other sends.
 *
 *   page → worker   { type: "start", id, input }     start job `id` (a job already running is
 *                                                   cancelled first: one job at a time)
 *                   { type: "cancel", id }           stop job `id`
 *   worker → page   { type: "progress", id, progress }   at most every 50 ms
 *                   { type: "done", id, result, seconds } the result and the wall-clock seconds
 *                   { type: "cancelled", id }
 *                   { type: "error", id, error }         a refused or failed job (a bad message
 *                                                        gets id undefined)
 * Every reply carries the id of its request, so the page can ignore replies to jobs it gave up.
 */
import { formatCount, grouped } from "../../numbers/format.ts";

/** Why a job did not run, for the reader: which field to blame and a sentence naming the limit. */
export interface JobError<Field extends string = string> {
  /**
   * "invalid": a field outside its domain; "too-large": a job beyond a limit; "failed": the job was
   * valid but could not run (e.g. the browser refused the memory).
   */
  readonly code: "invalid" | "too-large" | "failed";
  /** The field to blame ("job" when a product of several fields is too large). */
  readonly field: Field;
  /** A sentence for the reader, naming the field and its domain or the limit. */
  readonly message: string;
}

/** A job refused by its validation: `{ ok: false }` and the {@link JobError} that says why. */
export function refuseJob<Field extends string>(code: JobError["code"], field: Field, message: string): { ok: false; error: JobError<Field> } {
  return { ok: false, error: { code, field, message } };
}

/**
 * The first failure of `x` as a whole number in min … max, or undefined when it is one: "invalid"
 * when x is not a finite number, not whole, or below min; "too-large" above max, with x written in
 * full (grouped by thousands while it is an exact integer, 2^53, as a power of ten beyond).
 * `what` states the field's domain at the end of the message.
 */
export function checkWholeNumber<Field extends string>(
  field: Field,
  x: unknown,
  min: number,
  max: number,
  what: string,
): { ok: false; error: JobError<Field> } | undefined {
  if (typeof x !== "number" || !Number.isFinite(x)) return refuseJob("invalid", field, `${field} must be a number: ${what}.`);
  if (!Number.isInteger(x)) return refuseJob("invalid", field, `${field} must be a whole number: ${what}.`);
  if (x < min) return refuseJob("invalid", field, `${field} is too small: ${what}.`);
  if (x > max)
    return refuseJob("too-large", field, `${field} = ${Number.isSafeInteger(x) ? grouped(x, 0) : formatCount(x)} is above the limit: ${what}.`);
  return undefined;
}

/** The types one kind of job agrees on, on both sides of the worker. */
export interface JobKind<Input = unknown, Progress = unknown, Result = unknown, Field extends string = string> {
  readonly input: Input;
  readonly progress: Progress;
  readonly result: Result;
  readonly field: Field;
}

export type JobRequest<K extends JobKind> =
  { readonly type: "start"; readonly id: number; readonly input: K["input"] } | { readonly type: "cancel"; readonly id: number };

export type JobReply<K extends JobKind> =
  | { readonly type: "progress"; readonly id: number; readonly progress: K["progress"] }
  | { readonly type: "done"; readonly id: number; readonly result: K["result"]; readonly seconds: number }
  | { readonly type: "cancelled"; readonly id: number }
  | { readonly type: "error"; readonly id: number | undefined; readonly error: JobError<K["field"] | "job"> };

const REPLY_TYPES = new Set(["progress", "done", "cancelled", "error"]);

/**
 * Whether a message looks like a reply of this protocol (an object with a known type and a
 * numeric or missing id). The payloads themselves are trusted: both sides are this site's code.
 */
export function isJobReply<K extends JobKind>(message: unknown): message is JobReply<K> {
  if (typeof message !== "object" || message === null) return false;
  const { type, id } = message as { type?: unknown; id?: unknown };
  return typeof type === "string" && REPLY_TYPES.has(type) && (typeof id === "number" || id === undefined);
}
