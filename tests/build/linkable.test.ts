/**
 * Linkable, findable, citable: what the built site in dist/ gives readers who arrive from a link
 * and come back to look things up. Every page has its own title, description, canonical address,
 * Open Graph and Twitter tags and a 1200 × 630 social card; there is a sitemap, a robots.txt, a
 * Pagefind index and a helpful 404 page; every section heading has a link to itself, every page a
 * table of contents, previous/next links and a citation; footnotes open in place; the anchors
 * readers have already shared still exist.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { DIST } from "./built-site.ts";
import { htmlFiles, normaliseBase, parse } from "./link-checker.ts";

const BASE = normaliseBase(process.env.BASE_PATH);
const SITE = new URL(process.env.SITE_URL ?? "http://localhost:4321").origin;
/** The absolute address of a site path in this build. */
const abs = (path: string) => `${SITE}${BASE}${path.replace(/^\//, "")}`;

beforeAll(() => {
  if (!existsSync(join(DIST, "index.html"))) throw new Error(`No built site in ${DIST}: run \`npm run build\` first.`);
});

/** Every section page in the build (all HTML but the 404 page and the calculators' embed pages and widgets), by site path: "/", "/sparsity/", … */
const SECTION_PAGES = existsSync(DIST)
  ? htmlFiles(DIST)
      .map(
        (f) =>
          `/${relative(DIST, f)
            .split("\\")
            .join("/")
            .replace(/index\.html$/, "")}`,
      )
      .filter((p) => p !== "/404.html" && !p.startsWith("/embed/"))
      .sort()
  : [];
const load = (path: string) => parse(join(DIST, path === "/404.html" ? "404.html" : `${path}index.html`));
const meta = (doc: Document, key: string) => doc.querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute("content") ?? undefined;

/** The size of a PNG, from its IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  expect(bytes.subarray(12, 16).toString("latin1")).toBe("IHDR");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/**
 * Anchors that readers may already have shared: they must survive rebuilds and rewrites. Add to
 * this list when a page gains sections; removing an entry breaks someone's link, so redirect or
 * keep an element with the old id instead.
 */
const PUBLISHED_ANCHORS: Record<string, string[]> = {
  "/": [
    "what-superposition-means-here",
    "why-there-is-room-for-so-many-directions",
    "why-it-is-not-free",
    "the-two-costs",
    "how-precise-this-is",
    "worst-case-and-typical-case",
    "credit",
  ],
  "/sparsity/": [
    "the-setup",
    "interference-between-two-features",
    "calc-epsilon",
    "noise-from-many-active-features",
    "when-the-signal-beats-the-noise",
    "the-two-limits",
    "calc-sparsity",
    "how-good-can-any-arrangement-be",
    "how-to-read-these-limits",
    "user-content-fn-jl",
  ],
  "/boolean-ish/": [
    "from-on-and-off-to-a-range-of-values",
    "noise-at-amplitude-a",
    "counting-distinguishable-levels",
    "calc-levels",
    "why-the-values-turn-boolean-ish",
    "not-discrete-steps",
    "the-float-analogy-our-reading",
    "how-to-read-these-numbers",
  ],
  "/trained-toy-models/": [
    "the-toy-model",
    "two-neurons-five-features",
    "figure-planes",
    "train-one-yourself",
    "measured-against-the-post",
    "overlaps-near-the-best-possible-on-average",
    "antipodal-pairs-at-worst",
    "the-relu-filters-small-interference",
    "dropped-not-squeezed-in",
    "what-it-means-for-the-two-costs",
    "the-phase-change",
    "where-the-theory-puts-the-boundary",
    "two-neurons-three-features",
    "feature-dimensionality",
    "what-the-phase-change-and-the-fractions-mean-for-the-costs",
    "seeds-restarts-and-local-minima",
    "credit",
  ],
  "/reference/": [
    "interference-and-sparsity",
    "formula-epsilon",
    "formula-noise",
    "formula-condition",
    "formula-l-max",
    "formula-m-max",
    "amplitude-and-levels",
    "formula-amplitude-noise",
    "formula-levels",
    "inverse-questions",
    "formula-n-for-epsilon",
    "formula-m-for-epsilon",
    "formula-n-for-sparsity",
    "formula-n-for-levels",
    "symbols",
    "symbol-n",
    "symbol-m",
    "symbol-l",
    "symbol-a",
    "symbol-eps",
    "symbol-k",
    "how-to-cite-the-post",
    "error-rates-of-random-directions",
    "formula-overlap-tail",
    "formula-false-on",
    "formula-false-off",
    "formula-expected-misreads",
    "formula-all-right",
    "formula-l-at",
    "the-best-possible-arrangement",
    "formula-welch",
    "formula-levenstein",
    "formula-alon",
  ],
  "/typical-vs-worst-case/": [
    "the-objection-and-the-reply",
    "three-questions-three-sizes-of-noise",
    "is-every-feature-read-correctly-the-posts-limit-holds",
    "is-every-feature-read-correctly-where-the-posts-limit-sits",
    "how-much-room-the-typical-reading-leaves",
    "levels-typical-and-worst",
    "measure-it-yourself",
    "what-this-changes",
  ],
  "/real-saes/": ["the-shapes", "past-the-posts-limit-and-working-anyway", "what-is-not-known", "sources", "figure-saes"],
  "/measure-a-dictionary/": [
    "what-it-measures",
    "measure-yours",
    "which-files-it-reads",
    "nothing-leaves-your-computer",
    "exact-and-sampled",
    "sources",
  ],
};

