/** When the browser cannot draw the figure, the page says so and keeps its numbers. */
import Calculator from "../../src/features/calculators/islands/Calculator.tsx";
import { render, waitFor } from "@testing-library/preact";
import { expect, test, vi } from "vitest";
import { figureData } from "../../src/features/calculators/components/prerendered-figure.ts";
import { noise } from "./expected.ts";
import { expectCleanMarkup, typeInto, useCleanPage, valueOf } from "./helpers.tsx";

const renderFigure = vi.hoisted(() => vi.fn());
vi.mock("../../src/features/calculators/islands/render-figure.ts", () => ({ renderFigure }));

useCleanPage();

test("a failing redraw shows a note, keeps the outputs, and the note goes once a redraw works", async () => {
  // Drawing fails for n = 768 (every time: the figure is drawn again when the later outputs arrive).
  renderFigure.mockImplementation((host: HTMLElement, _name: string, data: { n: number }) => {
    if (data.n === 768) throw new Error("Plot failed");
    host.replaceChildren(Object.assign(document.createElement("p"), { className: "fake-plot", textContent: "drawn" }));
  });
  const { container: c } = render(<Calculator name="sparsity" figure={<svg data-prerendered="true" />} figureReads={figureData("sparsity").reads} />);
  typeInto(c, "n", "768");
  await waitFor(() => expect(c.querySelector(".figure__error")?.textContent).toMatch(/could not be redrawn/));
  expect(valueOf(c, "noise")).toBeCloseRel(noise(768, 1e5, 10));
  expectCleanMarkup(c);

  typeInto(c, "n", "1024");
  await waitFor(() => expect(c.querySelector(".fake-plot")).not.toBeNull());
  expect(c.querySelector(".figure__error")).toBeNull();
  expect(renderFigure.mock.calls.map((call) => (call[2] as { n: number }).n)).toEqual(expect.arrayContaining([768, 1024]));
  expect(renderFigure.mock.calls.at(-1)![1]).toBe("sparsity");
  expect(renderFigure.mock.calls.at(-1)![2]).toMatchObject({ n: 1024, m: 100000, l: 10 });
});

test("once Plot is loaded, every change is drawn at once, in order, ending with the latest", async () => {
  renderFigure.mockReset();
  const { container: c } = render(<Calculator name="sparsity" figureReads={figureData("sparsity").reads} />);
  typeInto(c, "n", "700");
  typeInto(c, "n", "701");
  typeInto(c, "n", "702");
  // The module was loaded by the previous test: redraws are synchronous (same frame as the outputs).
  expect(renderFigure.mock.calls.map((call) => (call[2] as { n: number }).n)).toEqual([700, 701, 702]);
  await new Promise((r) => setTimeout(r, 20));
  expect(renderFigure.mock.calls.at(-1)![2]).toMatchObject({ n: 702 });
});
