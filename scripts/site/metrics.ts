/**
 * Measurements of the built site in a real Chromium, shared by the budget test
 * (tests/browser/performance.test.ts) and `npm run bench:site`.
 */
import { gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { CALCULATOR_NAMES, CALCULATORS } from "../../src/features/calculators/registry.ts";
import { pathOf } from "../../src/facts/sections.ts";

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
  /**
   * gzip bytes of JavaScript run before any control is touched: script files whose code ran, and
   * the inline scripts. Modules only fetched ahead of a touch (modulepreload) are not run.
   */
  jsBeforeInteraction: number;
  /** The scripts behind that figure, with their gzip sizes. */
  scripts: { name: string; gzip: number }[];
  /** gzip bytes of JavaScript fetched but not run: island code preloaded as it nears the viewport. */
  jsPreloaded: number;
  /** gzip bytes of everything the page loaded (HTML, CSS, JS, images). */
  totalGzip: number;
}

/**
 * Loads `url`, lets the reader scroll through the whole page without touching anything, waits
 * for the network and idle callbacks to settle, and adds up what was loaded and what of it ran
 * (V8's coverage of the page's scripts: a script ran if any of its code did).
 */
export async function measurePageWeight(browser: Browser, url: string): Promise<PageWeight> {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
  const page = await context.newPage();
  const pending: Promise<void>[] = [];
  const fetched = new Map<string, number>();
  let totalGzip = 0;
  page.on("response", (response) => {
    pending.push(
      response.body().then(
        (body) => {
          const size = gzipSize(body);
          totalGzip += size;
          if (response.request().resourceType() === "script") fetched.set(response.url(), size);
        },
        () => undefined,
      ),
    );
  });
  await page.coverage.startJSCoverage({ resetOnNavigation: false, reportAnonymousScripts: true });
  await page.goto(url, { waitUntil: "networkidle" });
  const height = await page.evaluate(() => document.body.scrollHeight);
  for (let y = 0; y <= height; y += 400) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(30);
  }
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 2000 })));
  await page.waitForLoadState("networkidle");
  await Promise.all(pending);
  const coverage = await page.coverage.stopJSCoverage();
  // Inline scripts report the page's own address; the measuring scripts above have none.
  const ran = coverage.filter((entry) => entry.url !== "" && entry.functions.some((f) => f.ranges.some((r) => r.count > 0)));
  const scripts: { name: string; gzip: number }[] = [];
  for (const entry of ran) {
    const size = fetched.get(entry.url);
    if (size !== undefined && entry.url !== page.url()) scripts.push({ name: new URL(entry.url).pathname, gzip: size });
  }
  const inline = ran.filter((entry) => entry.url === page.url()).map((entry) => entry.source ?? "");
  const inlineGzip = inline.length === 0 ? 0 : gzipSize(inline.join("\n"));
  if (inlineGzip > 0) scripts.push({ name: "(inline scripts)", gzip: inlineGzip });
  const ranUrls = new Set(ran.map((entry) => entry.url));
  const jsPreloaded = [...fetched].filter(([script]) => !ranUrls.has(script)).reduce((sum, [, size]) => sum + size, 0);
  await context.close();
  return { jsBeforeInteraction: scripts.reduce((sum, s) => sum + s.gzip, 0), scripts, jsPreloaded, totalGzip };
}

export interface InputTimings {
  /** Main-thread work per input, in milliseconds, one entry per measured slider step, in order. */
  samples: number[];
  /** Percentiles of the raw samples: what the machine gave, noise included. */
  p50: number;
  p95: number;
  /**
   * Each distinct step (from one slider value to the next) is taken at least three times; the
   * median of its takes is its cost, and this is the 95th percentile of those costs: the page's
   * slowest steps, without the stalls a shared machine adds to any single take.
   */
  stepP95: number;
  /** The median of those costs: a typical step. */
  stepP50: number;
  /** How many distinct steps stepP95 is taken over. */
  distinctSteps: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Steps per pass along the slider: a pass goes up this many values, the next comes back down. */
const PASS = 20;
/**
 * Steps at the start not counted, while the JIT optimises the redraw path: one pass up and back.
 * Why two passes: with one short warm-up of 10 steps, the first take of a step on ε's n slider was
 * 17–26 ms and its later takes 7–11 ms, so the first pass measured V8's warm-up, not the page.
 */
const WARM_UP = 2 * PASS;
/** Passes: with the warm-up skipped, every step up and every step down is still taken 3 times or more. */
const PASSES = 9;

/**
 * Drags a calculator's slider back and forth across the middle of its range, one step at a time
 * as a drag does (PASSES passes of PASS steps), and measures for each step the main-thread work
 * it causes: the input handler, the recomputation, the redraw of outputs and figure (Preact
 * commits and Plot draws synchronously once Plot is loaded), then the style and layout the browser
 * needs for the next frame (forced and timed). Paint and raster are not included (the trace shows
 * about 2–3 ms of paint per step). The first change, which loads Plot, and the next WARM_UP steps
 * are a warm-up and are not counted: the figure is the steady state of a drag (the first touch has
 * its own measure). Why each step is
 * taken several times: on a machine shared with other work, single takes of the same step vary
 * by 3× (the p95 of raw samples moved between 24 and 36 ms from one run to the next for the same
 * build), while a step's median take does not.
 */
export async function measureSliderSteps(browser: Browser, url: string, calculator: string, field: string): Promise<InputTimings> {
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
  const takes = await page.evaluate(
    async ({ selector, pass, warmUp, passes }) => {
      const el = document.querySelector<HTMLInputElement>(selector)!;
      // A macrotask without setTimeout's 4 ms clamp: by then every microtask (Preact's commit) ran.
      const channel = new MessageChannel();
      const macrotask = () =>
        new Promise<void>((resolve) => {
          channel.port1.onmessage = () => resolve();
          channel.port2.postMessage(0);
        });
      const out: { step: string; ms: number }[] = [];
      el.value = String(Math.round(Number(el.max) / 2));
      for (let i = 0; i < pass * passes; i++) {
        const from = el.value;
        // Up one pass, back down the next, so every step changes the value and recurs.
        el.value = String(Number(from) + (Math.floor(i / pass) % 2 === 0 ? 1 : -1));
        const start = performance.now();
        el.dispatchEvent(new Event("input", { bubbles: true }));
        await macrotask();
        void document.body.offsetHeight; // style and layout for the next frame
        if (i >= warmUp) out.push({ step: `${from}→${el.value}`, ms: performance.now() - start });
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      }
      return out;
    },
    { selector, pass: PASS, warmUp: WARM_UP, passes: PASSES },
  );
  await context.close();
  const samples = takes.map((t) => t.ms);
  const byStep = new Map<string, number[]>();
  for (const { step, ms } of takes) byStep.set(step, [...(byStep.get(step) ?? []), ms]);
  const stepCosts = [...byStep.values()].map(median).sort((a, b) => a - b);
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    samples,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    stepP95: percentile(stepCosts, 95),
    stepP50: percentile(stepCosts, 50),
    distinctSteps: stepCosts.length,
  };
}

