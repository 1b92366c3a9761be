/**
 * Benchmark of measuring a dictionary the way the page does (src/features/dictionary/engine/:
 * a File read in blocks, worker threads standing in for Web Workers running the page's sequence of
 * jobs, measure-on-pool.ts, with the same kernels), side by side with numpy computing the same
 * statistics on the same file. Part of `npm run bench` (scripts/bench.ts), or alone:
 *
 *     node scripts/bench-dictionary.ts            # both cases
 *     node scripts/bench-dictionary.ts --exact    # only the 16 384 × 2 304 exact case
 *
 *   exact    a generated 16 384 × 2 304 float32 decoder (Gemma Scope 2B 16k's shape) as an .npy in
 *            the temporary folder: load (each worker reads the file), all pairs split between 2
 *            threads by tile rows, combined; then readouts at L0 = 82 over 1 000 tokens. numpy
 *            (OPENBLAS_NUM_THREADS = 2): rows normalised, the Gram matrix in row blocks of 1 024
 *            (A_b Aᵀ), each block reduced to the same statistics (Σ cos², Σ|cos|, max and pair,
 *            pairs above 0.5/0.9, worst per latent, the 1 000-bin |cos| histogram), then the median
 *            and 99th percentile of the worst overlaps.
 *   sampled  a generated 131 072 × 3 584 float32 .npy (1.9 GB, deleted afterwards) in sampled mode,
 *            in a process of its own so that its peak resident memory is its own (worker threads and
 *            their WebAssembly memories included): the worst pass split in 2 ranges, the pair
 *            subset's pairs in 2 shares, and readouts at L0 = 276 (1 000 tokens, streamed).
 */
