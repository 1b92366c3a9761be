/**
 * Web Worker entry for the simulation: `new Worker(new URL("./worker.ts", import.meta.url),
 * { type: "module" })`. DOM-free; uses only the worker's postMessage and onmessage.
 *
 * Messages in:
 *   { type: "run", id, n, m, l, seed, trials, overlaps?, kernel? }   start a job (a job already
 *                                                                   running is cancelled first)
 *   { type: "sweep", id, n, m, l, seed, trials, kernel? }           start a sweep (sweep.ts): all
 *                                                                   pairs with their histogram,
 *                                                                   readouts at several l (likewise
 *                                                                   cancelling any running job)
 *   { type: "cancel", id }                                          stop job `id`
 * Messages out (every one carries the job's id):
 *   { type: "progress", id, progress }        SimulationProgress, at most every 50 ms
 *   { type: "done", id, result, seconds }      SimulationResult (SweepResult for a sweep) and
 *                                              wall-clock seconds
 *   { type: "cancelled", id }
 *   { type: "error", id, error }               SimulationError (invalid or oversized job, or failure)
 * `id` is whatever the page sent (a number or string), so it can match replies to requests.
 */
import { runSimulation, runSweep } from "./run.ts";
import type { KernelChoice } from "./kernel.ts";

export type WorkerRequest =
  | {
      readonly type: "run";
      readonly id: number | string;
      readonly n: number;
      readonly m: number;
      readonly l: number;
      readonly seed: number;
      readonly trials: number;
      readonly overlaps?: boolean;
      readonly kernel?: KernelChoice;
    }
  | {
      readonly type: "sweep";
      readonly id: number | string;
      readonly n: number;
      readonly m: number;
      readonly l: number;
      readonly seed: number;
      readonly trials: number;
      readonly kernel?: KernelChoice;
    }
  | { readonly type: "cancel"; readonly id: number | string };

interface WorkerScope {
  postMessage(message: unknown): void;
  onmessage: ((event: { data: unknown }) => void) | null;
}

const scope = globalThis as unknown as WorkerScope;
let current: { id: unknown; controller: AbortController } | undefined;

function isKernelChoice(x: unknown): x is KernelChoice {
  return x === "auto" || x === "wasm-simd" || x === "js";
}

async function run(request: Record<string, unknown>, sweep: boolean): Promise<void> {
  const id = request.id;
  current?.controller.abort();
  const controller = new AbortController();
  const job = { id, controller };
  current = job;
  const options = {
    signal: controller.signal,
    kernel: isKernelChoice(request.kernel) ? request.kernel : "auto",
    onProgress: (progress: unknown) => scope.postMessage({ type: "progress", id, progress }),
  } as const;
  const input = { n: request.n, m: request.m, l: request.l, seed: request.seed, trials: request.trials };
  const outcome = sweep ? await runSweep(input, options) : await runSimulation({ ...input, overlaps: request.overlaps }, options);
  if (current === job) current = undefined;
  if (outcome.status === "done") scope.postMessage({ type: "done", id, result: outcome.result, seconds: outcome.seconds });
  else if (outcome.status === "cancelled") scope.postMessage({ type: "cancelled", id });
  else scope.postMessage({ type: "error", id, error: outcome.error });
}

scope.onmessage = (event) => {
  const data = event.data;
  if (typeof data !== "object" || data === null) {
    scope.postMessage({ type: "error", id: undefined, error: { code: "invalid", field: "job", message: "Expected a message object." } });
    return;
  }
  const request = data as Record<string, unknown>;
  if (request.type === "run" || request.type === "sweep") void run(request, request.type === "sweep");
  else if (request.type === "cancel") {
    if (current !== undefined && current.id === request.id) current.controller.abort();
  } else {
    scope.postMessage({ type: "error", id: request.id, error: { code: "invalid", field: "job", message: `Unknown message type: ${String(request.type)}.` } });
  }
};
