/**
 * A Web Worker for the calculators' slow outputs that runs in the test's own thread (happy-dom has
 * no workers): the real service (src/features/calculators/engine/later-results-service.ts) behind
 * a stand-in scope, its messages copied and delivered a task later each way, as a worker's are.
 */
import type { WorkerScope } from "../../src/compute/jobs/serve.ts";
import { serveLaterResults } from "../../src/features/calculators/engine/later-results-service.ts";
import type { WorkerLike } from "../../src/ui/useWorkerJob.ts";

export class InProcessWorker implements WorkerLike {
  /** Every message the page sent, in order. */
  readonly sent: unknown[] = [];
  /** Every reply the worker posted, in order. */
  readonly replies: unknown[] = [];
  terminated = false;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  private readonly scope: WorkerScope = {
    onmessage: null,
    postMessage: (message) => {
      const data = structuredClone(message);
      this.replies.push(data);
      setTimeout(() => {
        if (!this.terminated) this.onmessage?.({ data });
      }, 0);
    },
  };

  constructor() {
    serveLaterResults(this.scope);
  }

  postMessage(message: unknown): void {
    if (this.terminated) throw new Error("the worker was terminated");
    const data = structuredClone(message);
    this.sent.push(data);
    setTimeout(() => this.scope.onmessage?.({ data }), 0);
  }

  terminate(): void {
    this.terminated = true;
  }

  /** The worker failing to load (a blocked or broken script). */
  fail(): void {
    this.onerror?.(new Event("error"));
  }
}

/** A createWorker for the page, and the workers it made. */
export function inProcessWorkers() {
  const workers: InProcessWorker[] = [];
  const createWorker = () => {
    const w = new InProcessWorker();
    workers.push(w);
    return w;
  };
  return { workers, createWorker };
}
