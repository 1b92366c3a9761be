/**
 * Tables on a phone: at 375 px every table of every page (found in the DOM, so tables added later
 * are covered) fits the screen, with no column cut off, squeezed out of sight or scrolled away.
 */
import { expect, test } from "vitest";
import { hydrateAll, openPage, PAGES, useBrowser } from "./harness.ts";

const browser = useBrowser();

test.each(PAGES)("/%s: every table fits a 375 px screen", async (path) => {
  const { page, context } = await openPage(browser(), path, { viewport: { width: 375, height: 800 }, isMobile: true, hasTouch: true });
  await hydrateAll(page);
  const cut = await page.evaluate(() =>
    Array.from(document.querySelectorAll("main table"))
      .filter((t) => t.getClientRects().length > 0)
      .flatMap((table) => {
        const box = table.getBoundingClientRect();
        const name = (table.querySelector("caption, th")?.textContent ?? "table").trim().slice(0, 40);
        const problems: string[] = [];
        if (box.right > document.documentElement.clientWidth + 1) problems.push(`${name}: ends at ${Math.round(box.right)} px`);
        if (table.scrollWidth > table.clientWidth + 1) problems.push(`${name}: scrolls ${table.scrollWidth - table.clientWidth} px sideways`);
        // A stacked table's header row stays for assistive technology in a clipped 1 px box: not on screen.
        const shown = (cell: Element) => (cell.closest("thead")?.getBoundingClientRect().width ?? 2) > 1;
        for (const cell of Array.from(table.querySelectorAll("td, th")).filter(shown)) {
          const c = cell.getBoundingClientRect();
          if (c.width > 0 && c.right > box.right + 1) problems.push(`${name}: a cell ends ${Math.round(c.right - box.right)} px past the table`);
        }
        return problems;
      }),
  );
  expect(cut).toEqual([]);
  await context.close();
});
