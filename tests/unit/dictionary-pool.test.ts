/**
 * The dictionary measured on a pool of workers (measure-on-pool.ts), as the page runs it: with
 * in-process stand-ins for the workers (each with its own memory, as a Web Worker has), any number
 * of them gives the numbers of the one-thread measurement (measure.ts) and of a direct float64
 * computation; readouts at a new L0 read nothing again in exact mode; a bad file or request fails
 * with the reader's message. Then the L0 field's check, and random directions' TopK misreads
 * simulated on a pool of the simulation's range jobs against the same job run in one piece.
 */
import { describe, expect, it } from "vitest";
import { JobCancelled, JobFailed, type JobPool } from "../../src/compute/jobs/pool.ts";
import type { JobKind } from "../../src/compute/jobs/protocol.ts";
import { bytesSource } from "../../src/features/dictionary/engine/byte-source.ts";
import { checkL0, MAX_L0 } from "../../src/features/dictionary/engine/l0.ts";
import { latentReader } from "../../src/features/dictionary/engine/latent-rows.ts";
import { measureGeometry, measureReadouts } from "../../src/features/dictionary/engine/measure.ts";
import {
  holdersFor,
  measureGeometryOnPool,
  openOnPool,
  POOL_MEMORY_BYTES,
  readoutsOnPool,
  shapeAlong,
} from "../../src/features/dictionary/engine/measure-on-pool.ts";
import { openDictionary } from "../../src/features/dictionary/engine/open-dictionary.ts";
import { planRandomTopk, randomTopkInputs, randomTopkOnPool } from "../../src/features/dictionary/engine/random-topk.ts";
import { runDictionaryTask, type DictionaryJob, type WorkerState } from "../../src/features/dictionary/engine/worker-tasks.ts";
import { simulateLargeReadoutSync } from "../../src/features/simulation/engine/large-readout.ts";
import { runReadoutRange, type RangeJob } from "../../src/features/simulation/engine/run.ts";
import { encode, naiveGeometry, npyFile, plantedDecoder, safetensorsFile, stored, zipFile } from "./dictionary-fixtures.ts";

/** Workers in this process, each with its own memory: what the page's pool does, without threads. */
class InProcessPool<K extends JobKind> implements JobPool<K> {
  readonly size: number;
  readonly jobs: K["input"][][] = [];
  private readonly runJob: (input: K["input"], worker: number, onProgress: (p: K["progress"]) => void) => Promise<unknown>;
  constructor(size: number, runJob: (input: K["input"], worker: number, onProgress: (p: K["progress"]) => void) => Promise<unknown>) {
    this.size = size;
    this.runJob = runJob;
  }
  async run(inputs: readonly K["input"][], onProgress?: (worker: number, progress: K["progress"]) => void): Promise<K["result"][]> {
    if (inputs.length < 1 || inputs.length > this.size) throw new RangeError(`a run takes 1 … ${this.size} jobs`);
    this.jobs.push([...inputs]);
    const outcomes = (await Promise.all(inputs.map((input, i) => this.runJob(input, i, (p) => onProgress?.(i, p))))) as {
      status: string;
      result?: K["result"];
      error?: { code: "invalid" | "too-large" | "failed"; field: string; message: string };
    }[];
    const failed = outcomes.find((o) => o.status === "error");
    if (failed) throw new JobFailed(failed.error!);
    if (outcomes.some((o) => o.status === "cancelled")) throw new JobCancelled();
    return outcomes.map((o) => o.result!);
  }
}

function dictionaryPool(size: number): InProcessPool<DictionaryJob> & { readonly states: WorkerState[] } {
  const states: WorkerState[] = Array.from({ length: size }, () => ({ loaded: undefined }));
  const pool = new InProcessPool<DictionaryJob>(size, (input, worker, onProgress) =>
    runDictionaryTask(input, states[worker]!, { onProgress, progressMs: 0, kernel: "wasm-simd" }),
  );
  return Object.assign(pool, { states });
}

async function run<T>(steps: AsyncGenerator<unknown, T, void>): Promise<T> {
  for (;;) {
    const step = await steps.next();
    if (step.done) return step.value;
  }
}

const M = 260;
const N = 24;
const values = plantedDecoder(M, N, 11);
const bytes = safetensorsFile([
  { name: "W_enc", dtype: "F32", shape: [N, M], bytes: encode(values, "F32") },
  { name: "W_dec", dtype: "F32", shape: [M, N], bytes: encode(values, "F32") },
]);
const file = new Blob([bytes as Uint8Array<ArrayBuffer>]);
const ref = { file, name: "sae_weights.safetensors", matrix: "W_dec", axis: 0 as const };

async function oneThread(mode: "exact" | "sampled", options: { subset?: number; worstSample?: number } = {}) {
  const opened = await openDictionary(bytesSource(bytes, "sae_weights.safetensors"));
  const reader = latentReader(opened.matrices[opened.defaultIndex]!);
  const measured = await run(measureGeometry(reader, { mode, kernel: "wasm-simd", ...options }));
  return { reader, measured };
}

