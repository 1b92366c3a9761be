/**
 * The dictionary tool in a simulated DOM, with fake Web Workers (happy-dom has none) that answer
 * each job by running the real job in this process: a dropped file opened, measured on every
 * worker and read out, its numbers those of the engine run directly; the states the root reports;
 * progress; a new L0 reading out again and nothing else; Cancel reaching every worker, with late
 * answers ignored; bad files each saying what is wrong next to the picker, with the next file
 * taken at once; cfg.json filling in L0; the axis switch of an .npy.
 */
import { act, fireEvent, render, waitFor } from "@testing-library/preact";
import { describe, expect, test } from "vitest";
import { bytesSource } from "../../src/features/dictionary/engine/byte-source.ts";
import { latentReader } from "../../src/features/dictionary/engine/latent-rows.ts";
import { measureGeometry, measureReadouts } from "../../src/features/dictionary/engine/measure.ts";
import { openDictionary } from "../../src/features/dictionary/engine/open-dictionary.ts";
import { planRandomTopk } from "../../src/features/dictionary/engine/random-topk.ts";
import { runDictionaryTask, type DictionaryJob, type WorkerState } from "../../src/features/dictionary/engine/worker-tasks.ts";
import DictionaryTool from "../../src/features/dictionary/islands/DictionaryTool.tsx";
import { simulateLargeReadoutSync } from "../../src/features/simulation/engine/large-readout.ts";
import { runReadoutRange, type RangeJob } from "../../src/features/simulation/engine/run.ts";
import { misreadsResult } from "../../src/numbers/error-rate-results.ts";
import { encode, npyFile, plantedDecoder, safetensorsFile, transpose } from "../unit/dictionary-fixtures.ts";
import { fakeWorkers, type FakeWorker } from "./fake-worker.ts";
import { expectCleanMarkup, output, textInput, typeInto, useCleanPage, valueOf } from "./helpers.tsx";

useCleanPage();

const M = 240;
const N = 20;
const TOKENS = 60;
const values = plantedDecoder(M, N, 4);
const weights = safetensorsFile([
  { name: "W_enc", dtype: "F32", shape: [N, M], bytes: encode(transpose(values, M, N), "F32") },
  { name: "W_dec", dtype: "F32", shape: [M, N], bytes: encode(values, "F32") },
]);

function file(bytes: Uint8Array | string, name: string): File {
  return new File([bytes as BlobPart], name);
}

async function run<T>(steps: AsyncGenerator<unknown, T, void>): Promise<T> {
  for (;;) {
    const step = await steps.next();
    if (step.done) return step.value;
  }
}

