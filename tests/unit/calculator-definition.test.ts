/**
 * One definition per calculator: its outputs are typed keys of what its results compute (a typo is
 * a type error, which `astro check` in `npm test` reports), and its figure depends on exactly the
 * values its figure data reads (src/ui/reads.ts), no list kept by hand.
 */
import { describe, expect, test } from "vitest";
import { calculator, CALCULATOR_NAMES, CALCULATORS, completeResults } from "../../src/features/calculators/registry.ts";
import { epsilonResults } from "../../src/features/calculators/engine/results.ts";
import { figureData } from "../../src/features/calculators/components/prerendered-figure.ts";
import { DEFAULT_SCENARIO } from "../../src/numbers/scenario.ts";
import { recordReads, readsStill } from "../../src/ui/reads.ts";

const base = {
  title: "t",
  page: "sparsity",
  fields: ["n", "m"],
  results: epsilonResults,
  announce: () => "",
  presets: [],
  figure: CALCULATORS.epsilon.figure,
  benchmarkField: "n",
} as const;

test("an output that the results do not compute is refused by the type checker", () => {
  const good = calculator({ ...base, outputs: [{ name: "epsilon", label: "ε" }] });
  // @ts-expect-error "epsilom" is not one of epsilonResults' outputs: astro check fails if this line type-checks.
  const typo = calculator({ ...base, outputs: [{ name: "epsilom", label: "ε" }] });
  expect(good.outputs[0]!.name).toBe("epsilon");
  expect(typo.outputs[0]!.name).toBe("epsilom");
});

describe("a figure's inputs are what its data reads", () => {
  const readFields = (name: (typeof CALCULATOR_NAMES)[number]) =>
    new Set(
      figureData(name)
        .reads.filter((read) => read.input === 0)
        .map((read) => read.path[0]),
    );

  test("the interference figure reads n and m of the scenario, and ε and the floor from the results", () => {
    expect(readFields("epsilon")).toEqual(new Set(["n", "m"]));
    const results = new Set(
      figureData("epsilon")
        .reads.filter((read) => read.input === 1)
        .map((read) => read.path.join(".")),
    );
    expect(results).toEqual(new Set(["outputs.epsilon.value", "outputs.welch.value"]));
  });

  test("the sparsity figure reads n, m and l, and its band from the later outputs", () => {
    expect(readFields("sparsity")).toEqual(new Set(["n", "m", "l"]));
    const paths = figureData("sparsity").reads.map((read) => read.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["outputs.l-at-90.value", "outputs.l-at-50.value", "verdict.value"]));
  });

  test("the levels figure does not read a, so a change of a keeps its drawing", () => {
    expect(readFields("levels")).toEqual(new Set(["n", "m", "l"]));
    const drawn = figureData("levels");
    const withA = { ...DEFAULT_SCENARIO, a: 7 };
    expect(readsStill(drawn.reads, withA, completeResults("levels", withA))).toBe(true);
    const withL = { ...DEFAULT_SCENARIO, l: 11 };
    expect(readsStill(drawn.reads, withL, completeResults("levels", withL))).toBe(false);
  });
});

describe("recordReads", () => {
  test("records each plain value reached, with its path, through nested objects and arrays", () => {
    const { value, reads } = recordReads(
      (a: { x: number; y: { z: number[] } }, b: { w?: number }) => a.x + a.y.z[1]! + (b.w ?? 0),
      { x: 1, y: { z: [5, 7] } },
      {},
    );
    expect(value).toBe(8);
    expect(reads).toEqual([
      { input: 0, path: ["x"], value: 1 },
      { input: 0, path: ["y", "z", "1"], value: 7 },
      { input: 1, path: ["w"], value: undefined },
    ]);
    expect(readsStill(reads, { x: 1, y: { z: [0, 7] } }, {})).toBe(true);
    expect(readsStill(reads, { x: 1, y: { z: [5, 8] } }, {})).toBe(false);
    expect(readsStill(reads, { x: 1, y: { z: [5, 7] } }, { w: 0 })).toBe(false);
    expect(readsStill(reads, { x: 1, y: {} }, {})).toBe(false);
  });

  test("refuses a computation that writes to what it reads", () => {
    expect(() => recordReads((a: { x: number }) => (a.x = 2), { x: 1 }, {})).toThrow(TypeError);
  });
});
