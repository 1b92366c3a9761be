/**
 * The simulation island in a simulated DOM, with a fake Web Worker (happy-dom has none): the
 * states idle → running → done | cancelled, the outputs, progress, cancelling that keeps the last
 * results, refusals of bad or oversized input without starting a worker, and the address.
 */
import { act, fireEvent, render, waitFor } from "@testing-library/preact";
import { describe, expect, test } from "vitest";
import { simulateSweepSync, summarizeSweep, type SweepResult } from "../../src/features/simulation/engine/sweep.ts";
import type { SweepJob } from "../../src/features/simulation/engine/run.ts";
import Simulation from "../../src/features/simulation/islands/Simulation.tsx";
import { FakeWorker, fakeWorkers } from "./fake-worker.ts";
import {
  addressQuery,
  expectCleanMarkup,
  expectInvalid,
  expectValid,
  output,
  resetPage,
  textInput,
  typeInto,
  useCleanPage,
  valueOf,
} from "./helpers.tsx";

useCleanPage();

function sweep(n: number, m: number, l: number, seed = 1, trials = 50): SweepResult {
  const outcome = simulateSweepSync({ n, m, l, seed, trials });
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.result;
}

const BUILT = sweep(256, 2048, 4, 1, 200);

function setup(options: { initial?: boolean } = {}) {
  const { workers, createWorker } = fakeWorkers<SweepJob>();
  const view = render(
    <Simulation
      initial={options.initial === false ? undefined : summarizeSweep(BUILT)}
      noise={<svg data-prerendered="noise" aria-label="prerendered noise figure" />}
      histogram={<svg data-prerendered="histogram" aria-label="prerendered histogram" />}
      createWorker={createWorker}
    />,
  );
  const root = view.container.querySelector<HTMLElement>("[data-simulation]")!;
  const button = (name: string) => Array.from(root.querySelectorAll("button")).find((b) => b.textContent?.trim() === name);
  const click = (name: string) => fireEvent.click(button(name)!);
  return { root, workers, button, click, unmount: view.unmount };
}

const OUTPUTS = ["rms-overlap", "mean-abs-overlap", "max-overlap", "rms-noise", "worst-noise", "all-correct"] as const;

function values(root: ParentNode): Record<string, string | null> {
  return Object.fromEntries(OUTPUTS.map((name) => [name, output(root, name).getAttribute("data-value")]));
}

describe("before any run", () => {
  test("is idle, shows the page's own defaults and the run made at build time, and starts no worker", () => {
    const { root, workers, button } = setup();
    expect(root.getAttribute("data-state")).toBe("idle");
    expect(textInput(root, "n").value).toBe("256");
    expect(textInput(root, "m").value).toBe("2048");
    expect(textInput(root, "l").value).toBe("4");
    expect(textInput(root, "seed").value).toBe("1");
    expect(textInput(root, "trials").value).toBe("200");
    expect(valueOf(root, "rms-overlap")).toBe(BUILT.overlaps.rms);
    expect(valueOf(root, "worst-noise")).toBe(BUILT.readout.worstMean);
    expect(valueOf(root, "all-correct")).toBe(BUILT.readout.allCorrectFraction);
    expect(root.textContent).toContain("made when this page was built");
    expect(root.querySelector("progress")).toBeNull();
    expect(button("Run")).toBeDefined();
    expect(button("Cancel")).toBeUndefined();
    expect(root.querySelector("[data-prerendered='noise']")).not.toBeNull();
    expect(root.querySelector("[data-prerendered='histogram']")).not.toBeNull();
    expect(workers).toHaveLength(0);
    expectCleanMarkup(root);
  });

  test("says what a run will measure", () => {
    const { root } = setup();
    expect(root.querySelector(".simulation__plan")?.textContent).toMatch(
      /2,048 random unit vectors in 256 dimensions.*2.10 × 10⁶ pairs.*l = 1, 2, 4, 8, 16, 32, 64, 128/,
    );
  });

  test("without a build-time run, has no outputs yet", () => {
    const { root } = setup({ initial: false });
    expect(root.querySelector("output")).toBeNull();
    expect(root.textContent).toContain("No run yet");
  });
});

