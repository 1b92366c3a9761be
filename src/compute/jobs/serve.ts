/**
 * The worker side of the job protocol (protocol.ts): takes "start" and "cancel" messages, runs one
 * job at a time with `run`, and posts its progress and outcome. A worker entry is one call:
 * `serveJobs(self, runSweep)`. DOM-free: uses only the worker's postMessage and onmessage.
 */
import type { DriveOptions, Outcome } from "./drive.ts";
import type { JobKind, JobReply } from "./protocol.ts";

/** What a worker's global scope offers this module (a test can pass a stand-in). */
export interface WorkerScope {
  postMessage(message: unknown): void;
  onmessage: ((event: { data: unknown }) => void) | null;
}

/** Runs one job to its outcome; never rejects (as `drive` does). */
export type JobRunner<K extends JobKind> = (
  input: K["input"],
  options: DriveOptions<K["progress"]>,
) => Promise<Outcome<K["result"], K["progress"], K["field"] | "job">>;

/**
 * Serves jobs of kind K on `scope`. A new "start" cancels the job still running; "cancel" stops
 * the job with that id (and is ignored for any other id); anything else is answered with an error.
 */
export function serveJobs<K extends JobKind>(scope: WorkerScope, run: JobRunner<K>): void {
  let current: { id: number; controller: AbortController } | undefined;
  const post = (reply: JobReply<K>) => scope.postMessage(reply);

  async function start(id: number, input: K["input"]): Promise<void> {
    current?.controller.abort();
    const job = { id, controller: new AbortController() };
    current = job;
    const outcome = await run(input, {
      signal: job.controller.signal,
      onProgress: (progress) => post({ type: "progress", id, progress }),
    });
    if (current === job) current = undefined;
    if (outcome.status === "done") post({ type: "done", id, result: outcome.result, seconds: outcome.seconds });
    else if (outcome.status === "cancelled") post({ type: "cancelled", id });
    else post({ type: "error", id, error: outcome.error });
  }

  scope.onmessage = (event) => {
    const data = event.data as { type?: unknown; id?: unknown; input?: unknown } | null;
    const id = typeof data?.id === "number" ? data.id : undefined;
    if (data?.type === "start" && id !== undefined) void start(id, data.input as K["input"]);
    else if (data?.type === "cancel" && id !== undefined) {
      if (current?.id === id) current.controller.abort();
    } else {
      post({
        type: "error",
        id,
        error: { code: "invalid", field: "job", message: `Not a job message: ${JSON.stringify(data)?.slice(0, 80) ?? String(data)}.` },
      });
    }
  };
}
