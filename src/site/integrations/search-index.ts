/**
 * Builds the site's static search index with Pagefind once Astro has written the pages: reads
 * every HTML file in the output folder and writes the index, the search UI and its WebAssembly
 * to <outDir>/pagefind/. Only the parts of a page marked `data-pagefind-body` (the article) are
 * indexed, and pages without that mark (the 404 page) are left out.
 *
 * Result addresses in the index are relative to the output folder ("/sparsity/#the-setup");
 * Search.astro gives the UI the deploy base path so they resolve under BASE_PATH too.
 */
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import * as pagefind from "pagefind";

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

export default function searchIndex(): AstroIntegration {
  return {
    name: "search-index",
    hooks: {
      "astro:build:done": async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const { index, errors } = await pagefind.createIndex({ excludeSelectors: EXCLUDED });
        if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
        try {
          const added = await index.addDirectory({ path: site });
          if (added.errors.length > 0) throw new Error(`Pagefind could not index ${site}: ${added.errors.join("; ")}`);
          if (added.page_count === 0) throw new Error(`Pagefind found no page to index in ${site}: is data-pagefind-body missing?`);
          const written = await index.writeFiles({ outputPath: fileURLToPath(new URL("pagefind/", dir)) });
          if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join("; ")}`);
          logger.info(`indexed ${added.page_count} pages for search`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
