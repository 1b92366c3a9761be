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
 * The result is written to {@link MATH_FONT_FILE}; src/site/styles/math-font.css declares it and
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

/** The code points from `from` to `to`, as a string. */
function range(from: number, to: number): string {
  return Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i)).join("");
}

/**
 * Characters the browser draws that are not in the MathML's text: the radical sign of <msqrt>, and
 * the mathematical italic letters a single-letter <mi> is shown in (`m` is drawn as 𝑚, U+1D45A;
 * `h` as ℎ, U+210E; Greek ε as 𝜀).
 */
const DRAWN_BY_LAYOUT = "\u221a\u210e" + range(0x1d434, 0x1d467) + range(0x1d6e2, 0x1d71b);

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
    }
  }
  // Plain digits, Latin letters and punctuation too: a formula added later that uses one more of
  // them still renders in the font, and they cost little.
  for (let c = 33; c < 127; c++) chars.add(String.fromCharCode(c));
  for (const ch of DRAWN_BY_LAYOUT) chars.add(ch);
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
