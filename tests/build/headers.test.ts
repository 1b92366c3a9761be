/**
 * dist/_headers, the response headers a host that reads it (Netlify, Cloudflare Pages) sets: each
 * page's own Content-Security-Policy as a real header with frame-ancestors added (none for the
 * pages, any for the embed pages), the common security headers, and immutable caching of the
 * build's hashed files. Read back the way those hosts read it: a path line, then indented headers.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { SITE_PAGES } from "../../scripts/site/pages.ts";
import { CALCULATOR_NAMES } from "../../src/features/calculators/registry.ts";
import { DIST, loadPage } from "./built-site.ts";

/** path → header name → value. */
function parseHeaders(text: string): Map<string, Map<string, string>> {
  const rules = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    if (!/^\s/.test(line)) {
      current = new Map();
      rules.set(line.trim(), current);
    } else {
      const at = line.indexOf(":");
      current!.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
    }
  }
  return rules;
}

const file = join(DIST, "_headers");
const rules = existsSync(file) ? parseHeaders(readFileSync(file, "utf8")) : new Map();

test("every response gets nosniff, a referrer policy and a permissions policy; hashed files are cached for good", () => {
  const all = rules.get("/*")!;
  expect(all.get("X-Content-Type-Options")).toBe("nosniff");
  expect(all.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
  expect(all.get("Permissions-Policy")).toMatch(/camera=\(\).*microphone=\(\).*geolocation=\(\)/);
  expect(rules.get("/_astro/*")!.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
});

test.each([...SITE_PAGES.map((p) => [`/${p}`, "'none'"]), ...CALCULATOR_NAMES.map((name) => [`/embed/${name}/`, "*"])])(
  "%s: its own policy as a header, with frame-ancestors %s",
  (path, ancestors) => {
    const header = rules.get(path)?.get("Content-Security-Policy");
    expect(header, path).toBeDefined();
    const meta = loadPage(path).querySelector('meta[http-equiv="content-security-policy"]')!.getAttribute("content")!;
    // The header is the page's meta policy, plus what only a header can carry.
    expect(header).toBe(`${meta.trim().replace(/;?\s*$/, "")}; frame-ancestors ${ancestors}`);
    expect(header).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
  },
);
