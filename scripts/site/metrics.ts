/**
 * Measurements of the built site in a real Chromium, shared by the budget test
 * (tests/browser/performance.test.ts) and `npm run bench:site`.
 */
import { gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { CALCULATOR_NAMES, CALCULATORS } from "../../src/calculators/registry.ts";
import { pathOf } from "../../src/sections.ts";

/** Each calculator's benchmark slider, on its page: [page path, calculator, field]. */
export const SLIDER_BENCHMARKS: readonly [path: string, calculator: string, field: string][] = CALCULATOR_NAMES.map((name) => [
  pathOf(CALCULATORS[name].page).slice(1),
  name,
  CALCULATORS[name].benchmarkField,
]);

/** gzip -9 size: what a static host serving compressed files sends. */
export function gzipSize(body: Buffer | string): number {
  return gzipSync(typeof body === "string" ? Buffer.from(body) : body, { level: 9 }).length;
}

export interface PageWeight {
  /** gzip bytes of JavaScript (files and inline scripts) loaded before any control is touched. */
  jsBeforeInteraction: number;
  /** The scripts behind that figure, with their gzip sizes. */
  scripts: { name: string; gzip: number }[];
  /** gzip bytes of everything the page loaded (HTML, CSS, JS, images). */
  totalGzip: number;
}

/**
 * Loads `url`, lets the reader scroll through the whole page without touching anything, waits
 * for the network and idle callbacks to settle, and adds up what was loaded.
 */
export async function measurePageWeight(browser: Browser, url: string): Promise<PageWeight> {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
  const page = await context.newPage();
  const pending: Promise<void>[] = [];
  const scripts: { name: string; gzip: number }[] = [];
  let totalGzip = 0;
  page.on("response", (response) => {
    pending.push(
      response.body().then(
        (body) => {
          const size = gzipSize(body);
          totalGzip += size;
          if (response.request().resourceType() === "script") scripts.push({ name: new URL(response.url()).pathname, gzip: size });
        },
        () => undefined,
      ),
    );
  });
  await page.goto(url, { waitUntil: "networkidle" });
  const height = await page.evaluate(() => document.body.scrollHeight);
  for (let y = 0; y <= height; y += 400) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(30);
  }
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 2000 })));
  await page.waitForLoadState("networkidle");
  await Promise.all(pending);
  const inline = await page.evaluate(() => Array.from(document.querySelectorAll("script:not([src])"), (s) => s.textContent ?? "").join("\n"));
  const inlineGzip = inline.trim() === "" ? 0 : gzipSize(inline);
  if (inlineGzip > 0) scripts.push({ name: "(inline scripts)", gzip: inlineGzip });
  await context.close();
  return { jsBeforeInteraction: scripts.reduce((sum, s) => sum + s.gzip, 0), scripts, totalGzip };
}

export interface InputTimings {
  /** Main-thread work per input, in milliseconds, one entry per slider step. */
  samples: number[];
  p50: number;
  p95: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/**
 * Moves a calculator's slider `steps` times, one step at a time as a drag does, and measures for
 * each step the main-thread work it causes: the input handler, the recomputation, the redraw of
 * outputs and figure (Preact commits and Plot draws synchronously once Plot is loaded), then the
 * style and layout the browser needs for the next frame (forced and timed). Paint and raster are
 * not included (the trace shows about 2–3 ms of paint per step). The first change, which loads
 * Plot, and the next 10 steps, while the JIT compiles the redraw path, are a warm-up and are not
 * counted: the figure is the steady state of a drag.
 */
export async function measureSliderSteps(browser: Browser, url: string, calculator: string, field: string, steps = 100): Promise<InputTimings> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "networkidle" });
  const selector = `[data-calculator="${calculator}"] input[name="${field}"] ~ input[type="range"]`;
  const slider = page.locator(selector);
  await slider.scrollIntoViewIfNeeded();
  await slider.focus();
  await page.waitForFunction((c) => !document.querySelector(`[data-calculator="${c}"]`)?.closest("astro-island")?.hasAttribute("ssr"), calculator);
  await page.keyboard.press("ArrowLeft");
  await page.waitForFunction((c) => document.querySelector(`[data-calculator="${c}"] figure svg`) !== null, calculator);
  await page.waitForTimeout(300);
  const samples = await page.evaluate(
    async ({ selector, steps }) => {
      const el = document.querySelector<HTMLInputElement>(selector)!;
      // A macrotask without setTimeout's 4 ms clamp: by then every microtask (Preact's commit) ran.
      const channel = new MessageChannel();
      const macrotask = () =>
        new Promise<void>((resolve) => {
          channel.port1.onmessage = () => resolve();
          channel.port2.postMessage(0);
        });
      const out: number[] = [];
      const middle = Number(el.max) / 2;
      el.value = String(middle);
      const WARM_UP = 10;
      for (let i = -WARM_UP; i < steps; i++) {
        // Back and forth across the middle of the range, so every step changes the value.
        el.value = String(Number(el.value) + (Math.floor((i + 10) / 20) % 2 === 0 ? 1 : -1));
        const start = performance.now();
        el.dispatchEvent(new Event("input", { bubbles: true }));
        await macrotask();
        void document.body.offsetHeight; // style and layout for the next frame
        if (i >= 0) out.push(performance.now() - start);
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      }
      return out;
    },
    { selector, steps },
  );
  await context.close();
  const sorted = [...samples].sort((a, b) => a - b);
  return { samples, p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}
