/**
 * The calculators' slow outputs from the page's one Web Worker (later-results-client.ts and the
 * real service behind an in-process stand-in): shared by the page's calculators, answering only the
 * scenario on screen, refining "all read right" by Monte Carlo where the fast value is only a
 * range, and falling back to the main thread where the worker fails.
 */
import { act, render } from "@testing-library/preact";
import { expect, test } from "vitest";
import Calculator from "../../src/features/calculators/islands/Calculator.tsx";
import { provideWorker, resetLaterResultsWorker } from "../../src/features/calculators/islands/later-results-client.ts";
import { expectCleanMarkup, laterResults, output, typeInto, useCleanPage, valueOf } from "./helpers.tsx";
import { inProcessWorkers } from "./in-process-worker.ts";

useCleanPage();

/** Lets tasks run until `done` holds (the worker's replies are tasks), or fails after `ms`. */
async function until(done: () => boolean, ms = 20_000): Promise<void> {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > ms) throw new Error("timed out waiting for the worker");
    await act(() => new Promise<void>((resolve) => setTimeout(resolve, 5)));
  }
}

const busy = (c: Element, name: string) => output(c, name).getAttribute("aria-busy") === "true";

function withWorker() {
  // Calculator.tsx names the browser's worker when it loads; the tests' page names this one instead.
  resetLaterResultsWorker();
  const fake = inProcessWorkers();
  provideWorker(fake.createWorker);
  return fake;
}

test("all read right at n = 128, m = 1 024, l = 8: a range at first, then two figures from the worker's Monte Carlo", async () => {
  const { workers } = withWorker();
  const c = render(<Calculator name="sparsity" />).container;
  typeInto(c, "n", "128");
  typeInto(c, "m", "1024");
  typeInto(c, "l", "8");
  // The fast value (4.6 × 10⁻⁷, 27 % low) cannot be verified: a range, while the Monte Carlo runs.
  await until(() => !busy(c, "expected-misreads"));
  expect(output(c, "all-right").textContent).toMatch(/^between 10⁻/);
  expect(busy(c, "all-right")).toBe(true);
  await until(() => !busy(c, "all-right"));
  // The conditional Monte Carlo with 400 000 draws (the site's notes): 6.31 × 10⁻⁷ ± 0.32 × 10⁻⁷.
  expect(valueOf(c, "all-right")).toBeCloseRel(6.31e-7, 0.1);
  expect(output(c, "all-right").textContent).toMatch(/^6\.[2-5] × 10⁻⁷$/);
  expect(workers).toHaveLength(1);
  expectCleanMarkup(c);
});

test("where the Monte Carlo cannot verify it either (GPT-2 small's shape), the range stays", async () => {
  withWorker();
  const c = render(<Calculator name="sparsity" />).container;
  typeInto(c, "n", "768");
  typeInto(c, "m", "32768");
  typeInto(c, "l", "32");
  await until(() => /^between 10⁻/.test(output(c, "all-right").textContent ?? "") && !busy(c, "all-right"));
  expect(output(c, "all-right").textContent).toMatch(/^between 10⁻[⁰¹²³⁴⁵⁶⁷⁸⁹]+ and 10⁻[⁰¹²³⁴⁵⁶⁷⁸⁹]+$/);
  expect(valueOf(c, "expected-misreads")).toBeCloseRel(235, 0.01);
});

test("one worker serves every calculator of the page, each with its own outputs", async () => {
  const { workers } = withWorker();
  const c = render(
    <>
      <Calculator name="sparsity" />
      <Calculator name="levels" />
    </>,
  ).container;
  typeInto(c, "n", "1024");
  typeInto(c, "m", "4096");
  typeInto(c, "l", "16");
  await until(() => !busy(c, "on-off-misreads") && !busy(c, "expected-misreads"));
  expect(workers).toHaveLength(1);
  // The same misreads against ½, from either calculator (0.129: the site's notes).
  expect(valueOf(c, "expected-misreads")).toBeCloseRel(0.129, 0.01);
  expect(valueOf(c, "on-off-misreads")).toBe(valueOf(c, "expected-misreads"));
  const clients = new Set(workers[0]!.sent.map((m) => (m as { client: number }).client));
  expect(clients.size).toBe(2);
});

test("a drag sends each scenario, and the outputs end on the last", async () => {
  const { workers } = withWorker();
  const c = render(<Calculator name="sparsity" />).container;
  typeInto(c, "n", "1024");
  typeInto(c, "m", "4096");
  await until(() => !busy(c, "expected-misreads"));
  for (const l of [11, 12, 13, 14, 15, 16]) typeInto(c, "l", String(l));
  await until(() => !busy(c, "expected-misreads") && !busy(c, "all-right"));
  expect(valueOf(c, "l-at-90")).toBe(15);
  expect(valueOf(c, "all-right")).toBeCloseRel(0.88, 0.01);
  // Until the worker has answered once the main thread answers too; either way the worker's last
  // answer is the last step's (how many steps it skipped depends on when they reached it: the
  // service's own test holds that it answers only the newest waiting request).
  const keyOf = (r: unknown) => (r as { key: string }).key;
  await until(() => workers[0]!.replies.some((r) => keyOf(r).includes('"l":16')));
  const answered = workers[0]!.replies.map(keyOf);
  expect(answered.at(-1)).toContain('"l":16');
});

test("a worker that fails to load leaves the main thread to compute, and nothing busy", async () => {
  const { workers } = withWorker();
  const c = render(<Calculator name="sparsity" />).container;
  typeInto(c, "l", "12");
  workers[0]!.fail();
  await laterResults();
  await until(() => !busy(c, "expected-misreads"));
  typeInto(c, "l", "13");
  expect(busy(c, "expected-misreads")).toBe(true);
  await laterResults();
  expect(busy(c, "expected-misreads")).toBe(false);
  expect(workers).toHaveLength(1);
  expect(workers[0]!.terminated).toBe(true);
  expectCleanMarkup(c);
});
