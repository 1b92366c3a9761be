/**
 * Calculators inside other pages and forum posts: the embed pages (one calculator alone, honouring
 * the address, linking back on the same scenario), the "Embed" control's code, and the
 * self-contained widget working as the srcdoc of an `<iframe sandbox="allow-scripts">` — the way
 * the Alignment Forum and LessWrong editors frame custom widgets — with the network cut off.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Frame, Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { DIST } from "../build/built-site.ts";
import { CALCULATOR_NAMES } from "../../src/features/calculators/registry.ts";
import { EMBED_FRAME, FRAME_HEIGHT_MESSAGE } from "../../src/features/calculators/calculator-links.ts";
import { calculator, openPage, outputValue, siteUrl, useBrowser } from "./harness.ts";

const browser = useBrowser();

// The post's formulas, written out again independently of src/math.
const epsilonOf = (n: number, m: number) => Math.sqrt((8 * Math.log(m)) / n);

test("an embed page is the calculator alone, on the linked scenario, with a link back to the same view", async () => {
  const { page, context, problems } = await openPage(browser(), "embed/sparsity/?n=768&m=24576&l=3");
  expect(await page.locator("header, nav, footer").count()).toBe(0);
  // Not for search engines: the full page is the calculator's address.
  expect(await page.locator('meta[name="robots"]').getAttribute("content")).toBe("noindex");
  expect(await page.locator('link[rel="canonical"]').getAttribute("href")).toMatch(/\/sparsity\/$/);
  expect(await page.locator("[data-calculator]").count()).toBe(1);
  await expect.poll(() => page.locator('[data-calculator="sparsity"]').getAttribute("aria-busy")).toBeNull();
  expect(await outputValue(page, "sparsity", "noise")).toBeCloseRel(epsilonOf(768, 24576) * Math.sqrt(3), 1e-12);
  const back = new URL((await page.getByRole("link", { name: /Open this calculator/ }).getAttribute("href"))!, siteUrl());
  expect(back.pathname).toMatch(/\/sparsity\/$/);
  expect(back.hash).toBe("#calc-sparsity");
  expect(Object.fromEntries(back.searchParams)).toMatchObject({ n: "768", m: "24576", l: "3" });
  // Following it opens the full page on the same numbers.
  await page.goto(back.href);
  await expect.poll(() => outputValue(page, "sparsity", "noise")).toBeCloseRel(epsilonOf(768, 24576) * Math.sqrt(3), 1e-12);
  expect(problems).toEqual([]);
  await context.close();
});

test("the Embed control gives the code for the view on screen, and copies it", async () => {
  const context = await browser().newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(siteUrl()).origin });
  const page = await context.newPage();
  await page.goto(siteUrl("sparsity/"), { waitUntil: "networkidle" });
  const calc = await calculator(page, "sparsity");
  await calc.locator('input[name="n"]').fill("1024");
  await calc.getByText("Embed this calculator").click();
  const code = (await calc.locator(".calculator__embed code").first().textContent())!;
  expect(code).toMatch(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/[^"]*embed\/sparsity\/\?[^"]*n=1024/);
  await calc.getByRole("button", { name: "Copy the embed code" }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(code);
  // The code works: its frame shows the calculator on n = 1024.
  const src = /src="([^"]+)"/.exec(code)![1]!.replace(/&amp;/g, "&");
  await page.goto(src);
  await expect.poll(() => page.locator('[data-calculator="sparsity"] input[name="n"]').inputValue()).toBe("1024");
  await context.close();
});

/** A page holding `html` as the srcdoc of a sandboxed frame, as a forum editor frames a widget; no network at all. */
async function inSandbox(html: string): Promise<{ page: Page; frame: Frame; requests: string[]; close: () => Promise<void> }> {
  const context = await browser().newContext();
  await context.setOffline(true);
  const requests: string[] = [];
  context.on("request", (r) => requests.push(r.url()));
  const page = await context.newPage();
  const escaped = html.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
  await page.setContent(
    `<!doctype html><title>A forum post</title><iframe sandbox="allow-scripts" style="width:700px;height:900px" srcdoc="${escaped}"></iframe>`,
  );
  const frame = await (await page.locator("iframe").elementHandle())!.contentFrame();
  return { page, frame: frame!, requests, close: () => context.close() };
}

