/**
 * What a reader can take away, in the built site: every prerendered figure as an SVG and a PNG
 * file, linked from under the figure (so the links work without JavaScript), and every formula of
 * the reference page with its LaTeX source and a button that copies it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { describe, expect, test } from "vitest";
import { SITE_PAGES } from "../../scripts/site/pages.ts";
import { DIST, loadPage } from "./built-site.ts";

/** Every figure download link of every page, as [page, file name, href]. */
const LINKS = SITE_PAGES.flatMap((page) =>
  Array.from(loadPage(`/${page}`).querySelectorAll<HTMLAnchorElement>("a[data-figure-download]"), (a) => [
    `/${page}`,
    a.getAttribute("download")!,
    a.getAttribute("href")!,
  ]),
);

describe("figure files", () => {
  test("every figure of every page offers an SVG and a PNG of itself", () => {
    for (const page of SITE_PAGES) {
      const doc = loadPage(`/${page}`);
      for (const figure of Array.from(doc.querySelectorAll("figure"))) {
        const kinds = Array.from(figure.querySelectorAll("a[data-figure-download]"), (a) => a.getAttribute("data-figure-download"));
        expect(kinds, `a figure on /${page}`).toEqual(["svg", "png"]);
      }
    }
    expect(LINKS.length).toBeGreaterThanOrEqual(12);
  });

  test.each(LINKS)("%s: %s is a standalone file", (_, name, href) => {
    const file = readFileSync(join(DIST, href.replace(/^\//, "")));
    if (name.endsWith(".svg")) {
      const svg = file.toString("utf8");
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      expect(svg).toMatch(/<title>[^<]{10,}<\/title>/);
      // No colour left to a stylesheet that a viewer does not have, and a background to read it on.
      expect(svg).not.toMatch(/var\(--/);
      expect(svg).toMatch(/<rect width="100%" height="100%" fill="#/);
      expect(svg).not.toMatch(/NaN|Infinity|undefined/);
      // It parses as an image, at its own size.
      const rendered = new Resvg(svg).render();
      expect(rendered.width).toBeGreaterThan(600);
    } else {
      expect(file.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
      // Twice the SVG's size, for sharp slides.
      expect(file.readUInt32BE(16)).toBeGreaterThan(1200);
    }
  });
});

test("every formula on the reference page shows its LaTeX and copies it", () => {
  const doc = loadPage("/reference/");
  const formulas = Array.from(doc.querySelectorAll("section.formula"));
  expect(formulas.length).toBeGreaterThanOrEqual(10);
  for (const formula of formulas) {
    const button = formula.querySelector<HTMLButtonElement>("button[data-copy-text]");
    expect(button, formula.id).not.toBeNull();
    const source = doc.getElementById(button!.getAttribute("data-copy-text")!);
    expect(source?.closest("section")).toBe(formula);
    // The source is the TeX KaTeX typeset: the same text as the MathML's annotation.
    const annotation = formula.querySelector('.formula__math annotation[encoding="application/x-tex"]')?.textContent?.trim();
    expect(source!.textContent!.trim()).toBe(annotation);
  }
});