/** The fake workers of both pools, answering each job with the real job run here. */
function setup(workers = 2) {
  const dictionary = fakeWorkers<DictionaryJob>();
  const random = fakeWorkers<RangeJob>();
  const states = new Map<FakeWorker<DictionaryJob>, WorkerState>();
  const answered = new Set<string>();
  const view = render(
    <DictionaryTool
      createWorker={dictionary.createWorker}
      createRandomWorker={random.createWorker}
      workers={workers}
      tokens={TOKENS}
      rerunDelayMs={0}
    />,
  );
  const root = () => view.container.querySelector<HTMLElement>("[data-dictionary]")!;
  const state = () => root().getAttribute("data-state");
  const button = (name: string) => Array.from(root().querySelectorAll("button")).find((b) => b.textContent?.trim() === name);
  const all = () => [...dictionary.workers, ...random.workers] as FakeWorker[];
  const key = (worker: FakeWorker, id: number) => `${all().indexOf(worker)}:${id}`;
  /** Jobs started and not yet answered or cancelled, per worker of either pool. */
  const pending = () =>
    all().flatMap((worker) => {
      const cancelled = new Set(worker.sent.filter((m) => m.type === "cancel").map((m) => m.id));
      const last = worker.sent.filter((m) => m.type === "start").at(-1);
      return last?.type === "start" && !cancelled.has(last.id) && !answered.has(key(worker, last.id))
        ? [{ worker, id: last.id, input: last.input }]
        : [];
    });
  /** Answers every job waiting, as its worker would (progress first when asked). */
  const answer = async ({ progress = false } = {}) => {
    for (const job of pending()) {
      answered.add(key(job.worker, job.id));
      const isDictionary = (dictionary.workers as FakeWorker[]).includes(job.worker);
      let outcome;
      if (isDictionary) {
        const worker = job.worker as FakeWorker<DictionaryJob>;
        if (!states.has(worker)) states.set(worker, { loaded: undefined });
        outcome = await runDictionaryTask(job.input as DictionaryJob["input"], states.get(worker)!, { kernel: "wasm-simd" });
      } else outcome = await runReadoutRange(job.input as RangeJob["input"]);
      const worker = job.worker;
      if (progress) worker.reply({ type: "progress", id: job.id, progress: { phase: isDictionary ? "pairs" : "features", fraction: 0.5 } });
      if (outcome.status === "done") worker.reply({ type: "done", id: job.id, result: outcome.result, seconds: outcome.seconds });
      else if (outcome.status === "error") worker.reply({ type: "error", id: job.id, error: outcome.error });
      else worker.reply({ type: "cancelled", id: job.id });
    }
  };
  /** Answers jobs until the tool rests (done, error or cancelled). */
  const settle = async () => {
    for (let i = 0; i < 40; i++) {
      await act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
      if (pending().length === 0 && ["done", "error", "cancelled", "idle"].includes(state()!)) return;
      await answer();
    }
    throw new Error(`the tool did not settle: ${state()}`);
  };
  const drop = (...files: File[]) => fireEvent.drop(root(), { dataTransfer: { files, types: ["Files"] } });
  const choose = (...files: File[]) => {
    const input = root().querySelector<HTMLInputElement>('input[type="file"]')!;
    Object.defineProperty(input, "files", { value: files, configurable: true });
    fireEvent.change(input);
  };
  const tasks = (worker: FakeWorker<DictionaryJob>) => worker.sent.flatMap((m) => (m.type === "start" ? [m.input.task] : []));
  return { root, state, button, dictionary: dictionary.workers, random: random.workers, answer, settle, drop, choose, pending, tasks };
}

/** The engine's own numbers for the W_dec of `weights`, measured directly in one thread. */
async function direct(l: number) {
  const opened = await openDictionary(bytesSource(weights, "sae_weights.safetensors"));
  const reader = latentReader(opened.matrices[opened.defaultIndex]!);
  const measured = await run(measureGeometry(reader, { mode: "exact", kernel: "wasm-simd" }));
  const readouts = await run(measureReadouts(reader, measured, l, { tokens: TOKENS, kernel: "wasm-simd" }));
  return { geometry: measured.geometry, readouts };
}

