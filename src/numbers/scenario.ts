/**
 * The scenario a reader is looking at: the values of every parameter (the model's n, m, l, a, the
 * targets k and ε of the inverse questions, a simulation's seed and trials). It lives in the page
 * address as query parameters so that every view can be linked; this module reads and writes that
 * form. Pure: takes and returns URLSearchParams-style data, touches no DOM.
 */
import { PARAMETER_NAMES, PARAMETERS, type ParameterName } from "./parameters.ts";
import { checkActiveWithinFeatures, parseParameter } from "./validate.ts";

export type Scenario = Readonly<Record<ParameterName, number>>;

/**
 * What a reader sees on first load: each parameter's default (a Llama-3-8B-sized layer with a
 * large feature dictionary).
 */
export const DEFAULT_SCENARIO: Scenario = Object.fromEntries(PARAMETER_NAMES.map((name) => [name, PARAMETERS[name].default])) as Scenario;

/**
 * What the simulation page opens on: a toy layer small enough to simulate in a blink (n = 256,
 * m = 2 048: about 2 million pairs), with l = 4 just below the post's limit n / (8 ln m) ≈ 4.2, so
 * that a sweep around it shows the strict question flip from "all read right" to "not".
 */
export const SIMULATION_SCENARIO: Scenario = { ...DEFAULT_SCENARIO, n: 256, m: 2048, l: 4 };

export interface ResolvedScenario {
  /** The values results are computed from: every valid field, and the last valid value elsewhere. */
  readonly scenario: Scenario;
  /** A message per field whose text is not valid; empty when all are. */
  readonly errors: Partial<Record<ParameterName, string>>;
}

/**
 * Combines what the reader typed with the last valid scenario.
 * Domain: `texts` may hold any strings for any subset of fields (absent fields keep `previous`).
 * Each valid field replaces its previous value; each invalid one keeps it and gets a message.
 * When the new l and m would break l ≤ m, both keep their previous values and both carry the
 * message (either can be corrected), unless a field already has a message of its own. So results
 * never come from an impossible pair, and no refusal is silent.
 */
export function resolveScenario(texts: Partial<Record<ParameterName, string>>, previous: Scenario): ResolvedScenario {
  const next: Record<ParameterName, number> = { ...previous };
  const errors: Partial<Record<ParameterName, string>> = {};
  for (const name of PARAMETER_NAMES) {
    const text = texts[name];
    if (text === undefined) continue;
    const parsed = parseParameter(name, text);
    if (parsed.ok) next[name] = parsed.value;
    else errors[name] = parsed.message;
  }
  const relation = checkActiveWithinFeatures(next.l, next.m);
  if (relation !== undefined) {
    next.l = previous.l;
    next.m = previous.m;
    errors.l ??= relation;
    errors.m ??= relation;
    // The kept pair can itself be invalid only if `previous` was; fall back to the defaults then.
    if (checkActiveWithinFeatures(next.l, next.m) !== undefined) {
      next.l = DEFAULT_SCENARIO.l;
      next.m = DEFAULT_SCENARIO.m;
    }
  }
  return { scenario: next, errors };
}

/**
 * Reads the fields present in a query string (`?n=768&m=1e5`). Unknown parameters are ignored;
 * absent ones take the default (`defaults`, the page's: {@link DEFAULT_SCENARIO} unless the page
 * opens on another); invalid ones take the default and carry their message.
 * Returns also the raw texts so the page can show exactly what the link said.
 */
export function readScenario(
  query: URLSearchParams,
  defaults: Scenario = DEFAULT_SCENARIO,
): ResolvedScenario & { texts: Partial<Record<ParameterName, string>> } {
  const texts: Partial<Record<ParameterName, string>> = {};
  for (const name of PARAMETER_NAMES) {
    const value = query.get(name);
    // A "+" typed by hand in an address ("1e+21") arrives decoded as a space.
    if (value !== null) texts[name] = value.replace(/(\de) (\d)/i, "$1+$2");
  }
  return { ...resolveScenario(texts, defaults), texts };
}

/** Each value of a scenario as the text a field shows for it (the shortest that reads back the same). */
export function scenarioTexts(s: Scenario): Record<ParameterName, string> {
  return Object.fromEntries(PARAMETER_NAMES.map((name) => [name, String(s[name])])) as Record<ParameterName, string>;
}

/**
 * Writes the given fields of a scenario into a copy of `query`, leaving other parameters alone.
 * Numbers are written in the shortest form that reads back to the same value (String(x)).
 */
export function writeScenario(query: URLSearchParams, scenario: Partial<Scenario>): URLSearchParams {
  const next = new URLSearchParams(query);
  for (const name of PARAMETER_NAMES) {
    const value = scenario[name];
    if (value !== undefined) next.set(name, String(value));
  }
  return next;
}