test("the build has the four published pages and a 404 page", () => {
  for (const path of Object.keys(PUBLISHED_ANCHORS)) expect(SECTION_PAGES).toContain(path);
  expect(existsSync(join(DIST, "404.html"))).toBe(true);
});

test.each(Object.entries(PUBLISHED_ANCHORS))("the published anchors of %s still exist", (path, ids) => {
  const doc = load(path);
  expect(ids.filter((id) => !doc.getElementById(id))).toEqual([]);
});

describe("the head of every page", () => {
  test("has a title and a description no other page has", () => {
    const titles = SECTION_PAGES.map((p) => load(p).title);
    const descriptions = SECTION_PAGES.map((p) => meta(load(p), "description"));
    expect(new Set(titles).size).toBe(SECTION_PAGES.length);
    expect(new Set(descriptions).size).toBe(SECTION_PAGES.length);
    for (const d of descriptions) expect(d?.length).toBeGreaterThan(50);
  });

  test.each(SECTION_PAGES)("%s: canonical address, Open Graph and Twitter tags with an absolute card", (path) => {
    const doc = load(path);
    const h1 = doc.querySelector("h1")!.textContent!.trim();
    expect(doc.querySelector('link[rel="canonical"]')?.getAttribute("href")).toBe(abs(path));
    expect(meta(doc, "og:url")).toBe(abs(path));
    expect(meta(doc, "og:title")).toBe(h1);
    expect(doc.title).toContain(h1);
    expect(meta(doc, "og:description")).toBe(meta(doc, "description"));
    expect(meta(doc, "og:type")).toBe(path === "/" ? "website" : "article");
    expect(meta(doc, "og:site_name")?.length).toBeGreaterThan(5);
    const id = path === "/" ? "index" : path.slice(1, -1);
    expect(meta(doc, "og:image")).toBe(abs(`/og/${id}.png`));
    expect(meta(doc, "og:image:width")).toBe("1200");
    expect(meta(doc, "og:image:height")).toBe("630");
    expect(meta(doc, "og:image:alt")).toContain(h1);
    expect(meta(doc, "twitter:card")).toBe("summary_large_image");
    expect(meta(doc, "twitter:title")).toBe(h1);
    expect(meta(doc, "twitter:description")).toBe(meta(doc, "description"));
    expect(meta(doc, "twitter:image")).toBe(meta(doc, "og:image"));
    expect(doc.querySelector('link[rel="sitemap"]')?.getAttribute("href")).toBe(`${BASE}sitemap-index.xml`);
    expect(meta(doc, "robots")).toBeUndefined();
  });

  test.each(SECTION_PAGES)("%s: sets the theme before the first paint with a tiny inline script", (path) => {
    const doc = load(path);
    const first = doc.head.querySelector("script");
    expect(first?.hasAttribute("src")).toBe(false);
    expect(first?.textContent).toMatch(/dataset\.theme\s*=/);
    expect(first!.textContent!.length).toBeLessThan(600);
    // Before any stylesheet link, so nothing paints before it runs.
    const order = Array.from(doc.head.children).map((e) => e.tagName.toLowerCase() + (e.getAttribute("rel") ? `:${e.getAttribute("rel")}` : ""));
    const css = order.indexOf("link:stylesheet");
    if (css >= 0) expect(order.indexOf("script")).toBeLessThan(css);
  });
});

