/**
 * The toy-model island in a simulated DOM, with a fake Web Worker: the states idle → running →
 * done | cancelled | error, the progress with the falling loss, the outputs with their data-values,
 * refusals of bad or oversized jobs without starting a worker, the presets, the address, and the
 * run's files. Fixed seeds; the runs the fake worker "returns" are real ones, trained here.
 */
import { fireEvent, render, waitFor } from "@testing-library/preact";
import { describe, expect, test } from "vitest";
import { measureToyModel } from "../../src/features/toy-model/engine/measure.ts";
import type { ToyModelJob } from "../../src/features/toy-model/engine/run.ts";
import { summarizeToyModel, type ToyModelRun } from "../../src/features/toy-model/engine/summary.ts";
import { trainToyModelSync, type ToyModelProgress } from "../../src/features/toy-model/engine/train.ts";
import type { ToyModelSettings } from "../../src/features/toy-model/engine/settings.ts";
import ToyModel from "../../src/features/toy-model/islands/ToyModel.tsx";
import { fakeWorkers } from "./fake-worker.ts";
import {
  expectCleanMarkup,
  expectInvalid,
  expectValid,
  output,
  resetPage,
  textInput,
  typeInto,
  useCleanPage,
  valueOf,
  addressQuery,
} from "./helpers.tsx";

useCleanPage();

function trained(settings: ToyModelSettings): ToyModelRun {
  const outcome = trainToyModelSync(settings, "js");
  if (!outcome.ok) throw new Error(outcome.error.message);
  return { result: outcome.result, measured: measureToyModel(outcome.result, 500) };
}

/** Stands in for the build's run (the page's is n = 20, m = 80; any run will do for the island). */
const BUILT = trained({ n: 6, m: 24, sparsity: 0.95, importance: 0.9, steps: 300, seed: 2 });
const PENTAGON = trained({ n: 2, m: 5, sparsity: 0.99, importance: 0.9, steps: 4000, seed: 0 });

function setup(options: { initial?: boolean } = {}) {
  const { workers, createWorker } = fakeWorkers<ToyModelJob>();
  const view = render(
    <ToyModel
      initial={options.initial === false ? undefined : summarizeToyModel(BUILT)}
      gram={<svg data-prerendered="gram" aria-label="prerendered heat map" />}
      features={<svg data-prerendered="features" aria-label="prerendered bars" />}
      loss={<svg data-prerendered="loss" aria-label="prerendered loss" />}
      createWorker={createWorker}
    />,
  );
  const root = view.container.querySelector<HTMLElement>("[data-toy-model]")!;
  const button = (name: string) => Array.from(root.querySelectorAll("button")).find((b) => b.textContent?.trim() === name);
  const click = (name: string) => fireEvent.click(button(name)!);
  return { root, workers, button, click, unmount: view.unmount };
}

const OUTPUTS = ["loss", "represented", "rms-overlap", "welch", "max-overlap", "linear-noise", "relu-noise", "expected-active", "l-max"] as const;

function values(root: ParentNode): Record<string, string | null> {
  return Object.fromEntries(OUTPUTS.map((name) => [name, output(root, name).getAttribute("data-value")]));
}

function progress(step: number, steps: number, run: ToyModelRun): ToyModelProgress {
  const history = run.result.history.filter((p) => p.step <= step);
  return { step, steps, fraction: step / steps, loss: history.at(-1)?.loss, history };
}

