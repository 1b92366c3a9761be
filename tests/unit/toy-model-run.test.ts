/**
 * Training as a worker job: runToyModel validates, then drives the training in slices with
 * progress (the loss curve so far) and cancellation, and returns the trained model with its
 * measurements; the worker entry serves it over the job protocol. Fixed seeds; no assertion depends
 * on the speed of the machine (cancellation is triggered by progress, not by a clock).
 */
import { describe, expect, it } from "vitest";
import type { JobReply } from "../../src/compute/jobs/protocol.ts";
import { serveJobs, type WorkerScope } from "../../src/compute/jobs/serve.ts";
import { measureToyModel } from "../../src/features/toy-model/engine/measure.ts";
import { runToyModel, trainAndMeasure, type ToyModelJob } from "../../src/features/toy-model/engine/run.ts";
import { MAX_TOY_FEATURES } from "../../src/features/toy-model/engine/settings.ts";
import { trainToyModelSync, type ToyModelProgress } from "../../src/features/toy-model/engine/train.ts";

const SMALL = { n: 5, m: 20, sparsity: 0.9, importance: 0.9, steps: 300, seed: 4 };

function trainedSync(settings: typeof SMALL) {
  const outcome = trainToyModelSync(settings, "js");
  if (!outcome.ok) throw new Error(outcome.error.message);
  return { result: outcome.result, measured: measureToyModel(outcome.result) };
}

describe("runToyModel", () => {
  it("trains and measures the job, reporting a loss curve that only grows and ends with the whole curve", async () => {
    const seen: ToyModelProgress[] = [];
    const outcome = await runToyModel(SMALL, { kernel: "js", onProgress: (p) => seen.push(p), progressMs: 0, sliceMs: 0 });
    if (outcome.status !== "done") throw new Error(`not done: ${outcome.status}`);
    // The same seed gives the same model as the synchronous helper, measured the same way.
    expect(outcome.result).toEqual(trainedSync(SMALL));
    expect(seen.length).toBeGreaterThan(2);
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]!.step).toBeGreaterThanOrEqual(seen[i - 1]!.step);
      expect(seen[i]!.history.length).toBeGreaterThanOrEqual(seen[i - 1]!.history.length);
    }
    expect(seen.at(-1)).toEqual({
      step: 300,
      steps: 300,
      fraction: 1,
      loss: outcome.result.result.finalLoss,
      history: outcome.result.result.history,
    });
    // The loss falls: the last point of the curve is below the first.
    const history = outcome.result.result.history;
    expect(history.at(-1)!.loss).toBeLessThan(history[0]!.loss);
    expect(outcome.seconds).toBeGreaterThanOrEqual(0);
  });

  it("stops when cancelled, with the last progress seen and no result", async () => {
    const controller = new AbortController();
    let reports = 0;
    const outcome = await runToyModel(
      { ...SMALL, steps: 50_000 },
      {
        kernel: "js",
        signal: controller.signal,
        progressMs: 0,
        onProgress: (p) => {
          reports++;
          if (p.step >= 20) controller.abort();
        },
      },
    );
    expect(outcome.status).toBe("cancelled");
    if (outcome.status !== "cancelled") return;
    expect(outcome.progress!.step).toBeGreaterThanOrEqual(20);
    expect(outcome.progress!.step).toBeLessThan(50_000);
    expect(outcome.progress!.fraction).toBeLessThan(0.01);
    expect(reports).toBeGreaterThan(0);
  });

  it("refuses a bad or oversized job before training, naming the field and the limit", async () => {
    let reported = false;
    const onProgress = () => {
      reported = true;
    };
    expect(await runToyModel({ ...SMALL, m: MAX_TOY_FEATURES + 1 }, { onProgress })).toEqual({
      status: "error",
      error: {
        code: "too-large",
        field: "m",
        message: expect.stringMatching(/m = 513 is above the limit: m \(features\) must be a whole number from 2 to 512/),
      },
    });
    expect(await runToyModel({ ...SMALL, sparsity: 1 }, { onProgress })).toMatchObject({
      status: "error",
      error: { code: "invalid", field: "sparsity" },
    });
    expect(await runToyModel({ ...SMALL, seed: "7" }, { onProgress })).toMatchObject({ status: "error", error: { field: "seed" } });
    expect(await runToyModel({ n: 256, m: 512, sparsity: 0, importance: 1, steps: 100_000, seed: 0 }, { onProgress })).toMatchObject({
      status: "error",
      error: { code: "too-large", field: "job", message: expect.stringMatching(/above the limit of 34,359,738,368 \(2\^35/) },
    });
    expect(reported).toBe(false);
  });

  it("does not start a job whose signal is already aborted", async () => {
    expect(await runToyModel(SMALL, { signal: AbortSignal.abort() })).toEqual({ status: "cancelled", progress: undefined });
  });

  it("measures the trained weights as the last piece of the job", () => {
    const steps = trainAndMeasure(SMALL, "js");
    let next = steps.next();
    while (!next.done) next = steps.next();
    expect(next.value.measured).toEqual(measureToyModel(next.value.result));
    expect(next.value.measured.n).toBe(5);
  });
});