describe("social cards", () => {
  test.each(SECTION_PAGES)("%s has a 1200 × 630 PNG card", (path) => {
    const id = path === "/" ? "index" : path.slice(1, -1);
    const file = join(DIST, "og", `${id}.png`);
    expect(existsSync(file), file).toBe(true);
    expect(pngSize(file)).toEqual({ width: 1200, height: 630 });
    const bytes = readFileSync(file).length;
    expect(bytes).toBeGreaterThan(10_000); // not blank
    expect(bytes).toBeLessThan(300_000);
  });

  test("cards differ from page to page", () => {
    const cards = readdirSync(join(DIST, "og")).map((f) => readFileSync(join(DIST, "og", f)).toString("base64"));
    expect(new Set(cards).size).toBe(cards.length);
  });
});

describe("sitemap and robots.txt", () => {
  test("the sitemap lists every section page by its absolute address, and not the 404 page", () => {
    const index = readFileSync(join(DIST, "sitemap-index.xml"), "utf8");
    expect(index).toContain(`<loc>${abs("/sitemap-0.xml")}</loc>`);
    const urls = Array.from(readFileSync(join(DIST, "sitemap-0.xml"), "utf8").matchAll(/<loc>([^<]+)<\/loc>/g), (m) => m[1]);
    expect(urls.sort()).toEqual(SECTION_PAGES.map(abs).sort());
  });

  test("robots.txt allows crawling and names the sitemap", () => {
    const robots = readFileSync(join(DIST, "robots.txt"), "utf8");
    expect(robots).toMatch(/^User-agent: \*$/m);
    expect(robots).not.toMatch(/^Disallow: \/\s*$/m);
    expect(robots).toContain(`Sitemap: ${abs("/sitemap-index.xml")}`);
  });
});

describe("search", () => {
  test("Pagefind's index and UI are in the build, with every section page indexed", () => {
    const entry = JSON.parse(readFileSync(join(DIST, "pagefind", "pagefind-entry.json"), "utf8")) as {
      languages: Record<string, { page_count: number }>;
    };
    expect(entry.languages.en?.page_count).toBe(SECTION_PAGES.length);
    for (const f of ["pagefind.js", "pagefind-ui.js", "pagefind-ui.css"]) expect(existsSync(join(DIST, "pagefind", f)), f).toBe(true);
  });

  test.each(SECTION_PAGES)("%s has a search button and dialog, and loads no Pagefind code up front", (path) => {
    const doc = load(path);
    const button = doc.querySelector("header [data-search-open]");
    expect(button?.tagName).toBe("BUTTON");
    expect(button?.textContent).toContain("Search");
    expect(button?.getAttribute("aria-keyshortcuts")).toBe("/");
    const dialog = doc.querySelector("dialog[data-search-dialog]");
    expect(dialog?.getAttribute("data-bundle")).toBe(`${BASE}pagefind/`);
    // Only the article is indexed, not the navigation, the table of contents or the footer.
    expect(doc.querySelectorAll("[data-pagefind-body]")).toHaveLength(1);
    expect(doc.querySelector("article[data-pagefind-body] h1")).not.toBeNull();
    expect(doc.querySelector(".toc")?.hasAttribute("data-pagefind-ignore") ?? true).toBe(true);
    const html = doc.documentElement.outerHTML;
    expect(html).not.toMatch(/<script[^>]+pagefind|<link[^>]+pagefind-ui\.css/);
  });
});

