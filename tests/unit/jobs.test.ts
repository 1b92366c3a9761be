/**
 * The heavy-work plumbing every worker job shares: the sliced runner (drive) and the worker side of
 * the message protocol (serveJobs), with a stand-in job whose work is counted in steps, and the
 * simulation's sweep served the same way. No assertion here depends on the speed of the machine.
 */
import { describe, expect, it } from "vitest";
import { drive, type DriveOptions } from "../../src/compute/jobs/drive.ts";
import { checkWholeNumber, type JobKind, type JobReply } from "../../src/compute/jobs/protocol.ts";
import { serveJobs, type WorkerScope } from "../../src/compute/jobs/serve.ts";
import { runSweep, type SweepJob } from "../../src/features/simulation/engine/run.ts";
import { simulateSweepSync } from "../../src/features/simulation/engine/sweep.ts";

/** A job of `steps` steps, each yielding its fraction done; counts the steps it was asked for. */
function countingJob(steps: number) {
  const counter = { taken: 0 };
  function* job(): Generator<number, string, void> {
    for (let i = 1; i <= steps; i++) {
      counter.taken = i;
      yield i / steps;
    }
    return `done after ${steps}`;
  }
  return { job, counter };
}

const final = (result: string, last: number | undefined) => (result.length > 0 ? 1 : (last ?? 0));

describe("drive", () => {
  it("runs to the end, reporting progress that only grows and ends at the final progress", async () => {
    const { job, counter } = countingJob(50);
    const seen: number[] = [];
    const outcome = await drive(job, { onProgress: (p) => seen.push(p), progressMs: 0, sliceMs: 0 }, final);
    expect(outcome).toMatchObject({ status: "done", result: "done after 50" });
    expect(counter.taken).toBe(50);
    expect(seen).toHaveLength(51);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThanOrEqual(seen[i - 1]!);
    expect(seen.at(-1)).toBe(1);
  });

  it("takes no step after the signal is aborted, and reports the last progress seen", async () => {
    const { job, counter } = countingJob(1000);
    const controller = new AbortController();
    const options: DriveOptions<number> = {
      signal: controller.signal,
      progressMs: 0,
      onProgress: (p) => {
        if (p >= 0.1) controller.abort();
      },
    };
    const outcome = await drive(job, options, final);
    expect(outcome).toEqual({ status: "cancelled", progress: 0.1 });
    expect(counter.taken).toBe(100);
  });

  it("returns to the event loop between slices, so a cancel message can arrive mid-run", async () => {
    const { job, counter } = countingJob(1_000_000);
    const controller = new AbortController();
    // Aborted by a task of the event loop, as a worker's "cancel" message would be: it can only
    // run if drive yields the thread (every slice of 0 ms here, that is after every step).
    setTimeout(() => controller.abort(), 0);
    const outcome = await drive(job, { signal: controller.signal, sliceMs: 0 }, final);
    expect(outcome.status).toBe("cancelled");
    expect(counter.taken).toBeLessThan(1_000_000);
  });

  it("does not start an already cancelled job", async () => {
    const { job, counter } = countingJob(10);
    expect(await drive(job, { signal: AbortSignal.abort() }, final)).toEqual({ status: "cancelled", progress: undefined });
    expect(counter.taken).toBe(0);
  });

  it("turns a failure while running into an error naming the job, never a rejection", async () => {
    const broken = function* (): Generator<number, string, void> {
      yield 0.5;
      throw new Error("out of memory");
    };
    expect(await drive(broken, {}, final, "The training")).toEqual({
      status: "error",
      error: { code: "failed", field: "job", message: "The training could not run: out of memory" },
    });
    const { job } = countingJob(3);
    const listenerBroke = await drive(
      job,
      {
        progressMs: 0,
        onProgress: () => {
          throw new Error("listener broke");
        },
      },
      final,
    );
    expect(listenerBroke).toMatchObject({ status: "error", error: { code: "failed", message: expect.stringMatching(/listener broke/) } });
  });
});

describe("checkWholeNumber", () => {
  it("names the field and its domain for each kind of failure, and writes a huge number as a power of ten", () => {
    const check = (x: unknown) => checkWholeNumber("n", x, 1, 4096, "n must be a whole number from 1 to 4,096");
    expect(check(1)).toBeUndefined();
    expect(check(4096)).toBeUndefined();
    const refused = (code: string, message: string) => ({ ok: false, error: { code, field: "n", message } });
    expect(check("7")).toEqual(refused("invalid", "n must be a number: n must be a whole number from 1 to 4,096."));
    expect(check(Number.NaN)).toEqual(refused("invalid", "n must be a number: n must be a whole number from 1 to 4,096."));
    expect(check(2.5)).toEqual(refused("invalid", "n must be a whole number: n must be a whole number from 1 to 4,096."));
    expect(check(0)).toEqual(refused("invalid", "n is too small: n must be a whole number from 1 to 4,096."));
    expect(check(1_234_567)).toEqual(refused("too-large", "n = 1,234,567 is above the limit: n must be a whole number from 1 to 4,096."));
    expect(check(1e21)).toEqual(refused("too-large", "n = 1.00 × 10²¹ is above the limit: n must be a whole number from 1 to 4,096."));
  });
});

