/**
 * Web Worker entry for measuring a dictionary: `new Worker(new URL("./dictionary-worker.ts",
 * import.meta.url), { type: "module" })`. Serves {@link DictionaryJob}s over the job protocol
 * (src/compute/jobs/protocol.ts); keeps the dictionary it loaded between jobs (worker-tasks.ts).
 */
import { serveJobs, type WorkerScope } from "../../../compute/jobs/serve.ts";
import { runDictionaryTask, type DictionaryJob, type WorkerState } from "./worker-tasks.ts";

const state: WorkerState = { loaded: undefined };
serveJobs<DictionaryJob>(globalThis as unknown as WorkerScope, (task, options) => runDictionaryTask(task, state, options));
