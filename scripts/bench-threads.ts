/**
 * The multi-threaded jobs of `npm run bench`: all pairs split across worker threads
 * (scripts/bench-worker.ts) and the large readout in a process of its own (scripts/bench-readout.ts).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { KernelName } from "../src/compute/kernels/quad-layout.ts";
import type { LargeReadoutParams } from "../src/features/simulation/engine/readout-params.ts";
import type { LargeReadoutResult } from "../src/features/simulation/engine/large-readout.ts";
import type { OverlapStats } from "../src/features/simulation/engine/stats.ts";

/** Timed runs of the all-pairs job on threads (the best counts, after one warm-up). */
export const PAIR_REPEATS = 5;

/** Worker threads running scripts/bench-worker.ts; ended with `terminate()`. */
function startWorkers(count: number): Worker[] {
  return Array.from({ length: count }, () => new Worker(new URL("./bench-worker.ts", import.meta.url)));
}

/** The next message from a worker that satisfies `accept`. */
function reply<T>(worker: Worker, accept: (message: T) => boolean): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: T) => {
      if (!accept(message)) return;
      worker.off("message", onMessage);
      worker.off("error", reject);
      resolve(message);
    };
    worker.on("message", onMessage);
    worker.once("error", reject);
  });
}

/**
 * All pairs of the embedding of (n, m, seed 1) on `threads` worker threads, each measuring its
 * share of the tile rows: the best wall-clock time of PAIR_REPEATS runs (after one warm-up), from
 * telling them to start to the last result, and the statistics put together.
 */
export async function allPairsOnThreads(
  kernelName: KernelName,
  n: number,
  m: number,
  threads: number,
): Promise<{ seconds: number; maxAbs: number; pairs: number }> {
  const workers = startWorkers(threads);
  try {
    await Promise.all(
      workers.map((w) => {
        const ready = reply<{ kind: string }>(w, (msg) => msg.kind === "pairs-ready");
        w.postMessage({ kind: "pairs-load", n, m, seed: 1, kernel: kernelName });
        return ready;
      }),
    );
    let seconds = Infinity;
    let stats: OverlapStats[] = [];
    for (let r = 0; r <= PAIR_REPEATS; r++) {
      const start = performance.now();
      stats = (
        await Promise.all(
          workers.map((w, index) => {
            const done = reply<{ kind: string; stats: OverlapStats }>(w, (msg) => msg.kind === "pairs-done");
            w.postMessage({ kind: "pairs-run", index, of: threads });
            return done;
          }),
        )
      ).map((d) => d.stats);
      if (r > 0) seconds = Math.min(seconds, (performance.now() - start) / 1000);
    }
    return { seconds, maxAbs: Math.max(...stats.map((st) => st.maxAbs)), pairs: stats.reduce((sum, st) => sum + st.pairs, 0) };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * A large readout on `threads` worker threads (scripts/bench-readout.ts, in a process of its own):
 * the wall-clock seconds, the result and the peak memory of that process.
 */
export function readoutOnThreads(params: LargeReadoutParams, threads: number): { seconds: number; result: LargeReadoutResult; peakBytes: number } {
  const script = fileURLToPath(new URL("./bench-readout.ts", import.meta.url));
  const run = spawnSync(process.execPath, [script, JSON.stringify({ ...params, threads })], { encoding: "utf8", maxBuffer: 1 << 24 });
  if (run.status !== 0) throw new Error(`bench-readout.ts failed: ${run.stderr.trim().split("\n").slice(-3).join(" ")}`);
  return JSON.parse(run.stdout) as { seconds: number; result: LargeReadoutResult; peakBytes: number };
}
