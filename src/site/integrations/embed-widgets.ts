/**
 * Writes each calculator's self-contained widget, dist/embed/<calculator>/widget.html, after the
 * build: the widget's script (src/site/embed/widget.tsx, bundled by esbuild into one script with Preact
 * and the core) and the site's stylesheet, both inline, so the file makes no request to any server
 * and works as the srcdoc of a sandboxed frame. Fails the build if a widget passes WIDGET_LIMIT.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { afterBuild } from "./built-site.ts";
import { build } from "esbuild";
import { CALCULATOR_NAMES, CALCULATORS } from "../../features/calculators/registry.ts";

/** The largest widget the build accepts, in bytes. */
export const WIDGET_LIMIT = 150 * 1024;

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
}

export default function embedWidgets(): AstroIntegration {
  return afterBuild("embed-widgets", async ({ root, base, site: configured, logger }) => {
    // The address the widget links back to: the configured one, or the preview server's.
    const site = configured ?? "http://localhost:4321/";
    const bundled = await build({
      entryPoints: [fileURLToPath(new URL("../embed/widget.tsx", import.meta.url))],
      bundle: true,
      write: false,
      format: "iife",
      minify: true,
      target: "es2022",
      jsx: "automatic",
      jsxImportSource: "preact",
      legalComments: "none",
      define: {
        "import.meta.env.BASE_URL": JSON.stringify(base),
        "import.meta.env.SITE": JSON.stringify(site),
        WIDGET_SITE: JSON.stringify(site),
      },
    });
    // "</script" inside the script would end it early: write it as "<\/script".
    const script = bundled.outputFiles[0]!.text.replace(/<\/script/gi, "<\\/script");
    for (const name of CALCULATOR_NAMES) {
      const pageFile = join(root, "embed", name, "index.html");
      const page = readFileSync(pageFile, "utf8");
      // The embed page's own stylesheet: the same look.
      const css = [...page.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)]
        .map(([, href]) => readFileSync(join(root, href!.slice(base.length)), "utf8"))
        .join("\n")
        .replace(/<\/style/gi, "<\\/style");
      const title = `${CALCULATORS[name].title} · Costs of superposition, worked`;
      const html =
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<title>${escapeHtml(title)}</title><style>${css}</style></head>` +
        `<body class="embed embed--widget"><main><div id="widget" data-widget="${name}"></div></main>` +
        `<script type="application/json" id="widget-scenario">{}</script><script>${script}</script></body></html>\n`;
      if (Buffer.byteLength(html) > WIDGET_LIMIT) {
        throw new Error(`The ${name} widget is ${Buffer.byteLength(html)} bytes, above the limit of ${WIDGET_LIMIT}`);
      }
      writeFileSync(join(root, "embed", name, "widget.html"), html);
      logger.info(`embed/${name}/widget.html: ${(Buffer.byteLength(html) / 1024).toFixed(1)} KB`);
    }
  });
}
