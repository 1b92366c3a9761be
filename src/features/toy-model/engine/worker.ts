/**
 * Web Worker entry for the toy model: `new Worker(new URL("./worker.ts", import.meta.url),
 * { type: "module" })`. Serves training jobs over the job protocol (../jobs/protocol.ts, typed by
 * `ToyModelJob` in run.ts). DOM-free.
 */
import { serveJobs, type WorkerScope } from "../../../compute/jobs/serve.ts";
import { runToyModel, type ToyModelJob } from "./run.ts";

serveJobs<ToyModelJob>(globalThis as unknown as WorkerScope, runToyModel);
