/**
 * `npm run bench:site`: the site's performance figures, to compare from commit to commit, each
 * against its target (scripts/site/budgets.ts: the tight budgets; the performance tests hold only
 * the wide guards). Builds the site (timed), serves it, and prints per page the JavaScript run
 * before the reader touches a control, what is fetched ahead of a touch, and the total page weight
 * (gzip); for each calculator the main-thread work per slider step and the time from a first touch
 * to the updated result, here and under Lighthouse's mobile emulation; the longest main-thread
 * task while a simulation runs, while a toy model trains, while its phase grid trains (and the grid's
 * time from Run to done) and while a readout-only run is cancelled; how fast that cancel reaches
 * every worker; how soon a linked view shows the link's numbers; and how long the dictionary page
 * takes on a generated 16 384 × 2 304 decoder.
 * Ends with the targets met and missed.
 */
import { execFileSync } from "node:child_process";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, findChromium } from "./site/chromium.ts";
import { SITE_PAGES } from "./site/pages.ts";
import { serveDist } from "./site/serve.ts";
import { measureFirstTouch, measurePageWeight, measureSliderSteps, SLIDER_BENCHMARKS } from "./site/metrics.ts";
import {
  longest,
  measureDictionary,
  measureLinkedView,
  measurePhaseGrid,
  measureReadoutCancel,
  measureSimulationRun,
  measureTraining,
} from "./site/run-metrics.ts";
import { againstTarget, KNOWN_SLOW_SLIDERS } from "./site/budgets.ts";
import { cpus } from "node:os";

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1).padStart(6)} KB`;

const started = performance.now();
execFileSync("npx", ["astro", "build"], { stdio: "ignore" });
console.log(`build                         ${((performance.now() - started) / 1000).toFixed(1)} s`);

const verdicts: string[] = [];
const site = await serveDist(4399);
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
try {
  const base = site.base;
  for (const path of SITE_PAGES) {
    const w = await measurePageWeight(browser, base + path);
    verdicts.push(`${againstTarget("jsBeforeInteraction", w.jsBeforeInteraction / 1024)}, /${path}`);
    console.log(
      `/${path.padEnd(28)} JS run before interaction ${kb(w.jsBeforeInteraction)}   fetched ahead of a touch ${kb(w.jsPreloaded)}   page weight ${kb(w.totalGzip)}`,
    );
  }
  for (const [path, calculator, field] of SLIDER_BENCHMARKS) {
    const t = await measureSliderSteps(browser, base + path, calculator, field);
    verdicts.push(`${againstTarget("sliderStepP50", t.stepP50)}, ${calculator} ${field}`);
    const known = KNOWN_SLOW_SLIDERS.has(`${calculator} ${field}`) ? " (a known slow slider: a figure of six curves redrawn per step)" : "";
    verdicts.push(`${againstTarget("sliderStepP95", t.stepP95)}, ${calculator} ${field}${known}`);
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
      verdicts.push(`${againstTarget(mobile ? "firstTouchMobile" : "firstTouchDesktop", median)}, ${calculator}`);
      console.log(
        `/${path.padEnd(14)} ${calculator.padEnd(9)} first touch to result, ${mobile ? "mobile emulation (4× CPU, slow 4G)" : "this machine"}: median ${median.toFixed(0)} ms of ${runs.map((r) => r.toFixed(0)).join(", ")}`,
      );
    }
  }
  const tasks = (list: readonly number[]) => (list.length === 0 ? "none" : list.join(", ") + " ms");
  const run = await measureSimulationRun(browser, base + "typical-vs-worst-case/");
  console.log(`simulation run                main-thread tasks over 50 ms: ${tasks(run.longTasks)}`);
  verdicts.push(`${againstTarget("longestTask", longest(run.longTasks))}, simulation run`);
  const training = await measureTraining(browser, base + "trained-toy-models/");
  console.log(
    `toy-model training            ${training.stepsInASecond} steps in a second; main-thread tasks over 50 ms: ${tasks(training.longTasks)}`,
  );
  verdicts.push(`${againstTarget("longestTask", longest(training.longTasks))}, toy-model training`);
  const grid = await measurePhaseGrid(browser, base + "trained-toy-models/");
  console.log(
    `toy-model phase grid          400 cells on ${grid.workers} workers in ${(grid.ms / 1000).toFixed(1)} s; main-thread tasks over 50 ms: ${tasks(grid.longTasks)}`,
  );
  verdicts.push(againstTarget("phaseGrid", grid.ms), `${againstTarget("longestTask", longest(grid.longTasks))}, phase grid`);
  const cores = Math.max(1, Math.min(8, cpus().length));
  const cancel = await measureReadoutCancel(browser, base, cores);
  console.log(
    `readout-only run, cancelled    ${cores} workers stopped after ${cancel.stoppedMs.toFixed(0)} ms; main-thread tasks over 50 ms: ${tasks(cancel.longTasks)}`,
  );
  verdicts.push(againstTarget("cancelStops", cancel.stoppedMs), `${againstTarget("longestTask", longest(cancel.longTasks))}, readout-only run`);
  const linked = await measureLinkedView(browser, base + "sparsity/?n=768&m=24576");
  console.log(`linked view /sparsity/        every calculator on the link's numbers after ${linked.ms.toFixed(0)} ms`);
  verdicts.push(againstTarget("linkedView", linked.ms));
  const dictionary = await measureDictionary(browser, base);
  console.log(
    `dictionary 16,384 × 2,304     exact on ${dictionary.workers} workers: geometry after ${(dictionary.geometryMs / 1000).toFixed(1)} s, everything after ${(dictionary.totalMs / 1000).toFixed(1)} s; main-thread tasks over 50 ms: ${tasks(dictionary.longTasks)}`,
  );
  verdicts.push(
    againstTarget("dictionaryExact", dictionary.geometryMs),
    `${againstTarget("longestTask", longest(dictionary.longTasks))}, dictionary`,
  );
  console.log("\ntargets (scripts/site/budgets.ts):");
  for (const verdict of verdicts) console.log(`  ${verdict}`);
} finally {
  await browser.close();
  await site.stop();
}
