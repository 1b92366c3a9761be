/**
 * Web Worker entry for the simulation: `new Worker(new URL("./worker.ts", import.meta.url),
 * { type: "module" })`. Serves sweeps over the job protocol (../jobs/protocol.ts, typed by
 * `SweepJob` in run.ts). DOM-free.
 */
import { serveJobs, type WorkerScope } from "../../../compute/jobs/serve.ts";
import { runSweep, type SweepJob } from "./run.ts";

serveJobs<SweepJob>(globalThis as unknown as WorkerScope, runSweep);
