/**
 * The scenario shared by every calculator on a page, mirrored in the address bar.
 *
 * Why a module-level store: each calculator is its own island (its own Preact root), yet the
 * calculators on one page must show the same n, m, l, a (and a simulation its seed and trials). Islands that import this module share
 * one instance of it. The store keeps what the reader typed (texts), the last valid values
 * (scenario) and the message of each invalid field; every change rewrites the query string with
 * history.replaceState, so the address is always a link to what is on screen.
 */
import { DEFAULT_SCENARIO, readScenario, resolveScenario, scenarioTexts, writeScenario, type Scenario } from "../numbers/scenario.ts";
import type { ParameterName } from "../numbers/parameters.ts";
import { SCENARIO_CHANGE_EVENT } from "./scenario-event.ts";
import { resetAddressWriter, writeAddress } from "./address.ts";

export interface ScenarioState {
  readonly texts: Readonly<Record<ParameterName, string>>;
  readonly scenario: Scenario;
  readonly errors: Partial<Record<ParameterName, string>>;
}

type Listener = (state: ScenarioState) => void;

/**
 * The scenario this page was prerendered with: DEFAULT_SCENARIO, unless the page's islands say
 * otherwise through {@link setPageDefaults} (the simulation page opens on a smaller layer).
 */
let pageDefaults: Scenario = DEFAULT_SCENARIO;

/** What the server renders for a page with these defaults, before the address is read. */
export function initialStateFor(defaults: Scenario): ScenarioState {
  return { texts: scenarioTexts(defaults), scenario: defaults, errors: {} };
}

/** What the server renders, and what every island shows before it has read the address. */
export const INITIAL_STATE: ScenarioState = initialStateFor(DEFAULT_SCENARIO);

/**
 * Declares that this page was prerendered with `defaults` rather than DEFAULT_SCENARIO: absent
 * or invalid fields of the address fall back to them. Every
 * island of a page must declare the same defaults, before the store first reads the address
 * (useScenario does it before anything else); a later call with other defaults is ignored.
 */
export function setPageDefaults(defaults: Scenario): void {
  if (state === undefined) pageDefaults = defaults;
}

let state: ScenarioState | undefined;
const listeners = new Set<Listener>();
/** Fields shown on this page: only these are written to the address. */
const fieldsOnPage = new Set<ParameterName>();

/** The current state, reading the address on first use. Browser only. */
export function currentState(): ScenarioState {
  if (state === undefined) {
    const read = readScenario(new URLSearchParams(window.location.search), pageDefaults);
    const texts = { ...scenarioTexts(read.scenario), ...read.texts };
    state = { texts, scenario: read.scenario, errors: read.errors };
  }
  return state;
}

/** Registers an island's fields and listens for changes; returns the unsubscribe function. */
export function subscribe(fields: readonly ParameterName[], listener: Listener): () => void {
  for (const f of fields) fieldsOnPage.add(f);
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Records what the reader typed into one field, re-validates, notifies every island and
 * updates the address (valid values only: an invalid field keeps its last valid value there).
 */
export function setField(name: ParameterName, text: string): void {
  // A field can report before its island has subscribed (text typed before hydration is adopted
  // in the field's first effect, which runs before the island's): it is on the page all the same.
  fieldsOnPage.add(name);
  const before = currentState();
  const texts = { ...before.texts, [name]: text };
  const resolved = resolveScenario(texts, before.scenario);
  state = { texts, scenario: resolved.scenario, errors: resolved.errors };
  const shown: Partial<Record<ParameterName, number>> = {};
  for (const f of fieldsOnPage) shown[f] = resolved.scenario[f];
  writeAddress(Object.fromEntries(writeScenario(new URLSearchParams(), shown)));
  for (const listener of listeners) listener(state);
  // Islands that have not woken yet (client:interaction) wake up to show the same scenario.
  window.dispatchEvent(new Event(SCENARIO_CHANGE_EVENT));
}

/** Forgets all state; for tests, which load several scenarios in one document. */
export function resetScenarioStore(): void {
  resetAddressWriter();
  state = undefined;
  pageDefaults = DEFAULT_SCENARIO;
  listeners.clear();
  fieldsOnPage.clear();
}
