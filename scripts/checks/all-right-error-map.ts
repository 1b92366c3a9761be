/**
 * The error map of the fast "all read right" (src/math/error-rates.ts) against the conditional
 * Monte Carlo with importance sampling (src/math/rates-monte-carlo.ts), over a grid of shapes, and
 * the same for p_false_on far in its tail. Run by hand (about ten minutes):
 *
 *     node scripts/checks/all-right-error-map.ts              # the grid below
 *     node scripts/checks/all-right-error-map.ts '[[128,1024,8]]' 50000
 *
 * Prints one JSON line per shape: the fast value's log10, the Monte Carlo's log10, its relative
 * standard error and effective draws, and fast/MC. scripts/checks/all_right_mc.py recomputes a part
 * of it with an independent numpy implementation. The rule the calculators apply (which values
 * may show digits) is read off this map: src/math/rate-accuracy.ts.
 */
import { allRight, pFalseOn } from "../../src/math/error-rates.ts";
import { allRightMonteCarlo, meanTailMonteCarlo } from "../../src/math/rates-monte-carlo.ts";

const draws = Number(process.argv[3] ?? 20000);
let grid: [number, number, number][];
if (process.argv[2]) grid = JSON.parse(process.argv[2]) as [number, number, number][];
else {
  grid = [];
  for (const n of [16, 32, 64, 128, 256, 512, 1024, 2304]) {
    for (const l of [3, 4, 6, 8, 12, 16, 24, 32]) {
      if (l > n) continue;
      for (let j = 1; j <= 9; j++) {
        const m = l * 4 ** j;
        const log10 = allRight(n, m, l).log10;
        if (log10 < -0.005 && log10 > -16) grid.push([n, m, l]);
      }
    }
  }
}
for (const [n, m, l] of grid) {
  const fast = allRight(n, m, l).log10;
  const start = performance.now();
  const mc = allRightMonteCarlo(n, m, l, { draws, seed: 1 });
  const seconds = (performance.now() - start) / 1000;
  const mcLog10 = mc.lnEstimate / Math.LN10;
  console.log(
    JSON.stringify({
      quantity: "all-right",
      n,
      m,
      l,
      fastLog10: fast,
      mcLog10,
      relativeError: mc.relativeError,
      effectiveDraws: Math.round(mc.effectiveDraws),
      fastOverMc: 10 ** (fast - mcLog10),
      seconds,
    }),
  );
}
// p_false_on far in its tail: wide layers and few active features put it at 10⁻¹⁰ … 10⁻¹⁰⁰⁰.
if (!process.argv[2]) {
  for (const n of [256, 1024, 4096, 16384, 65536]) {
    for (const l of [3, 4, 8, 16, 32, 64]) {
      const fast = pFalseOn(n, l).log10;
      const mc = meanTailMonteCarlo(n, l, 0.5, { draws: 200000, seed: 1 });
      const mcLog10 = mc.lnEstimate / Math.LN10;
      console.log(
        JSON.stringify({
          quantity: "p-false-on",
          n,
          l,
          fastLog10: fast,
          mcLog10,
          relativeError: mc.relativeError,
          effectiveDraws: Math.round(mc.effectiveDraws),
          fastOverMc: 10 ** (fast - mcLog10),
        }),
      );
    }
  }
}
