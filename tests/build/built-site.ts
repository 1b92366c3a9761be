/** Reading the built site in dist/ for the build tests. */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseHTML } from "linkedom";

/** dist/, or DIST_DIR when set (to check a build written elsewhere with --outDir). */
export const DIST = process.env.DIST_DIR ? resolve(process.env.DIST_DIR) : join(process.cwd(), "dist");

/** The file a URL path is served from: "/sparsity/" → dist/sparsity/index.html. */
export function fileOf(path: string): string {
  const rel = path.replace(/^\//, "");
  return join(DIST, rel, rel === "" || rel.endsWith("/") ? "index.html" : "");
}

export function builtPageExists(path: string): boolean {
  return existsSync(fileOf(path));
}

/** The built page as a DOM document. */
export function loadPage(path: string): Document {
  // Parsed once per test file: a test that asks for the page in a loop must not parse it each time
  // (on a loaded machine, parsing a long page 20 times took one test past its timeout).
  let doc = parsed.get(path);
  if (doc === undefined) parsed.set(path, (doc = parseHTML(readFileSync(fileOf(path), "utf8")).document as unknown as Document));
  return doc;
}

const parsed = new Map<string, Document>();
