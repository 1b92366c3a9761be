/**
 * The typical and worst-of-m models in the calculators: the sparsity calculator shows the noise
 * of a typical readout and of the worst of the m readouts, the levels calculator the levels at the
 * typical noise, each recomputed on input and checked against the formulas written out here.
 */
import Calculator from "../../src/features/calculators/islands/Calculator.tsx";
import { render } from "@testing-library/preact";
import { expect, test } from "vitest";
import { noise } from "./expected.ts";
import { output, snapshotOutputs, typeInto, useCleanPage, valueOf } from "./helpers.tsx";

useCleanPage();

const typical = (n: number, l: number) => Math.sqrt(l / n);
const worst = (n: number, m: number, l: number) => Math.sqrt((2 * Math.log(m) * l) / n);

test("the sparsity calculator shows the typical and worst-of-m noise beside ε√l", () => {
  const { container: c } = render(<Calculator name="sparsity" />);
  expect(valueOf(c, "typical-noise")).toBeCloseRel(typical(4096, 10));
  expect(output(c, "typical-noise").textContent).toBe("0.0494");
  expect(valueOf(c, "worst-noise")).toBeCloseRel(worst(4096, 1e5, 10));
  expect(output(c, "worst-noise").textContent).toBe("0.237");
  // The post's noise is exactly twice the worst of m.
  expect(valueOf(c, "noise")).toBeCloseRel(2 * valueOf(c, "worst-noise"));
  typeInto(c, "n", "768");
  typeInto(c, "l", "30");
  expect(valueOf(c, "typical-noise")).toBeCloseRel(typical(768, 30));
  expect(valueOf(c, "worst-noise")).toBeCloseRel(worst(768, 1e5, 30));
  expect(valueOf(c, "noise")).toBeCloseRel(noise(768, 1e5, 30));
});

test("bad input leaves them alone, like every other output", () => {
  const { container: c } = render(<Calculator name="sparsity" />);
  const before = snapshotOutputs(c);
  typeInto(c, "l", "abc");
  expect(snapshotOutputs(c)).toEqual(before);
});

test("the levels calculator shows the levels at the typical noise, √(n/l), whatever a is", () => {
  const { container: c } = render(<Calculator name="levels" />);
  expect(valueOf(c, "typical-levels")).toBeCloseRel(Math.sqrt(4096 / 10));
  expect(output(c, "typical-levels").textContent).toBe("20.2");
  typeInto(c, "a", "5");
  expect(valueOf(c, "typical-levels")).toBeCloseRel(Math.sqrt(4096 / 10));
  typeInto(c, "l", "1024");
  expect(valueOf(c, "typical-levels")).toBe(2);
});
