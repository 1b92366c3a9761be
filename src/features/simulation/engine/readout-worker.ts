/**
 * Web Worker entry for one range of features of a large readout (large-readout.ts):
 * `new Worker(new URL("./readout-worker.ts", import.meta.url), { type: "module" })`. A page starts
 * several and gives each a range; serves them over the job protocol (../jobs/protocol.ts, typed by
 * `RangeJob` in run.ts). DOM-free.
 */
import { serveJobs, type WorkerScope } from "../../../compute/jobs/serve.ts";
import { runReadoutRange, type RangeJob } from "./run.ts";

serveJobs<RangeJob>(globalThis as unknown as WorkerScope, runReadoutRange);
