/**
 * The site's pages as paths relative to its root ("", "sparsity/", …), in reading order, read
 * from content/ (one MDX file per page, `order:` in its frontmatter): the one list the browser
 * tests, Lighthouse and the site bench walk, so a new page is covered by all of them at once.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathOf } from "../../src/facts/sections.ts";

const CONTENT = join(import.meta.dirname, "..", "..", "content");

function orderOf(file: string): number {
  const order = /^order:\s*(-?\d+)\s*$/m.exec(readFileSync(join(CONTENT, file), "utf8"))?.[1];
  if (order === undefined) throw new Error(`content/${file} has no order: in its frontmatter`);
  return Number(order);
}

export const SITE_PAGES: readonly string[] = readdirSync(CONTENT)
  .filter((file) => file.endsWith(".mdx"))
  .map((file) => ({ id: file.replace(/\.mdx$/, ""), order: orderOf(file) }))
  .sort((a, b) => a.order - b.order)
  .map(({ id }) => pathOf(id).slice(1));
