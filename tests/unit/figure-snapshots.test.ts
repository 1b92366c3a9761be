/**
 * Snapshot tests of the calculators' prerendered figures for a few scenarios (see svg-snapshot.ts
 * for how snapshots are stored and updated).
 */
import { test } from "vitest";
import { DEFAULT_SCENARIO, type Scenario } from "../../src/numbers/scenario.ts";
import { epsilonFigure, levelsFigure, sparsityFigure } from "../../src/features/calculators/figures/calculator-figures.ts";
import { renderSvg } from "../../src/plot/render-svg.ts";
import { expectSvgSnapshot } from "./svg-snapshot.ts";

const SCENARIOS: Record<string, Scenario> = {
  default: DEFAULT_SCENARIO,
  "gpt2-small": { ...DEFAULT_SCENARIO, n: 768, m: 20_000, l: 30 },
  "beyond-double": { ...DEFAULT_SCENARIO, n: 12_288, m: 1e9, l: 2 },
};
const FIGURES = { epsilon: epsilonFigure, sparsity: sparsityFigure, levels: levelsFigure };

for (const [figure, describe] of Object.entries(FIGURES)) {
  for (const [scenario, values] of Object.entries(SCENARIOS)) {
    test(`${figure} figure, ${scenario} scenario, matches its snapshot`, () => {
      expectSvgSnapshot(`${figure}-${scenario}`, renderSvg(describe(values)));
    });
  }
}
