/**
 * A link checker over a built site: every internal link, asset and #anchor resolves to a file
 * (and, for anchors, to an element with that id), including what lives outside <a> and <link>:
 * absolute canonical and social-card addresses, islands' component URLs, popover and copy
 * targets, the search dialog's Pagefind bundle, the sitemap and robots.txt.
 *
 * Takes the output folder, the base path and the site address as arguments, so the same check
 * runs over dist/ and over a build made under a sub-path (subpath.test.ts).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { parseHTML } from "linkedom";

export interface SiteBuild {
  /** The output folder, e.g. dist/. */
  dir: string;
  /** BASE_PATH the site was built with, e.g. "/" or "/sub-path/". */
  base: string;
  /** SITE_URL the site was built with, e.g. "http://localhost:4321". */
  site: string;
}

export interface LinkReport {
  /** Number of HTML pages read. */
  pages: number;
  /** Number of internal references checked. */
  checked: number;
  /** One line per reference that does not resolve. */
  broken: string[];
}

/** BASE_PATH as the build normalises it: with a leading and a trailing slash. */
export function normaliseBase(base: string | undefined): string {
  return `/${(base ?? "/").replace(/^\/+|\/+$/g, "")}/`.replace(/^\/\/$/, "/");
}

export function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? htmlFiles(full) : name.endsWith(".html") ? [full] : [];
  });
}

export function parse(file: string): Document {
  return parseHTML(readFileSync(file, "utf8")).document as unknown as Document;
}

export function checkLinks(build: SiteBuild): LinkReport {
  const base = normaliseBase(build.base);
  const siteOrigin = new URL(build.site).origin;
  const docs = new Map<string, Document>();
  const load = (file: string) => {
    let doc = docs.get(file);
    if (!doc) docs.set(file, (doc = parse(file)));
    return doc;
  };

  /** The URL path a built file is served at: dist/sparsity/index.html → /base/sparsity/. */
  const urlPathOf = (file: string) =>
    base +
    relative(build.dir, file)
      .split("\\")
      .join("/")
      .replace(/index\.html$/, "");

  /** The built file a URL path resolves to, or undefined when there is none under the base. */
  const fileFor = (pathname: string): string | undefined => {
    if (!pathname.startsWith(base)) return undefined;
    const rel = decodeURIComponent(pathname.slice(base.length));
    return [join(build.dir, rel), join(build.dir, rel, "index.html")].find((f) => existsSync(f) && statSync(f).isFile());
  };

  const broken: string[] = [];
  let checked = 0;

  /** Checks one reference found on the page served at `from` (a full URL). */
  const check = (ref: string, from: string, what: string) => {
    const url = new URL(ref, from);
    if (url.origin !== siteOrigin) return; // external: not ours to check offline
    checked++;
    const target = fileFor(url.pathname);
    if (!target) {
      broken.push(`${new URL(from).pathname}: ${what} ${ref} → no file`);
      return;
    }
    if (url.hash && target.endsWith(".html")) {
      const id = decodeURIComponent(url.hash.slice(1));
      if (!load(target).getElementById(id)) broken.push(`${new URL(from).pathname}: ${what} ${ref} → no element with id "${id}"`);
    }
  };

  const files = htmlFiles(build.dir);
  for (const file of files) {
    const doc = load(file);
    const from = siteOrigin + urlPathOf(file);
    const attr = (selector: string, name: string) =>
      Array.from(doc.querySelectorAll(selector), (e) => e.getAttribute(name)).filter((x): x is string => !!x);

    for (const ref of attr("a[href]", "href")) check(ref, from, "link");
    for (const ref of attr("link[href]", "href")) check(ref, from, "<link>");
    for (const ref of attr("script[src], img[src], source[src]", "src")) check(ref, from, "asset");
    for (const ref of [...attr("astro-island", "component-url"), ...attr("astro-island", "renderer-url")]) check(ref, from, "island");
    // Absolute addresses in the head, the page's own and its social card: on this site, and there.
    const absolute = [
      ...attr('link[rel="canonical"]', "href"),
      ...attr('meta[property="og:url"], meta[property="og:image"], meta[name="twitter:image"]', "content"),
    ];
    for (const ref of absolute) {
      if (!ref.startsWith(`${siteOrigin}/`)) broken.push(`${new URL(from).pathname}: ${ref} is not an absolute address on ${siteOrigin}`);
      else check(ref, from, "meta");
    }
    // Same-page targets that are ids rather than links.
    for (const id of attr("[popovertarget]", "popovertarget")) check(`#${id}`, from, "popover");
    for (const ref of attr("button[data-copy-link]", "data-copy-link")) check(ref, from, "copy link");
    for (const id of attr("[data-copy-text]", "data-copy-text")) check(`#${id}`, from, "copy text");
    // Search: the Pagefind bundle the dialog loads on demand, and the base its results live under.
    for (const dialog of Array.from(doc.querySelectorAll("[data-search-dialog]"))) {
      const bundle = dialog.getAttribute("data-bundle") ?? "";
      for (const name of ["pagefind-ui.js", "pagefind-ui.css", "pagefind.js", "pagefind-entry.json"]) check(bundle + name, from, "search bundle");
      const searchBase = dialog.getAttribute("data-base");
      if (searchBase !== base) broken.push(`${new URL(from).pathname}: search results base ${searchBase}, expected ${base}`);
    }
  }

  // The sitemap and robots.txt: absolute addresses that must resolve under the same site.
  const onSite = (ref: string, where: string) => {
    if (ref.startsWith(`${siteOrigin}/`)) return true;
    broken.push(`${where}: ${ref} is not an absolute address on ${siteOrigin}`);
    return false;
  };
  const sitemapIndex = join(build.dir, "sitemap-index.xml");
  if (existsSync(sitemapIndex)) {
    const locs = (file: string) => Array.from(readFileSync(file, "utf8").matchAll(/<loc>([^<]+)<\/loc>/g), (m) => m[1]!);
    for (const sitemap of locs(sitemapIndex)) {
      if (!onSite(sitemap, "sitemap-index.xml")) continue;
      check(sitemap, sitemap, "sitemap");
      const file = fileFor(new URL(sitemap).pathname);
      if (file) for (const page of locs(file)) if (onSite(page, sitemap)) check(page, sitemap, "sitemap entry");
    }
  } else broken.push("no sitemap-index.xml");
  const robots = join(build.dir, "robots.txt");
  if (existsSync(robots)) {
    const sitemaps = Array.from(readFileSync(robots, "utf8").matchAll(/^Sitemap:\s*(\S+)/gm), (m) => m[1]!);
    if (sitemaps.length === 0) broken.push("robots.txt names no sitemap");
    for (const ref of sitemaps) if (onSite(ref, "robots.txt")) check(ref, ref, "robots.txt sitemap");
  } else broken.push("no robots.txt");

  return { pages: files.length, checked, broken };
}