describe("a run", () => {
  test("goes idle → running → done, with progress, and shows the new results", async () => {
    const { root, workers, click, button } = setup();
    typeInto(root, "n", "64");
    typeInto(root, "m", "128");
    typeInto(root, "l", "2");
    typeInto(root, "seed", "5");
    typeInto(root, "trials", "30");
    click("Run");
    expect(workers).toHaveLength(1);
    const worker = workers[0]!;
    expect(worker.sent).toEqual([{ type: "start", id: worker.lastId, input: { n: 64, m: 128, l: 2, seed: 5, trials: 30 } }]);
    expect(root.getAttribute("data-state")).toBe("running");
    const progress = root.querySelector("progress")!;
    expect(progress).not.toBeNull();
    expect(progress.getAttribute("aria-label")).toBe("Simulation progress");
    expect(button("Cancel")).toBeDefined();
    // The last completed run stays on screen while this one runs.
    expect(valueOf(root, "rms-overlap")).toBe(BUILT.overlaps.rms);

    worker.reply({ type: "progress", id: worker.lastId, progress: { phase: "overlaps", fraction: 0.4 } });
    expect(Number(root.querySelector("progress")!.getAttribute("value"))).toBeCloseTo(0.4, 12);
    expect(root.querySelector(".simulation__progress")?.textContent).toMatch(/40%, measuring all pairs/);

    const result = sweep(64, 128, 2, 5, 30);
    worker.reply({ type: "done", id: worker.lastId, result, seconds: 0.012 });
    expect(root.getAttribute("data-state")).toBe("done");
    expect(root.querySelector("progress")).toBeNull();
    expect(button("Cancel")).toBeUndefined();
    expect(valueOf(root, "rms-overlap")).toBe(result.overlaps.rms);
    expect(valueOf(root, "mean-abs-overlap")).toBe(result.overlaps.meanAbs);
    expect(valueOf(root, "max-overlap")).toBe(result.overlaps.maxAbs);
    expect(valueOf(root, "rms-noise")).toBe(result.readout.inactiveRms);
    expect(valueOf(root, "worst-noise")).toBe(result.readout.worstMean);
    expect(valueOf(root, "all-correct")).toBe(result.readout.allCorrectFraction);
    expect(root.querySelector("caption")?.textContent).toMatch(/n = 64, m = 128, l = 2, seed 5, 30 trials, 0\.012 s in your browser/);
    // Measured against predicted: 1/√64 = 0.125.
    expect(root.textContent).toContain("0.125");
    expectCleanMarkup(root);
    // The figures are redrawn in the browser from the run (Plot loaded on demand).
    await waitFor(() => expect(root.querySelector("[data-prerendered='histogram']")).toBeNull(), { timeout: 60_000 });
    const svgs = Array.from(root.querySelectorAll("figure svg"));
    expect(svgs).toHaveLength(2);
    expect(svgs[0]!.getAttribute("aria-description")).toContain("n = 64 neurons and m = 128 features");
    expect(svgs[1]!.getAttribute("aria-description")).toContain("8,128 pairwise overlaps");
  });

  test("writes n, m, l, the seed and the trials into the address, so the link reproduces it", () => {
    const { root, click } = setup();
    typeInto(root, "seed", "42");
    click("Run");
    const query = addressQuery();
    expect(Object.fromEntries(["n", "m", "l", "seed", "trials"].map((k) => [k, query.get(k)]))).toEqual({
      n: "256",
      m: "2048",
      l: "4",
      seed: "42",
      trials: "200",
    });
  });

  test("reads the seed and trials from the address", async () => {
    resetPage("?seed=7&trials=50&n=128");
    const { root, workers, click } = setup();
    await waitFor(() => expect(textInput(root, "seed").value).toBe("7"));
    expect(textInput(root, "trials").value).toBe("50");
    expect(textInput(root, "n").value).toBe("128");
    click("Run");
    expect(workers[0]!.lastInput).toMatchObject({ n: 128, m: 2048, seed: 7, trials: 50 });
  });

  test("reuses one worker for every run, and ends it when the island goes", () => {
    const { root, workers, click, unmount } = setup();
    click("Run");
    workers[0]!.reply({ type: "done", id: workers[0]!.lastId, result: sweep(256, 2048, 4, 1, 20), seconds: 0.1 });
    click("Run");
    expect(workers).toHaveLength(1);
    expect(workers[0]!.sent.filter((m) => m.type === "start")).toHaveLength(2);
    expect(root.getAttribute("data-state")).toBe("running");
    unmount();
    expect(workers[0]!.terminated).toBe(true);
  });
});

