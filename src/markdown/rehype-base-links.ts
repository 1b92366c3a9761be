/**
 * Prefixes the deploy base path (BASE_PATH) to site-absolute links written in Markdown, so that
 * `[the sparsity page](/sparsity/)` works when the site is served from a sub-path. Links that
 * already carry the base, protocol-relative and external links are left alone.
 */
import type { Element, Root } from "hast";

function visit(node: Root | Element, base: string): void {
  for (const child of node.children) {
    if (child.type !== "element") continue;
    const href = child.properties?.href;
    if (child.tagName === "a" && typeof href === "string" && href.startsWith("/") && !href.startsWith("//") && !href.startsWith(`${base}/`)) {
      child.properties.href = `${base}${href}`;
    }
    visit(child, base);
  }
}

export default function rehypeBaseLinks(options: { base: string }) {
  const base = options.base.replace(/\/$/, "");
  return (tree: Root) => {
    if (base !== "") visit(tree, base);
  };
}
