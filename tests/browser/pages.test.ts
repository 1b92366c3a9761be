/**
 * Every page of the built site in a real Chromium: loads cleanly, is well formed, and works
 * without JavaScript and on a phone.
 */
import { describe, expect, test } from "vitest";
import { hydrateAll, openPage, PAGES, useBrowser } from "./harness.ts";

const browser = useBrowser();

describe.each(PAGES)("page /%s", (path) => {
  test("loads with no console error or failed request, one h1, a title and MathML", async () => {
    const { page, context, problems } = await openPage(browser(), path);
    // Hydrate every island so that its script runs and any late request happens.
    await hydrateAll(page);
    await page.waitForLoadState("networkidle");
    expect(problems).toEqual([]);
    expect(await page.locator("h1").count()).toBe(1);
    expect((await page.title()).length).toBeGreaterThan(5);
    expect(await page.locator("math").count()).toBeGreaterThan(0);
    await context.close();
  });

  test("without JavaScript shows its text, formulas, default results and figures", async () => {
    const { page, context } = await openPage(browser(), path, { javaScriptEnabled: false });
    const text = await page.locator("main").innerText();
    expect(text.length).toBeGreaterThan(800);
    expect(text).not.toMatch(/\bNaN\b|\bInfinity\b|\bundefined\b/);
    expect(await page.locator("math").count()).toBeGreaterThan(0);
    // MathML renders natively: the formula boxes have real size.
    const box = await page.locator("math").first().boundingBox();
    expect(box?.width).toBeGreaterThan(5);
    for (const calc of await page.locator("[data-calculator]").all()) {
      // textContent, not innerText: outputs inside a closed <details> have no rendered text.
      const outputs = await calc.locator("output").allTextContents();
      expect(outputs.length).toBeGreaterThan(0);
      for (const o of outputs) expect(o.trim()).not.toBe("");
      const figure = calc.locator("figure svg").first();
      expect((await figure.boundingBox())?.height).toBeGreaterThan(100);
    }
    await context.close();
  });

  test.each([375, 1280])("at %i px nothing in a block of the text reaches past the block, which clips what it paints", async (width) => {
    // The blocks are skipped off screen (content-visibility: auto), which clips them to their box
    // plus an 8 px margin for focus rings: anything further out would be cut off, not scroll.
    const { page, context } = await openPage(browser(), path, { viewport: { width, height: 800 } });
    await hydrateAll(page);
    const reaching = await page.evaluate(() => {
      const CLIP_MARGIN = 8;
      const out: string[] = [];
      const blocks = [...document.querySelectorAll<HTMLElement>(".prose > *")].filter((b) => {
        const style = getComputedStyle(b);
        return style.contentVisibility === "auto" && style.display !== "contents";
      });
      for (const block of blocks) {
        // Laid out as when on screen (a skipped block measures as its placeholder size).
        block.style.contentVisibility = "visible";
        const b = block.getBoundingClientRect();
        for (const el of block.querySelectorAll("*")) {
          if (!el.checkVisibility({ visibilityProperty: true })) continue;
          // Inside a scrolling or clipping box, content scrolls or is clipped there already.
          let scrolls = false;
          for (let a: Element | null = el.parentElement; a && !scrolls; a = a === block ? null : a.parentElement) {
            const style = getComputedStyle(a);
            scrolls = style.overflowX !== "visible" || style.overflowY !== "visible";
          }
          if (scrolls) continue;
          const r = el.getBoundingClientRect();
          if (r.width === 0 && r.height === 0) continue;
          const beyond = Math.max(b.left - r.left, r.right - b.right, b.top - r.top, r.bottom - b.bottom);
          if (beyond > CLIP_MARGIN)
            out.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? "").trim().slice(0, 40)}" by ${beyond.toFixed(0)} px`);
        }
      }
      return { blocks: blocks.length, out };
    });
    expect(reaching.blocks).toBeGreaterThan(5);
    expect(reaching.out).toEqual([]);
    await context.close();
  });

  test("at 375 px wide never scrolls sideways and has touch-sized controls", async () => {
    const { page, context } = await openPage(browser(), path, { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    await hydrateAll(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // WCAG 2.2 target size (2.5.8): 24 × 24 CSS px, except links inside running text.
    const small = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>("button, input, select, summary, nav a, [role=button]"))
        .filter((el) => el.offsetParent !== null)
        .map((el) => ({ el, r: el.getBoundingClientRect() }))
        .filter(({ r }) => r.width < 24 || r.height < 24)
        .map(
          ({ el, r }) =>
            `${el.tagName.toLowerCase()}${el.getAttribute("name") ? `[name=${el.getAttribute("name")}]` : ""} ${Math.round(r.width)}×${Math.round(r.height)}`,
        ),
    );
    expect(small).toEqual([]);
    await context.close();
  });
});
