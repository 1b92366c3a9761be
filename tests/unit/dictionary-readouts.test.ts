/**
 * The dictionary's readouts (misreads against ½ and with the top l taken as on) against a direct
 * computation per token, the same in exact mode (latents in memory) and sampled mode (latents
 * streamed from the file), for any split; and the worker tasks that run them.
 */
import { describe, expect, it } from "vitest";
import { bytesSource } from "../../src/features/dictionary/engine/byte-source.ts";
import { latentReader, type LatentReader } from "../../src/features/dictionary/engine/latent-rows.ts";
import { measureGeometry, measureReadouts, type MeasuredDictionary } from "../../src/features/dictionary/engine/measure.ts";
import { openDictionary } from "../../src/features/dictionary/engine/open-dictionary.ts";
import { activeSets, combineReadoutParts, type ReadoutPart } from "../../src/features/dictionary/engine/readouts.ts";
import { runDictionaryTask, type DictionaryTaskResult, type WorkerState } from "../../src/features/dictionary/engine/worker-tasks.ts";
import { encode, npyFile, plantedDecoder, stored } from "./dictionary-fixtures.ts";

const M = 300;
const N = 40;
const values = plantedDecoder(M, N, 21);
const bytes = npyFile("<f4", [M, N], encode(values, "F32"));

async function run<T>(steps: AsyncGenerator<unknown, T, void>): Promise<T> {
  for (;;) {
    const step = await steps.next();
    if (step.done) return step.value;
  }
}

async function reader(): Promise<LatentReader> {
  const file = await openDictionary(bytesSource(bytes, "d.npy"));
  return latentReader(file.matrices[0]!);
}

/**
 * Per-token misreads by brute force: the engine's float32 unit rows (scaled in float64, rounded
 * once), x added in float32 in increasing order, readouts as float64 dot products; top l by sorting.
 */
function naiveReadouts(l: number, tokens: number, seed: number): { threshold: number[]; topk: number[] } {
  const f64 = stored(values, "F32");
  const units: Float32Array[] = [];
  for (let i = 0; i < M; i++) {
    const row = f64.subarray(i * N, (i + 1) * N);
    let squares = 0;
    for (const v of row) squares += v * v;
    if (!(squares > 0 && Number.isFinite(squares))) continue;
    const scale = 1 / Math.sqrt(squares);
    units.push(Float32Array.from(row, (v) => v * scale));
  }
  const sets = activeSets(units.length, l, tokens, seed);
  const threshold: number[] = [];
  const topk: number[] = [];
  for (const set of sets) {
    const x = new Float32Array(N);
    for (const i of set) for (let k = 0; k < N; k++) x[k] = x[k]! + units[i]![k]!;
    const active = new Set(set);
    const readouts = units.map((u, j) => {
      let r = 0;
      for (let k = 0; k < N; k++) r += u[k]! * x[k]!;
      return { r, j };
    });
    threshold.push(readouts.filter(({ r, j }) => (active.has(j) ? !(r > 0.5) : !(r < 0.5))).length);
    const top = [...readouts].sort((a, b) => b.r - a.r || a.j - b.j).slice(0, l);
    topk.push(2 * (l - top.filter(({ j }) => active.has(j)).length));
  }
  return { threshold, topk };
}