describe("measuring on a pool of workers", () => {
  it("opens the file on the first worker and lists its arrays with their axes", async () => {
    const pool = dictionaryPool(3);
    const opened = await openOnPool(pool, file, "sae_weights.safetensors");
    expect(opened.format).toBe("safetensors");
    expect(opened.matrices.map((m) => [m.name, m.latentAxis])).toEqual([
      ["W_enc", 1],
      ["W_dec", 0],
    ]);
    expect(opened.defaultIndex).toBe(1);
    expect(pool.jobs).toEqual([[{ task: "open", file, name: "sae_weights.safetensors" }]]);
    expect(shapeAlong(opened.matrices[0]!, 1)).toEqual({ m: M, n: N });
  });

  for (const workers of [1, 2, 3]) {
    it(`exact mode on ${workers} worker${workers === 1 ? "" : "s"} gives the one-thread numbers and a direct computation's`, async () => {
      const pool = dictionaryPool(workers);
      const progress: number[] = [];
      const measured = await measureGeometryOnPool(pool, ref, { m: M, n: N }, {}, (p) => progress.push(p.fraction));
      const direct = (await oneThread("exact")).measured;
      const { histogram: h1, ...geometry } = measured.geometry;
      const { histogram: h2, ...expected } = direct.geometry;
      expect(geometry).toEqual(expected);
      expect(Array.from(h1.counts)).toEqual(Array.from(h2.counts));
      expect(measured.holders).toBe(workers);
      expect(pool.jobs.map((jobs) => jobs.map((j) => j.task))).toEqual([Array(workers).fill("load"), Array(workers).fill("pairs")]);
      const naive = naiveGeometry(stored(values, "F32"), M, N);
      expect(Math.abs(measured.geometry.rmsOverlap.value - naive.rms)).toBeLessThan(1e-6);
      expect(measured.geometry.maxOverlap.pair).toEqual(naive.maxPair);
      expect(measured.geometry.pairsAbove05.value).toBe(naive.above05);
      expect(Array.from(measured.dead)).toEqual(naive.dead);
      expect(progress.length).toBeGreaterThan(0);
      expect(Math.max(...progress)).toBeLessThanOrEqual(1);
    });
  }

  it("sampled mode on 3 workers gives the one-thread numbers, with standard errors", async () => {
    const options = { subset: 120, worstSample: 40 };
    const measured = await measureGeometryOnPool(dictionaryPool(3), ref, { m: M, n: N }, { mode: "sampled", ...options });
    const direct = (await oneThread("sampled", options)).measured;
    const { histogram: h1, ...geometry } = measured.geometry;
    const { histogram: h2, ...expected } = direct.geometry;
    expect(geometry).toEqual(expected);
    expect(Array.from(h1.counts)).toEqual(Array.from(h2.counts));
    expect(measured.holders).toBe(0);
    expect(measured.geometry.rmsOverlap.se).toBeGreaterThan(0);
  });

  it("readouts give the one-thread numbers in both modes; in exact mode a new L0 reads nothing again", async () => {
    for (const mode of ["exact", "sampled"] as const) {
      const pool = dictionaryPool(2);
      const measured = await measureGeometryOnPool(pool, ref, { m: M, n: N }, { mode, subset: 100, worstSample: 30 });
      const { reader, measured: direct } = await oneThread(mode, { subset: 100, worstSample: 30 });
      for (const l of [3, 9]) {
        const before = pool.jobs.length;
        const readouts = await readoutsOnPool(pool, measured, l, { tokens: 120 });
        const expected = await run(measureReadouts(reader, direct, l, { tokens: 120, kernel: "wasm-simd" }));
        expect(readouts).toEqual(expected);
        const tasks = pool.jobs
          .slice(before)
          .flat()
          .map((j) => j.task);
        expect(tasks).toEqual(mode === "exact" ? ["readouts-in-memory", "readouts-in-memory"] : ["readout-inputs", "readouts-streamed"]);
      }
      // Exact mode keeps every live latent in each holder for the next L0; sampled mode lets the
      // pair subset go once the readouts stream the file (its memory is the stream's).
      expect(pool.states.map((state) => state.loaded?.count)).toEqual(mode === "exact" ? [M - 3, M - 3] : [undefined, undefined]);
    }
  });

  it("keeps the holders' memory within its bound, and at least one holder", () => {
    expect(holdersFor(8, 16384, 2304)).toBe(8);
    expect(holdersFor(8, 32768, 2304)).toBe(Math.floor(POOL_MEMORY_BYTES / (32768 * 2304 * 4)));
    expect(holdersFor(8, 10 ** 6, 4096)).toBe(1);
  });

  it("fails with the reader's message for a bad file, too few live latents, or exact mode beyond its limits", async () => {
    await expect(openOnPool(dictionaryPool(2), new Blob([]), "params.npz")).rejects.toThrow("params.npz is empty (0 bytes).");
    const dead = npyFile("<f4", [4, 3], encode(Float64Array.from([1, 0, 0, 0, 0, 0, Number.NaN, 1, 1, 0, 0, 0]), "F32"));
    await expect(
      measureGeometryOnPool(
        dictionaryPool(2),
        { file: new Blob([dead as Uint8Array<ArrayBuffer>]), name: "d.npy", matrix: "d", axis: 0 },
        { m: 4, n: 3 },
      ),
    ).rejects.toThrow(/d has 1 live latent: measuring overlaps needs at least 2/);
    await expect(measureGeometryOnPool(dictionaryPool(1), ref, { m: 131072, n: 3584 }, { mode: "exact" })).rejects.toThrow(
      /Exact mode .* choose sampled or automatic/,
    );
    const npz = zipFile([{ name: "W_dec.npy", data: npyFile("<f4", [M, N], encode(values, "F32")) }], { deflate: true });
    const measured = await measureGeometryOnPool(
      dictionaryPool(2),
      { file: new Blob([npz as Uint8Array<ArrayBuffer>]), name: "params.npz", matrix: "W_dec", axis: 0 },
      { m: M, n: N },
    );
    await expect(readoutsOnPool(dictionaryPool(2), measured, 5, { tokens: 10 })).rejects.toThrow(/no dictionary is loaded in this worker/);
    await expect(readoutsOnPool(dictionaryPool(2), measured, M, { tokens: 10 })).rejects.toThrow(/L0 must be a whole number from 1 to 257/);
  });
});

