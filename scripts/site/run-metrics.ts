/**
 * Timings of the site's heavy work and linked views in a real Chromium, shared by the performance
 * test (tests/browser/performance.test.ts, which holds them to their guards) and `npm run
 * bench:site` (which reports them against their targets): the longest main-thread task while a
 * simulation runs and while a toy model trains, how long the toy model's phase grid takes in the
 * browser, how fast Cancel reaches every worker, how long a linked view takes to show the link's
 * numbers, and how long the dictionary page takes to measure a generated SAE decoder.
 * Budgets: ./budgets.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";

/** Starts recording the page's long tasks (over 50 ms, the browser's own threshold). */
async function recordLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longTasks.push(Math.round(entry.duration));
    }).observe({ type: "longtask" });
  });
}

/** The long tasks recorded so far, in milliseconds. */
function longTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => [...(window as unknown as { longTasks: number[] }).longTasks]);
}

/** The longest of a list of tasks, 0 when there is none over 50 ms. */
export const longest = (tasks: readonly number[]): number => Math.max(0, ...tasks);

/**
 * A simulation run as a reader makes one on /typical-vs-worst-case/ (`url`): the island woken by a
 * touch, the settings typed, Run, until the redrawn figures describe the new run. Returns the
 * main-thread tasks over 50 ms from typing the settings to the redrawn figures.
 */
export async function measureSimulationRun(browser: Browser, url: string): Promise<{ longTasks: number[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "networkidle" });
  const root = page.locator("[data-simulation]");
  await root.scrollIntoViewIfNeeded();
  await root.dispatchEvent("pointerdown");
  await page.waitForFunction(() => document.querySelector("[data-simulation]")?.closest("astro-island")?.hasAttribute("ssr") === false);
  await recordLongTasks(page);
  for (const [name, value] of [
    ["n", "256"],
    ["m", "1024"],
    ["l", "4"],
    ["seed", "1"],
  ] as const) {
    await root.locator(`input[name="${name}"]`).fill(value);
  }
  await root.getByRole("button", { name: "Run", exact: true }).click();
  await page.waitForFunction(() => document.querySelector("[data-simulation]")?.getAttribute("data-state") === "done", undefined, {
    timeout: 60_000,
    polling: 100,
  });
  await page.waitForFunction(
    () => document.querySelector("[data-simulation] figure svg")?.getAttribute("aria-description")?.includes("m = 1,024 features") === true,
    undefined,
    { timeout: 60_000, polling: 100 },
  );
  const tasks = await longTasks(page);
  await context.close();
  return { longTasks: tasks };
}

/**
 * A long toy-model training on /trained-toy-models/ (`url`): 60 000 steps started, then a second of
 * its progress watched. Returns the main-thread tasks over 50 ms in that second, and the training
 * steps it advanced (the worker must make progress while the page stays free).
 */
export async function measureTraining(browser: Browser, url: string): Promise<{ longTasks: number[]; stepsInASecond: number }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "networkidle" });
  const root = page.locator("[data-toy-model]");
  await root.scrollIntoViewIfNeeded();
  await root.dispatchEvent("pointerdown");
  await page.waitForFunction(() => document.querySelector("[data-toy-model]")?.closest("astro-island")?.hasAttribute("ssr") === false, undefined, {
    timeout: 60_000,
  });
  await root.locator('input[name="steps"]').fill("60000");
  await root.getByRole("button", { name: "Train", exact: true }).click();
  const stepAt = async () => {
    const text = (await root.locator(".toy-model__progress").textContent()) ?? "";
    return Number(/step ([\d,]+)/.exec(text)?.[1]?.replace(/,/g, "") ?? "0");
  };
  await page.waitForFunction(() => /step [\d,]+ of/.test(document.querySelector(".toy-model__progress")?.textContent ?? ""), undefined, {
    timeout: 60_000,
    polling: 100,
  });
  await recordLongTasks(page);
  const from = await stepAt();
  await page.waitForTimeout(1000);
  const stepsInASecond = (await stepAt()) - from;
  const tasks = await longTasks(page);
  await root.getByRole("button", { name: "Cancel" }).click();
  await context.close();
  return { longTasks: tasks, stepsInASecond };
}

/**
 * The one-neuron phase grid on /trained-toy-models/ (`url`) trained as a reader trains it: the
 * island woken by a touch, Run pressed (every cell of the page's grid, split across one Web Worker
 * per core), until the figure is redrawn from the new grid. Returns the wall-clock milliseconds from
 * the click to the finished grid (data-state "done"), the workers it was split across, and the
 * main-thread tasks over 50 ms from the click to the redrawn figure.
 */
