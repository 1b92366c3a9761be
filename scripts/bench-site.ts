/**
 * `npm run bench:site`: the site's performance figures, to compare from commit to commit.
 * Builds the site (timed), serves it, and prints per page the JavaScript run before the reader
 * touches a control, what is fetched ahead of a touch, and the total page weight (gzip); then for
 * each calculator the main-thread work per slider step (p50/p95 over 100 steps) and the time from a
 * first touch to the updated result, here and under Lighthouse's mobile emulation.
 */
import { execFileSync } from "node:child_process";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, findChromium } from "./site/chromium.ts";
import { SITE_PAGES } from "./site/pages.ts";
import { serveDist } from "./site/serve.ts";
import { measureFirstTouch, measurePageWeight, measureSliderSteps, SLIDER_BENCHMARKS } from "./site/metrics.ts";

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1).padStart(6)} KB`;

const started = performance.now();
execFileSync("npx", ["astro", "build"], { stdio: "ignore" });
console.log(`build                         ${((performance.now() - started) / 1000).toFixed(1)} s`);

const site = await serveDist(4399);
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
try {
  const base = site.base;
  for (const path of SITE_PAGES) {
    const w = await measurePageWeight(browser, base + path);
    console.log(
      `/${path.padEnd(28)} JS run before interaction ${kb(w.jsBeforeInteraction)}   fetched ahead of a touch ${kb(w.jsPreloaded)}   page weight ${kb(w.totalGzip)}`,
    );
  }
  for (const [path, calculator, field] of SLIDER_BENCHMARKS) {
    const t = await measureSliderSteps(browser, base + path, calculator, field);
    console.log(
      `/${path.padEnd(14)} ${calculator.padEnd(9)} ${field} slider   input-to-frame p50 ${t.p50.toFixed(1).padStart(5)} ms   p95 ${t.p95.toFixed(1).padStart(5)} ms   ` +
        `${t.distinctSteps} steps' median takes p50 ${t.stepP50.toFixed(1).padStart(5)} ms, p95 ${t.stepP95.toFixed(1).padStart(5)} ms`,
    );
  }
  for (const [path, calculator] of SLIDER_BENCHMARKS) {
    for (const mobile of [false, true]) {
      const runs: number[] = [];
      for (let i = 0; i < 3; i++) runs.push((await measureFirstTouch(browser, base + path, calculator, mobile)).ms);
      const median = [...runs].sort((a, b) => a - b)[1]!;
      console.log(
        `/${path.padEnd(14)} ${calculator.padEnd(9)} first touch to result, ${mobile ? "mobile emulation (4× CPU, slow 4G)" : "this machine"}: median ${median.toFixed(0)} ms of ${runs.map((r) => r.toFixed(0)).join(", ")}`,
      );
    }
  }
} finally {
  await browser.close();
  await site.stop();
}
