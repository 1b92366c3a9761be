/**
 * Builds the site's static search index with Pagefind once Astro has written the pages: reads
 * every HTML file in the output folder and writes the index, the search UI and its WebAssembly
 * to <outDir>/pagefind/. Only the parts of a page marked `data-pagefind-body` (the article) are
 * indexed, and pages without that mark (the 404 page) are left out.
 *
 * Result addresses in the index are relative to the output folder ("/sparsity/#the-setup");
 * Search.astro gives the UI the deploy base path so they resolve under BASE_PATH too.
 */
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { AstroIntegration } from "astro";
import * as pagefind from "pagefind";
import { afterBuild, htmlFiles } from "./built-site.ts";
import { readableTex } from "./readable-tex.ts";

/**
 * What a search result should never quote: the TeX source KaTeX keeps inside each formula's
 * MathML and in each formula's LaTeX box (it would show up as "\\ln m}{n}}"), the footnote copies in
 * popovers, and controls.
 */
const EXCLUDED = [
  "annotation",
  ".footnote-popover",
  ".heading-link",
  ".presets",
  ".calculator__share",
  ".field__error",
  ".formula__tex",
  ".figure__downloads",
];

/** `html` with each <math> element replaced by its LaTeX as readable text (readable-tex.ts), escaped. */
export function withReadableFormulas(html: string): string {
  return html.replace(/<math\b[\s\S]*?<\/math>/g, (math) => {
    const tex = /<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>/.exec(math)?.[1];
    if (tex === undefined) return math;
    const decoded = tex
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&amp;/g, "&");
    const text = readableTex(decoded).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    return `<span>${text}</span>`;
  });
}

export default function searchIndex(): AstroIntegration {
  return afterBuild("search-index", async ({ root: site, logger }) => {
    const { index, errors } = await pagefind.createIndex({ excludeSelectors: EXCLUDED });
    if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
    try {
      // Each page as it is, but every formula as a line of readable text (its LaTeX, read):
      // the MathML's glyphs would run together in an excerpt ("m−nn (m−1)").
      let pages = 0;
      for (const file of htmlFiles(site)) {
        const content = withReadableFormulas(readFileSync(file, "utf8"));
        // Pagefind makes each result's address from the path relative to the site.
        const added = await index.addHTMLFile({ sourcePath: relative(site, file), content });
        if (added.errors.length > 0) throw new Error(`Pagefind could not index ${file}: ${added.errors.join("; ")}`);
        if (added.file) pages++;
      }
      if (pages === 0) throw new Error(`Pagefind found no page to index in ${site}: is data-pagefind-body missing?`);
      const written = await index.writeFiles({ outputPath: join(site, "pagefind") });
      if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join("; ")}`);
      logger.info(`indexed ${pages} pages for search`);
    } finally {
      await pagefind.close();
    }
  });
}