test("the widget works in a sandboxed srcdoc frame with the network cut off, and stays small", async () => {
  for (const name of CALCULATOR_NAMES) {
    const html = readFileSync(join(DIST, "embed", name, "widget.html"), "utf8");
    expect(Buffer.byteLength(html), `${name} widget size`).toBeLessThan(150 * 1024);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|@import|url\(/);
    const { frame, requests, close } = await inSandbox(html);
    const calc = frame.locator(`[data-calculator="${name}"]`);
    await calc.waitFor();
    await calc.locator('input[name="n"]').fill("768");
    await calc.locator('input[name="m"]').fill("1e6");
    const first = calc.locator("output").first();
    if (name === "epsilon") await expect.poll(async () => Number(await first.getAttribute("data-value"))).toBeCloseRel(epsilonOf(768, 1e6), 1e-12);
    else await expect.poll(() => calc.locator('input[name="n"]').getAttribute("aria-invalid")).toBe("false");
    await calc.locator('input[name="n"]').fill("<b>x</b>");
    expect(await calc.locator(".field__error").first().textContent()).toMatch(/Not a number/);
    expect(await calc.locator("b").count()).toBe(0);
    // Nothing left the frame: no request to any server (the srcdoc itself is not fetched).
    expect(
      requests.filter((u) => !u.startsWith("about:") && !u.startsWith("data:")),
      name,
    ).toEqual([]);
    await close();
  }
});

test("'copy its HTML for this view' gives a widget that opens on that view", async () => {
  const context = await browser().newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(siteUrl()).origin });
  const page = await context.newPage();
  await page.goto(siteUrl("boolean-ish/?n=1600&l=5"), { waitUntil: "networkidle" });
  const calc = page.locator('[data-calculator="levels"]');
  await expect.poll(() => calc.getAttribute("aria-busy")).toBeNull();
  await calc.getByText("Embed this calculator").click();
  await calc.getByRole("button", { name: "copy its HTML for this view" }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText().then((t) => t.length))).toBeGreaterThan(10_000);
  const html = await page.evaluate(() => navigator.clipboard.readText());
  await context.close();
  const { frame, close } = await inSandbox(html);
  const widget = frame.locator('[data-calculator="levels"]');
  await widget.waitFor();
  expect(await widget.locator('input[name="n"]').inputValue()).toBe("1600");
  expect(await widget.locator('input[name="l"]').inputValue()).toBe("5");
  expect(Number(await widget.locator('output[name="levels"]').getAttribute("data-value"))).toBeCloseRel(
    Math.sqrt(1600 / (8 * 5 * Math.log(100_000))),
    1e-12,
  );
  await close();
});

describe("an embed's first screen and its frame's height", () => {
  test.each(CALCULATOR_NAMES)("/embed/%s/ at 400 × 500 holds its fields and its first results, its presets folded into lists", async (name) => {
    const { page, context, problems } = await openPage(browser(), `embed/${name}/`, { viewport: { width: 400, height: 500 } });
    // The calculator's own fields (a "work backwards" question's, folded below the results, aside).
    const fields = await page
      .locator(`[data-calculator="${name}"] > .fields input[type="text"]`)
      .evaluateAll((boxes) => boxes.map((b) => b.getBoundingClientRect().bottom));
    expect(fields.length).toBeGreaterThan(0);
    for (const bottom of fields) expect(bottom).toBeLessThanOrEqual(500);
    const firstResult = await page
      .locator(`[data-calculator="${name}"] .results output`)
      .first()
      .evaluate((o) => o.getBoundingClientRect().bottom);
    expect(firstResult).toBeLessThanOrEqual(500);
    expect(await page.locator(".presets button").evaluateAll((bs) => bs.filter((b) => b.checkVisibility()).length)).toBe(0);
    expect(await page.locator(".presets select").evaluateAll((ss) => ss.filter((s) => s.checkVisibility()).length)).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  test.each(CALCULATOR_NAMES)("the embed code's height fits /embed/%s/, and the frame tells its page its height", async (name) => {
    // A host page of its own (about:blank, no policy of the site's), listening before the frame loads.
    const context = await browser().newContext();
    const page = await context.newPage();
    const src = siteUrl(`embed/${name}/`);
    await page.setContent(
      `<script>window.heights = []; addEventListener("message", (e) => { if (e.data?.type === ${JSON.stringify(FRAME_HEIGHT_MESSAGE)}) heights.push(e.data.height); });</script>` +
        `<iframe src="${src}" width="${EMBED_FRAME.width}" height="${EMBED_FRAME.heights[name]}" style="border:0"></iframe>`,
    );
    await expect.poll(() => page.evaluate(() => (window as unknown as { heights: number[] }).heights.length)).toBeGreaterThan(0);
    const frame = page.frames().find((f) => f.url().startsWith(src))!;
    const content = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    const reported = await page.evaluate(() => (window as unknown as { heights: number[] }).heights.at(-1)!);
    expect(reported).toBe(content);
    // The default code's height holds the content, with no more than a tenth to spare.
    expect(content).toBeLessThanOrEqual(EMBED_FRAME.heights[name]);
    expect(content).toBeGreaterThan(EMBED_FRAME.heights[name] * 0.9);
    await context.close();
  });
});
