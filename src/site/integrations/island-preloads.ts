/**
 * Writes into every island of the built pages the modules it needs, as `data-preload`: the full
 * list of what its component and its renderer import, directly or not. The `client:interaction`
 * directive preloads them (fetched, not run) as the island nears the viewport, so a reader's first
 * touch runs at once instead of waiting for the network. Why at build time: a browser's
 * modulepreload fetches only the module it names, and the import graph is known only once Vite
 * has written the chunks.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, posix } from "node:path";
import type { AstroIntegration } from "astro";
import { afterBuild, htmlFiles } from "./built-site.ts";

/** Static imports in a built module: `import"./a.js"` and `…from"./b.js"` (not `import("./c.js")`, which loads later). */
const STATIC_IMPORT = /(?:\bimport|\bfrom)\s*["'](\.{1,2}\/[^"']+\.js)["']/g;

/**
 * Every module `url` imports statically, transitively, as site URLs (with the base path), in a
 * stable order; `url` itself is not included. `read` gives a module's text by its site URL.
 */
export function staticImports(url: string, read: (url: string) => string): string[] {
  const seen = new Set<string>();
  const visit = (from: string) => {
    for (const [, relative] of read(from).matchAll(STATIC_IMPORT)) {
      const target = posix.join(posix.dirname(from), relative!);
      if (seen.has(target) || target === url) continue;
      seen.add(target);
      visit(target);
    }
  };
  visit(url);
  return [...seen].sort();
}

export default function islandPreloads(): AstroIntegration {
  return afterBuild("island-preloads", ({ root, base, logger }) => {
    const read = (url: string) => readFileSync(join(root, url.slice(base.length)), "utf8");
    const cache = new Map<string, string[]>();
    const importsOf = (url: string) => cache.get(url) ?? cache.set(url, staticImports(url, read)).get(url)!;
    let islands = 0;
    for (const file of htmlFiles(root)) {
      const html = readFileSync(file, "utf8");
      const next = html.replace(/<astro-island\b[^>]*>/g, (tag) => {
        const component = /\scomponent-url="([^"]+)"/.exec(tag)?.[1];
        const renderer = /\srenderer-url="([^"]+)"/.exec(tag)?.[1];
        if (!component || !renderer || tag.includes(" data-preload=")) return tag;
        const urls = [...new Set([...importsOf(component), ...importsOf(renderer)])].filter((u) => u !== component && u !== renderer);
        islands += 1;
        return tag.replace(/>$/, ` data-preload="${urls.join(" ")}">`);
      });
      if (next !== html) writeFileSync(file, next);
    }
    logger.info(`listed the modules of ${islands} islands for preloading`);
  });
}
