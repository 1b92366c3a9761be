/**
 * Web Worker entry for the phase diagrams and the dimensionality sweep:
 * `new Worker(new URL("./phase-worker.ts", import.meta.url), { type: "module" })`. Serves
 * `ToyPhaseJob`s over the job protocol (src/compute/jobs/protocol.ts). DOM-free.
 */
import { serveJobs, type WorkerScope } from "../../../compute/jobs/serve.ts";
import { runToyPhaseJob, type ToyPhaseJob } from "./phase-jobs.ts";

serveJobs<ToyPhaseJob>(globalThis as unknown as WorkerScope, runToyPhaseJob);
