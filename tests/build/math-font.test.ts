/**
 * The math font the build cuts down (src/site/integrations/math-font.ts) holds every character the
 * built pages' formulas show, keeps its MATH table (without it a browser cannot stretch a radical
 * or a bracket), and is declared and preloaded by every page that has a formula, from the same file.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { create, type Font } from "fontkitten";
import { describe, expect, test } from "vitest";
import { mathCharacters } from "../../src/site/integrations/math-font.ts";
import { SITE_PAGES } from "../../scripts/site/pages.ts";
import { DIST, fileOf } from "./built-site.ts";

const ASTRO = join(DIST, "_astro");
const fontFiles = readdirSync(ASTRO).filter((f) => /^math\..*\.woff2$/.test(f));

/** The math italic letter a single-letter <mi> is drawn in (Unicode's Mathematical Alphanumeric Symbols), written out again. */
function italicOf(ch: string): string {
  const offsets: [RegExp, number, number][] = [
    [/[A-Z]/, 0x41, 0x1d434],
    [/[a-z]/, 0x61, 0x1d44e],
    [/[\u0391-\u03a9]/, 0x391, 0x1d6e2],
    [/[\u03b1-\u03c9]/, 0x3b1, 0x1d6fc],
  ];
  if (ch === "h") return "ℎ";
  const hit = offsets.find(([re]) => re.test(ch));
  return hit ? String.fromCodePoint(hit[2] + ch.codePointAt(0)! - hit[1]) : ch;
}

describe("the math font", () => {
  test("is one file, written by the build", () => {
    expect(fontFiles).toHaveLength(1);
  });
  const font = create(readFileSync(join(ASTRO, fontFiles[0]!))) as Font;

  test("keeps its MATH table and is small", () => {
    // The table directory is not in fontkitten's types, but is what it reads the tables from.
    expect(Object.keys((font as unknown as { directory: { tables: object } }).directory.tables)).toContain("MATH");
    expect(readFileSync(join(ASTRO, fontFiles[0]!)).length).toBeLessThan(40_000);
  });

  test.each(SITE_PAGES.filter((p) => existsSync(fileOf(`/${p}`))))("holds every character of the formulas on /%s, and the page loads it", (path) => {
    const html = readFileSync(fileOf(`/${path}`), "utf8");
    const formulas = html.match(/<math[\s\S]*?<\/math>/g) ?? [];
    if (formulas.length === 0) return;
    const missing = new Set<string>();
    for (const formula of formulas) {
      for (const ch of mathCharacters(formula)) if (!font.hasGlyphForCodePoint(ch.codePointAt(0)!)) missing.add(ch);
      // Single letters in <mi> are drawn in math italic; a radical needs its sign.
      for (const [, letter] of formula.matchAll(/<mi>(.)<\/mi>/gu)) {
        if (!font.hasGlyphForCodePoint(italicOf(letter!).codePointAt(0)!)) missing.add(italicOf(letter!));
      }
      // \mathbb's letters: italic in Chromium (which ignores mathvariant), double-struck elsewhere (ℝ for R).
      for (const [, letter] of formula.matchAll(/<mi mathvariant="double-struck">(.)<\/mi>/gu)) {
        for (const drawn of [italicOf(letter!), letter === "R" ? "ℝ" : letter!])
          if (!font.hasGlyphForCodePoint(drawn.codePointAt(0)!)) missing.add(drawn);
      }
      if (formula.includes("<msqrt>") && !font.hasGlyphForCodePoint(0x221a)) missing.add("√");
    }
    expect([...missing].join(" ")).toBe("");
    expect(html).toContain(`<link rel="preload" href="/_astro/${fontFiles[0]}" as="font" type="font/woff2" crossorigin>`);
    const css = (html.match(/href="\/_astro\/[^"]+\.css"/g) ?? []).map((h) => readFileSync(join(DIST, h.slice(6, -1)), "utf8")).join("");
    expect(css).toMatch(new RegExp(`@font-face\\{font-family:Site Math;src:url\\(/_astro/${fontFiles[0]!.replace(/\./g, "\\.")}\\)`));
  });
});
