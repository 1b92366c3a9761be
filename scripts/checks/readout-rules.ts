/**
 * The three readout rules of random directions, predicted and measured by the site's engine: the
 * post's threshold ½, the best single threshold (src/math/thresholds.ts) and TopK
 * (src/math/topk-misreads.ts), at the shapes of real sparse autoencoders. Run by hand:
 *
 *     node scripts/checks/readout-rules.ts                       # the three shapes below
 *     node scripts/checks/readout-rules.ts '[[768,32768,32,200]]' # [n, m, l, inputs] of your own
 *
 * Each shape is one readout-only run (large-readout.ts, seed 1, one part), its second threshold
 * set to the best one; prints one JSON line per shape, and a table of measured ± standard error
 * against predicted. scripts/checks/thresholds_topk.py measures the same rules with numpy.
 */
import { simulateLargeReadoutSync } from "../../src/features/simulation/engine/large-readout.ts";
import { expectedMisreads } from "../../src/math/error-rates.ts";
import { bestThreshold } from "../../src/math/thresholds.ts";
import { topkMisreads } from "../../src/math/topk-misreads.ts";
import type { LogQuantity } from "../../src/math/big-number.ts";

const SHAPES: [number, number, number, number][] = [
  [768, 32768, 32, 256], // GPT-2 small, OpenAI TopK 32k, k = 32
  [2304, 16384, 82, 128], // Gemma 2 2B, Gemma Scope layer 12, 16k, L0 82
  [3584, 131072, 276, 64], // Gemma 2 9B, Gemma Scope layer 20, 131k, L0 276
];

const shapes = process.argv[2] ? (JSON.parse(process.argv[2]) as [number, number, number, number][]) : SHAPES;
const value = (q: LogQuantity | 0): number => (q === 0 ? 0 : (q.value ?? 0));
const rows: string[] = [];
for (const [n, m, l, trials] of shapes) {
  const best = bestThreshold(n, m, l);
  const threshold = best.threshold > 0 && best.threshold < 1 ? best.threshold : 0.5;
  const start = performance.now();
  const outcome = simulateLargeReadoutSync({ n, m, l, seed: 1, trials, threshold });
  if (!outcome.ok) throw new Error(outcome.error.message);
  const r = outcome.result;
  const seconds = (performance.now() - start) / 1000;
  const predicted = { half: value(expectedMisreads(n, m, l)), best: value(best.misreads), topk: value(topkMisreads(n, m, l)) };
  const measured = {
    half: [r.misreadsMean, r.misreadsSe],
    best: [r.thresholdMisreadsMean, r.thresholdMisreadsSe],
    topk: [r.topkMisreadsMean, r.topkMisreadsSe],
  };
  console.log(JSON.stringify({ n, m, l, trials, threshold, seconds, kernel: r.kernel, predicted, measured }));
  const cell = (name: keyof typeof predicted): string =>
    `${predicted[name].toPrecision(4)} / ${measured[name][0]!.toPrecision(4)} ± ${(measured[name][1] ?? NaN).toPrecision(2)}`;
  rows.push(`| ${n} | ${m} | ${l} | ${cell("half")} | ${threshold.toFixed(3)} | ${cell("best")} | ${cell("topk")} |`);
}
console.log("\n| n | m | l | misreads at ½ (predicted / measured) | best θ | at best θ | TopK |");
console.log("|---|---|---|---|---|---|---|");
for (const row of rows) console.log(row);
