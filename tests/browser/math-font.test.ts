/**
 * Formulas are drawn in the site's own math font on every page that has one: the font is loaded
 * (document.fonts), the <math> elements ask for it first, and Chromium reports that the glyphs of
 * their tokens were drawn from it (DevTools' platform fonts for a node: the font actually used,
 * not only the one asked for), at a phone's width, where the issue was seen.
 */
import { expect, test } from "vitest";
import { openPage, PAGES, useBrowser } from "./harness.ts";

const browser = useBrowser();
const FAMILY = "Site Math";

test.each(PAGES)("/%s: every formula is drawn in the loaded math font", async (path) => {
  const { page, context, problems } = await openPage(browser(), path, { viewport: { width: 375, height: 800 }, isMobile: true });
  const count = await page.locator("math").count();
  if (count === 0) return void (await context.close());
  const state = await page.evaluate(async (family) => {
    await document.fonts.ready;
    const face = Array.from(document.fonts).find((f) => f.family.replace(/"/g, "") === family);
    const asked = Array.from(document.querySelectorAll("math")).filter((m) => !getComputedStyle(m).fontFamily.replace(/"/g, "").startsWith(family));
    return { status: face?.status ?? "not declared", notAsking: asked.length };
  }, FAMILY);
  expect(state).toEqual({ status: "loaded", notAsking: 0 });
  // The fonts Chromium drew each token of the page's first formulas with.
  const cdp = await context.newCDPSession(page);
  await cdp.send("DOM.enable");
  await cdp.send("CSS.enable");
  const { root } = await cdp.send("DOM.getDocument", { depth: -1 });
  const { nodeIds } = await cdp.send("DOM.querySelectorAll", { nodeId: root.nodeId, selector: "math :is(mi, mn, mo)" });
  expect(nodeIds.length).toBeGreaterThan(0);
  const elsewhere: string[] = [];
  for (const nodeId of nodeIds.slice(0, 200)) {
    const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
    for (const f of fonts) if (!f.isCustomFont) elsewhere.push(`${f.familyName} (${f.glyphCount} glyphs)`);
  }
  expect(elsewhere).toEqual([]);
  expect(problems).toEqual([]);
  await context.close();
});
