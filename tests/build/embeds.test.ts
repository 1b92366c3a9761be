/**
 * Embedding, in the built site: each calculator's embed page and self-contained widget exist, the
 * full pages announce their calculators through oEmbed, and the embed pages stay out of the
 * sitemap (their canonical address is the full page).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { SITE_PAGES } from "../../scripts/site/pages.ts";
import { CALCULATOR_NAMES, CALCULATORS } from "../../src/features/calculators/registry.ts";
import { pathOf } from "../../src/facts/sections.ts";
import { DIST, loadPage } from "./built-site.ts";

describe.each(CALCULATOR_NAMES)("the %s calculator", (name) => {
  test("has an embed page: the calculator alone, not indexed, canonical to its full page", () => {
    const doc = loadPage(`/embed/${name}/`);
    expect(doc.querySelectorAll("[data-calculator]")).toHaveLength(1);
    expect(doc.querySelector(`[data-calculator="${name}"]`)).not.toBeNull();
    expect(doc.querySelector("header, nav, footer")).toBeNull();
    expect(doc.querySelector('meta[name="robots"]')?.getAttribute("content")).toBe("noindex");
    expect(new URL(doc.querySelector('link[rel="canonical"]')!.getAttribute("href")!).pathname).toBe(pathOf(CALCULATORS[name].page));
  });

  test("has a widget: one file, everything inline, nothing to fetch, under 150 KB", () => {
    const html = readFileSync(join(DIST, "embed", name, "widget.html"), "utf8");
    expect(html.length).toBeLessThan(150 * 1024);
    expect(html).toContain(`data-widget="${name}"`);
    expect(html).toMatch(/<script type="application\/json" id="widget-scenario">\{\}<\/script>/);
    expect(html).not.toMatch(/<script[^>]+\ssrc=|<link[^>]+href=|@import|url\(|https?:\/\/[^"'\s)]+\.(js|css)\b/);
  });

  test("is announced for oEmbed by its full page, with a frame of its embed page", () => {
    const page = loadPage(pathOf(CALCULATORS[name].page));
    const links = Array.from(page.querySelectorAll('link[rel="alternate"][type="application/json+oembed"]'), (l) => l.getAttribute("href")!);
    const mine = links.find((href) => href.endsWith(`/oembed/${name}.json`));
    expect(mine, `oEmbed link on ${CALCULATORS[name].page}`).toBeDefined();
    const oembed = JSON.parse(readFileSync(join(DIST, new URL(mine!).pathname), "utf8"));
    expect(oembed).toMatchObject({ version: "1.0", type: "rich", width: expect.any(Number), height: expect.any(Number) });
    const src = /<iframe src="([^"]+)"/.exec(oembed.html)![1]!;
    expect(new URL(src).pathname).toBe(`/embed/${name}/`);
    expect(existsSync(join(DIST, "embed", name, "index.html"))).toBe(true);
  });
});

test("pages without a calculator announce no oEmbed, and no embed page is in the sitemap", () => {
  for (const page of SITE_PAGES) {
    const hasCalculator = CALCULATOR_NAMES.some((name) => pathOf(CALCULATORS[name].page) === `/${page}`);
    const links = loadPage(`/${page}`).querySelectorAll('link[type="application/json+oembed"]');
    expect(links.length > 0, `/${page}`).toBe(hasCalculator);
  }
  const sitemap = readFileSync(join(DIST, "sitemap-0.xml"), "utf8");
  expect(sitemap).not.toContain("/embed/");
});
