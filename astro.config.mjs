// @ts-check
import { defineConfig } from "astro/config";
import mdx from "@astrojs/mdx";
import preact from "@astrojs/preact";
import { unified } from "@astrojs/markdown-remark";
import remarkMath from "remark-math";
import rehypeKatex from "rehype-katex";
import rehypeBaseLinks from "./src/markdown/rehype-base-links.ts";

// SITE_URL and BASE_PATH let the same source deploy to any static host, at its root or under a
// sub-path (e.g. a project page).
const site = process.env.SITE_URL ?? "http://localhost:4321";
const base = process.env.BASE_PATH ?? "/";

export default defineConfig({
  site,
  base,
  trailingSlash: "always",
  integrations: [preact(), mdx()],
  markdown: {
    // Astro 7's default Markdown processor runs no remark/rehype plugins; math needs unified().
    // KaTeX writes MathML only: browsers render it natively, so no math CSS or fonts ship.
    processor: unified({
      remarkPlugins: [remarkMath],
      rehypePlugins: [
        [rehypeKatex, { output: "mathml", throwOnError: true, strict: "error" }],
        [rehypeBaseLinks, { base }],
      ],
    }),
  },
});
