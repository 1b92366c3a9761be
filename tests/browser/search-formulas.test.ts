/**
 * Search quotes formulas as readable text (their LaTeX, read: src/site/integrations/readable-tex.ts),
 * not as the MathML's glyphs run together ("m−nn (m−1)").
 */
import { expect, test } from "vitest";
import { openPage, siteUrl, useBrowser } from "./harness.ts";

const browser = useBrowser();

test("the Welch bound's page is found with its formula in readable text", async () => {
  const { page, context } = await openPage(browser(), "reference/");
  // As a string: vitest would rewrite a dynamic import() written in a function here.
  const content = await page.evaluate<string>(`(async () => {
    const pagefind = await import(${JSON.stringify(`${siteUrl()}pagefind/pagefind.js`)});
    const search = await pagefind.search("Welch");
    const all = await Promise.all(search.results.map((r) => r.data()));
    return all.map((d) => d.content).join("\\n");
  })()`);
  expect(content).toContain("√((m - n)/(n (m - 1)))");
  expect(content).toContain("ε = √((8 ln m)/n)");
  expect(content).not.toMatch(/m−nn/);
  await context.close();
});
