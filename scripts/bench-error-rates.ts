/**
 * Timing of the error rates as a calculator uses them: every slider step calls
 * `errorRates(n, m, l)` (p_false_on, p_false_off, expected misreads, all right, and l at 90 % and
 * 50 %, which search over l).
 *
 *     node scripts/bench-error-rates.ts
 *
 * For each (n, m) it drags l over a slider's range, 40 steps log-spaced from 1 to min(m, 10⁵),
 * five times after a warm-up drag; each step is a fresh call (nothing is cached between calls).
 * Columns, in milliseconds per step:
 *   typical / slowest   the median and the largest over the steps of each step's fastest run:
 *                       the cost of the work itself, without what other processes on the
 *                       machine add to a single run
 *   p95 / max (raw)     the 95th percentile and the largest of all single runs, interference
 *                       included
 * Then the first call in a fresh process (cold code, before the JIT has compiled anything).
 */
import { spawnSync } from "node:child_process";
import { errorRates } from "../src/math/error-rates.ts";

const NEURONS = [64, 768, 4096, 65536, 1_000_000];
const FEATURES = [1e3, 1e6, 1e10, 1e100];
const TOP_L = 1e5;
const STEPS = 40;
const REPEATS = 5;

function sliderSteps(m: number): number[] {
  const top = Math.min(m, TOP_L);
  return Array.from({ length: STEPS }, (_, i) => Math.max(1, Math.min(top, Math.round(top ** (i / (STEPS - 1))))));
}

function time(n: number, m: number, l: number): number {
  const start = performance.now();
  errorRates(n, m, l);
  return performance.now() - start;
}

function quantile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

const ms = (x: number): string => x.toFixed(2).padStart(7);

if (process.argv[2] === "--cold") {
  console.log(time(4096, 1e6, 100).toFixed(2));
} else {
  console.log("       n         m  typical slowest    p95     max   (ms per slider step)");
  let slowest = 0;
  for (const n of NEURONS) {
    for (const m of FEATURES) {
      const steps = sliderSteps(m);
      for (const l of steps) time(n, m, l); // warm-up drag
      const runs = steps.map((l) => Array.from({ length: REPEATS }, () => time(n, m, l)));
      const fastest = runs.map((r) => Math.min(...r)).sort((x, y) => x - y);
      const raw = runs.flat().sort((x, y) => x - y);
      slowest = Math.max(slowest, fastest[fastest.length - 1]!);
      console.log(
        `${String(n).padStart(8)} ${m.toExponential(0).padStart(9)} ${ms(quantile(fastest, 0.5))} ${ms(fastest[fastest.length - 1]!)}` +
          ` ${ms(quantile(raw, 0.95))} ${ms(raw[raw.length - 1]!)}`,
      );
    }
  }
  console.log(`slowest step (fastest of ${REPEATS} runs): ${slowest.toFixed(2)} ms`);
  const cold = Array.from({ length: 3 }, () =>
    Number(spawnSync(process.execPath, [import.meta.filename, "--cold"], { encoding: "utf8" }).stdout.trim()),
  );
  console.log(`first call in a fresh process (n = 4096, m = 10⁶, l = 100): ${cold.map((t) => t.toFixed(1)).join(", ")} ms`);
}
