import { useEffect, useState } from "preact/hooks";
import type { ParameterName, Scenario } from "../core/index.ts";
import { currentState, INITIAL_STATE, initialStateFor, setField, setPageDefaults, subscribe, type ScenarioState } from "./scenario-store.ts";

/**
 * The shared scenario for an island that shows `fields`. Starts from the prerendered defaults
 * (so hydration matches the server HTML) and switches to the address's scenario after mount.
 * `defaults` is for a page prerendered with another scenario than DEFAULT_SCENARIO (see
 * `setPageDefaults`); it must be the same for every island of the page.
 */
export function useScenario(fields: readonly ParameterName[], defaults?: Scenario): [ScenarioState, typeof setField] {
  const [state, setState] = useState<ScenarioState>(() => {
    // Declared during the first render, not in an effect: the fields' own effects run first, and
    // one that adopts text typed before hydration already reads the store (browser only: on the
    // server the store is never read, and one page's defaults must not leak into the next).
    if (defaults && typeof window !== "undefined") setPageDefaults(defaults);
    return defaults ? initialStateFor(defaults) : INITIAL_STATE;
  });
  useEffect(() => {
    const unsubscribe = subscribe(fields, setState);
    setState(currentState());
    return unsubscribe;
    // The fields of an island never change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return [state, setField];
}