describe("cancelling", () => {
  test("stops the run, says cancelled, and keeps the results of the last completed run", () => {
    const { root, workers, click, button } = setup();
    click("Run");
    const worker = workers[0]!;
    const first = sweep(256, 2048, 4, 1, 20);
    worker.reply({ type: "done", id: worker.lastId, result: first, seconds: 0.1 });
    const before = values(root);
    expect(Number(before["rms-overlap"])).toBe(first.overlaps.rms);

    typeInto(root, "seed", "2");
    click("Run");
    const running = worker.lastId;
    worker.reply({ type: "progress", id: running, progress: { phase: "overlaps", fraction: 0.2 } });
    click("Cancel");
    expect(root.getAttribute("data-state")).toBe("cancelled");
    // Said on screen, not only to screen readers.
    expect(root.querySelector(".run-cancelled")?.textContent).toBe("Cancelled — showing the last finished run.");
    expect(worker.sent.at(-1)).toEqual({ type: "cancel", id: running });
    expect(values(root)).toEqual(before);
    expect(document.activeElement).toBe(button("Run"));
    // A reply that was already on its way for the cancelled run changes nothing.
    worker.reply({ type: "done", id: running, result: sweep(256, 2048, 4, 2, 20), seconds: 0.1 });
    worker.reply({ type: "cancelled", id: running });
    expect(root.getAttribute("data-state")).toBe("cancelled");
    expect(values(root)).toEqual(before);
  });
});