export async function measurePhaseGrid(browser: Browser, url: string): Promise<{ ms: number; workers: number; longTasks: number[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "networkidle" });
  const selector = '[data-phase-diagram="one-neuron"]';
  const root = page.locator(selector);
  await root.scrollIntoViewIfNeeded();
  await root.dispatchEvent("pointerdown");
  await page.waitForFunction((sel) => document.querySelector(sel)?.closest("astro-island")?.hasAttribute("ssr") === false, selector, {
    timeout: 30_000,
  });
  await recordLongTasks(page);
  const started = await page.evaluate((sel) => {
    const at = performance.now();
    Array.from(document.querySelectorAll<HTMLButtonElement>(`${sel} button`))
      .find((b) => b.textContent?.trim() === "Run")!
      .click();
    return at;
  }, selector);
  // Polled every 100 ms: the page's thread is the reader's, not the benchmark's.
  await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute("data-state") === "done", selector, {
    timeout: 300_000,
    polling: 100,
  });
  const finished = await page.evaluate(() => performance.now());
  await page.waitForFunction((sel) => /in your browser/.test(document.querySelector(`${sel} figcaption`)?.textContent ?? ""), selector, {
    timeout: 30_000,
    polling: 100,
  });
  const workers = Number(/on (\d+) workers?/.exec((await root.locator("[data-phase-summary]").textContent()) ?? "")?.[1] ?? "0");
  const tasks = await longTasks(page);
  await context.close();
  return { ms: finished - started, workers, longTasks: tasks };
}

/** One message from a worker to the page: which worker (in the order they were made), its type, when. */
export interface WorkerReply {
  readonly worker: number;
  readonly type: string;
  /** performance.now() in the page when it arrived. */
  readonly at: number;
}

/**
 * Opens the simulation's readout-only mode at `url` in a fresh context whose navigator reports
 * `cores` logical processors (the page starts one worker per core), recording every message each
 * of the page's Web Workers sends, with when it arrived.
 */
export async function openReadout(b: Browser, url: string, cores: number) {
  const context = await b.newContext();
  await context.addInitScript((n) => {
    Object.defineProperty(Navigator.prototype, "hardwareConcurrency", { get: () => n, configurable: true });
    const log: { worker: number; type: string; at: number }[] = [];
    (globalThis as unknown as { workerReplies: typeof log }).workerReplies = log;
    const Original = globalThis.Worker;
    let made = 0;
    globalThis.Worker = class extends Original {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        const worker = made++;
        this.addEventListener("message", (event: MessageEvent<{ type?: string }>) => {
          log.push({ worker, type: String(event.data?.type), at: performance.now() });
        });
      }
    };
  }, cores);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console: ${msg.text()}`);
  });
  await page.goto(url, { waitUntil: "networkidle" });
  const root = page.locator("[data-simulation]");
  await root.scrollIntoViewIfNeeded();
  await root.dispatchEvent("pointerdown");
  await page.waitForFunction(() => document.querySelector("[data-simulation]")?.getAttribute("data-mode") === "readout", undefined, {
    timeout: 60_000,
  });
  return { page, context, problems, root };
}

/** Every worker message the page has received so far. */
export function workerReplies(page: Page): Promise<WorkerReply[]> {
  return page.evaluate(() => [...(globalThis as unknown as { workerReplies: WorkerReply[] }).workerReplies]);
}

/**
 * A readout-only run at Gemma Scope's 1M-latent shape on `base` + /typical-vs-worst-case/, split
 * across `cores` workers, cancelled once well under way. Returns how long after the click the last
 * worker reported itself cancelled, the main-thread tasks over 50 ms during the run, and any page
 * error or console error.
 */
export async function measureReadoutCancel(
  browser: Browser,
  base: string,
  cores: number,
): Promise<{ stoppedMs: number; longTasks: number[]; problems: string[] }> {
  const { page, context, problems, root } = await openReadout(
    browser,
    new URL("typical-vs-worst-case/?run=readout&n=3584&m=1048576&l=193&seed=1&trials=100", base).href,
    cores,
  );
  await recordLongTasks(page);
  await root.getByRole("button", { name: "Run", exact: true }).click();
  // Well into the run: every worker reading its features.
  await page.waitForFunction(() => (document.querySelector<HTMLProgressElement>("[data-simulation] progress")?.value ?? 0) > 0.05, undefined, {
    timeout: 60_000,
    polling: 100,
  });
  const cancelledAt = await page.evaluate(() => {
    const at = performance.now();
    Array.from(document.querySelectorAll<HTMLButtonElement>("[data-simulation] button"))
      .find((b) => b.textContent?.trim() === "Cancel")!
      .click();
    return at;
  });
  const stopped = async () => new Set((await workerReplies(page)).filter((r) => r.type === "cancelled").map((r) => r.worker)).size;
  for (let waited = 0; (await stopped()) < cores && waited < 30_000; waited += 50) await page.waitForTimeout(50);
  const replies = await workerReplies(page);
  const cancelled = replies.filter((r) => r.type === "cancelled");
  const stoppedMs = new Set(cancelled.map((r) => r.worker)).size < cores ? Infinity : Math.max(...cancelled.map((r) => r.at - cancelledAt));
  const tasks = await longTasks(page);
  await context.close();
  return { stoppedMs, longTasks: tasks, problems };
}

/**
 * A linked view (`url`, a page of calculators with a scenario in its address) loaded in a fresh
 * page: the time from navigation to the moment every calculator on the page shows the link's
 * numbers (none of them busy), polled every 10 ms.
 */
export async function measureLinkedView(browser: Browser, url: string): Promise<{ ms: number }> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "commit" });
  const ms = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        // Never settled within 30 s: reported as such, not waited for forever.
        setTimeout(() => resolve(Infinity), 30_000);
        const check = () => {
          const calculators = Array.from(document.querySelectorAll("[data-calculator]"));
          const settled =
            document.readyState !== "loading" && calculators.length > 0 && calculators.every((c) => c.getAttribute("aria-busy") !== "true");
          if (settled) resolve(performance.now());
          else setTimeout(check, 10);
        };
        check();
      }),
  );
  await context.close();
  return { ms };
}

/**
 * A generated m × n float32 decoder as an .npy file at `path` (rows of Gaussians from a seeded
 * xorshift generator and Box–Muller: random directions, the shape of a real SAE's decoder).
 */
export function writeGeneratedDecoder(path: string, m: number, n: number, seed = 1): void {
  let state = seed >>> 0 || 1;
  const uniform = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) + 0.5) / 4294967296;
  };
  const values = new Float32Array(m * n);
  for (let i = 0; i < values.length; i += 2) {
    const radius = Math.sqrt(-2 * Math.log(uniform()));
    const angle = 2 * Math.PI * uniform();
    values[i] = radius * Math.cos(angle);
    if (i + 1 < values.length) values[i + 1] = radius * Math.sin(angle);
  }
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${m}, ${n}), }`;
  while ((10 + header.length + 1) % 64 !== 0) header += " ";
  header += "\n";
  const preamble = new Uint8Array(10);
  preamble.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(preamble.buffer).setUint16(8, header.length, true);
  writeFileSync(path, Buffer.concat([preamble, Buffer.from(header, "latin1"), Buffer.from(values.buffer)]));
}

