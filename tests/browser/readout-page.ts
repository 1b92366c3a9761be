/**
 * Opening the simulation's readout-only mode for the browser tests: a fresh context whose navigator
 * reports a chosen number of processor cores (the page starts one worker per core), and a record of
 * every message each of the page's Web Workers sends, with when it arrived.
 */
import type { Browser, Page } from "playwright-core";
import { siteUrl } from "./harness.ts";

/** One message from a worker to the page: which worker (in the order they were made), its type, when. */
export interface WorkerReply {
  readonly worker: number;
  readonly type: string;
  /** performance.now() in the page when it arrived. */
  readonly at: number;
}

/**
 * Opens `path` in a fresh context whose navigator reports `cores` logical processors, recording
 * every message each Web Worker of the page sends (its type and when it arrived).
 */
export async function openReadout(b: Browser, path: string, cores: number) {
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
  await page.goto(siteUrl(path), { waitUntil: "networkidle" });
  const root = page.locator("[data-simulation]");
  await root.scrollIntoViewIfNeeded();
  await root.dispatchEvent("pointerdown");
  await page.waitForFunction(() => document.querySelector("[data-simulation]")?.getAttribute("data-mode") === "readout", undefined, {
    timeout: 10_000,
  });
  return { page, context, problems, root };
}

/** Every worker message the page has received so far. */
export function workerReplies(page: Page): Promise<WorkerReply[]> {
  return page.evaluate(() => [...(globalThis as unknown as { workerReplies: WorkerReply[] }).workerReplies]);
}
