/**
 * The site's security policy, and dist/_headers, the file Netlify and Cloudflare Pages read to set
 * response headers (a host that cannot set headers still has each page's <meta> policy).
 *
 * For every page, _headers repeats the page's own Content-Security-Policy (the one Astro wrote
 * into its <meta>, hashes and all) as a real header, and adds what a <meta> policy cannot carry:
 * `frame-ancestors 'none'` (no other site may frame the page), except on the calculators' embed
 * pages, which exist to be framed anywhere. Every response gets X-Content-Type-Options,
 * Referrer-Policy and Permissions-Policy; the build's hashed files in /_astro/ are cached for good.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { AstroIntegration } from "astro";
import { afterBuild, htmlFiles } from "./built-site.ts";

/**
 * The directives beside script-src and style-src (which Astro writes with its hashes): only this
 * site's own files, WebAssembly compiled from bytes (script-src), blob: images (a figure made into a
 * PNG in the browser), no plugins, no <base>, no forms sent anywhere.
 */
export const CSP_DIRECTIVES = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
] as const;

/** Headers for every response. */
export const COMMON_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
};

/** The build's content-hashed files: the same name always has the same content. */
export const IMMUTABLE = "public, max-age=31536000, immutable";

/** The policy a built page carries in its <meta http-equiv="content-security-policy">. */
export function metaPolicy(html: string): string | undefined {
  const tag = /<meta[^>]*http-equiv="content-security-policy"[^>]*>/i.exec(html)?.[0];
  return tag ? /content="([^"]*)"/.exec(tag)?.[1]?.replace(/&#39;|&apos;/g, "'") : undefined;
}

/** The URL path a built HTML file is served at: dist/sparsity/index.html → /base/sparsity/. */
function pathOf(root: string, file: string, base: string): string {
  const rel = relative(root, file).split(sep).join("/");
  return `${base}${rel.replace(/(^|\/)index\.html$/, "$1")}`;
}

export default function securityHeaders(): AstroIntegration {
  return afterBuild("security-headers", ({ root, base, logger }) => {
    const blocks: string[] = [[`${base}*`, ...Object.entries(COMMON_HEADERS).map(([k, v]) => `  ${k}: ${v}`)].join("\n")];
    blocks.push([`${base}_astro/*`, `  Cache-Control: ${IMMUTABLE}`].join("\n"));
    let pages = 0;
    for (const file of htmlFiles(root)) {
      const policy = metaPolicy(readFileSync(file, "utf8"));
      if (!policy) continue;
      const path = pathOf(root, file, base);
      const framed = path.startsWith(`${base}embed/`);
      const header = `${policy.trim().replace(/;?\s*$/, "")}; frame-ancestors ${framed ? "*" : "'none'"}`;
      blocks.push([path, `  Content-Security-Policy: ${header}`].join("\n"));
      pages += 1;
    }
    writeFileSync(join(root, "_headers"), `${blocks.join("\n\n")}\n`);
    logger.info(`wrote _headers for ${pages} pages`);
  });
}
