/**
 * A link checker over the built site: every internal link, asset and #anchor in dist/ resolves
 * to a file (and, for anchors, to an element with that id). Honours BASE_PATH, so the same check
 * proves a sub-path build.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { expect, test } from "vitest";
import { DIST, loadPage } from "./built-site.ts";

const BASE = (process.env.BASE_PATH ?? "/").replace(/\/?$/, "/");
const SITE = "http://site.invalid";

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? htmlFiles(full) : name.endsWith(".html") ? [full] : [];
  });
}

/** The URL path a built file is served at. */
function urlPathOf(file: string): string {
  const rel = relative(DIST, file).split("\\").join("/");
  return BASE + rel.replace(/index\.html$/, "");
}

/** The built file a URL path resolves to, or undefined when it is outside the site. */
function fileFor(pathname: string): string | undefined {
  if (!pathname.startsWith(BASE)) return undefined;
  const rel = decodeURIComponent(pathname.slice(BASE.length));
  const candidates = [join(DIST, rel), join(DIST, rel, "index.html")];
  return candidates.find((f) => existsSync(f) && statSync(f).isFile());
}

test("every internal link, asset and anchor in the built site resolves", () => {
  const files = htmlFiles(DIST);
  expect(files.length).toBeGreaterThanOrEqual(4);
  const broken: string[] = [];
  let checked = 0;
  for (const file of files) {
    const pagePath = urlPathOf(file);
    const doc = loadPage(relative(DIST, file).replace(/index\.html$/, ""));
    const refs = [
      ...Array.from(doc.querySelectorAll("a[href]"), (e) => e.getAttribute("href")!),
      ...Array.from(doc.querySelectorAll("link[href]"), (e) => e.getAttribute("href")!),
      ...Array.from(doc.querySelectorAll("script[src], img[src], source[src]"), (e) => e.getAttribute("src")!),
      ...Array.from(doc.querySelectorAll("astro-island"), (e) => [e.getAttribute("component-url"), e.getAttribute("renderer-url")]).flat().filter((x): x is string => !!x),
    ];
    for (const ref of refs) {
      const url = new URL(ref, SITE + pagePath);
      if (url.origin !== SITE) continue; // external: not ours to check offline
      checked++;
      const target = fileFor(url.pathname);
      if (!target) {
        broken.push(`${pagePath}: ${ref} → no file`);
        continue;
      }
      if (url.hash && target.endsWith(".html")) {
        const id = decodeURIComponent(url.hash.slice(1));
        const targetDoc = loadPage(relative(DIST, target).replace(/index\.html$/, ""));
        if (!targetDoc.getElementById(id)) broken.push(`${pagePath}: ${ref} → no element with id "${id}"`);
      }
    }
  }
  expect(broken).toEqual([]);
  expect(checked).toBeGreaterThan(20);
});
