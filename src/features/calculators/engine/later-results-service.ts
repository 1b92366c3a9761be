/**
 * The calculators' slow outputs served from a Web Worker (later-results-worker.ts), one worker per
 * page shared by its calculators, and the messages both sides agree on.
 *
 *   page → worker   { type: "compute", client, calculator, key, scenario }
 *                   `client` tells apart the calculators of a page; `key` names the scenario.
 *   worker → page   { type: "results", client, key, outputs, refining }
 *                   the slow outputs for that scenario; `refining` names those a refinement may
 *                   still replace, and a second reply (refining empty) ends it.
 *                   { type: "failed", client, key, message }  the computation threw.
 *
 * Scheduling: a client's newer request replaces its older one, computed or not (a slider drag
 * sends many; only the last matters). Every waiting request's outputs come before any refinement,
 * and a refinement (the Monte Carlo of "all read right", 40–100 ms) runs in slices of about 8 ms
 * with a return to the event loop between them, so a request that arrives meanwhile is answered
 * within a slice, and a refinement whose scenario is gone is dropped. DOM-free.
 */
import { nextTask } from "../../../compute/jobs/drive.ts";
import type { WorkerScope } from "../../../compute/jobs/serve.ts";
import type { Scenario } from "../../../numbers/scenario.ts";
import type { Result } from "../../../numbers/shown.ts";
import { CALCULATOR_NAMES, type CalculatorName } from "./results.ts";
import { LATER_RESULTS, laterRefinement, type Refinement } from "./later-results.ts";

export interface LaterRequest {
  readonly type: "compute";
  readonly client: number;
  readonly calculator: CalculatorName;
  readonly key: string;
  readonly scenario: Scenario;
}

export type LaterReply =
  | {
      readonly type: "results";
      readonly client: number;
      readonly key: string;
      readonly outputs: Readonly<Record<string, Result>>;
      readonly refining: readonly string[];
    }
  | { readonly type: "failed"; readonly client: number; readonly key: string; readonly message: string };

/** Longest stretch of a refinement between two returns to the event loop, in ms. */
const SLICE_MS = 8;

/** Whether a message is a request of this protocol (its payload is trusted: both sides are this site's code). */
function isLaterRequest(data: unknown): data is LaterRequest {
  if (typeof data !== "object" || data === null) return false;
  const { type, client, calculator, key, scenario } = data as Partial<Record<keyof LaterRequest, unknown>>;
  return (
    type === "compute" &&
    typeof client === "number" &&
    typeof key === "string" &&
    typeof scenario === "object" &&
    scenario !== null &&
    CALCULATOR_NAMES.includes(calculator as CalculatorName)
  );
}

/** Whether a message is a reply of this protocol. */
export function isLaterReply(data: unknown): data is LaterReply {
  if (typeof data !== "object" || data === null) return false;
  const { type, client, key } = data as { type?: unknown; client?: unknown; key?: unknown };
  return (type === "results" || type === "failed") && typeof client === "number" && typeof key === "string";
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Serves the calculators' slow outputs on `scope` (a worker's global scope, or a test's stand-in),
 * as the file comment describes. Messages that are not requests are ignored.
 */
export function serveLaterResults(scope: WorkerScope): void {
  /** The newest request of each client not yet answered. */
  const waiting = new Map<number, LaterRequest>();
  /** Each client's refinement under way, with the request it refines. */
  const refining = new Map<number, { request: LaterRequest; refinement: Refinement }>();
  let running = false;
  const post = (reply: LaterReply) => scope.postMessage(reply);

  const answer = (request: LaterRequest): void => {
    const compute = LATER_RESULTS[request.calculator];
    try {
      const outputs = compute?.(request.scenario) ?? {};
      const refinement = laterRefinement(request.calculator, request.scenario, outputs);
      post({ type: "results", client: request.client, key: request.key, outputs, refining: refinement?.outputs ?? [] });
      if (refinement !== undefined) refining.set(request.client, { request, refinement });
    } catch (error) {
      post({ type: "failed", client: request.client, key: request.key, message: message(error) });
    }
  };

  /** One slice of one refinement (about SLICE_MS); when it ends, its reply. */
  const refineSlice = (client: number, job: { request: LaterRequest; refinement: Refinement }): void => {
    const start = performance.now();
    try {
      for (;;) {
        const step = job.refinement.steps.next();
        if (step.done) {
          refining.delete(client);
          post({ type: "results", client, key: job.request.key, outputs: step.value, refining: [] });
          return;
        }
        if (performance.now() - start >= SLICE_MS) return;
      }
    } catch (error) {
      refining.delete(client);
      post({ type: "failed", client, key: job.request.key, message: message(error) });
    }
  };

  const run = async (): Promise<void> => {
    running = true;
    while (waiting.size > 0 || refining.size > 0) {
      const [client, request] = waiting.entries().next().value ?? [];
      if (client !== undefined && request !== undefined) {
        waiting.delete(client);
        answer(request);
      } else {
        const [refiningClient, job] = refining.entries().next().value!;
        refineSlice(refiningClient, job);
      }
      await nextTask();
    }
    running = false;
  };

  scope.onmessage = (event) => {
    const request = event.data;
    if (!isLaterRequest(request)) return;
    waiting.set(request.client, request);
    // The client's older refinement is for a scenario no longer on screen.
    refining.delete(request.client);
    if (!running) void run();
  };
}
