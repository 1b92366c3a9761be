/**
 * Tables on a phone: at 375 px every table of every page (found in the DOM, so tables added later
 * are covered) fits the screen, with no column cut off, squeezed out of sight or scrolled away —
 * or, for a grid that cannot be narrower (a phase diagram's twenty columns), sits in a labelled
 * box that fits the screen, scrolls by keyboard, and whose caption says that it scrolls.
 */
import { expect, test } from "vitest";
import { hydrateAll, openPage, PAGES, useBrowser } from "./harness.ts";

const browser = useBrowser();

test.each(PAGES)("/%s: every table fits a 375 px screen", async (path) => {
  const { page, context } = await openPage(browser(), path, { viewport: { width: 375, height: 800 }, isMobile: true, hasTouch: true });
  await hydrateAll(page);
  const cut = await page.evaluate(async () => {
    // A scroll box's state reaches its styles a frame after it is laid out on screen.
    for (const box of Array.from(document.querySelectorAll('main [role="region"][tabindex="0"]'))) {
      box.scrollIntoView();
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    }
    return Array.from(document.querySelectorAll("main table"))
      .filter((t) => t.getClientRects().length > 0)
      .flatMap((table) => {
        const box = table.getBoundingClientRect();
        const name = (table.querySelector("caption, th")?.textContent ?? "table").trim().slice(0, 40);
        const problems: string[] = [];
        const scroller = table.closest<HTMLElement>('[role="region"][tabindex="0"]');
        if (scroller && scroller.scrollWidth > scroller.clientWidth) {
          const caption = table.querySelector("caption");
          const said = caption ? getComputedStyle(caption, "::after").content : "";
          if (scroller.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            problems.push(`${name}: its box ends past the screen`);
          if (!(scroller.getAttribute("aria-label")?.length ?? 0)) problems.push(`${name}: its box has no name`);
          if (!/scroll sideways/.test(said)) problems.push(`${name}: scrolls without saying so`);
          return problems;
        }
        if (box.right > document.documentElement.clientWidth + 1) problems.push(`${name}: ends at ${Math.round(box.right)} px`);
        if (table.scrollWidth > table.clientWidth + 1) problems.push(`${name}: scrolls ${table.scrollWidth - table.clientWidth} px sideways`);
        // A stacked table's header row stays for assistive technology in a clipped 1 px box: not on screen.
        const shown = (cell: Element) => (cell.closest("thead")?.getBoundingClientRect().width ?? 2) > 1;
        for (const cell of Array.from(table.querySelectorAll("td, th")).filter(shown)) {
          const c = cell.getBoundingClientRect();
          if (c.width > 0 && c.right > box.right + 1) problems.push(`${name}: a cell ends ${Math.round(c.right - box.right)} px past the table`);
        }
        return problems;
      });
  });
  expect(cut).toEqual([]);
  await context.close();
});
