/**
 * Every figure's words can be read: on every page (from content/), at a desktop's 1280 px and a
 * phone's 375 px, no two `<text>` elements of a figure overlap and none reaches outside its figure
 * (tick labels, axis titles and curve labels alike). Measured in Chromium from the laid-out text,
 * on the prerendered figures and on the ones the browser redraws: after each calculator's every
 * preset (one moved the reader's curve onto a reference curve's label) and at ε > 1, where the
 * post's formula leaves its range. Pages and figures are found in the DOM, not listed here, so a
 * new page or figure is covered as it lands.
 */
import type { Locator, Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { hydrateAll, openPage, PAGES, siteUrl, useBrowser } from "./harness.ts";

const browser = useBrowser();

/**
 * Boxes that share less than this many px either way are not overlapping: a text box spans the
 * font's whole line (ascent to descent), wider than the ink, so neighbours on an axis may touch.
 */
const TOUCH_PX = 1;

const WIDTHS = [
  { name: "1280 px", options: { viewport: { width: 1280, height: 900 } } },
  { name: "375 px", options: { viewport: { width: 375, height: 800 }, isMobile: true, hasTouch: true } },
] as const;

interface FigureText {
  readonly figure: string;
  readonly problems: string[];
}

/** Every visible figure inside `scope` (the whole page by default), measured. */
async function measureFigures(page: Page, scope = "body"): Promise<FigureText[]> {
  return page.evaluate(
    ({ scope, touch }) => {
      const visible = (el: Element) => el.getClientRects().length > 0 && !el.closest("[hidden]");
      const svgs = Array.from(document.querySelectorAll(scope)).flatMap((root) => Array.from(root.querySelectorAll<SVGSVGElement>("svg.figure-svg")));
      return svgs.filter(visible).map((svg) => {
        const frame = svg.getBoundingClientRect();
        const texts = Array.from(svg.querySelectorAll("text"))
          .filter((t) => (t.textContent ?? "").trim() !== "" && visible(t))
          .map((t) => ({ text: (t.textContent ?? "").trim(), box: t.getBoundingClientRect() }));
        const problems: string[] = [];
        for (const { text, box } of texts) {
          const outside = [frame.left - box.left, box.right - frame.right, frame.top - box.top, box.bottom - frame.bottom];
          if (Math.max(...outside) > touch) problems.push(`"${text}" reaches ${Math.max(...outside).toFixed(1)} px outside the figure`);
        }
        for (let i = 0; i < texts.length; i++) {
          for (let j = i + 1; j < texts.length; j++) {
            const a = texts[i]!.box;
            const b = texts[j]!.box;
            const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
            const down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
            if (across > touch && down > touch) problems.push(`"${texts[i]!.text}" overlaps "${texts[j]!.text}"`);
          }
        }
        return { figure: svg.getAttribute("aria-label") ?? "figure", problems };
      });
    },
    { scope, touch: TOUCH_PX },
  );
}

function expectLegible(figures: FigureText[], where: string): void {
  const problems = figures.flatMap((f) => f.problems.map((p) => `${f.figure}: ${p}`));
  expect(problems.join("\n"), where).toBe("");
}

/** Waits until the figure of `calc` has been drawn again for what is on screen now. */
async function settled(page: Page, calc: Locator): Promise<void> {
  await calc.locator("figure").scrollIntoViewIfNeeded();
  // The figure is redrawn in a layout effect, and once more when later results arrive (a task later).
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(() => requestAnimationFrame(done), 150))));
}

/** The presets of a calculator, as functions that apply them, whichever form they take on screen. */
async function presetsOf(calc: Locator): Promise<{ name: string; apply: () => Promise<void> }[]> {
  const presets: { name: string; apply: () => Promise<void> }[] = [];
  for (const select of await calc.locator(".presets select").all()) {
    if (!(await select.isVisible())) continue;
    const options = await select.locator("option:not([disabled])").all();
    for (const option of options) {
      const value = (await option.getAttribute("value")) ?? "";
      if (value === "") continue;
      const name = (await option.textContent()) ?? value;
      presets.push({ name, apply: async () => void (await select.selectOption(value)) });
    }
  }
  for (const button of await calc.locator(".presets button").all()) {
    if (!(await button.isVisible())) continue;
    const name = (await button.textContent()) ?? "preset";
    presets.push({ name, apply: () => button.click() });
  }
  return presets;
}

describe.each(WIDTHS)("at $name", ({ name, options }) => {
  test.each(PAGES)("/%s: no figure's text overlaps another or leaves its figure, as prerendered", async (path) => {
    const { page, context } = await openPage(browser(), path, { ...options, javaScriptEnabled: false });
    expectLegible(await measureFigures(page), `/${path} at ${name}, prerendered`);
    await context.close();
  });

  test.each(PAGES)("/%s: nor after every preset of every calculator, redrawn in the browser", async (path) => {
    const { page, context, problems } = await openPage(browser(), path, options);
    await hydrateAll(page);
    for (const calc of await page.locator("[data-calculator]").all()) {
      const which = await calc.getAttribute("data-calculator");
      for (const preset of await presetsOf(calc)) {
        await preset.apply();
        await settled(page, calc);
        expectLegible(await measureFigures(page, `[data-calculator="${which}"]`), `${which} on /${path} at ${name}, preset ${preset.name}`);
      }
      // ε above 1: the post's formula out of its range (n = 8, m = 1.6 × 10⁸ gives ε = 4.35).
      for (const [field, value] of [
        ["n", "8"],
        ["m", "160000000"],
        ["l", "1"],
      ]) {
        const box = calc.locator(`input[name="${field}"]`);
        if ((await box.count()) > 0) await box.fill(value!);
      }
      await settled(page, calc);
      expectLegible(await measureFigures(page, `[data-calculator="${which}"]`), `${which} on /${path} at ${name}, n = 8, m = 1.6e8`);
    }
    // The other figures (runs, tables of published SAEs), as the browser shows them now.
    for (const figure of await page.locator("figure:has(svg.figure-svg)").all()) await figure.scrollIntoViewIfNeeded();
    await page.evaluate(() => new Promise((done) => setTimeout(done, 300)));
    expectLegible(await measureFigures(page), `/${path} at ${name}, hydrated`);
    expect(problems).toEqual([]);
    await context.close();
  });
});

test("a page with figures exists at all (the walk above is not vacuous)", async () => {
  const { page, context } = await openPage(browser(), "");
  let figures = 0;
  for (const path of PAGES) {
    await page.goto(siteUrl(path));
    figures += await page.locator("svg.figure-svg").count();
  }
  expect(figures).toBeGreaterThanOrEqual(10);
  await context.close();
});
