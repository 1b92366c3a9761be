/**
 * Snapshot tests of the calculators' prerendered figures for a few scenarios (see svg-snapshot.ts
 * for how snapshots are stored and updated).
 */
import { test } from "vitest";
import { DEFAULT_SCENARIO, type Scenario } from "../../src/numbers/scenario.ts";
import { calculatorFigure } from "../../src/features/calculators/components/prerendered-figure.ts";
import { CALCULATOR_NAMES } from "../../src/features/calculators/registry.ts";
import { renderSvg } from "../../src/plot/render-svg.ts";
import { expectSvgSnapshot } from "./svg-snapshot.ts";

const SCENARIOS: Record<string, Scenario> = {
  default: DEFAULT_SCENARIO,
  "gpt2-small": { ...DEFAULT_SCENARIO, n: 768, m: 20_000, l: 30 },
  "beyond-double": { ...DEFAULT_SCENARIO, n: 12_288, m: 1e9, l: 2 },
};
for (const figure of CALCULATOR_NAMES) {
  for (const [scenario, values] of Object.entries(SCENARIOS)) {
    test(`${figure} figure, ${scenario} scenario, matches its snapshot`, () => {
      expectSvgSnapshot(`${figure}-${scenario}`, renderSvg(calculatorFigure(figure, values)));
    });
  }
}
