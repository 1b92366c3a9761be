/**
 * What the integrations that read or add to the built site share: the site as it stands once Astro
 * has written it (its folder, the base path every URL starts with, the configured address), and
 * its HTML files. Build time only.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration, AstroIntegrationLogger } from "astro";

/** The built site, as an integration's work after the build sees it. */
export interface BuiltSite {
  /** The folder the site was written to (dist/). */
  readonly root: string;
  /** The base path, ending in "/": "/" or "/sub-path/". */
  readonly base: string;
  /** The configured absolute address (`site`), if any. */
  readonly site: string | undefined;
  readonly logger: AstroIntegrationLogger;
}

/**
 * An integration that runs `onBuilt` once the build has written the site, with the base path as
 * configured (a base without its final slash gets one, so that `${base}embed/` is always a path).
 */
export function afterBuild(name: string, onBuilt: (built: BuiltSite) => void | Promise<void>): AstroIntegration {
  let base = "/";
  let site: string | undefined;
  return {
    name,
    hooks: {
      "astro:config:done": ({ config }) => {
        base = config.base.endsWith("/") ? config.base : `${config.base}/`;
        site = config.site;
      },
      "astro:build:done": async ({ dir, logger }) => {
        await onBuilt({ root: fileURLToPath(dir), base, site, logger });
      },
    },
  };
}

/** Every HTML file under `dir`, as absolute paths, in a stable order; Pagefind's own files left out. */
export function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".html"))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter(
      (file) =>
        !file
          .slice(dir.length)
          .replace(/^[\\/]/, "")
          .startsWith("pagefind"),
    )
    .sort();
}