describe("before any training", () => {
  test("is idle on the page's own defaults, shows the build's run and its figures, and starts no worker", () => {
    const { root, workers, button } = setup();
    expect(root.getAttribute("data-state")).toBe("idle");
    expect(root.hasAttribute("data-view")).toBe(true);
    const fields = Object.fromEntries(["n", "m", "sparsity", "importance", "steps", "seed"].map((name) => [name, textInput(root, name).value]));
    expect(fields).toEqual({ n: "20", m: "80", sparsity: "0.99", importance: "0.9", steps: "3000", seed: "0" });
    const s = summarizeToyModel(BUILT);
    expect(valueOf(root, "loss")).toBe(s.finalLoss);
    expect(valueOf(root, "represented")).toBe(s.represented);
    expect(valueOf(root, "rms-overlap")).toBe(s.rmsOverlap);
    expect(valueOf(root, "linear-noise")).toBe(s.linearNoise);
    expect(valueOf(root, "expected-active")).toBeCloseTo(24 * 0.05, 12);
    expect(valueOf(root, "l-max")).toBeCloseTo(6 / (8 * Math.log(24)), 12);
    expect(root.querySelector("caption")?.textContent).toContain(
      "n = 6, m = 24, S = 0.95, r = 0.9, 300 steps, seed 2, made when this page was built",
    );
    expect(root.querySelector("progress")).toBeNull();
    expect(button("Train")).toBeDefined();
    expect(button("Cancel")).toBeUndefined();
    for (const name of ["gram", "features", "loss"]) expect(root.querySelector(`[data-prerendered='${name}']`), name).not.toBeNull();
    // No n = 2 picture for a run that is not two-dimensional.
    expect(root.querySelector("[data-figure='plane']")).toBeNull();
    // The build's run downloads as the build's files (they work without JavaScript).
    const links = Array.from(root.querySelectorAll<HTMLAnchorElement>(".run-downloads a"), (a) => a.getAttribute("href"));
    expect(links).toEqual(["/runs/toy-model-n6-m24-S0.95-r0.9-steps300-seed2.csv", "/runs/toy-model-n6-m24-S0.95-r0.9-steps300-seed2.json"]);
    expect(workers).toHaveLength(0);
    expectCleanMarkup(root);
  });

  test("without a build-time run, has no outputs yet", () => {
    const { root } = setup({ initial: false });
    expect(root.querySelector("output")).toBeNull();
    expect(root.textContent).toContain("No run yet");
  });
});

