/**
 * The site's math font: Noto Sans Math (an OpenType MATH font, from npm's @fontsource/noto-sans-math,
 * SIL Open Font License), cut down to the characters the pages' formulas use, so that every
 * formula is drawn by the same font on every system (MathML falls back to whatever fonts the
 * system has, and without a MATH table a radical may cover only part of what it should).
 *
 * Before Vite runs (astro:config:setup, so the dev server, the build and `astro check` alike), the
 * LaTeX of every formula in content/ (`$…$`, `$$…$$` and each `<Formula tex="…">`) is typeset by
 * KaTeX as the pages do, and the characters of its MathML are kept, with their stretched and
 * larger variants (HarfBuzz's subsetter, via subset-font, follows the font's MATH table to them).
 * Only those characters: the font is preloaded, and every byte of it competes with the page's
 * stylesheet for the first paint. The result is written to {@link MATH_FONT_FILE}; src/site/styles/math-font.css declares it and
 * SectionLayout.astro preloads it, both through Vite, so its name carries its content's hash.
 * tests/build/math-font.test.ts checks that it holds every character the built pages' formulas use.
 *
 * Why subset-font: it is HarfBuzz's own subsetter (hb-subset, compiled to WebAssembly) and keeps
 * the MATH table and the glyphs it reaches; it writes WOFF2. ~250 KB of font become ~20 KB.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import katex from "katex";
import subsetFont from "subset-font";

/** Where the cut-down font is written, relative to the project's root (.astro/ is Astro's generated folder). */
export const MATH_FONT_FILE = ".astro/math-font/math.woff2";

/** The full font, as fontsource ships it. */
const SOURCE = "@fontsource/noto-sans-math/files/noto-sans-math-latin-400-normal.woff";

/**
 * The letter a browser draws for a single-letter <mi>: its mathematical italic (Unicode's
 * Mathematical Alphanumeric Symbols), as MathML's automatic italic does (`m` → 𝑚 U+1D45A, `h` →
 * ℎ U+210E, `ε` → 𝜀 U+1D700). Other characters are drawn as they are.
 */
export function mathItalic(ch: string): string {
  const c = ch.codePointAt(0)!;
  if (ch === "h") return "\u210e";
  if (c >= 0x41 && c <= 0x5a) return String.fromCodePoint(0x1d434 + c - 0x41);
  if (c >= 0x61 && c <= 0x7a) return String.fromCodePoint(0x1d44e + c - 0x61);
  if (c >= 0x391 && c <= 0x3a9) return String.fromCodePoint(0x1d6e2 + c - 0x391);
  if (c >= 0x3b1 && c <= 0x3c9) return String.fromCodePoint(0x1d6fc + c - 0x3b1);
  return ch;
}

/** Capitals that Unicode's letterlike block already had in double-struck form (ℂ ℍ ℕ ℙ ℚ ℝ ℤ). */
const LETTERLIKE_DOUBLE_STRUCK: Readonly<Record<string, string>> = { C: "ℂ", H: "ℍ", N: "ℕ", P: "ℙ", Q: "ℚ", R: "ℝ", Z: "ℤ" };

/** The letter a browser draws for <mi mathvariant="double-struck"> (\mathbb): `R` → ℝ; other capitals from U+1D538. */
export function doubleStruck(ch: string): string {
  const c = ch.codePointAt(0)!;
  if (LETTERLIKE_DOUBLE_STRUCK[ch]) return LETTERLIKE_DOUBLE_STRUCK[ch];
  return c >= 0x41 && c <= 0x5a ? String.fromCodePoint(0x1d538 + c - 0x41) : ch;
}

/** The radical sign <msqrt> is drawn with, though it is not in the MathML's text. */
const RADICAL = "\u221a";

/** Every formula's LaTeX in an MDX file: display and inline math, and <Formula tex="…"> props. */
export function formulasIn(mdx: string): string[] {
  const found: string[] = [];
  // Display math first, and cut it out, so its $$ are not read as inline math.
  const rest = mdx.replace(/\$\$([\s\S]+?)\$\$/g, (_, tex: string) => {
    found.push(tex);
    return " ";
  });
  for (const match of rest.matchAll(/(?<![\\$])\$(?!\s)((?:\\.|[^$\\\n])+?)\$/g)) found.push(match[1]!);
  for (const match of rest.matchAll(/\btex="((?:\\.|[^"\\])*)"/g)) found.push(match[1]!);
  return found;
}

/** The characters a formula's MathML shows (its visible text, without the LaTeX source KaTeX annotates it with). */
export function mathCharacters(mathml: string): Set<string> {
  const shown = mathml
    .replace(/<annotation[\s\S]*?<\/annotation>/g, "")
    .replace(/<[^>]*>/g, "")
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
  // Spaces and invisible operators (function application U+2061, invisible separator U+2063) are not drawn.
  return new Set(Array.from(shown).filter((ch) => ch.trim() !== "" && !/\p{Cf}/u.test(ch)));
}

/** The characters of every formula in the MDX files of `contentDir`, typeset by KaTeX as the pages are. */
export function charactersOfFormulas(contentDir: string): string {
  const chars = new Set<string>();
  for (const file of readdirSync(contentDir).filter((f) => f.endsWith(".mdx"))) {
    for (const tex of formulasIn(readFileSync(join(contentDir, file), "utf8"))) {
      const mathml = katex.renderToString(tex, { output: "mathml", throwOnError: false, strict: "ignore" });
      for (const ch of mathCharacters(mathml)) chars.add(ch);
      // What the browser draws beyond the text: single letters in italic, \mathbb's letters, the radical sign.
      for (const [, letter] of mathml.matchAll(/<mi>(.)<\/mi>/gu)) chars.add(mathItalic(letter!));
      // \mathbb: Chromium ignores mathvariant (MathML Core keeps only "normal") and draws the letter
      // in italic like any other; Firefox draws it double-struck. Both forms, then.
      for (const [, letter] of mathml.matchAll(/<mi mathvariant="double-struck">(.)<\/mi>/gu)) {
        chars.add(mathItalic(letter!));
        chars.add(doubleStruck(letter!));
      }
      if (mathml.includes("<msqrt>")) chars.add(RADICAL);
    }
  }
  return Array.from(chars).sort().join("");
}

export default function mathFont(): AstroIntegration {
  return {
    name: "math-font",
    hooks: {
      "astro:config:setup": async ({ config, logger }) => {
        const root = fileURLToPath(config.root);
        const chars = charactersOfFormulas(join(root, "content"));
        const source = readFileSync(createRequire(join(root, "package.json")).resolve(SOURCE));
        const font = await subsetFont(source, chars, { targetFormat: "woff2" });
        const out = join(root, MATH_FONT_FILE);
        mkdirSync(dirname(out), { recursive: true });
        writeFileSync(out, font);
        logger.info(`${MATH_FONT_FILE}: ${Array.from(chars).length} characters, ${(font.length / 1024).toFixed(1)} KB`);
      },
    },
  };
}
