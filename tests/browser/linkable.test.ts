/**
 * Linkable, findable, pleasant to read, in a real Chromium: search by keyboard (Pagefind loaded
 * only on opening), the theme switch (persisted, set before the first paint, figures restyled),
 * copying links to sections, formulas and calculator views (and the fallback field when the
 * clipboard refuses), footnotes by keyboard and touch, the 404 page, and the print stylesheet.
 */
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContextOptions, Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { calculator, openPage, siteUrl, useBrowser } from "./harness.ts";

const browser = useBrowser();
const WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** Resources the page has fetched so far (the Resource Timing list sees them all, from the start). */
const fetched = (page: Page) => page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name));
const focusedIn = (page: Page, selector: string) => page.evaluate((s) => document.activeElement?.closest(s) !== null, selector);

async function axeViolations(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(WCAG_AA);
  if (include) builder = builder.include(include);
  const results = await builder.analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

describe("search", () => {
  test("opens with '/', loads Pagefind only then, finds “Johnson” and leads to the section on the sparsity page", async () => {
    const { page, context, problems } = await openPage(browser(), "");
    expect((await fetched(page)).filter((u) => u.includes("/pagefind/"))).toEqual([]);

    await page.keyboard.press("/");
    const dialog = page.getByRole("dialog", { name: "Search the site" });
    await dialog.waitFor();
    const input = dialog.getByRole("textbox").or(dialog.getByRole("searchbox")).first();
    await input.waitFor();
    await expect.poll(() => focusedIn(page, "[data-search-dialog] input")).toBe(true);
    expect((await fetched(page)).some((u) => u.endsWith("/pagefind/pagefind-ui.js"))).toBe(true);

    await page.keyboard.type("Johnson");
    const result = dialog.locator(`a[href^="${new URL(siteUrl("sparsity/")).pathname}#"]`).first();
    await result.waitFor({ timeout: 60_000 });
    const href = (await result.getAttribute("href"))!;
    const id = href.split("#")[1]!;
    expect(id).toBe("interference-between-two-features");

    // Keyboard all the way: Tab from the field reaches the result, Enter follows it.
    for (let i = 0; i < 30 && !(await result.evaluate((a) => a === document.activeElement)); i++) await page.keyboard.press("Tab");
    expect(await result.evaluate((a) => a === document.activeElement)).toBe(true);
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname.endsWith("/sparsity/") && url.hash === `#${id}`);
    await expect.poll(() => page.locator(`#${id}`).evaluate((el) => el.getBoundingClientRect().top)).toBeLessThan(300);
    expect(problems).toEqual([]);
    await context.close();
  });

  test("opens from the header button, closes with Escape and gives the focus back", async () => {
    const { page, context, problems } = await openPage(browser(), "reference/");
    const button = page.locator("header [data-search-open]");
    await button.click();
    const dialog = page.getByRole("dialog", { name: "Search the site" });
    await expect.poll(() => focusedIn(page, "[data-search-dialog] input")).toBe(true);
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await button.evaluate((b) => b === document.activeElement)).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  test("typing / into a calculator field does not open search", async () => {
    // A page of its own: navigating away from an opened search would abort the index's
    // requests while they load, which the page reports as failed.
    const { page, context, problems } = await openPage(browser(), "sparsity/");
    const calc = await calculator(page, "epsilon");
    await calc.locator('input[name="m"]').focus();
    await page.keyboard.press("/");
    expect(await page.getByRole("dialog", { name: "Search the site" }).isVisible()).toBe(false);
    expect(problems).toEqual([]);
    await context.close();
  });

  test.each(["light", "dark"] as const)("with results shown has no axe violations in %s mode", async (colorScheme) => {
    const { page, context } = await openPage(browser(), "", { colorScheme });
    await page.keyboard.press("/");
    await expect.poll(() => focusedIn(page, "[data-search-dialog] input")).toBe(true);
    await page.keyboard.type("interference");
    await page.locator("[data-search-dialog] .pagefind-ui__result").first().waitFor({ timeout: 60_000 });
    expect(await axeViolations(page, "[data-search-dialog]")).toEqual([]);
    await context.close();
  });
});

describe("theme", () => {
  /** Records the theme and background as the body starts and at DOMContentLoaded, before any module script. */
  async function themedContext(options: BrowserContextOptions) {
    const context = await browser().newContext(options);
    await context.addInitScript(() => {
      const w = window as unknown as Record<string, unknown>;
      const seen = () => {
        if (document.body && w.themeAtBody === undefined) w.themeAtBody = document.documentElement.getAttribute("data-theme");
      };
      new MutationObserver(seen).observe(document, { childList: true, subtree: true });
      document.addEventListener("DOMContentLoaded", () => {
        seen();
        w.themeAtReady = document.documentElement.getAttribute("data-theme");
        w.backgroundAtReady = getComputedStyle(document.documentElement).backgroundColor;
      });
    });
    return context;
  }
  const recorded = (page: Page) =>
    page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      return { body: w.themeAtBody, ready: w.themeAtReady, background: w.backgroundAtReady };
    });
  const DARK_BG = "rgb(21, 23, 26)";
  const LIGHT_BG = "rgb(255, 255, 255)";

  test("follows the system before the first paint", async () => {
    for (const [colorScheme, theme, background] of [
      ["dark", "dark", DARK_BG],
      ["light", "light", LIGHT_BG],
    ] as const) {
      const context = await themedContext({ colorScheme });
      const page = await context.newPage();
      await page.goto(siteUrl("sparsity/"));
      expect(await recorded(page)).toEqual({ body: theme, ready: theme, background });
      await context.close();
    }
  });

  test("the switch flips the theme, persists across a reload with no flash, and can go back to following the system", async () => {
    const context = await themedContext({ colorScheme: "light" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(siteUrl("boolean-ish/"));
    const toggle = page.getByRole("button", { name: "Dark theme" });
    expect(await toggle.getAttribute("aria-pressed")).toBe("false");

    await toggle.click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
    expect(await toggle.getAttribute("aria-pressed")).toBe("true");
    expect(await page.evaluate(() => localStorage.getItem("theme"))).toBe("dark");

    await page.reload();
    expect(await recorded(page)).toEqual({ body: "dark", ready: "dark", background: DARK_BG });
    expect(await toggle.getAttribute("aria-pressed")).toBe("true");

    // Back to the system's theme: the stored choice is forgotten.
    await toggle.click();
    expect(await page.evaluate(() => localStorage.getItem("theme"))).toBeNull();
    await page.reload();
    expect(await recorded(page)).toEqual({ body: "light", ready: "light", background: LIGHT_BG });
    expect(errors).toEqual([]);
    await context.close();
  });

  test("restyles the figures: axes in the dark theme's text colour, curves in its accent", async () => {
    const { page, context } = await openPage(browser(), "sparsity/", { colorScheme: "dark" });
    const colours = await page
      .locator('[data-calculator="epsilon"] figure svg')
      .first()
      .evaluate((svg) => {
        const accent = svg.querySelector('[stroke*="--accent"], [fill*="--accent"]');
        return {
          text: getComputedStyle(svg).color,
          accent: accent ? getComputedStyle(accent).stroke : null,
          page: getComputedStyle(document.body).color,
        };
      });
    expect(colours.text).toBe(colours.page);
    expect(colours.text).toBe("rgb(230, 230, 233)");
    expect(colours.accent).toBe("rgb(138, 180, 248)");
    await context.close();
  });
});

describe("copying links", () => {
  async function clipboardPage(path: string) {
    const context = await browser().newContext();
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(siteUrl()).origin });
    const page = await context.newPage();
    await page.goto(siteUrl(path), { waitUntil: "networkidle" });
    return { context, page, clipboard: () => page.evaluate(() => navigator.clipboard.readText()) };
  }
  const status = (page: Page) => page.locator("[data-copy-status]").textContent();

  test("a heading's link copies the section's address, announces it, and still jumps there", async () => {
    const { context, page, clipboard } = await clipboardPage("sparsity/");
    const link = page.getByRole("link", { name: "Link to section: The two limits" });
    await link.click();
    expect(await clipboard()).toBe(siteUrl("sparsity/#the-two-limits"));
    await expect.poll(() => status(page)).toBe("Link copied");
    expect(await page.locator("[data-copy-toast]").isVisible()).toBe(true);
    expect(new URL(page.url()).hash).toBe("#the-two-limits");
    await context.close();
  });

  test("a formula's link copies its stable address", async () => {
    const { context, page, clipboard } = await clipboardPage("reference/");
    await page.getByRole("link", { name: "Link to formula: Distinguishable activation levels" }).click();
    expect(await clipboard()).toBe(siteUrl("reference/#formula-levels"));
    await page.getByRole("link", { name: "Link to this formula: Pairwise interference" }).click();
    expect(await clipboard()).toBe(siteUrl("reference/#formula-epsilon"));
    await context.close();
  });

  test("a calculator's 'copy link to this view' works on the first click and the link reopens the same view", async () => {
    const { context, page, clipboard } = await clipboardPage("sparsity/");
    // First click, before the island has woken up.
    expect(await page.locator('[data-calculator="epsilon"]').evaluate((el) => el.closest("astro-island")?.hasAttribute("ssr"))).toBe(true);
    await page
      .locator("#calc-epsilon")
      .getByRole("button", { name: /^Copy link to this view/ })
      .click();
    await expect.poll(clipboard).toBe(siteUrl("sparsity/#calc-epsilon"));

    const calc = await calculator(page, "epsilon");
    await calc.locator('input[name="n"]').fill("768");
    await calc.locator('input[name="m"]').fill("50000");
    await calc.getByRole("button", { name: /^Copy link to this view/ }).click();
    await expect.poll(clipboard).toMatch(/#calc-epsilon$/);
    const link = new URL(await clipboard());
    expect(link.searchParams.get("n")).toBe("768");
    expect(link.searchParams.get("m")).toBe("50000");
    expect(link.pathname).toBe(new URL(siteUrl("sparsity/")).pathname);

    const other = await context.newPage();
    await other.goto(link.href, { waitUntil: "networkidle" });
    await expect.poll(() => other.locator('[data-calculator="epsilon"] input[name="n"]').inputValue()).toBe("768");
    const box = await other.locator("#calc-epsilon").evaluate((el) => el.getBoundingClientRect().top);
    expect(Math.abs(box)).toBeLessThan(50); // scrolled to the calculator
    await context.close();
  });

  test("when the clipboard refuses, the link is shown selected in a read-only field", async () => {
    const context = await browser().newContext();
    await context.addInitScript(() => {
      Object.defineProperty(navigator, "clipboard", { value: { writeText: () => Promise.reject(new Error("denied")) }, configurable: true });
    });
    const page = await context.newPage();
    await page.goto(siteUrl("reference/"));
    const link = page.getByRole("link", { name: "Link to formula: Pairwise interference" });
    await link.click();
    const field = page.getByRole("textbox", { name: /copy/i });
    await field.waitFor();
    await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await field.inputValue()).toBe(siteUrl("reference/#formula-epsilon"));
    expect(
      await field.evaluate((el: HTMLTextAreaElement) => [el.readOnly, el === document.activeElement, el.selectionStart, el.selectionEnd]),
    ).toEqual([true, true, 0, siteUrl("reference/#formula-epsilon").length]);
    expect(await status(page)).toMatch(/selected/);
    expect(await axeViolations(page, "[data-copy-toast]")).toEqual([]);
    await page.keyboard.press("Escape");
    expect(await field.isVisible()).toBe(false);
    expect(await link.evaluate((a) => a === document.activeElement)).toBe(true);
    await context.close();
  });

  test("the citation's copy button copies the BibTeX", async () => {
    const { context, page, clipboard } = await clipboardPage("reference/");
    await page.locator("#cite-reference-post ~ button, .cite__entry:has(#cite-reference-post) button").first().click();
    expect(await clipboard()).toMatch(/^@misc\{linsefors2024costs,[\s\S]*\}$/);
    await expect.poll(() => status(page)).toBe("Citation copied");
    await context.close();
  });
});