describe("a training run", () => {
  test("goes idle → running → done, with progress and the loss falling, then shows the new results and redraws the figures", async () => {
    const { root, workers, click, button } = setup();
    for (const [name, text] of [
      ["n", "2"],
      ["m", "5"],
      ["sparsity", "0.99"],
      ["steps", "4000"],
      ["seed", "0"],
    ] as const) {
      typeInto(root, name, text);
    }
    click("Train");
    expect(workers).toHaveLength(1);
    const worker = workers[0]!;
    expect(worker.sent).toEqual([{ type: "start", id: worker.lastId, input: { n: 2, m: 5, sparsity: 0.99, importance: 0.9, steps: 4000, seed: 0 } }]);
    expect(root.getAttribute("data-state")).toBe("running");
    expect(root.querySelector("progress")?.getAttribute("aria-label")).toBe("Training progress");
    expect(button("Cancel")).toBeDefined();
    // The last completed run stays on screen while this one trains.
    expect(valueOf(root, "represented")).toBe(summarizeToyModel(BUILT).represented);

    worker.reply({ type: "progress", id: worker.lastId, progress: progress(1000, 4000, PENTAGON) });
    expect(Number(root.querySelector("progress")!.getAttribute("value"))).toBeCloseTo(0.25, 12);
    const words = root.querySelector(".toy-model__progress")?.textContent ?? "";
    expect(words).toMatch(/25%, step 1,000 of 4,000, loss \d/);
    // The loss curve so far, one point per interval of 20 steps.
    const points = root.querySelector(".toy-model__sparkline polyline")!.getAttribute("points")!.split(" ");
    expect(points).toHaveLength(50);

    worker.reply({ type: "done", id: worker.lastId, result: PENTAGON, seconds: 0.25 });
    expect(root.getAttribute("data-state")).toBe("done");
    expect(root.querySelector("progress")).toBeNull();
    expect(button("Cancel")).toBeUndefined();
    const s = summarizeToyModel(PENTAGON);
    expect(valueOf(root, "represented")).toBe(5);
    expect(valueOf(root, "loss")).toBe(s.finalLoss);
    expect(valueOf(root, "rms-overlap")).toBe(s.rmsOverlap);
    expect(valueOf(root, "welch")).toBe(s.welch);
    expect(valueOf(root, "max-overlap")).toBe(s.maxOverlap);
    expect(valueOf(root, "linear-noise")).toBe(s.linearNoise);
    expect(valueOf(root, "relu-noise")).toBe(s.reluNoise);
    expect(valueOf(root, "expected-active")).toBeCloseTo(0.05, 12);
    expect(valueOf(root, "l-max")).toBeCloseTo(2 / (8 * Math.log(5)), 12);
    const angles = output(root, "neighbour-angles").getAttribute("data-value")!.split(" ").map(Number);
    expect(angles).toEqual(s.neighbourAngles);
    expect(root.querySelector("caption")?.textContent).toMatch(/n = 2, m = 5, S = 0\.99, r = 0\.9, 4,000 steps, seed 0, 0\.25 s in your browser/);
    // Its files are made from the run, on request.
    expect(Array.from(root.querySelectorAll(".run-downloads button"), (b) => b.getAttribute("aria-label"))).toEqual([
      "Download this run as CSV",
      "Download this run as JSON",
    ]);
    expectCleanMarkup(root);
    // The figures are redrawn from the run (Plot loaded on demand), the plane among them for n = 2.
    await waitFor(() => expect(root.querySelector("[data-prerendered='gram']")).toBeNull(), { timeout: 60_000 });
    await waitFor(() => expect(root.querySelector("[data-figure='plane']")?.hasAttribute("hidden")).toBe(false));
    const svgs = Array.from(root.querySelectorAll("figure:not([hidden]) svg"));
    expect(svgs).toHaveLength(4);
    expect(svgs[0]!.getAttribute("aria-description")).toContain("5 × 5 matrix WᵀW");
    expect(svgs[1]!.getAttribute("aria-description")).toMatch(/5 of 5 features represented, neighbours/);
    expect(root.querySelector("[data-figure='plane'] figcaption")?.textContent).toContain("The 5 feature directions in the plane");
  });

  test("writes every setting into the address, so the link reproduces the run", () => {
    const { root, click } = setup();
    typeInto(root, "seed", "42");
    typeInto(root, "sparsity", "0.97");
    click("Train");
    const query = addressQuery();
    expect(Object.fromEntries(["n", "m", "sparsity", "importance", "steps", "seed"].map((k) => [k, query.get(k)]))).toEqual({
      n: "20",
      m: "80",
      sparsity: "0.97",
      importance: "0.9",
      steps: "3000",
      seed: "42",
    });
  });

  test("reads the settings from the address", async () => {
    resetPage("?n=2&m=5&sparsity=0&steps=10000&seed=3&importance=0.8");
    const { root, workers, click } = setup();
    await waitFor(() => expect(textInput(root, "n").value).toBe("2"));
    expect(textInput(root, "sparsity").value).toBe("0");
    click("Train");
    expect(workers[0]!.lastInput).toEqual({ n: 2, m: 5, sparsity: 0, importance: 0.8, steps: 10000, seed: 3 });
  });

  test("another page's parameter in the address, even an invalid one, does not stop a run", async () => {
    resetPage("?n=2&m=5&a=abc&trials=0");
    const { root, workers, click } = setup();
    await waitFor(() => expect(textInput(root, "n").value).toBe("2"));
    click("Train");
    expect(workers).toHaveLength(1);
    expect(workers[0]!.lastInput).toMatchObject({ n: 2, m: 5 });
  });

  test("a preset sets every field, shows as pressed, and trains those settings", () => {
    const { root, workers, click } = setup();
    const preset = Array.from(root.querySelectorAll<HTMLButtonElement>(".presets button")).find((b) =>
      b.textContent?.startsWith("very sparse, S = 0.99"),
    )!;
    expect(preset.getAttribute("aria-pressed")).toBe("false");
    fireEvent.click(preset);
    expect(preset.getAttribute("aria-pressed")).toBe("true");
    expect(textInput(root, "n").value).toBe("2");
    expect(textInput(root, "m").value).toBe("5");
    expect(textInput(root, "steps").value).toBe("4000");
    expect(addressQuery().get("sparsity")).toBe("0.99");
    click("Train");
    expect(workers[0]!.lastInput).toEqual({ n: 2, m: 5, sparsity: 0.99, importance: 0.9, steps: 4000, seed: 0 });
    // Another value makes it no longer the preset.
    typeInto(root, "seed", "1");
    expect(preset.getAttribute("aria-pressed")).toBe("false");
  });
});

describe("cancelling", () => {
  test("stops the run, says cancelled, and keeps the results of the last completed run", () => {
    const { root, workers, click, button } = setup();
    click("Train");
    const worker = workers[0]!;
    worker.reply({ type: "done", id: worker.lastId, result: PENTAGON, seconds: 0.1 });
    const before = values(root);
    expect(Number(before.represented)).toBe(5);

    typeInto(root, "steps", "60000");
    click("Train");
    const running = worker.lastId;
    worker.reply({ type: "progress", id: running, progress: progress(200, 60_000, PENTAGON) });
    click("Cancel");
    expect(root.getAttribute("data-state")).toBe("cancelled");
    expect(worker.sent.at(-1)).toEqual({ type: "cancel", id: running });
    expect(values(root)).toEqual(before);
    expect(root.querySelector("progress")).toBeNull();
    expect(document.activeElement).toBe(button("Train"));
    // Replies already on their way for the cancelled run change nothing.
    worker.reply({ type: "done", id: running, result: BUILT, seconds: 3 });
    worker.reply({ type: "cancelled", id: running });
    expect(root.getAttribute("data-state")).toBe("cancelled");
    expect(values(root)).toEqual(before);
  });
});

