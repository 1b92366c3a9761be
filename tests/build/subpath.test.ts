/**
 * Deployable anywhere: builds the whole site with BASE_PATH=/sub-path/ and an absolute SITE_URL
 * into a temporary folder, then runs the same link checker as links.test.ts over it. Proves that
 * every link, asset, #anchor, island, social card, sitemap entry and search bundle path honours
 * the sub-path, and that absolute addresses use SITE_URL.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { checkLinks, htmlFiles, parse } from "./link-checker.ts";

const BASE = "/sub-path/";
const SITE = "https://example.org";
const out = mkdtempSync(join(tmpdir(), "subpath-build-"));

/**
 * The environment for the child build: ours, minus what vitest sets for its own workers
 * (BASE_URL=/, MODE=test, NODE_ENV=test, …), which would override the build's base path.
 */
function buildEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(VITEST.*|TEST|NODE_ENV|BASE_URL|MODE|DEV|PROD|SSR)$/.test(key)) delete env[key];
  }
  return { ...env, BASE_PATH: BASE, SITE_URL: SITE, ASTRO_TELEMETRY_DISABLED: "1" };
}

beforeAll(() => {
  const astro = join(process.cwd(), "node_modules", "astro", "bin", "astro.mjs");
  const run = spawnSync(process.execPath, [astro, "build", "--outDir", out], {
    env: buildEnv(),
    encoding: "utf8",
    timeout: 170_000,
  });
  if (run.status !== 0) throw new Error(`astro build under ${BASE} failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
}, 180_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe(`a build under ${BASE}`, () => {
  test("has every internal link, asset, anchor, card and search path resolving under the sub-path", () => {
    const report = checkLinks({ dir: out, base: BASE, site: SITE });
    expect(report.pages).toBeGreaterThanOrEqual(5);
    expect(report.broken).toEqual([]);
    expect(report.checked).toBeGreaterThan(100);
  });

  test("links nothing to the host's root outside the sub-path", () => {
    const escaping: string[] = [];
    for (const file of htmlFiles(out)) {
      const doc = parse(file);
      for (const el of Array.from(doc.querySelectorAll("[href], [src], [component-url], [renderer-url], [data-bundle], [data-base]"))) {
        for (const name of ["href", "src", "component-url", "renderer-url", "data-bundle", "data-base"]) {
          const v = el.getAttribute(name);
          if (v?.startsWith("/") && !v.startsWith("//") && !v.startsWith(BASE)) escaping.push(`${file.slice(out.length)}: ${name}="${v}"`);
        }
      }
    }
    expect(escaping).toEqual([]);
  });

  test("puts SITE_URL and the sub-path in every absolute address", () => {
    const doc = parse(join(out, "sparsity", "index.html"));
    const meta = (sel: string) => doc.querySelector(sel)?.getAttribute("content") ?? doc.querySelector(sel)?.getAttribute("href");
    expect(meta('link[rel="canonical"]')).toBe(`${SITE}${BASE}sparsity/`);
    expect(meta('meta[property="og:url"]')).toBe(`${SITE}${BASE}sparsity/`);
    expect(meta('meta[property="og:image"]')).toBe(`${SITE}${BASE}og/sparsity.png`);
    expect(meta('meta[name="twitter:image"]')).toBe(`${SITE}${BASE}og/sparsity.png`);
    expect(doc.querySelector("#cite-footer-site")?.textContent).toContain(`url          = {${SITE}${BASE}sparsity/}`);
    expect(readFileSync(join(out, "robots.txt"), "utf8")).toContain(`Sitemap: ${SITE}${BASE}sitemap-index.xml`);
    const sitemap = readFileSync(join(out, "sitemap-0.xml"), "utf8");
    expect(sitemap).toContain(`<loc>${SITE}${BASE}sparsity/</loc>`);
    expect(sitemap).not.toMatch(/404/);
  });

  test("writes the search index and the cards into the sub-path's folder", () => {
    expect(existsSync(join(out, "pagefind", "pagefind-entry.json"))).toBe(true);
    expect(existsSync(join(out, "og", "sparsity.png"))).toBe(true);
    const dialog = parse(join(out, "index.html")).querySelector("[data-search-dialog]");
    expect(dialog?.getAttribute("data-bundle")).toBe(`${BASE}pagefind/`);
    expect(dialog?.getAttribute("data-base")).toBe(BASE);
  });
});
