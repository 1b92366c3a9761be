import { useEffect, useState } from "preact/hooks";
import type { ParameterName } from "../core/index.ts";
import { currentState, INITIAL_STATE, setField, subscribe, type ScenarioState } from "./scenario-store.ts";

/**
 * The shared scenario for an island that shows `fields`. Starts from the prerendered defaults
 * (so hydration matches the server HTML) and switches to the address's scenario after mount.
 */
export function useScenario(fields: readonly ParameterName[]): [ScenarioState, typeof setField] {
  const [state, setState] = useState<ScenarioState>(INITIAL_STATE);
  useEffect(() => {
    const unsubscribe = subscribe(fields, setState);
    setState(currentState());
    return unsubscribe;
    // The fields of an island never change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return [state, setField];
}