describe("reading", () => {
  test.each(SECTION_PAGES)("%s: every section heading has a visible link to itself, outside the heading", (path) => {
    const doc = load(path);
    const headings = Array.from(doc.querySelectorAll("main :is(h2, h3, h4)")).filter((h) => h.id !== "footnote-label");
    expect(headings.length).toBeGreaterThan(0);
    for (const h of headings) {
      const group = h.parentElement!;
      expect(group.classList.contains("heading"), `heading ${h.id} is not in a .heading group`).toBe(true);
      const link = group.querySelector(":scope > a.heading-link");
      const target = h.closest("section.formula")?.id ?? h.id;
      expect(link?.getAttribute("href"), `link of heading ${h.id}`).toBe(`#${target}`);
      expect(link?.getAttribute("aria-label")).toMatch(
        new RegExp(`^Link to (section|formula): ${h.textContent!.trim().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`),
      );
      expect(link?.hasAttribute("data-copy-link")).toBe(true);
      expect(link?.textContent?.trim()).toBe(""); // an icon only: nothing added to the outline's text
      expect(h.querySelector("a")).toBeNull();
    }
  });

  test.each(SECTION_PAGES)("%s: a table of contents lists its sections in order", (path) => {
    const doc = load(path);
    const h2 = Array.from(doc.querySelectorAll("main .prose h2"))
      .filter((h) => h.id !== "footnote-label")
      .map((h) => `#${h.id}`);
    const toc = doc.querySelector("main nav.toc");
    if (h2.length < 2) return;
    expect(toc?.getAttribute("aria-labelledby")).toBeTruthy();
    const links = Array.from(toc!.querySelectorAll("a"), (a) => a.getAttribute("href"));
    expect(links.filter((l) => h2.includes(l!))).toEqual(h2);
  });

  test("previous and next links follow the reading order (the content's `order` field)", () => {
    const dir = join(process.cwd(), "content");
    const order = readdirSync(dir)
      .filter((f) => f.endsWith(".mdx"))
      .map((f) => ({
        path: f === "index.mdx" ? "/" : `/${f.replace(/\.mdx$/, "")}/`,
        order: Number(/^order:\s*(\d+)/m.exec(readFileSync(join(dir, f), "utf8"))?.[1]),
      }))
      .sort((a, b) => a.order - b.order)
      .map((s) => s.path);
    expect(order[0]).toBe("/");
    expect(order.slice().sort()).toEqual(SECTION_PAGES);
    const link = (p: string, rel: string) => load(p).querySelector(`nav.pager a[rel="${rel}"]`)?.getAttribute("href");
    order.forEach((path, i) => {
      expect(link(path, "prev"), `previous of ${path}`).toBe(i > 0 ? `${BASE}${order[i - 1]!.slice(1)}` : undefined);
      expect(link(path, "next"), `next of ${path}`).toBe(i + 1 < order.length ? `${BASE}${order[i + 1]!.slice(1)}` : undefined);
    });
  });

  test("the footnote on the JL lemma opens in place from a button, and the notes list stays", () => {
    const doc = load("/sparsity/");
    const button = doc.querySelector("button.footnote-ref");
    expect(button?.getAttribute("aria-label")).toBe("Footnote 1");
    expect(button?.id).toBe("user-content-fnref-jl"); // the note's back link still lands here
    const popover = doc.getElementById(button!.getAttribute("popovertarget")!);
    expect(popover?.hasAttribute("popover")).toBe(true);
    expect(popover?.textContent).toContain("worst-case figure");
    expect(popover?.querySelector('button[popovertargetaction="hide"]')?.getAttribute("aria-label")).toBe("Close footnote");
    expect(popover?.querySelector("[data-footnote-backref]")).toBeNull();
    expect(doc.querySelector("section[data-footnotes] #user-content-fn-jl")?.textContent).toContain("worst-case figure");
    expect(doc.querySelector("a[data-footnote-backref]")?.getAttribute("href")).toBe("#user-content-fnref-jl");
  });

  test.each([
    ["/sparsity/", "epsilon"],
    ["/sparsity/", "sparsity"],
    ["/boolean-ish/", "levels"],
  ])("%s: the %s calculator has a stable id and a 'copy link to this view' button", (path, name) => {
    const doc = load(path);
    const root = doc.querySelector(`[data-calculator="${name}"]`);
    expect(root?.id).toBe(`calc-${name}`);
    const button = root!.querySelector("button[data-copy-link]");
    expect(button?.getAttribute("data-copy-link")).toBe(`#calc-${name}`);
    expect(button?.textContent?.trim()).toBe("Copy link to this view");
    expect(button?.getAttribute("aria-label")).toMatch(/^Copy link to this view/);
  });

  test("every formula on the reference page has a copy-link control", () => {
    const doc = load("/reference/");
    const formulas = Array.from(doc.querySelectorAll("section.formula[id^='formula-']"));
    expect(formulas.length).toBeGreaterThanOrEqual(11);
    for (const f of formulas) expect(f.querySelector(`a[href="#${f.id}"][data-copy-link]`), f.id).not.toBeNull();
  });
});