/** Steps measureSliderSteps counts: every pass's steps but the warm-up. */
export const MEASURED_SLIDER_STEPS = PASS * PASSES - WARM_UP;

/** Lighthouse's default mobile conditions: a 4× slower CPU and "slow 4G" (150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up). */
export const MOBILE_EMULATION = {
  cpuSlowdown: 4,
  latencyMs: 150,
  downloadBytesPerSecond: (1.6 * 1024 * 1024) / 8,
  uploadBytesPerSecond: (750 * 1024) / 8,
} as const;

export interface FirstTouch {
  /** Milliseconds from the reader's first touch of the calculator to its first updated result. */
  readonly ms: number;
}

/**
 * The first touch of a calculator, as a reader makes it: the page loads and is scrolled to the
 * calculator (which may fetch its code as it nears the viewport), left alone for a moment, then
 * the reader clicks a preset (a real pointer press and release). Measured inside the page from
 * the pointerdown to the first change of the calculator's first output. With `mobile`, under
 * Lighthouse's mobile emulation ({@link MOBILE_EMULATION}) from the start of the load.
 */
export async function measureFirstTouch(browser: Browser, url: string, calculator: string, mobile: boolean): Promise<FirstTouch> {
  const context = await browser.newContext({
    viewport: mobile ? { width: 412, height: 823 } : { width: 1000, height: 900 },
    isMobile: mobile,
    hasTouch: mobile,
  });
  const page = await context.newPage();
  if (mobile) {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: MOBILE_EMULATION.cpuSlowdown });
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: MOBILE_EMULATION.latencyMs,
      downloadThroughput: MOBILE_EMULATION.downloadBytesPerSecond,
      uploadThroughput: MOBILE_EMULATION.uploadBytesPerSecond,
    });
  }
  await page.goto(url, { waitUntil: "networkidle" });
  const root = page.locator(`[data-calculator="${calculator}"]`);
  await root.scrollIntoViewIfNeeded();
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(500);
  await page.evaluate((name) => {
    const host = document.querySelector(`[data-calculator="${name}"]`)!;
    const valueOf = () => {
      const output = host.querySelector("output");
      return output?.getAttribute("data-value") ?? output?.getAttribute("data-log10");
    };
    const before = valueOf();
    const w = window as unknown as { firstTouch: Promise<number> };
    w.firstTouch = new Promise((resolve) => {
      let start = 0;
      document.addEventListener("pointerdown", () => (start ||= performance.now()), { capture: true, once: true });
      // The moment the first output changes (a mutation, seen at once), then the frame that paints it.
      const observer = new MutationObserver(() => {
        if (!start || valueOf() === before) return;
        observer.disconnect();
        requestAnimationFrame(() => resolve(performance.now() - start));
      });
      observer.observe(host, { subtree: true, attributes: true, childList: true, characterData: true });
    });
  }, calculator);
  // The first preset that is not the one on screen changes n, hence every calculator's first output:
  // a button, or on a phone (where the presets are a list) an entry of the first list, picked
  // after the touch that opens it.
  const list = root.locator(".presets select").first();
  if (await list.isVisible()) {
    await list.dispatchEvent("pointerdown");
    const other = await list.evaluate((s: HTMLSelectElement) => Array.from(s.options).find((o) => o.value !== "" && !o.selected)!.value);
    await list.selectOption(other);
  } else await root.locator('.presets button[aria-pressed="false"]').first().click();
  const ms = await page.evaluate(() => (window as unknown as { firstTouch: Promise<number> }).firstTouch);
  await context.close();
  return { ms };
}
