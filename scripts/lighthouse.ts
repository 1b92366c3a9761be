/**
 * `npm run lighthouse`: builds the site, serves it, and runs Lighthouse (default mobile
 * settings) in the system Chromium on every page, printing the four category scores.
 * Exits non-zero when any score is below 100.
 */
import { execFileSync } from "node:child_process";
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { CHROMIUM_ARGS, findChromium } from "./site/chromium.ts";
import { SITE_PAGES } from "./site/pages.ts";
import { serveDist } from "./site/serve.ts";

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;

if (!process.argv.includes("--no-build")) execFileSync("npx", ["astro", "build"], { stdio: "inherit" });
const site = await serveDist(4398);
const chrome = await chromeLauncher.launch({ chromePath: findChromium(), chromeFlags: ["--headless=new", ...CHROMIUM_ARGS] });
let worst = 100;
try {
  const base = site.base;
  for (const path of SITE_PAGES) {
    const result = await lighthouse(base + path, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: [...CATEGORIES] });
    if (!result) throw new Error(`Lighthouse returned nothing for /${path}`);
    const scores = CATEGORIES.map((c) => Math.round((result.lhr.categories[c]?.score ?? 0) * 100));
    worst = Math.min(worst, ...scores);
    console.log(`/${path.padEnd(26)} ${CATEGORIES.map((c, i) => `${c} ${scores[i]}`).join("  ")}`);
    for (const c of CATEGORIES) {
      const category = result.lhr.categories[c];
      if (!category || category.score === 1) continue;
      for (const ref of category.auditRefs) {
        const audit = result.lhr.audits[ref.id];
        if (audit && ref.weight > 0 && audit.score !== null && audit.score < 1)
          console.log(`    ${c}: ${audit.id} (${audit.score}) ${audit.displayValue ?? ""}`);
      }
    }
  }
} finally {
  chrome.kill();
  await site.stop();
}
if (worst < 100) {
  console.error(`lowest score ${worst}: below 100`);
  process.exit(1);
}
