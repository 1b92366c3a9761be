/**
 * When the browser cannot redraw the simulation's figures after a run, the page says so, keeps the
 * run's numbers in the tables, and the figures' captions keep describing what the figures show.
 */
import { fireEvent, render, waitFor } from "@testing-library/preact";
import { expect, test, vi } from "vitest";
import { simulateSweepSync, summarizeSweep } from "../../src/features/simulation/engine/sweep.ts";
import type { SweepJob } from "../../src/features/simulation/engine/run.ts";
import Simulation from "../../src/features/simulation/islands/Simulation.tsx";
import { fakeWorkers } from "./fake-worker.ts";
import { useCleanPage, valueOf } from "./helpers.tsx";

const renderNoiseModels = vi.hoisted(() => vi.fn());
const renderOverlapHistogram = vi.hoisted(() => vi.fn());
vi.mock("../../src/features/simulation/islands/render-simulation-figures.ts", () => ({ renderNoiseModels, renderOverlapHistogram }));

useCleanPage();

function sweep(n: number, m: number) {
  const outcome = simulateSweepSync({ n, m, l: 2, seed: 1, trials: 20 });
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.result;
}

test("a failed redraw is said, the numbers are the new run's, the captions still the drawn run's", async () => {
  renderNoiseModels.mockImplementation(() => {
    throw new Error("Plot failed");
  });
  const built = sweep(256, 2048);
  const { workers, createWorker } = fakeWorkers<SweepJob>();
  const { container } = render(
    <Simulation
      initial={summarizeSweep(built)}
      noise={<svg data-prerendered="noise" />}
      histogram={<svg data-prerendered="histogram" />}
      createWorker={createWorker}
    />,
  );
  const root = container.querySelector<HTMLElement>("[data-simulation]")!;
  fireEvent.click(Array.from(root.querySelectorAll("button")).find((b) => b.textContent === "Run")!);
  const result = sweep(64, 128);
  workers[0]!.reply({ type: "done", id: workers[0]!.lastId!, result, seconds: 0.01 });
  expect(root.getAttribute("data-state")).toBe("done");
  await waitFor(() => expect(root.querySelector(".figure__error")?.textContent).toMatch(/could not be redrawn/));
  expect(valueOf(root, "rms-overlap")).toBe(result.overlaps.rms);
  expect(root.querySelector("[data-prerendered='noise']")).not.toBeNull();
  const captions = Array.from(root.querySelectorAll("figcaption")).map((c) => c.textContent ?? "");
  expect(captions[0]).toContain("n = 256, m = 2,048");
  expect(captions[1]).toContain("2.10 × 10⁶ pairwise overlaps");
  expect(renderOverlapHistogram).not.toHaveBeenCalled();
});
