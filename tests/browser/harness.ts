/** Shared set-up of the browser tests: one Chromium per test file, pages with error tracking. */
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";
import { CHROMIUM_ARGS, findChromium } from "../../scripts/site/chromium.ts";
import { SITE_PAGES } from "../../scripts/site/pages.ts";
import type { CalculatorName } from "../../src/features/calculators/registry.ts";

/** Every page of the site, as paths relative to the site root (no leading slash), from content/. */
export const PAGES = SITE_PAGES;

export function siteUrl(path = ""): string {
  return new URL(path, inject("siteUrl")).href;
}

/** Launches Chromium for the calling test file and closes it afterwards. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
  });
  afterAll(async () => browser?.close());
  return () => {
    if (!browser) throw new Error("browser not launched");
    return browser;
  };
}

export interface TrackedPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and failed requests seen so far. */
  problems: string[];
}

/** A fresh context and page that records console errors, page errors and failed requests. */
export async function openPage(browser: Browser, path: string, options: BrowserContextOptions = {}): Promise<TrackedPage> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("requestfailed", (req) => {
    const error = req.failure()?.errorText;
    // A request the browser itself abandoned (the favicon of a page left by the next goto) did not
    // fail to load; a refused one (CSP, missing file: see the responses below) is still a problem.
    if (error === "net::ERR_ABORTED") return;
    problems.push(`request failed: ${req.url()} (${error})`);
  });
  page.on("response", (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  await page.goto(siteUrl(path), { waitUntil: "networkidle" });
  return { page, context, problems };
}

/**
 * Wakes every island and waits until all have hydrated (Astro removes their ssr attribute).
 * Islands hydrate on the reader's first touch (client:interaction): a pointerdown stands in for
 * it without moving the focus.
 */
export async function hydrateAll(page: Page): Promise<void> {
  for (const island of await page.locator("astro-island").all()) {
    await island.dispatchEvent("pointerdown");
  }
  await page.waitForFunction(() => document.querySelectorAll("astro-island[ssr]").length === 0, undefined, { timeout: 60_000 });
  await page.evaluate(() => window.scrollTo(0, 0));
}

/**
 * The calculator `name` on the page, scrolled into view and hydrated (a pointerdown wakes it, as
 * a reader's first touch would), ready for typing.
 */
export async function calculator(page: Page, name: CalculatorName) {
  const root = page.locator(`[data-calculator="${name}"]`);
  await root.scrollIntoViewIfNeeded();
  await root.dispatchEvent("pointerdown");
  await page.waitForFunction(
    (n) => {
      const el = document.querySelector(`[data-calculator="${n}"]`);
      return el !== null && el.closest("astro-island")?.hasAttribute("ssr") === false;
    },
    name,
    { timeout: 60_000 },
  );
  return root;
}

/** The data-value of an output, as a number. */
export async function outputValue(page: Page, calc: string, output: string): Promise<number> {
  const v = await page.locator(`[data-calculator="${calc}"] output[name="${output}"]`).getAttribute("data-value");
  if (v === null) throw new Error(`output ${output} of ${calc} has no data-value`);
  return Number(v);
}

/**
 * A parameter of the page's own address (page.url() lags behind history.replaceState). Poll it:
 * changes that follow one another within a quarter of a second are written together at the end.
 */
export async function addressParam(page: Page, key: string): Promise<string | null> {
  return page.evaluate((k) => new URL(location.href).searchParams.get(k), key);
}