describe("refusals", () => {
  test("too many features for all pairs: the limit next to m, and no worker", () => {
    const { root, workers, click } = setup();
    const before = values(root);
    typeInto(root, "m", "20000");
    expectInvalid(root, "m", /20,000 is above the limit of 16,384 features/);
    click("Run");
    expect(workers).toHaveLength(0);
    expect(root.getAttribute("data-state")).toBe("idle");
    expect(values(root)).toEqual(before);
    expect(textInput(root, "m").value).toBe("20000");
    // Focus goes to the field that says why.
    expect(document.activeElement).toBe(textInput(root, "m"));
    typeInto(root, "m", "2048");
    expectValid(root, "m");
  });

  test("a job too large as a whole: the limit next to the Run button", () => {
    const { root, workers, click, button } = setup();
    typeInto(root, "n", "4096");
    typeInto(root, "m", "8192");
    const run = button("Run")!;
    const id = run.getAttribute("aria-describedby");
    expect(id).toBeTruthy();
    const message = root.ownerDocument.getElementById(id!)!;
    expect(message.getAttribute("role")).toBe("alert");
    expect(message.textContent).toMatch(/m·n = 33,554,432 numbers is above the limit of 16,777,216 \(2\^24\)/);
    click("Run");
    expect(workers).toHaveLength(0);
    expectValid(root, "n");
    expectValid(root, "m");
  });

  test("too many trials across the sweep: the limit next to the Run button", () => {
    const { root, workers, click, button } = setup();
    typeInto(root, "n", "1024");
    typeInto(root, "m", "4096");
    typeInto(root, "l", "8");
    typeInto(root, "trials", "5000");
    const id = button("Run")!.getAttribute("aria-describedby");
    expect(root.ownerDocument.getElementById(id!)?.textContent).toMatch(/readout at 6 values of l: .* above the limit of 68,719,476,736 \(2\^36\)/);
    click("Run");
    expect(workers).toHaveLength(0);
  });

  const BAD: [field: string, text: string, message: RegExp][] = [
    ["n", "abc", /^Not a number: n must be/],
    ["n", "2000000", /n = 2,000,000 is above the limit: n \(neurons\) must be a whole number from 1 to 1,048,576/],
    ["m", "1", /Too small: m must be/],
    ["l", "5000", /l cannot exceed m/],
    ["seed", "-3", /Negative values are not allowed: seed must be/],
    ["seed", "<img src=x onerror=alert(1)>", /^Not a number: seed must be/],
    ["trials", "0", /^Too small: trials must be a whole number from 1 to 1,000,000/],
    ["trials", "2.5", /whole number/],
  ];

  test.each(BAD)("%s = %j is flagged next to its field, keeps the text and the results, and starts nothing", (field, text, message) => {
    const { root, workers, click } = setup();
    const before = values(root);
    typeInto(root, field, text);
    expectInvalid(root, field, message);
    expect(textInput(root, field).value).toBe(text);
    click("Run");
    expect(workers).toHaveLength(0);
    expect(root.getAttribute("data-state")).toBe("idle");
    expect(values(root)).toEqual(before);
    expectCleanMarkup(root);
  });
});

describe("failures", () => {
  test("an error from the worker is said next to the button; the last results stay", () => {
    const { root, workers, click } = setup();
    const before = values(root);
    click("Run");
    workers[0]!.reply({
      type: "error",
      id: workers[0]!.lastId,
      error: { code: "failed", field: "job", message: "The simulation could not run: out of memory" },
    });
    expect(root.getAttribute("data-state")).toBe("idle");
    expect(root.querySelector("[role='alert']")?.textContent).toContain("out of memory");
    expect(values(root)).toEqual(before);
  });

  test("a worker that cannot load is said, and the next Run starts a fresh one", () => {
    const { root, workers, click } = setup();
    click("Run");
    workers[0]!.fail();
    expect(root.getAttribute("data-state")).toBe("idle");
    expect(root.textContent).toMatch(/could not start in this browser/);
    expect(workers[0]!.terminated).toBe(true);
    click("Run");
    expect(workers).toHaveLength(2);
    expect(root.getAttribute("data-state")).toBe("running");
  });
});

describe("waking up", () => {
  test("what the reader typed before the island woke is kept, with this page's defaults for the rest", async () => {
    const { root, unmount } = setup();
    // As the server writes it: the boxes' values as attributes.
    for (const input of Array.from(root.querySelectorAll("input"))) input.setAttribute("value", input.value);
    const html = root.outerHTML;
    unmount();
    resetPage();
    const host = document.createElement("div");
    host.innerHTML = html;
    document.body.append(host);
    // Typed into the prerendered box: the property changes, not the markup.
    host.querySelector<HTMLInputElement>('input[name="n"]')!.value = "128";
    host.querySelector<HTMLInputElement>('input[name="seed"]')!.value = "9";
    const { hydrate } = await import("preact");
    act(() => hydrate(<Simulation initial={summarizeSweep(BUILT)} createWorker={() => new FakeWorker()} />, host));
    const island = host.querySelector<HTMLElement>("[data-simulation]")!;
    await waitFor(() => expect(textInput(island, "n").value).toBe("128"));
    expect(textInput(island, "m").value).toBe("2048");
    expect(textInput(island, "l").value).toBe("4");
    expect(textInput(island, "seed").value).toBe("9");
    expectValid(island, "m");
    act(() => hydrate(null, host));
    host.remove();
  });
});
