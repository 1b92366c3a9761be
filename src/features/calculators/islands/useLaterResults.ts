import { useEffect, useState } from "preact/hooks";
import type { Result } from "../engine/results.ts";
import type { Scenario } from "../../../numbers/scenario.ts";

type Outputs = Readonly<Record<string, Result>>;

/** What {@link useLaterResults} has for the scenario on screen. */
export interface LaterResults {
  /** The slow outputs: for this scenario, or (while `stale`) for the one before it. */
  readonly outputs: Outputs;
  /** True while the outputs shown are the previous scenario's, until the next task computes these. */
  readonly stale: boolean;
}

/**
 * A calculator's slow outputs (its spec's laterResults), computed one task after the render that
 * needs them: the fast outputs and the figure reach the screen in the frame of the reader's touch,
 * these in the frame after; meanwhile the previous values stay, marked stale. On the server the
 * first render computes them at once (the page's HTML, and a reader without JavaScript, get
 * them); in the browser an island's first render is usually the reader's first touch, so even
 * then they wait a task (their cold first run is the slowest: 40 ms here).
 */
export function useLaterResults(compute: ((s: Scenario) => Outputs) | undefined, scenario: Scenario): LaterResults | undefined {
  const key = JSON.stringify(scenario);
  const [done, setDone] = useState<{ key: string; outputs: Outputs } | undefined>(() =>
    compute && typeof window === "undefined" ? { key, outputs: compute(scenario) } : undefined,
  );
  useEffect(() => {
    if (!compute || done?.key === key) return;
    const timer = setTimeout(() => setDone({ key, outputs: compute(scenario) }), 0);
    return () => clearTimeout(timer);
    // The key stands for the scenario's values.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [compute, key, done?.key]);
  if (!compute) return undefined;
  return { outputs: done?.outputs ?? {}, stale: done?.key !== key };
}
