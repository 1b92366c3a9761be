/**
 * A stand-in for the Web Worker of a worker-job island (happy-dom has no workers): records what it
 * is sent and replies only when the test says so, in the job protocol (src/compute/jobs/protocol.ts).
 */
import { act } from "@testing-library/preact";
import type { JobKind, JobReply, JobRequest } from "../../src/compute/jobs/protocol.ts";
import type { WorkerLike } from "../../src/ui/useWorkerJob.ts";

export class FakeWorker<K extends JobKind = JobKind> implements WorkerLike {
  readonly sent: JobRequest<K>[] = [];
  terminated = false;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  postMessage(message: unknown): void {
    this.sent.push(message as JobRequest<K>);
  }
  terminate(): void {
    this.terminated = true;
  }
  /** The id of the last job asked for. */
  get lastId(): number | undefined {
    return this.sent.filter((m) => m.type === "start").at(-1)?.id;
  }
  /** The input of the last job asked for. */
  get lastInput(): K["input"] | undefined {
    const start = this.sent.filter((m) => m.type === "start").at(-1);
    return start?.type === "start" ? start.input : undefined;
  }
  reply(data: JobReply<K> | Record<string, unknown>): void {
    act(() => this.onmessage?.({ data }));
  }
  /** The worker failing to load (a blocked or broken script). */
  fail(): void {
    act(() => this.onerror?.(new Event("error")));
  }
}

/** A createWorker for an island, and the workers it made. */
export function fakeWorkers<K extends JobKind>() {
  const workers: FakeWorker<K>[] = [];
  const createWorker = () => {
    const w = new FakeWorker<K>();
    workers.push(w);
    return w;
  };
  return { workers, createWorker };
}