/** A worker scope that records what is posted; `send` delivers a message as the page would. */
function fakeScope() {
  const posted: JobReply<ToyModelJob>[] = [];
  const scope: WorkerScope = { postMessage: (m) => posted.push(m as JobReply<ToyModelJob>), onmessage: null };
  const send = (data: unknown) => scope.onmessage!({ data });
  const settled = async (id: number) => {
    for (let i = 0; i < 2000 && !posted.some((m) => m.id === id && m.type !== "progress"); i++) await new Promise((r) => setTimeout(r, 5));
    return posted.filter((m) => m.id === id);
  };
  return { scope, posted, send, settled };
}

describe("serving training jobs", () => {
  it("posts progress with the loss curve, then the trained and measured model", async () => {
    const { scope, send, settled } = fakeScope();
    serveJobs<ToyModelJob>(scope, (input, options) => runToyModel(input, { ...options, kernel: "js" }));
    send({ type: "start", id: 1, input: SMALL });
    const replies = await settled(1);
    expect(replies.at(-1)).toEqual({ type: "done", id: 1, result: trainedSync(SMALL), seconds: expect.any(Number) });
    const progress = replies.filter((m) => m.type === "progress");
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ progress: { step: 300, fraction: 1 } });
  });

  it("cancels on request and answers a refused job with its error", async () => {
    const { scope, send, settled } = fakeScope();
    serveJobs<ToyModelJob>(scope, runToyModel);
    send({ type: "start", id: 1, input: { ...SMALL, steps: 100_000 } });
    send({ type: "cancel", id: 1 });
    expect((await settled(1)).filter((m) => m.type !== "progress").map((m) => m.type)).toEqual(["cancelled"]);
    send({ type: "start", id: 2, input: { ...SMALL, n: 0 } });
    expect((await settled(2)).at(-1)).toMatchObject({ type: "error", id: 2, error: { code: "invalid", field: "n" } });
  });
});

describe("the toy model's worker entry", () => {
  it("installs the training server on the worker's global scope", async () => {
    const scope = globalThis as unknown as Partial<WorkerScope>;
    const posted: unknown[] = [];
    scope.postMessage = (m) => posted.push(m);
    try {
      await import("../../src/features/toy-model/engine/worker.ts");
      scope.onmessage!({ data: { type: "start", id: 5, input: { n: 2, m: 5, sparsity: 0.5, importance: 0.9, steps: 20, seed: 0 } } });
      for (let i = 0; i < 2000 && !posted.some((m) => (m as { type: string }).type === "done"); i++) await new Promise((r) => setTimeout(r, 5));
      expect(posted.at(-1)).toMatchObject({
        type: "done",
        id: 5,
        result: { result: { settings: { n: 2, m: 5 } }, measured: { represented: expect.any(Number) } },
      });
    } finally {
      delete scope.postMessage;
      scope.onmessage = null;
    }
  });
});