describe("measuring a dropped file", () => {
  test("opens it, measures every pair on every worker, reads it out, and shows the engine's numbers beside random directions'", async () => {
    const t = setup(2);
    expect(t.state()).toBe("idle");
    expect(t.root().textContent).toContain("No dictionary measured yet");
    t.drop(file(weights, "sae_weights.safetensors"), file(JSON.stringify({ k: 6, num_latents: M, d_in: N }), "cfg.json"));
    await waitFor(() => expect(t.dictionary).toHaveLength(1));
    expect(t.state()).toBe("reading");
    expect(t.tasks(t.dictionary[0]!)).toEqual(["open"]);
    expect(textInput(t.root(), "l0").value).toBe("6");
    expect(t.root().textContent).toContain("L0 = 6, from cfg.json’s k.");
    expect(t.button("Cancel")).toBeDefined();

    await t.answer();
    await waitFor(() => expect(t.dictionary).toHaveLength(2));
    expect(t.dictionary.map(t.tasks)).toEqual([["open", "load"], ["load"]]);
    expect(t.root().textContent).toMatch(/sae_weights\.safetensors: safetensors, .* W_dec is 240 × 20 F32/);
    expect(t.root().querySelector("select[name='matrix']")?.textContent).toMatch(/W_enc \(20 × 240\).*W_dec \(240 × 20\)/);

    await t.answer({ progress: true });
    await waitFor(() => expect(t.tasks(t.dictionary[1]!)).toEqual(["load", "pairs"]));
    expect(t.state()).toBe("measuring");
    await t.settle();
    expect(t.state()).toBe("done");
    expect(t.dictionary.map(t.tasks)).toEqual([
      ["open", "load", "pairs", "readouts-in-memory"],
      ["load", "pairs", "readouts-in-memory"],
    ]);
    expect(t.random).toHaveLength(1);
    expect(t.button("Cancel")).toBeUndefined();

    const { geometry: g, readouts } = await direct(6);
    expect(valueOf(t.root(), "n")).toBe(N);
    expect(valueOf(t.root(), "m")).toBe(M);
    expect(valueOf(t.root(), "dead")).toBe(3);
    expect(output(t.root(), "mode").getAttribute("data-value")).toBe("exact");
    expect(valueOf(t.root(), "rms-overlap")).toBe(g.rmsOverlap.value);
    expect(valueOf(t.root(), "mean-overlap")).toBe(g.meanOverlap.value);
    expect(valueOf(t.root(), "max-overlap")).toBe(g.maxOverlap.value);
    expect(output(t.root(), "max-overlap").getAttribute("data-pair")).toBe(g.maxOverlap.pair.join(","));
    expect(valueOf(t.root(), "pairs-above-0.5")).toBe(g.pairsAbove05.value);
    expect(valueOf(t.root(), "pairs-above-0.9")).toBe(g.pairsAbove09.value);
    expect(valueOf(t.root(), "median-worst-overlap")).toBe(g.medianWorstOverlap.value);
    expect(valueOf(t.root(), "p99-worst-overlap")).toBe(g.p99WorstOverlap.value);
    expect(valueOf(t.root(), "random-rms")).toBe(g.comparison.randomRms);
    expect(valueOf(t.root(), "random-worst")).toBe(g.comparison.randomWorst);
    expect(valueOf(t.root(), "welch")).toBe(g.comparison.welch);
    expect(valueOf(t.root(), "post-epsilon")).toBe(g.comparison.postEpsilon);
    // Exact values carry no error; the readouts do.
    expect(output(t.root(), "rms-overlap").hasAttribute("data-se")).toBe(false);
    expect(valueOf(t.root(), "misreads-threshold")).toBe(readouts.misreadsThreshold);
    expect(Number(output(t.root(), "misreads-threshold").getAttribute("data-se"))).toBe(readouts.misreadsThresholdSe);
    expect(valueOf(t.root(), "misreads-topk")).toBe(readouts.misreadsTopk);
    expect(output(t.root(), "misreads-threshold").textContent).toMatch(/^\d+\.?\d* ± \d/);
    expect(valueOf(t.root(), "random-misreads-threshold")).toBe(misreadsResult(N, g.live, 6).value);
    const plan = planRandomTopk(N, g.live, 6, 1);
    if (!plan.ok) throw new Error(plan.reason);
    const random = simulateLargeReadoutSync(plan.params);
    if (!random.ok) throw new Error(random.error.message);
    expect(valueOf(t.root(), "random-misreads-topk")).toBe(random.result.topkMisreadsMean);
    expect(Number(output(t.root(), "random-misreads-topk").getAttribute("data-se"))).toBe(random.result.topkMisreadsSe);
    expect(t.root().querySelector("[role='alert']")).toBeNull();
    expect(t.root().textContent).toMatch(/Download these results/);
    expectCleanMarkup(t.root());
  });

  test("a new L0 reads out again from what the workers hold, and measures nothing else; an invalid one says why and reads nothing", async () => {
    const t = setup(2);
    t.choose(file(weights, "sae_weights.safetensors"));
    await t.settle();
    expect(t.state()).toBe("done");
    const before = t.dictionary.map((w) => t.tasks(w).length);
    const randomBefore = t.random.map((w) => t.tasks(w as unknown as FakeWorker<DictionaryJob>).length);
    typeInto(t.root(), "l0", "9");
    await waitFor(() => expect(t.state()).toBe("measuring"));
    expect(output(t.root(), "misreads-threshold").textContent).toBe("—");
    await t.settle();
    expect(t.state()).toBe("done");
    expect(t.dictionary.map((w, i) => t.tasks(w).slice(before[i]))).toEqual([["readouts-in-memory"], ["readouts-in-memory"]]);
    expect(t.random.map((w, i) => t.tasks(w as unknown as FakeWorker<DictionaryJob>).length - randomBefore[i]!)).toEqual([1]);
    const { geometry, readouts } = await direct(9);
    expect(valueOf(t.root(), "misreads-threshold")).toBe(readouts.misreadsThreshold);
    expect(valueOf(t.root(), "rms-overlap")).toBe(geometry.rmsOverlap.value);

    typeInto(t.root(), "l0", "400");
    const input = textInput(t.root(), "l0");
    await waitFor(() => expect(input.getAttribute("aria-invalid")).toBe("true"));
    expect(t.root().textContent).toContain("L0 must be from 1 to 237 (the dictionary's live latents); 400 is outside.");
    await t.settle();
    expect(t.pending()).toEqual([]);
    expect(output(t.root(), "misreads-threshold").textContent).toBe("—");
    expect(valueOf(t.root(), "rms-overlap")).toBe(geometry.rmsOverlap.value);
  });
});