describe("refusals", () => {
  test("too many neurons: the limit next to n, and no worker", () => {
    const { root, workers, click } = setup();
    const before = values(root);
    typeInto(root, "n", "300");
    expectInvalid(root, "n", /n = 300 is above the limit: n \(neurons\) must be a whole number from 1 to 256/);
    click("Train");
    expect(workers).toHaveLength(0);
    expect(root.getAttribute("data-state")).toBe("idle");
    expect(values(root)).toEqual(before);
    expect(document.activeElement).toBe(textInput(root, "n"));
    typeInto(root, "n", "20");
    expectValid(root, "n");
  });

  test("a job too large as a whole: the limit next to the Train button", () => {
    const { root, workers, click, button } = setup();
    typeInto(root, "n", "256");
    typeInto(root, "m", "512");
    typeInto(root, "sparsity", "0");
    typeInto(root, "steps", "100000");
    const id = button("Train")!.getAttribute("aria-describedby");
    expect(id).toBeTruthy();
    const message = root.ownerDocument.getElementById(id!)!;
    expect(message.getAttribute("role")).toBe("alert");
    expect(message.textContent).toMatch(/above the limit of 34,359,738,368 \(2\^35, about 20 s of computing\)/);
    click("Train");
    expect(workers).toHaveLength(0);
    for (const name of ["n", "m", "sparsity", "steps"]) expectValid(root, name);
  });

  const BAD: [field: string, text: string, message: RegExp][] = [
    ["n", "abc", /^Not a number: n must be/],
    ["m", "1", /Too small: m must be/],
    ["m", "600", /m = 600 is above the limit: m \(features\) must be a whole number from 2 to 512/],
    ["sparsity", "1", /^Too large: S must be a number from 0 up to, but not including, 1/],
    ["sparsity", "-0.5", /^Negative values are not allowed: S must be/],
    ["importance", "0", /^Zero is not allowed: r must be a number > 0 and at most 1/],
    ["importance", "1.5", /^Too large: r must be/],
    ["steps", "0", /^Too small: steps must be a whole number from 1 to 100,000/],
    ["steps", "2.5", /whole number/],
    ["seed", "<img src=x onerror=alert(1)>", /^Not a number: seed must be/],
  ];

  test.each(BAD)("%s = %j is flagged next to its field, keeps the text and the results, and starts nothing", (field, text, message) => {
    const { root, workers, click } = setup();
    const before = values(root);
    typeInto(root, field, text);
    expectInvalid(root, field, message);
    expect(textInput(root, field).value).toBe(text);
    click("Train");
    expect(workers).toHaveLength(0);
    expect(root.getAttribute("data-state")).toBe("idle");
    expect(values(root)).toEqual(before);
    expectCleanMarkup(root);
  });
});

describe("failures", () => {
  test("an error from the worker is said next to the button, the state is error, and the last results stay", () => {
    const { root, workers, click } = setup();
    const before = values(root);
    click("Train");
    workers[0]!.reply({
      type: "error",
      id: workers[0]!.lastId,
      error: { code: "failed", field: "job", message: "The training could not run: out of memory" },
    });
    expect(root.getAttribute("data-state")).toBe("error");
    expect(root.querySelector("[role='alert']")?.textContent).toContain("out of memory");
    expect(values(root)).toEqual(before);
    // Training again clears the error.
    click("Train");
    expect(root.getAttribute("data-state")).toBe("running");
    expect(root.textContent).not.toContain("out of memory");
  });

  test("a worker that cannot load is said, and the next Train starts a fresh one", () => {
    const { root, workers, click } = setup();
    click("Train");
    workers[0]!.fail();
    expect(root.getAttribute("data-state")).toBe("error");
    expect(root.textContent).toMatch(/The training could not start in this browser/);
    click("Train");
    expect(workers).toHaveLength(2);
    expect(root.getAttribute("data-state")).toBe("running");
  });

  test("a dense run, with no inactive feature to read, shows dashes rather than numbers", () => {
    const { root, workers, click } = setup();
    click("Train");
    const dense = trained({ n: 2, m: 5, sparsity: 0, importance: 0.9, steps: 300, seed: 0 });
    workers[0]!.reply({ type: "done", id: workers[0]!.lastId, result: dense, seconds: 0.1 });
    expect(output(root, "linear-noise").hasAttribute("data-value")).toBe(false);
    expect(output(root, "linear-noise").textContent).toBe("—");
    expect(output(root, "relu-noise").textContent).toBe("—");
    expect(root.textContent).toContain("no feature is ever inactive when S = 0");
    expectCleanMarkup(root);
  });
});