describe("readouts", () => {
  for (const l of [1, 4, 12]) {
    it(`at L0 = ${l} match a direct computation token by token, in exact and sampled mode alike`, async () => {
      const source = await reader();
      const naive = naiveReadouts(l, 200, 9);
      const exact = await run(measureGeometry(source, { mode: "exact", kernel: "wasm-simd" }));
      const sampled = await run(measureGeometry(source, { mode: "sampled", kernel: "wasm-simd", subset: 100, worstSample: 20 }));
      const inMemory = await run(measureReadouts(source, exact, l, { tokens: 200, seed: 9 }));
      const streamed = await run(measureReadouts(source, sampled, l, { tokens: 200, seed: 9, kernel: "wasm-simd" }));
      expect(Array.from(inMemory.perTokenThreshold)).toEqual(naive.threshold);
      expect(Array.from(inMemory.perTokenTopk)).toEqual(naive.topk);
      expect(streamed).toEqual(inMemory);
      const mean = naive.threshold.reduce((a, b) => a + b, 0) / 200;
      expect(inMemory.misreadsThreshold).toBeCloseTo(mean, 12);
      const sd = Math.sqrt(naive.threshold.reduce((s, v) => s + (v - mean) ** 2, 0) / 199);
      expect(inMemory.misreadsThresholdSe).toBeCloseTo(sd / Math.sqrt(200), 12);
    });
  }

  it("give the same numbers for any split, and re-run at a new L0 from what is in memory", async () => {
    const source = await reader();
    const measured: MeasuredDictionary = await run(measureGeometry(source, { mode: "exact" }));
    const one = await run(measureReadouts(source, measured, 6, { tokens: 150, parts: 1 }));
    const three = await run(measureReadouts(source, measured, 6, { tokens: 150, parts: 3 }));
    expect(three).toEqual(one);
    // A source that refuses every read: readouts in exact mode must not touch the file.
    const refusing: LatentReader = { ...source, readBlock: () => Promise.reject(new Error("read")) };
    const again = await run(measureReadouts(refusing, measured, 6, { tokens: 150, parts: 2 }));
    expect(again).toEqual(one);
  });

  it("refuse an L0 outside 1 … live latents with a message naming it", async () => {
    const source = await reader();
    const measured = await run(measureGeometry(source, { mode: "exact" }));
    await expect(run(measureReadouts(source, measured, 0))).rejects.toThrow(/L0 must be a whole number 1 … 297/);
    await expect(run(measureReadouts(source, measured, 298))).rejects.toThrow(/L0/);
  });

  it("refuse parts that do not cover every latent", () => {
    const part: ReadoutPart = {
      l: 1,
      tokenFrom: 0,
      tokenTo: 1,
      latentFrom: 0,
      latentTo: 5,
      threshold: new Int32Array(1),
      topValues: new Float32Array(1),
      topLatents: new Int32Array(1),
      topActive: new Uint8Array(1),
    };
    expect(() => combineReadoutParts([part], 1, 10)).toThrow(/cover 5 latents/);
  });
});

describe("worker tasks", () => {
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>]);
  const done = async (promise: ReturnType<typeof runDictionaryTask>): Promise<DictionaryTaskResult> => {
    const outcome = await promise;
    if (outcome.status !== "done") throw new Error(JSON.stringify(outcome));
    return outcome.result;
  };

  it("open, load, pairs and readouts through the job runner give what the direct calls give", async () => {
    const state: WorkerState = { loaded: undefined };
    const opened = await done(runDictionaryTask({ task: "open", file: blob, name: "d.npy" }, state));
    expect(opened).toMatchObject({
      task: "open",
      format: "npy",
      defaultIndex: 0,
      matrices: [{ name: "d", dtype: "F32", shape: [M, N], latentAxis: 0 }],
    });
    const loaded = await done(runDictionaryTask({ task: "load", file: blob, name: "d.npy", matrix: "d", axis: 0 }, state));
    expect(loaded).toMatchObject({ task: "load", count: M - 3, m: M, n: N });
    const readouts = await done(runDictionaryTask({ task: "readouts-in-memory", l: 5, tokens: 100, seed: 2, tokenFrom: 0, tokenTo: 100 }, state));
    const source = await reader();
    const direct = await run(measureReadouts(source, await run(measureGeometry(source, { mode: "exact" })), 5, { tokens: 100, seed: 2 }));
    if (readouts.task !== "readouts-in-memory") throw new Error("wrong task");
    expect(combineReadoutParts([readouts.part], 100, M - 3)).toEqual(direct);
  });

  it("report a bad file as an error naming it, and a cancelled job as cancelled", async () => {
    const state: WorkerState = { loaded: undefined };
    const bad = await runDictionaryTask({ task: "open", file: new Blob([]), name: "empty.npz" }, state);
    expect(bad).toEqual({ status: "error", error: { code: "invalid", field: "file", message: "empty.npz is empty (0 bytes)." } });
    const pairs = await runDictionaryTask({ task: "pairs", share: { index: 0, of: 1 } }, state);
    expect(pairs.status === "error" && pairs.error.message).toMatch(/send a load task first/);
    const controller = new AbortController();
    const job = runDictionaryTask({ task: "load", file: blob, name: "d.npy", matrix: "d", axis: 0 }, state, {
      signal: controller.signal,
      onProgress: () => controller.abort(),
      progressMs: 0,
    });
    expect((await job).status).toBe("cancelled");
  });
});
