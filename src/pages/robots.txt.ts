/**
 * robots.txt: everything may be crawled; the sitemap's absolute address comes from SITE_URL and
 * BASE_PATH. (Crawlers read robots.txt only at a host's root: under a sub-path this file is
 * there for completeness and the host's own robots.txt decides.)
 */
import type { APIRoute } from "astro";
import { absoluteUrl } from "../facts/site.ts";

export const GET: APIRoute = ({ site }) =>
  new Response(`User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl("/sitemap-index.xml", site)}\n`, {
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
