/**
 * The page side of the calculators' slow outputs (engine/later-results-service.ts): one Web Worker
 * per page, made on the first request and shared by every calculator on it, each calculator a
 * client with its own id. A page's island names how to make the worker ({@link provideWorker});
 * where none is named (the self-contained embed widget, whose sandboxed frame has no address to
 * load a worker from) or the worker cannot run, {@link askWorker} says so and the caller computes
 * on the main thread, as it also does until the worker has answered once (so a first touch does
 * not wait for the worker's script to load).
 */
import type { WorkerLike } from "../../../ui/useWorkerJob.ts";
import type { Scenario } from "../../../numbers/scenario.ts";
import type { CalculatorName } from "../engine/results.ts";
import { isLaterReply, type LaterReply, type LaterRequest } from "../engine/later-results-service.ts";

/** "ready": the worker has answered; "starting": asked, no answer yet; "none": no worker (not provided, or failed). */
export type WorkerState = "ready" | "starting" | "none";

let makeWorker: (() => WorkerLike) | undefined;
let worker: WorkerLike | undefined;
let state: WorkerState = "none";
let failed = false;
let lastClient = 0;
const listeners = new Map<number, (reply: LaterReply) => void>();
/** Each client's last request, so that a worker that fails can hand it back. */
const lastKeys = new Map<number, string>();

/** Names how this page makes its worker (a page's island, once); the first request makes it. */
export function provideWorker(create: () => WorkerLike): void {
  makeWorker ??= create;
}

/** A new client id, one per calculator on the page. */
export function newClient(): number {
  lastClient += 1;
  return lastClient;
}

/** Replies to `client` go to `listener` until the returned function is called. */
export function listen(client: number, listener: (reply: LaterReply) => void): () => void {
  listeners.set(client, listener);
  return () => {
    if (listeners.get(client) === listener) listeners.delete(client);
    lastKeys.delete(client);
  };
}

/** The worker failed to load or run: no more requests to it; each client's last one comes back as failed. */
function fail(message: string): void {
  failed = true;
  state = "none";
  worker?.terminate();
  worker = undefined;
  for (const [client, key] of lastKeys) listeners.get(client)?.({ type: "failed", client, key, message });
}

function start(): WorkerLike | undefined {
  if (worker !== undefined || failed || makeWorker === undefined) return worker;
  try {
    const made = makeWorker();
    made.onmessage = (event) => {
      const reply = event.data;
      if (!isLaterReply(reply)) return;
      state = "ready";
      listeners.get(reply.client)?.(reply);
    };
    made.onerror = () => fail("The worker for the slow results failed to load.");
    worker = made;
    state = "starting";
  } catch {
    failed = true;
    state = "none";
  }
  return worker;
}

/**
 * Asks the page's worker for `calculator`'s slow outputs at `scenario` (named by `key`), on behalf
 * of `client`; the reply goes to the client's listener. Returns the worker's state before the
 * request: "none" when nothing was asked (compute on the main thread), "starting" when the worker
 * may take a while to answer its first request (compute on the main thread as well; its answer
 * replaces that one), "ready" when it will answer.
 */
export function askWorker(client: number, calculator: CalculatorName, key: string, scenario: Scenario): WorkerState {
  const target = start();
  if (target === undefined) return "none";
  const before = state;
  const request: LaterRequest = { type: "compute", client, calculator, key, scenario };
  try {
    target.postMessage(request);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
    return "none";
  }
  lastKeys.set(client, key);
  return before;
}

/** Forgets the worker and every client: for tests, between pages. */
export function resetLaterResultsWorker(): void {
  worker?.terminate();
  worker = undefined;
  makeWorker = undefined;
  state = "none";
  failed = false;
  listeners.clear();
  lastKeys.clear();
}