/**
 * The dictionary page (`base` + /measure-a-dictionary/) measuring a generated m × n float32 decoder
 * chosen in its picker, in exact mode (the mode it picks for Gemma Scope 2B 16k's shape), on as
 * many workers as the browser has cores: the time from choosing the file to its geometry on screen,
 * and to everything (readouts and random directions' TopK included); the main-thread tasks over
 * 50 ms meanwhile; page errors.
 */
export async function measureDictionary(
  browser: Browser,
  base: string,
  m = 16384,
  n = 2304,
): Promise<{ geometryMs: number; totalMs: number; longTasks: number[]; workers: number; problems: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), "dictionary-metrics-"));
  const path = join(dir, "decoder.npy");
  writeGeneratedDecoder(path, m, n);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
    page.on("console", (msg) => {
      if (msg.type() === "error") problems.push(`console: ${msg.text()}`);
    });
    await page.goto(new URL("measure-a-dictionary/", base).href, { waitUntil: "networkidle" });
    const root = page.locator("[data-dictionary]");
    await root.scrollIntoViewIfNeeded();
    await root.dispatchEvent("pointerdown");
    await page.waitForFunction(() => document.querySelector("[data-dictionary]")?.closest("astro-island")?.hasAttribute("ssr") === false, undefined, {
      timeout: 30_000,
    });
    await recordLongTasks(page);
    const started = await page.evaluate(() => performance.now());
    await root.locator('input[type="file"]').setInputFiles(path);
    const geometryAt = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const check = () =>
            document.querySelector("[data-dictionary] output[name='rms-overlap']") ? resolve(performance.now()) : setTimeout(check, 20);
          check();
        }),
    );
    await page.waitForFunction(
      () => ["done", "error"].includes(document.querySelector("[data-dictionary]")?.getAttribute("data-state") ?? ""),
      undefined,
      {
        timeout: 600_000,
        polling: 50,
      },
    );
    const doneAt = await page.evaluate(() => performance.now());
    if ((await root.getAttribute("data-state")) !== "done") problems.push(`the page said: ${await root.locator("[role='alert']").textContent()}`);
    const workers = await page.evaluate(() => Math.max(1, Math.min(8, navigator.hardwareConcurrency)));
    return { geometryMs: geometryAt - started, totalMs: doneAt - started, longTasks: await longTasks(page), workers, problems };
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
