/**
 * Prefixes the deploy base path (BASE_PATH) to site-absolute links written in Markdown, so that
 * `[the sparsity page](/sparsity/)` works when the site is served from a sub-path. Links that
 * already carry the base, protocol-relative and external links are left alone.
 */
import type { Root } from "hast";
import { visit } from "unist-util-visit";

export default function rehypeBaseLinks(options: { base: string }) {
  const base = options.base.replace(/\/$/, "");
  return (tree: Root) => {
    if (base === "") return;
    visit(tree, "element", (el) => {
      const href = el.properties.href;
      if (el.tagName === "a" && typeof href === "string" && href.startsWith("/") && !href.startsWith("//") && !href.startsWith(`${base}/`)) {
        el.properties.href = `${base}${href}`;
      }
    });
  };
}
