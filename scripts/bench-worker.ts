/**
 * A worker thread of `npm run bench` (scripts/bench.ts), for its all-cores lines:
 *
 *   readout ranges  the page's own worker code (serveJobs with runReadoutRange, as
 *                   src/features/simulation/engine/readout-worker.ts serves them in a browser), over the job
 *                   protocol: { type: "start", id, input } → progress, then { type: "done", … }
 *   all pairs       { kind: "pairs-load", n, m, seed, kernel }: draws the embedding into a kernel
 *                   (not timed), answers { kind: "pairs-ready" };
 *                   { kind: "pairs-run", index, of }: measures its share of the tile rows
 *                   (measureOverlaps with a part), answers { kind: "pairs-done", stats }
 */
import { parentPort } from "node:worker_threads";
import { serveJobs, type WorkerScope } from "../src/compute/jobs/serve.ts";
import { createKernel } from "../src/compute/kernels/kernel.ts";
import { createMeter } from "../src/features/simulation/engine/meter.ts";
import { measureOverlaps } from "../src/features/simulation/engine/overlaps.ts";
import { randomEmbedding } from "../src/features/simulation/engine/embedding.ts";
import { runToEnd } from "../src/math/run-to-end.ts";
import type { DotKernel, KernelName } from "../src/compute/kernels/quad-layout.ts";
import { runReadoutRange, type RangeJob } from "../src/features/simulation/engine/run.ts";

if (parentPort === null) throw new Error("bench-worker.ts runs as a worker thread of scripts/bench.ts");
const port = parentPort;

let jobs: ((event: { data: unknown }) => void) | null = null;
const scope: WorkerScope = {
  postMessage: (message) => port.postMessage(message),
  get onmessage() {
    return jobs;
  },
  set onmessage(handler) {
    jobs = handler;
  },
};
serveJobs<RangeJob>(scope, runReadoutRange);

let kernel: DotKernel | undefined;

port.on("message", (data: { kind?: string; n?: number; m?: number; seed?: number; kernel?: KernelName; index?: number; of?: number }) => {
  if (data.kind === "pairs-load") {
    const { n, m, seed } = data as { n: number; m: number; seed: number };
    const vectors = randomEmbedding(n, m, seed);
    kernel = createKernel(data.kernel);
    kernel.reset(m, n);
    for (let f = 0; f < m; f++) kernel.setRow(f, vectors.subarray(f * n, (f + 1) * n));
    port.postMessage({ kind: "pairs-ready", kernel: kernel.name });
  } else if (data.kind === "pairs-run") {
    if (kernel === undefined) throw new Error("pairs-run before pairs-load");
    const stats = runToEnd(measureOverlaps(kernel, createMeter(), undefined, { index: data.index!, of: data.of! }));
    port.postMessage({ kind: "pairs-done", stats });
  } else {
    jobs?.({ data });
  }
});
