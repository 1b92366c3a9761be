// @ts-check
import { defineConfig } from "astro/config";
import mdx from "@astrojs/mdx";
import preact from "@astrojs/preact";
import sitemap from "@astrojs/sitemap";
import { rehypeHeadingIds, unified } from "@astrojs/markdown-remark";
import remarkMath from "remark-math";
import rehypeKatex from "rehype-katex";
import rehypeAutolinkHeadings from "rehype-autolink-headings";
import rehypeBaseLinks from "./src/site/markdown/rehype-base-links.ts";
import siteDirectives from "./src/site/directives/integration.ts";
import { headingLinkOptions } from "./src/site/markdown/heading-links.ts";
import rehypeFootnotePopovers from "./src/site/markdown/rehype-footnote-popovers.ts";
import rehypeStackedTables from "./src/site/markdown/rehype-stacked-tables.ts";
import rehypeFunctionSpacing from "./src/site/markdown/rehype-function-spacing.ts";
import searchIndex from "./src/site/integrations/search-index.ts";
import securityHeaders, { CSP_DIRECTIVES } from "./src/site/integrations/security-headers.ts";
import islandPreloads from "./src/site/integrations/island-preloads.ts";
import embedWidgets from "./src/site/integrations/embed-widgets.ts";
import plotFirstUse from "./src/site/integrations/plot-first-use.ts";
import mathFont from "./src/site/integrations/math-font.ts";

// SITE_URL and BASE_PATH let the same source deploy to any static host, at its root or under a
// sub-path (e.g. a project page).
const site = process.env.SITE_URL ?? "http://localhost:4321";
const base = process.env.BASE_PATH ?? "/";

export default defineConfig({
  site,
  base,
  trailingSlash: "always",
  // Stylesheets as files, never inlined: the policy allows the site's own files ('self'), and
  // Astro does not hash the <style> elements of styles its content collections inline.
  build: { inlineStylesheets: "never" },
  // A strict Content-Security-Policy on every page, as a <meta> element: Astro hashes its own
  // scripts and styles (islands and client directives included); the one inline script of our own
  // adds its hash (BaseHead.astro). No 'unsafe-inline' or 'unsafe-eval' anywhere; WebAssembly is
  // compiled from bytes by the simulation and toy-model kernels and by the search index, hence
  // 'wasm-unsafe-eval'. What a <meta> policy cannot carry (frame-ancestors) goes into dist/_headers.
  security: {
    csp: {
      directives: [...CSP_DIRECTIVES],
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
      styleDirective: { resources: ["'self'"] },
    },
  },
  integrations: [
    // The formulas' font, cut down to their characters before Vite needs it.
    mathFont(),
    preact(),
    mdx(),
    siteDirectives(),
    // A figure's first drawing in the browser made cheap (Plot's load-time Intl, V8 compile hint).
    plotFirstUse(),
    // The 404 page is not a page to send readers to, nor are the calculators' embed pages.
    sitemap({ filter: (page) => !/\/404\/?$|\/embed\//.test(new URL(page).pathname) }),
    // The modules each island needs, for the directive to preload as it nears the viewport.
    islandPreloads(),
    // Each calculator as one self-contained file, for forum posts.
    embedWidgets(),
    // Pagefind's static full-text index, written to dist/pagefind/ after the build.
    searchIndex(),
    // dist/_headers: each page's policy as a real header, and the headers a meta element cannot set.
    securityHeaders(),
  ],
  markdown: {
    // Astro 7's default Markdown processor runs no remark/rehype plugins; math needs unified().
    // KaTeX writes MathML only: browsers render it natively, so no math CSS or fonts ship.
    processor: unified({
      remarkPlugins: [remarkMath],
      rehypePlugins: [
        [rehypeKatex, { output: "mathml", throwOnError: true, strict: "error" }],
        // "ln m" with TeX's thin space after the function's name, which browsers leave out.
        rehypeFunctionSpacing,
        [rehypeBaseLinks, { base }],
        // Heading ids first (Astro would add them only after these plugins), then each heading's
        // visible link to itself.
        rehypeHeadingIds,
        [rehypeAutolinkHeadings, headingLinkOptions],
        rehypeFootnotePopovers,
        // Every Markdown table stacks into cards on a phone.
        rehypeStackedTables,
      ],
    }),
  },
});