/** A worker scope that records what is posted; `send` delivers a message as the page would. */
function fakeScope<K extends JobKind>() {
  const posted: JobReply<K>[] = [];
  const scope: WorkerScope = { postMessage: (m) => posted.push(m as JobReply<K>), onmessage: null };
  const send = (data: unknown) => scope.onmessage!({ data });
  const settled = async (id: number) => {
    for (let i = 0; i < 1000 && !posted.some((m) => m.id === id && m.type !== "progress"); i++) await new Promise((r) => setTimeout(r, 5));
    return posted.filter((m) => m.id === id);
  };
  return { scope, posted, send, settled };
}

type CountingJob = JobKind<{ steps: number }, number, string>;

function countingRunner(input: { steps: number }, options: DriveOptions<number>) {
  return drive(countingJob(input.steps).job, { ...options, sliceMs: 0 }, final);
}

describe("serveJobs", () => {
  it("runs a job and posts its progress, then its result", async () => {
    const { scope, send, settled } = fakeScope<CountingJob>();
    serveJobs<CountingJob>(scope, countingRunner);
    send({ type: "start", id: 1, input: { steps: 20 } });
    const replies = await settled(1);
    expect(replies.at(-1)).toMatchObject({ type: "done", id: 1, result: "done after 20" });
    expect(replies.some((m) => m.type === "progress")).toBe(true);
  });

  it("cancels the job it is asked to, and a new start cancels the running one", async () => {
    const { scope, send, settled } = fakeScope<CountingJob>();
    serveJobs<CountingJob>(scope, countingRunner);
    send({ type: "start", id: 1, input: { steps: 1e9 } });
    send({ type: "cancel", id: 99 }); // another job's id: ignored
    send({ type: "start", id: 2, input: { steps: 1e9 } });
    expect((await settled(1)).filter((m) => m.type !== "progress").map((m) => m.type)).toEqual(["cancelled"]);
    send({ type: "cancel", id: 2 });
    expect((await settled(2)).filter((m) => m.type !== "progress").map((m) => m.type)).toEqual(["cancelled"]);
  });

  it("answers anything that is not a job message with an error", () => {
    const { scope, posted, send } = fakeScope<CountingJob>();
    serveJobs<CountingJob>(scope, countingRunner);
    send("hello");
    send({ type: "explode", id: 8 });
    send({ type: "start", id: "nine" });
    expect(posted.map((m) => [m.type, m.id])).toEqual([
      ["error", undefined],
      ["error", 8],
      ["error", undefined],
    ]);
  });

  it("serves the simulation's sweeps: the result equals the synchronous run, a refusal names the limit", async () => {
    const { scope, send, settled } = fakeScope<SweepJob>();
    serveJobs<SweepJob>(scope, runSweep);
    const input = { n: 64, m: 256, l: 4, seed: 3, trials: 50 };
    send({ type: "start", id: 1, input });
    const expected = simulateSweepSync(input);
    expect((await settled(1)).at(-1)).toEqual({ type: "done", id: 1, result: expected.ok && expected.result, seconds: expect.any(Number) });
    send({ type: "start", id: 2, input: { n: 16, m: 20000, l: 1, seed: 0, trials: 1 } });
    expect((await settled(2)).at(-1)).toMatchObject({ type: "error", error: { code: "too-large", field: "m" } });
  });
});

describe("the simulation's worker entry", () => {
  it("installs the sweep server on the worker's global scope", async () => {
    const scope = globalThis as unknown as Partial<WorkerScope>;
    const posted: unknown[] = [];
    scope.postMessage = (m) => posted.push(m);
    try {
      await import("../../src/features/simulation/engine/worker.ts");
      scope.onmessage!({ data: { type: "start", id: 5, input: { n: 8, m: 16, l: 1, seed: 0, trials: 1 } } });
      for (let i = 0; i < 1000 && !posted.some((m) => (m as { type: string }).type === "done"); i++) await new Promise((r) => setTimeout(r, 5));
      expect(posted.at(-1)).toMatchObject({ type: "done", id: 5 });
    } finally {
      delete scope.postMessage;
      scope.onmessage = null;
    }
  });
});