describe("the L0 field", () => {
  it("takes a whole number within 1 … the live latents (at most 4 096)", () => {
    expect(checkL0("82")).toEqual({ ok: true, l: 82 });
    expect(checkL0(" 7 ", 10)).toEqual({ ok: true, l: 7 });
    expect(checkL0(String(MAX_L0))).toEqual({ ok: true, l: MAX_L0 });
  });

  it("says what is wrong, naming the range, and never echoes a long text whole", () => {
    expect(checkL0("")).toMatchObject({
      ok: false,
      message: "L0 is empty: type how many latents a token switches on, a whole number from 1 to 4,096.",
    });
    expect(checkL0("8.5")).toMatchObject({ ok: false, message: "L0 must be a whole number from 1 to 4,096, not “8.5”." });
    expect(checkL0("0")).toMatchObject({ ok: false, message: "L0 must be from 1 to 4,096; 0 is outside." });
    expect(checkL0("12", 10)).toMatchObject({ ok: false, message: "L0 must be from 1 to 10 (the dictionary's live latents); 12 is outside." });
    expect(checkL0("5000", 100000)).toMatchObject({ ok: false, message: "L0 must be from 1 to 4,096; 5,000 is outside." });
    const long = checkL0("<b>1</b>".repeat(10));
    expect(long.ok === false && long.message).toMatch(/not “<b>1<\/b><b>1…”\.$/);
    expect(checkL0("1e3").ok).toBe(false);
    expect(checkL0("-3").ok).toBe(false);
  });
});

describe("random directions' TopK misreads", () => {
  it("reads as many inputs as the work budget allows, within 100 … 1 000 and the large readout's limits", () => {
    expect(randomTopkInputs(2304, 16384, 82)).toBe(1000);
    expect(randomTopkInputs(3584, 131072, 276)).toBe(Math.floor(2 ** 37 / (3584 * 131072)));
    expect(randomTopkInputs(3584, 2 ** 20, 193)).toBe(100);
    expect(randomTopkInputs(16384, 4096, 4096)).toBe(16);
    expect(planRandomTopk(2304, 16384, 82, 1)).toEqual({ ok: true, params: { n: 2304, m: 16384, l: 82, seed: 1, trials: 1000, threshold: 0.5 } });
    const wide = planRandomTopk(32768, 100000, 10, 1);
    expect(wide.ok === false && wide.reason).toMatch(/n = 32,768 is above the limit: n \(neurons\) must be a whole number from 1 to 16,384/);
  });

  it("split across a pool, give the TopK misreads of the same job run in one piece", async () => {
    const params = { n: 48, m: 9000, l: 6, seed: 3, trials: 40, threshold: 0.5 };
    const pool = new InProcessPool<RangeJob>(3, (input, _worker, onProgress) => runReadoutRange(input, { onProgress, progressMs: 0 }));
    const fractions: number[] = [];
    const split = await randomTopkOnPool(pool, params, (f) => fractions.push(f));
    const whole = simulateLargeReadoutSync(params);
    if (!whole.ok) throw new Error(whole.error.message);
    expect(split).toEqual({ mean: whole.result.topkMisreadsMean, se: whole.result.topkMisreadsSe, inputs: 40, seed: 3 });
    expect(pool.jobs[0]!.length).toBe(3);
    expect(Math.max(...fractions)).toBeLessThanOrEqual(1 + 1e-12);
  });
});