describe("footnotes", () => {
  test("the footnote on the JL lemma opens by keyboard, takes Tab into it, and closes with Escape", async () => {
    const { page, context, problems } = await openPage(browser(), "sparsity/");
    const ref = page.getByRole("button", { name: "Footnote 1" });
    const note = page.locator("#user-content-fn-jl-popover");
    await ref.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => note.isVisible()).toBe(true);
    expect(await note.textContent()).toContain("worst-case figure");
    expect(await axeViolations(page, "#user-content-fn-jl-popover")).toEqual([]);
    // The note's controls come next in the Tab order.
    await page.keyboard.press("Tab");
    expect(await focusedIn(page, "#user-content-fn-jl-popover")).toBe(true);
    await page.keyboard.press("Escape");
    await expect.poll(() => note.isVisible()).toBe(false);
    expect(await ref.evaluate((b) => b === document.activeElement)).toBe(true);
    // Space opens it too.
    await page.keyboard.press("Space");
    await expect.poll(() => note.isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  test("opens and closes by touch on a phone", async () => {
    const { page, context } = await openPage(browser(), "sparsity/", { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const ref = page.getByRole("button", { name: "Footnote 1" });
    const note = page.locator("#user-content-fn-jl-popover");
    await ref.tap();
    await expect.poll(() => note.isVisible()).toBe(true);
    const box = (await note.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(375);
    await note.getByRole("button", { name: "Close footnote" }).tap();
    await expect.poll(() => note.isVisible()).toBe(false);
    await context.close();
  });
});

test("the 404 page says so, lists the sections and offers a search for the words of the address", async () => {
  const context = await browser().newContext();
  const page = await context.newPage();
  const response = await page.goto(siteUrl("old/sparsity-limits/"));
  expect(response?.status()).toBe(404);
  expect(await page.locator("h1").textContent()).toBe("Page not found");
  const guess = page.locator("[data-not-found-guess] a");
  expect(await guess.textContent()).toBe("Cost one: sparsity");
  expect(await guess.getAttribute("href")).toBe(new URL(siteUrl("sparsity/")).pathname);
  const search = page.locator("main [data-search-open]");
  expect(await search.textContent()).toContain("old sparsity limits");
  await search.click();
  await page.locator("[data-search-dialog] .pagefind-ui__result").first().waitFor({ timeout: 60_000 });
  expect(await axeViolations(page)).toEqual([]);
  await context.close();
});

describe("print", () => {
  test("prints text, formulas, figures and results, in light colours, without controls", async () => {
    const { page, context } = await openPage(browser(), "sparsity/", { colorScheme: "dark" });
    await page.emulateMedia({ media: "print" });
    // Skipped off-screen blocks (content-visibility: auto) count as not shown: print shows them all.
    const shown = (selector: string) =>
      page.locator(selector).evaluateAll((els) => els.filter((e) => e.checkVisibility({ contentVisibilityAuto: true })).length);
    for (const control of [
      "[data-search-open]",
      "[data-theme-toggle]",
      ".heading-link",
      "[data-copy-link]",
      'input[type="range"]',
      ".presets button",
      ".toc",
      ".pager",
    ]) {
      expect(await shown(control), control).toBe(0);
    }
    // Every formula that is shown at all, off screen or not.
    const rendered = await page.locator("math").evaluateAll((els) => els.filter((e) => e.checkVisibility()).length);
    expect(rendered).toBeGreaterThan(10);
    expect(await shown("math")).toBe(rendered);
    expect(await shown("figure svg")).toBe(2);
    expect(await shown('[data-calculator] output[name="epsilon"]')).toBe(1);
    expect(await shown("section[data-footnotes] li")).toBe(1);
    expect(await page.evaluate(() => getComputedStyle(document.body).color)).toBe("rgb(29, 29, 31)");
    await context.close();
  });
});

test("reads comfortably: about 70 characters a line on a desktop, 16 px type or more on a phone", async () => {
  for (const [width, minSize] of [
    [1280, 16],
    [375, 16],
  ] as const) {
    const { page, context } = await openPage(browser(), "boolean-ish/", { viewport: { width, height: 900 } });
    const p = await page
      .locator(".prose > p")
      .first()
      .evaluate((el) => {
        const style = getComputedStyle(el);
        const size = parseFloat(style.fontSize);
        return { size, charsPerLine: el.getBoundingClientRect().width / (size * 0.5), lineHeight: parseFloat(style.lineHeight) / size };
      });
    expect(p.size).toBeGreaterThanOrEqual(minSize);
    expect(p.charsPerLine).toBeLessThanOrEqual(85);
    expect(p.lineHeight).toBeGreaterThanOrEqual(1.4);
    await context.close();
  }
});
