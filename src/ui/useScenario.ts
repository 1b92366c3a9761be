import { useLayoutEffect, useState } from "preact/hooks";
import type { ParameterName } from "../numbers/parameters.ts";
import type { Scenario } from "../numbers/scenario.ts";
import { currentState, INITIAL_STATE, initialStateFor, setField, setPageDefaults, subscribe, type ScenarioState } from "./scenario-store.ts";

/**
 * The shared scenario for an island that shows `fields`. Starts from the prerendered defaults
 * (so hydration matches the server HTML) and switches to the address's scenario after mount.
 * `defaults` is for a page prerendered with another scenario than DEFAULT_SCENARIO (see
 * `setPageDefaults`); it must be the same for every island of the page.
 * `pending` is true until the island shows the store's scenario: while a page opened on a linked
 * view, or an island another one woke, still shows the prerendered defaults; the island marks
 * itself busy until then (aria-busy), and the stylesheet hides those numbers.
 */
export function useScenario(fields: readonly ParameterName[], defaults?: Scenario): [ScenarioState, typeof setField, boolean] {
  // Busy until the island has read the store: on the server never (nothing is known there), in the
  // browser from the first render, which hydration leaves in place, so that a busy mark the
  // directive set (a linked view, or a stale island woken by another's change) is cleared after.
  const [adopted, setAdopted] = useState(() => typeof document === "undefined");
  const [state, setState] = useState<ScenarioState>(() => {
    // Declared during the first render, not in an effect: the store must know the page's defaults
    // before anything reads the address, a field adopting text typed before hydration included
    // (browser only: on the server the store is never read, and one page's defaults must not leak
    // into the next).
    if (defaults && typeof window !== "undefined") setPageDefaults(defaults);
    return defaults ? initialStateFor(defaults) : INITIAL_STATE;
  });
  // A layout effect: it runs as hydration commits, so the address's scenario (and a click the
  // reader made while the island loaded, replayed right after) is rendered without waiting a frame.
  useLayoutEffect(() => {
    const unsubscribe = subscribe(fields, setState);
    setState(currentState());
    setAdopted(true);
    return unsubscribe;
    // The fields of an island never change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return [state, setField, !adopted];
}