import { spawnSync } from "node:child_process";
import { rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { JobFailed, type JobPool } from "../src/compute/jobs/pool.ts";
import type { JobReply, JobRequest } from "../src/compute/jobs/protocol.ts";
import type { DictionaryGeometry } from "../src/features/dictionary/engine/geometry.ts";
import { measureGeometryOnPool, readoutsOnPool } from "../src/features/dictionary/engine/measure-on-pool.ts";
import type { PhaseProgress } from "../src/features/dictionary/engine/pairs.ts";
import type { ReadoutSummary } from "../src/features/dictionary/engine/readouts.ts";
import type { DictionaryJob, DictionaryTask, DictionaryTaskResult } from "../src/features/dictionary/engine/worker-tasks.ts";

const THREADS = 2;

/** numpy's side: generating the files, and the exact statistics of a file. */
const NUMPY = String.raw`
import json, sys, time
import numpy as np
args = json.loads(sys.argv[1])
if args["job"] == "generate":
    m, n, path = args["m"], args["n"], args["path"]
    rng = np.random.default_rng(args["seed"])
    header = {"descr": "<f4", "fortran_order": False, "shape": (m, n)}
    with open(path, "wb") as f:
        np.lib.format.write_array_header_1_0(f, header)
        for start in range(0, m, 8192):
            rows = min(8192, m - start)
            f.write(rng.standard_normal((rows, n), dtype=np.float32).tobytes())
    print(json.dumps({"ok": True}))
else:
    t0 = time.perf_counter()
    A = np.load(args["path"]).astype(np.float32)
    norms = np.sqrt(np.einsum("ij,ij->i", A.astype(np.float64), A.astype(np.float64)))
    A = (A / norms[:, None]).astype(np.float32)
    m = A.shape[0]
    t1 = time.perf_counter()
    squares = 0.0; absolute = 0.0; above5 = 0; above9 = 0; best = -1.0; pair = (0, 0)
    worst = np.zeros(m, np.float32); hist = np.zeros(1000, np.int64); gemm = 0.0
    B = 1024
    # Full rows of the Gram matrix (both triangles: each pair counted twice, halved at the end),
    # the diagonal set to 0 (and its m zeros taken out of the histogram's first bin).
    for i0 in range(0, m, B):
        g0 = time.perf_counter()
        G = A[i0:i0 + B] @ A.T
        gemm += time.perf_counter() - g0
        rows = G.shape[0]
        G[np.arange(rows), np.arange(i0, i0 + rows)] = 0.0
        a = np.abs(G)
        squares += float(np.einsum("ij,ij->", G, G, dtype=np.float64)) / 2; absolute += float(a.sum(dtype=np.float64)) / 2
        above5 += int(np.count_nonzero(a > 0.5)); above9 += int(np.count_nonzero(a > 0.9))
        k = int(a.argmax()); v = float(a.flat[k])
        if v > best: best, pair = v, tuple(sorted((i0 + k // m, k % m)))
        worst[i0:i0 + rows] = a.max(axis=1)
        hist += np.bincount(np.minimum((a * 1000).astype(np.int32).ravel(), 999), minlength=1000)
    hist[0] -= m; hist //= 2; above5 //= 2; above9 //= 2
    pairs = m * (m - 1) // 2
    t2 = time.perf_counter()
    print(json.dumps({"seconds": t2 - t0, "pairsSeconds": t2 - t1, "rms": (squares / pairs) ** 0.5, "mean": absolute / pairs, "max": best,
        "pair": pair, "above05": above5, "above09": above9, "median": float(np.quantile(worst.astype(np.float64), 0.5)),
        "p99": float(np.quantile(worst.astype(np.float64), 0.99)), "histogramTotal": int(hist.sum()), "gemmSeconds": gemm}))
`;

function python(args: Record<string, unknown>, threads = THREADS): Record<string, unknown> {
  const count = String(threads);
  const env = { ...process.env, OPENBLAS_NUM_THREADS: count, OMP_NUM_THREADS: count, MKL_NUM_THREADS: count };
  const run = spawnSync("python3", ["-c", NUMPY, JSON.stringify(args)], { env, encoding: "utf8", maxBuffer: 1 << 24 });
  if (run.status !== 0) throw new Error(`numpy failed: ${run.stderr.trim().split("\n").slice(-3).join(" ")}`);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

/** Worker threads running the page's job server, as the pool the page's engine runs its jobs on. */
class ThreadPool implements JobPool<DictionaryJob> {
  readonly size = THREADS;
  readonly workers = Array.from({ length: THREADS }, () => new Worker(new URL("./bench-dictionary-worker.ts", import.meta.url)));
  private id = 0;

  private one(worker: number, task: DictionaryTask, onProgress?: (worker: number, progress: PhaseProgress) => void): Promise<DictionaryTaskResult> {
    const id = ++this.id;
    const target = this.workers[worker]!;
    return new Promise((resolve, reject) => {
      const listen = (reply: JobReply<DictionaryJob>) => {
        if (reply.id !== id) return;
        if (reply.type === "progress") return onProgress?.(worker, reply.progress);
        if (reply.type === "done") resolve(reply.result);
        else if (reply.type === "error") reject(new JobFailed(reply.error));
        else return;
        target.off("message", listen);
      };
      target.on("message", listen);
      const request: JobRequest<DictionaryJob> = { type: "start", id, input: task };
      target.postMessage(request);
    });
  }

  run(inputs: readonly DictionaryTask[], onProgress?: (worker: number, progress: PhaseProgress) => void): Promise<DictionaryTaskResult[]> {
    return Promise.all(inputs.map((task, w) => this.one(w, task, onProgress)));
  }

  close(): Promise<number[]> {
    return Promise.all(this.workers.map((w) => w.terminate()));
  }
}

function seconds(since: number): number {
  return (performance.now() - since) / 1000;
}

function fmt(x: number, digits = 6): string {
  return x.toPrecision(digits);
}

function printGeometry(g: DictionaryGeometry): void {
  const se = (e: { value: number; se: number }) => (e.se > 0 ? `${fmt(e.value)} ± ${fmt(e.se, 2)}` : fmt(e.value));
  console.log(`  mode ${g.mode}, n ${g.n}, m ${g.m}, live ${g.live}, dead ${g.dead}`);
  console.log(
    `  rms-overlap ${se(g.rmsOverlap)}   mean-overlap ${se(g.meanOverlap)}   max-overlap ${fmt(g.maxOverlap.value)} at (${g.maxOverlap.pair.join(", ")})${g.maxOverlap.lowerBound ? " (largest found)" : ""}`,
  );
  console.log(`  pairs-above-0.5 ${se(g.pairsAbove05)}   pairs-above-0.9 ${se(g.pairsAbove09)}`);
  console.log(`  median-worst-overlap ${se(g.medianWorstOverlap)}   p99-worst-overlap ${se(g.p99WorstOverlap)}`);
  const c = g.comparison;
  console.log(`  random-rms ${fmt(c.randomRms)}   random-worst ${fmt(c.randomWorst)}   welch ${fmt(c.welch)}   post-epsilon ${fmt(c.postEpsilon)}`);
}

function printReadouts(r: ReadoutSummary): void {
  console.log(
    `  readouts at L0 = ${r.l}, ${r.tokens} tokens: misreads-threshold ${fmt(r.misreadsThreshold)} ± ${fmt(r.misreadsThresholdSe, 2)}, misreads-topk ${fmt(r.misreadsTopk)} ± ${fmt(r.misreadsTopkSe, 2)}`,
  );
}

/** A goal of the bench, met or missed, with its figure (scripts/bench.ts prints them together). */
export interface BenchGoal {
  readonly label: string;
  readonly met: boolean;
  readonly figure: string;
}

async function exactCase(): Promise<BenchGoal[]> {
  const m = 16384;
  const n = 2304;
  const path = join(tmpdir(), `bench-dictionary-${process.pid}-exact.npy`);
  python({ job: "generate", m, n, path, seed: 1 });
  try {
    // The path stands for the File (see bench-dictionary-worker.ts); each thread opens it as a Blob.
    const file = path as unknown as Blob;
    const ref = { file, name: "decoder.npy", matrix: "decoder", axis: 0 as const };
    const pool = new ThreadPool();
    try {
      await pool.run([{ task: "open", file, name: "decoder.npy" }]); // warm the modules
      const start = performance.now();
      let pairsStart = start;
      const measured = await measureGeometryOnPool(pool, ref, { m, n }, { mode: "exact" }, (p) => {
        if (p.phase === "pairs" && pairsStart === start) pairsStart = performance.now();
      });
      const total = seconds(start);
      const loadSeconds = (pairsStart - start) / 1000;
      const pairSeconds = seconds(pairsStart);
      const geometry = measured.geometry;
      const readStart = performance.now();
      const readouts = await readoutsOnPool(pool, measured, 82, { tokens: 1000 });
      const readSeconds = seconds(readStart);
      const numpy = python({ job: "stats", path });
      console.log(`exact, ${m} × ${n} float32 (${(statSync(path).size / 1e9).toFixed(2)} GB), ${THREADS} worker threads`);
      printGeometry(geometry);
      printReadouts(readouts);
      console.log(
        `  numpy: rms ${fmt(numpy.rms as number)}  mean ${fmt(numpy.mean as number)}  max ${fmt(numpy.max as number)} at (${(numpy.pair as number[]).join(", ")})  above 0.5/0.9 ${String(numpy.above05)}/${String(numpy.above09)}  median-worst ${fmt(numpy.median as number)}  p99-worst ${fmt(numpy.p99 as number)}  histogram total ${String(numpy.histogramTotal)}`,
      );
      const ours = total;
      const theirs = numpy.seconds as number;
      console.log(
        `  ours: ${ours.toFixed(2)} s (load ${loadSeconds.toFixed(2)} s, pairs ${pairSeconds.toFixed(2)} s); readouts ${readSeconds.toFixed(2)} s`,
      );
      console.log(
        `  numpy (${THREADS} threads): ${theirs.toFixed(2)} s (load ${(theirs - (numpy.pairsSeconds as number)).toFixed(2)} s, pairs ${(numpy.pairsSeconds as number).toFixed(2)} s, of which the sgemm A_b·Aᵀ alone ${(numpy.gemmSeconds as number).toFixed(2)} s)`,
      );
      console.log(`  ratio ours / numpy: ${(ours / theirs).toFixed(2)} (pairs only: ${(pairSeconds / (numpy.pairsSeconds as number)).toFixed(2)})`);
      return [
        { label: `dictionary ${m} × ${n} exact: within 30 s on ${THREADS} threads`, met: ours <= 30, figure: `${ours.toFixed(1)} s` },
        {
          label: `dictionary ${m} × ${n} exact: ≤ 2.5× numpy on ${THREADS} threads`,
          met: ours / theirs <= 2.5,
          figure: `${(ours / theirs).toFixed(2)}×`,
        },
      ];
    } finally {
      await pool.close();
    }
  } finally {
    rmSync(path, { force: true });
  }
}

/** Sampled mode on a 1.9 GB file, run in this process (the parent reads its peak memory). */
async function sampledChild(path: string, m: number, n: number): Promise<void> {
  const file = path as unknown as Blob;
  const ref = { file, name: "decoder.npy", matrix: "decoder", axis: 0 as const };
  const pool = new ThreadPool();
  try {
    const start = performance.now();
    let worstSeconds = 0;
    const measured = await measureGeometryOnPool(pool, ref, { m, n }, { mode: "sampled" }, (p) => {
      if (p.phase === "pairs" && worstSeconds === 0) worstSeconds = seconds(start);
    });
    const geometry = measured.geometry;
    const geometrySeconds = seconds(start);
    const readStart = performance.now();
    const readouts = await readoutsOnPool(pool, measured, 276, { tokens: 1000 });
    const readSeconds = seconds(readStart);
    console.log(
      JSON.stringify({
        geometry: { ...geometry, histogram: undefined },
        readouts: { ...readouts, perTokenThreshold: undefined, perTokenTopk: undefined },
        worstSeconds,
        geometrySeconds,
        readSeconds,
        peakBytes: process.resourceUsage().maxRSS * 1024,
      }),
    );
  } finally {
    await pool.close();
  }
}

async function sampledCase(): Promise<BenchGoal[]> {
  const m = 131072;
  const n = 3584;
  const path = join(tmpdir(), `bench-dictionary-${process.pid}-sampled.npy`);
  python({ job: "generate", m, n, path, seed: 2 });
  try {
    const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--sampled-child", path, String(m), String(n)], {
      encoding: "utf8",
      maxBuffer: 1 << 24,
    });
    if (run.status !== 0) throw new Error(`the sampled run failed: ${run.stderr.trim().split("\n").slice(-5).join(" ")}`);
    const out = JSON.parse(run.stdout) as {
      geometry: DictionaryGeometry;
      readouts: ReadoutSummary;
      worstSeconds: number;
      geometrySeconds: number;
      readSeconds: number;
      peakBytes: number;
    };
    console.log(`sampled, ${m} × ${n} float32 (${(statSync(path).size / 1e9).toFixed(2)} GB), ${THREADS} worker threads`);
    printGeometry(out.geometry);
    console.log(
      `  sampled: ${out.geometry.sampled?.subset} latents in the pair subset, ${out.geometry.sampled?.worstSample} in the worst-overlap sample`,
    );
    printReadouts(out.readouts);
    const total = out.geometrySeconds;
    console.log(
      `  geometry ${total.toFixed(2)} s (worst pass and subset load ${out.worstSeconds.toFixed(2)} s), readouts ${out.readSeconds.toFixed(2)} s; peak memory ${(out.peakBytes / 1e9).toFixed(2)} GB`,
    );
    return [
      { label: `dictionary ${m} × ${n} sampled: within 60 s on ${THREADS} threads`, met: total <= 60, figure: `${total.toFixed(1)} s` },
      { label: `dictionary ${m} × ${n} sampled: peak memory ≤ 1 GB`, met: out.peakBytes <= 1e9, figure: `${(out.peakBytes / 1e9).toFixed(2)} GB` },
    ];
  } finally {
    rmSync(path, { force: true });
  }
}

/** Both cases (only the exact one with `exactOnly`), printed as they run; returns their goals. */
export async function dictionaryBench({ exactOnly = false }: { exactOnly?: boolean } = {}): Promise<BenchGoal[]> {
  const goals = await exactCase();
  if (!exactOnly) goals.push(...(await sampledCase()));
  return goals;
}

if (process.argv[2] === "--sampled-child") {
  await sampledChild(process.argv[3]!, Number(process.argv[4]), Number(process.argv[5]));
} else if (import.meta.main) {
  const goals = await dictionaryBench({ exactOnly: process.argv.includes("--exact") });
  console.log("\ngoals:");
  for (const g of goals) console.log(`  ${g.met ? "met   " : "MISSED"}  ${g.label.padEnd(60)} ${g.figure}`);
}