describe("stopping and going on", () => {
  test("Cancel tells every worker to stop, ignores their late answers, and the next file is measured at once", async () => {
    const t = setup(2);
    t.drop(file(weights, "sae_weights.safetensors"));
    await waitFor(() => expect(t.dictionary).toHaveLength(1));
    await t.answer();
    await waitFor(() => expect(t.dictionary).toHaveLength(2));
    const ids = t.dictionary.map((w) => w.lastId!);
    fireEvent.click(t.button("Cancel")!);
    expect(t.state()).toBe("cancelled");
    expect(t.dictionary.map((w) => w.sent.at(-1))).toEqual(ids.map((id) => ({ type: "cancel", id })));
    expect(t.button("Cancel")).toBeUndefined();
    expect(document.activeElement).toBe(t.button("Measure"));
    // A load that finishes after all is not taken.
    t.dictionary[0]!.reply({
      type: "done",
      id: ids[0],
      result: { task: "load", count: 1, latents: new Int32Array(1), dead: new Int32Array(0), m: 1, n: 1 },
      seconds: 0,
    });
    expect(t.state()).toBe("cancelled");
    expect(t.root().querySelector("output[name='rms-overlap']")).toBeNull();

    t.drop(file(weights, "other.safetensors"));
    await t.settle();
    expect(t.state()).toBe("done");
    expect(t.root().textContent).toContain("other.safetensors");
  });

  test("Measure measures the open file again; without one it says to choose one", async () => {
    const t = setup(1);
    fireEvent.click(t.button("Measure")!);
    expect(t.state()).toBe("error");
    expect(t.root().querySelector("[role='alert']")?.textContent).toBe("Choose a weights file first, or drop one on this box.");
    t.drop(file(weights, "sae_weights.safetensors"));
    await t.settle();
    expect(t.root().querySelector("[role='alert']")).toBeNull();
    const loads = t.tasks(t.dictionary[0]!).filter((task) => task === "load").length;
    fireEvent.click(t.button("Measure")!);
    await t.settle();
    expect(t.tasks(t.dictionary[0]!).filter((task) => task === "load").length).toBe(loads + 1);
    expect(t.state()).toBe("done");
  });
});

describe("bad files", () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(40).fill(0)]);
  const cases: [string, File[], RegExp][] = [
    ["an empty file", [file(new Uint8Array(0), "params.npz")], /^params\.npz is empty \(0 bytes\)\.$/],
    ["a PNG renamed .npz", [file(png, "params.npz")], /params\.npz is a PNG image, not SAE weights/],
    ["a truncated safetensors", [file(weights.subarray(0, weights.length - 7), "sae.safetensors")], /sae\.safetensors is cut short/],
    ["a 1-D .npy", [file(npyFile("<f4", [8], new Uint8Array(32)), "b.npy")], /1-D array of shape \(8\)/],
    [
      "an old PyTorch pickle",
      [file(new Uint8Array([0x80, 0x02, 0x7d, 0x71]), "sae.pt")],
      /a Python pickle \(an old-style PyTorch \.pt, which this page does not read\)/,
    ],
    [
      "two weights files",
      [file(weights, "a.safetensors"), file(weights, "b.safetensors")],
      /^One weights file at a time, please: a\.safetensors, b\.safetensors were given together\.$/,
    ],
    ["a cfg.json that is not JSON", [file(weights, "w.safetensors"), file("k = 32", "cfg.json")], /cfg\.json is not JSON/],
    [
      "rows that are all NaN",
      [file(npyFile("<f4", [6, 4], encode(new Float64Array(24).fill(Number.NaN), "F32")), "nan.npy")],
      /nan has 0 live latents: measuring overlaps needs at least 2/,
    ],
  ];
  for (const [label, files, message] of cases) {
    test(`${label}: a message next to the picker, and the next file is measured at once`, async () => {
      const t = setup(2);
      t.drop(...files);
      await t.settle();
      expect(t.state()).toBe("error");
      const alert = t.root().querySelector("[role='alert']");
      expect(alert?.textContent).toMatch(message);
      expect(alert?.closest(".dictionary__picker")).not.toBeNull();
      const input = t.root().querySelector('input[type="file"]')!;
      expect(input.getAttribute("aria-describedby")).toContain(alert!.id);
      expectCleanMarkup(t.root());
      t.drop(file(weights, "sae_weights.safetensors"));
      await t.settle();
      expect(t.state()).toBe("done");
      expect(t.root().querySelector("[role='alert']")).toBeNull();
    });
  }

  test("a worker that cannot load says so", async () => {
    const t = setup(1);
    t.drop(file(weights, "sae_weights.safetensors"));
    await waitFor(() => expect(t.dictionary).toHaveLength(1));
    t.dictionary[0]!.fail();
    await waitFor(() => expect(t.state()).toBe("error"));
    expect(t.root().querySelector("[role='alert']")?.textContent).toBe("The measurement could not start in this browser (a worker failed to load).");
  });
});

