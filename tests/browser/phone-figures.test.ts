/**
 * Figures on a phone: at 375 px wide every figure's text renders at 10 CSS px or more and no
 * figure scrolls sideways, without JavaScript (the prerendered phone variants) and with it (after
 * every figure has been redrawn in the browser at the width it has).
 */
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { hydrateAll, openPage, PAGES, siteUrl, useBrowser } from "./harness.ts";

const browser = useBrowser();
const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };
const MIN_TEXT_PX = 10;

interface FigureReport {
  label: string;
  /** The smallest rendered size of any of its texts, in CSS px: font size × the SVG's scale. */
  smallestText: number;
  /** How far its box scrolls sideways, in px. */
  overflow: number;
}

/** Every figure shown on the page (the variant the stylesheet hides does not count). */
async function figures(page: Page): Promise<FigureReport[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<SVGSVGElement>("figure svg[viewBox], figure svg[width]"))
      .filter((svg) => svg.getClientRects().length > 0 && !svg.closest("[hidden]"))
      .map((svg) => {
        const drawnWidth = svg.viewBox.baseVal?.width || svg.width.baseVal.value;
        const scale = svg.getBoundingClientRect().width / drawnWidth;
        const sizes = Array.from(svg.querySelectorAll("text"), (t) => parseFloat(getComputedStyle(t).fontSize) * scale);
        const box = svg.closest("figure")!;
        return { label: svg.getAttribute("aria-label") ?? "figure", smallestText: Math.min(...sizes), overflow: box.scrollWidth - box.clientWidth };
      }),
  );
}

function expectReadable(reports: FigureReport[], where: string): void {
  expect(reports.length, `figures on ${where}`).toBeGreaterThan(0);
  for (const r of reports) {
    expect(r.smallestText, `${r.label} on ${where}`).toBeGreaterThanOrEqual(MIN_TEXT_PX - 0.01);
    expect(r.overflow, `${r.label} on ${where} scrolls sideways`).toBeLessThanOrEqual(0);
  }
}

/** Pages that have figures (from the built pages, not a list kept by hand). */
async function pagesWithFigures(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const path of PAGES) {
    await page.goto(siteUrl(path));
    if ((await page.locator("figure svg").count()) > 0) found.push(path);
  }
  return found;
}

describe("at 375 px", () => {
  test("without JavaScript, every prerendered figure is drawn for the phone", async () => {
    const { page, context } = await openPage(browser(), "", { ...PHONE, javaScriptEnabled: false });
    const paths = await pagesWithFigures(page);
    expect(paths.length).toBeGreaterThanOrEqual(3);
    for (const path of paths) {
      await page.goto(siteUrl(path));
      expectReadable(await figures(page), `/${path} without JavaScript`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    }
    await context.close();
  });

  test("with JavaScript, figures redrawn in the browser keep their labels readable", async () => {
    const { page, context, problems } = await openPage(browser(), "", PHONE);
    const paths = await pagesWithFigures(page);
    for (const path of paths) {
      await page.goto(siteUrl(path), { waitUntil: "networkidle" });
      await hydrateAll(page);
      // Every calculator to another scenario: its figure is redrawn live at the box's width.
      for (const calc of await page.locator("[data-calculator]").all()) {
        await calc.locator('input[name="n"]').fill("1024");
        // A figure out of view is redrawn when it comes back into view.
        await calc.locator("figure").scrollIntoViewIfNeeded();
        await expect.poll(() => calc.locator("figure svg").first().getAttribute("aria-description")).toContain("1,024");
      }
      expectReadable(await figures(page), `/${path} with JavaScript`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    }
    expect(problems).toEqual([]);
    await context.close();
  });
});
