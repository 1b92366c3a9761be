/**
 * The large readout of `npm run bench`, in a process of its own so that its peak memory is its
 * own: runs one job (the JSON argument: n, m, l, seed, trials, threads) split across worker threads
 * (scripts/bench-worker.ts, the page's worker code), and prints one line of JSON: the wall-clock
 * seconds from the start messages to the last part, the combined result, and the process's peak
 * resident memory in bytes (Node, its worker threads and their WebAssembly memories).
 */
import { Worker } from "node:worker_threads";
import type { JobReply, JobRequest } from "../src/compute/jobs/protocol.ts";
import { combineRanges } from "../src/features/simulation/engine/large-readout.ts";
import { splitFeatures } from "../src/features/simulation/engine/large-readout.ts";
import { validateLargeReadout } from "../src/features/simulation/engine/readout-params.ts";
import type { RangeJob } from "../src/features/simulation/engine/run.ts";

const { threads, ...input } = JSON.parse(process.argv[2] ?? "{}") as {
  threads: number;
  n: number;
  m: number;
  l: number;
  seed: number;
  trials: number;
};
const checked = validateLargeReadout(input);
if (!checked.ok) throw new Error(checked.error.message);
const { params } = checked;
const ranges = splitFeatures(params.m, threads);
const workers = ranges.map(() => new Worker(new URL("./bench-worker.ts", import.meta.url)));
const start = performance.now();
const parts = await Promise.all(
  ranges.map(
    (range, i) =>
      new Promise<Extract<JobReply<RangeJob>, { type: "done" }>["result"]>((resolve, reject) => {
        const worker = workers[i]!;
        worker.on("message", (message: JobReply<RangeJob>) => {
          if (message.type === "done") resolve(message.result);
          else if (message.type === "error") reject(new Error(message.error.message));
        });
        worker.once("error", reject);
        const request: JobRequest<RangeJob> = { type: "start", id: 1, input: { ...params, from: range.from, to: range.to } };
        worker.postMessage(request);
      }),
  ),
);
const seconds = (performance.now() - start) / 1000;
const result = combineRanges(params, parts);
await Promise.all(workers.map((w) => w.terminate()));
console.log(JSON.stringify({ seconds, result, peakBytes: process.resourceUsage().maxRSS * 1024 }));
