import { useEffect, useRef, useState } from "preact/hooks";
import type { Result } from "../engine/results.ts";
import type { CalculatorName } from "../engine/results.ts";
import type { Scenario } from "../../../numbers/scenario.ts";
import type { LaterReply } from "../engine/later-results-service.ts";
import { refinedOutputs } from "../engine/later-results.ts";
import { askWorker, listen, newClient } from "./later-results-client.ts";

type Outputs = Readonly<Record<string, Result>>;

/** What {@link useLaterResults} has for the scenario on screen. */
export interface LaterResults {
  /** The slow outputs: for this scenario, or (while `stale`) for the one before it. */
  readonly outputs: Outputs;
  /** True while the outputs shown are the previous scenario's, until these arrive. */
  readonly stale: boolean;
  /** Outputs of this scenario that a refinement may still replace (all right, by Monte Carlo). */
  readonly refining: ReadonlySet<string>;
}

interface Done {
  readonly key: string;
  readonly outputs: Outputs;
  readonly refining: ReadonlySet<string>;
}

const NONE: ReadonlySet<string> = new Set();

/**
 * A calculator's slow outputs (its spec's laterResults): the fast outputs and the figure reach the
 * screen in the frame of the reader's touch, these when computed; meanwhile the previous values
 * stay, marked stale. Computed in the page's Web Worker (later-results-client.ts), which also
 * refines "all read right" by Monte Carlo where the fast value is only a range; until the worker
 * has answered once, and where there is none (the embed widget), one task after the render on the
 * main thread, as a worker would answer. On the server the first render computes them at once (the
 * page's HTML, and a reader without JavaScript, get them).
 */
export function useLaterResults(
  calculator: CalculatorName,
  compute: ((s: Scenario) => Outputs) | undefined,
  scenario: Scenario,
): LaterResults | undefined {
  const key = JSON.stringify(scenario);
  const [done, setDone] = useState<Done | undefined>(() =>
    compute && typeof window === "undefined" ? { key, outputs: compute(scenario), refining: NONE } : undefined,
  );
  const [client] = useState(newClient);
  // The key last asked for (replies to older ones are dropped) and what is shown, for callbacks.
  const asked = useRef<string | undefined>(undefined);
  const shown = useRef(done);
  shown.current = done;
  const scenarioRef = useRef(scenario);
  scenarioRef.current = scenario;

  // The main thread's answer, a task later: when no worker will answer soon for this key. While
  // the worker is still starting it will answer too, and refine what it refines: those stay busy.
  const computeHere = useRef((forKey: string, workerToFollow: boolean) => {
    setTimeout(() => {
      if (!compute || asked.current !== forKey || shown.current?.key === forKey) return;
      const s = scenarioRef.current;
      const outputs = compute(s);
      const refining = workerToFollow ? refinedOutputs(calculator, s, outputs) : [];
      setDone({ key: forKey, outputs, refining: refining.length > 0 ? new Set(refining) : NONE });
    }, 0);
  });

  useEffect(() => {
    if (!compute) return;
    return listen(client, (reply: LaterReply) => {
      if (reply.key !== asked.current) return;
      if (reply.type === "failed") {
        // No refinement will come: what is shown stands, or the main thread computes it.
        if (shown.current?.key === reply.key) setDone({ ...shown.current, refining: NONE });
        else computeHere.current(reply.key, false);
        return;
      }
      const refining = reply.refining.length > 0 ? new Set(reply.refining) : NONE;
      setDone((previous) =>
        previous?.key === reply.key
          ? { key: reply.key, outputs: { ...previous.outputs, ...reply.outputs }, refining }
          : { key: reply.key, outputs: reply.outputs, refining },
      );
    });
  }, [client, compute]);

  useEffect(() => {
    if (!compute || done?.key === key || asked.current === key) return;
    asked.current = key;
    const worker = askWorker(client, calculator, key, scenario);
    if (worker !== "ready") computeHere.current(key, worker === "starting");
    // The key stands for the scenario's values.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [compute, key, done?.key]);

  if (!compute) return undefined;
  const current = done?.key === key;
  return { outputs: done?.outputs ?? {}, stale: !current, refining: current ? done.refining : NONE };
}
