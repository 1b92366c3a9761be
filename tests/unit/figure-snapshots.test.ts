/**
 * Snapshot tests of the prerendered figures, in the manner of Observable Plot's own tests: the
 * SVG of each figure for a few scenarios is committed under tests/unit/__snapshots__/; on a
 * difference the new SVG is written beside it as NAME.changed.svg for inspection. To accept a
 * change, replace the committed file with the .changed.svg one (or delete it and re-run).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { DEFAULT_SCENARIO, type Scenario } from "../../src/core/index.ts";
import { epsilonFigure, levelsFigure, sparsityFigure } from "../../src/plot/figures.ts";
import { renderSvg } from "../../src/plot/render-svg.ts";

const DIR = join(process.cwd(), "tests", "unit", "__snapshots__");

const SCENARIOS: Record<string, Scenario> = {
  default: DEFAULT_SCENARIO,
  "gpt2-small": { ...DEFAULT_SCENARIO, n: 768, m: 20_000, l: 30 },
  "beyond-double": { ...DEFAULT_SCENARIO, n: 12_288, m: 1e9, l: 2 },
};
const FIGURES = { epsilon: epsilonFigure, sparsity: sparsityFigure, levels: levelsFigure };

/** Pretty-prints tags one per line so a diff points at the mark that changed. */
function readable(svg: string): string {
  return svg.replace(/></g, ">\n<") + "\n";
}

for (const [figure, describe] of Object.entries(FIGURES)) {
  for (const [scenario, values] of Object.entries(SCENARIOS)) {
    test(`${figure} figure, ${scenario} scenario, matches its snapshot`, () => {
      const actual = readable(renderSvg(describe(values)));
      expect(actual).not.toMatch(/NaN|Infinity|undefined/);
      const file = join(DIR, `${figure}-${scenario}.svg`);
      const changed = file.replace(/\.svg$/, ".changed.svg");
      mkdirSync(DIR, { recursive: true });
      if (!existsSync(file)) {
        // A new snapshot is written once; CI must not create them silently.
        if (process.env.CI) throw new Error(`missing snapshot ${file}: run the tests locally and commit it`);
        writeFileSync(file, actual);
        return;
      }
      const expected = readFileSync(file, "utf8");
      if (actual !== expected) writeFileSync(changed, actual);
      else rmSync(changed, { force: true });
      expect(actual === expected, `figure differs from ${file}; see ${changed}`).toBe(true);
    });
  }
}