describe("citing", () => {
  test.each(SECTION_PAGES)("%s cites the post and the page in BibTeX", (path) => {
    const doc = load(path);
    const post = doc.getElementById("cite-footer-post")?.textContent ?? "";
    const site = doc.getElementById("cite-footer-site")?.textContent ?? "";
    expect(post).toMatch(/^@misc\{linsefors2024costs,/);
    expect(post).toContain("author       = {Linda Linsefors}");
    expect(post).toContain("url          = {https://www.alignmentforum.org/posts/ArvgRhqnEeX7cnJu9/some-costs-of-superposition}");
    expect(site).toMatch(/^@misc\{costs-of-superposition-worked[\w-]*,/);
    expect(site).toContain(`url          = {${abs(path)}}`);
    expect(site).toContain(`title        = {${doc.querySelector("h1")!.textContent!.trim()}}`);
    for (const block of [post, site]) expect(block.split("{").length).toBe(block.split("}").length); // balanced braces
    expect(doc.querySelector('button[data-copy-text="cite-footer-post"]')).not.toBeNull();
  });

  test("the reference page's citation section has both entries", () => {
    const doc = load("/reference/");
    expect(doc.getElementById("cite-reference-post")?.closest(".prose")).not.toBeNull();
    expect(doc.getElementById("cite-reference-site")).not.toBeNull();
  });
});

describe("the 404 page", () => {
  test("says what happened, is not indexed, and links to every section and the reference", () => {
    const doc = load("/404.html");
    expect(doc.querySelector("h1")?.textContent).toBe("Page not found");
    expect(meta(doc, "robots")).toBe("noindex");
    expect(doc.querySelector('link[rel="canonical"]')).toBeNull();
    expect(doc.querySelector("[data-pagefind-body]")).toBeNull();
    const links = Array.from(doc.querySelectorAll("main a"), (a) => a.getAttribute("href"));
    for (const path of SECTION_PAGES) expect(links).toContain(`${BASE}${path.slice(1)}`);
    // Absolute links only: the host serves this page at any address.
    for (const href of links) expect(href).toMatch(/^(\/|https?:)/);
    expect(doc.querySelector("main [data-search-open]")).not.toBeNull();
  });
});

describe("what the pages ship", () => {
  const css = () =>
    readdirSync(join(DIST, "_astro"))
      .filter((f) => f.endsWith(".css"))
      .map((f) => readFileSync(join(DIST, "_astro", f), "utf8"))
      .join("\n") + SECTION_PAGES.map((p) => Array.from(load(p).querySelectorAll("style"), (s) => s.textContent).join("\n")).join("\n");

  test("no web fonts but the formulas' own, cut down to them (tests/build/math-font.test.ts)", () => {
    const files =
      htmlFiles(DIST)
        .map((f) => readFileSync(f, "utf8"))
        .join("\n") + css();
    expect(files.match(/@font-face\{[^}]*\}/g)?.map((face) => /font-family:([^;]+);/.exec(face)?.[1])).toEqual(["Site Math"]);
    const fontFiles = new Set(files.match(/[\w./-]+\.(?:woff2?|ttf|otf)\b/g));
    expect(
      [...fontFiles].every((f) => /\/_astro\/math\.[\w-]+\.woff2$/.test(f)),
      [...fontFiles].join(", "),
    ).toBe(true);
    expect(fontFiles.size).toBe(1);
  });

  test("a dark theme that follows the system or the stored choice, and a print stylesheet", () => {
    const all = css();
    expect(all).toMatch(/light-dark\(/);
    expect(all).toMatch(/\[data-theme=("?)dark\1\]\s*\{\s*color-scheme:\s*dark/);
    expect(all).toMatch(/@media print/);
  });
});
