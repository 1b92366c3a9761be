/** Reading the built site in dist/ for the build tests. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseHTML } from "linkedom";

export const DIST = join(import.meta.dirname, "..", "..", "dist");

/** The file a URL path is served from: "/sparsity/" → dist/sparsity/index.html. */
export function fileOf(path: string): string {
  return join(DIST, path, path.endsWith("/") ? "index.html" : "");
}

export function builtPageExists(path: string): boolean {
  return existsSync(fileOf(path));
}

/** The built page as a DOM document. */
export function loadPage(path: string): Document {
  return parseHTML(readFileSync(fileOf(path), "utf8")).document as unknown as Document;
}