describe("the file's arrays and axes", () => {
  test("an .npy whose latent axis is unknown: the longer axis first, and a switch that measures along the other", async () => {
    const t = setup(1);
    // 20 × 240: the latents on the columns, as the longer axis says.
    t.choose(file(npyFile("<f4", [N, M], encode(transpose(values, M, N), "F32")), "directions.npy"));
    await t.settle();
    expect(t.state()).toBe("done");
    expect(valueOf(t.root(), "m")).toBe(M);
    expect(t.root().textContent).toContain("the longer axis (240) taken as the latents");
    const axis = t.root().querySelector<HTMLSelectElement>("select[name='axis']")!;
    expect(axis.value).toBe("1");
    fireEvent.change(axis, { target: { value: "0" } });
    await t.settle();
    expect(valueOf(t.root(), "m")).toBe(N);
    expect(valueOf(t.root(), "n")).toBe(M);
    const last = t.dictionary[0]!.sent.filter((m) => m.type === "start").find(
      (m) => m.type === "start" && m.input.task === "load" && m.input.axis === 0,
    );
    expect(last).toBeDefined();
  });

  test("another array of the file is measured along its own axis; a cfg.json that disagrees says so", async () => {
    const t = setup(1);
    t.drop(file(weights, "sae_weights.safetensors"), file(JSON.stringify({ d_in: N, d_sae: 999, activation_fn_kwargs: { k: 4 } }), "cfg.json"));
    await t.settle();
    expect(t.root().textContent).toContain("cfg.json gives 999 latents, the weights have 240.");
    expect(textInput(t.root(), "l0").value).toBe("4");
    fireEvent.change(t.root().querySelector("select[name='matrix']")!, { target: { value: "0" } });
    await t.settle();
    const loads = t.dictionary[0]!.sent.flatMap((m) => (m.type === "start" && m.input.task === "load" ? [[m.input.matrix, m.input.axis]] : []));
    expect(loads.at(-1)).toEqual(["W_enc", 1]);
    // W_enc is the decoder transposed: the same geometry.
    const { geometry } = await direct(4);
    expect(valueOf(t.root(), "rms-overlap")).toBeCloseTo(geometry.rmsOverlap.value, 6);
  });

  test("sampled mode, chosen: the values carry their errors", async () => {
    const t = setup(2);
    fireEvent.change(t.root().querySelector("select[name='mode']")!, { target: { value: "sampled" } });
    t.drop(file(weights, "sae_weights.safetensors"));
    await t.settle();
    expect(output(t.root(), "mode").getAttribute("data-value")).toBe("sampled");
    expect(t.dictionary.flatMap(t.tasks)).toContain("worst");
    // The subset is the whole dictionary here (240 < 8 192): nothing left out, so no error.
    expect(Number(output(t.root(), "rms-overlap").getAttribute("data-se") ?? 0)).toBe(0);
    expect(t.root().textContent).toMatch(/measured in sampled mode/);
  });
});
