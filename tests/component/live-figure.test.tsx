/**
 * The figure: the prerendered SVG (an Astro slot) until the scenario changes, then a plot drawn in
 * the browser by render-figure.ts, which loads Observable Plot on demand.
 */
import Calculator from "../../src/features/calculators/islands/Calculator.tsx";
import { render, waitFor } from "@testing-library/preact";
import type { ComponentChildren } from "preact";
import { CALCULATOR_NAMES, type CalculatorName } from "../../src/features/calculators/registry.ts";
import { figureData } from "../../src/features/calculators/components/prerendered-figure.ts";
import { describe, expect, test } from "vitest";
import { noise } from "./expected.ts";
import { expectCleanMarkup, resetPage, textInput, typeInto, useCleanPage, valueOf } from "./helpers.tsx";

useCleanPage();

const PLOT_TIMEOUT = { timeout: 60_000 };

function plotHost(c: Element): HTMLElement {
  return c.querySelector<HTMLElement>(".figure__plot")!;
}

const prerendered = <svg data-prerendered="true" aria-label="prerendered figure" />;

/** What the server hands an island: its prerendered figure and the values that figure was drawn from. */
const prerenderedFor = (name: CalculatorName) => ({ figure: prerendered, figureReads: figureData(name).reads });

async function livePlot(c: Element): Promise<SVGElement> {
  await waitFor(() => expect(plotHost(c).querySelector("svg:not([data-prerendered])")).not.toBeNull(), PLOT_TIMEOUT);
  return plotHost(c).querySelector<SVGElement>("svg")!;
}

describe.each(CALCULATOR_NAMES)("%s figure", (name) => {
  const Component = (props: { figure?: ComponentChildren }) => <Calculator name={name} {...props} figureReads={figureData(name).reads} />;
  test("shows the prerendered figure until the scenario changes, then a live plot", async () => {
    const { container: c } = render(<Component figure={prerendered} />);
    expect(plotHost(c).querySelector("[data-prerendered]")).not.toBeNull();
    typeInto(c, "n", "768");
    // Replaced at once: the prerendered figure is for another scenario.
    expect(plotHost(c).querySelector("[data-prerendered]")).toBeNull();
    const svg = await livePlot(c);
    expect(plotHost(c).children).toHaveLength(1);
    expect(svg.getAttribute("aria-description") ?? "").toContain("768");
    // Plot's mark groups get role="group" so their aria-labels are allowed.
    for (const g of Array.from(svg.querySelectorAll("g[aria-label]"))) expect(g.getAttribute("role")).toBe("group");
    expect(c.querySelector(".figure__error")).toBeNull();
    expect(c.querySelector(`[data-calculator="${name}"] output`)).not.toBeNull();
    expectCleanMarkup(c);
  });

  test("redraws on every change and goes back to the prerendered figure at the defaults", async () => {
    const { container: c } = render(<Component figure={prerendered} />);
    typeInto(c, "n", "768");
    await livePlot(c);
    typeInto(c, "n", "2048");
    await waitFor(() => expect(plotHost(c).querySelector("svg")!.getAttribute("aria-description") ?? "").toContain("2,048"), PLOT_TIMEOUT);
    expect(plotHost(c).querySelectorAll("svg:not([data-prerendered])")).toHaveLength(1);
    typeInto(c, "n", "4096");
    // Back at the defaults: only the prerendered figure, no stale live plot beside it.
    const host = plotHost(c);
    expect(host.querySelector("[data-prerendered]")).not.toBeNull();
    expect(host.children).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 50));
    expect(plotHost(c).children).toHaveLength(1);
    // And live again on the next change.
    typeInto(c, "n", "1024");
    await waitFor(() => expect(plotHost(c).querySelector("svg")!.getAttribute("aria-description") ?? "").toContain("1,024"), PLOT_TIMEOUT);
    expect(plotHost(c).children).toHaveLength(1);
  });
});

test("the figure's text description is the drawn figure's: it follows the scenario once the figure is redrawn", async () => {
  const { container: c } = render(<Calculator name="sparsity" />);
  typeInto(c, "l", "100");
  await waitFor(() => expect(c.querySelector("figcaption")!.textContent).toMatch(/l = 100 lies above the line/), PLOT_TIMEOUT);
  expect(c.querySelector("figcaption")!.textContent).toContain(plotHost(c).querySelector("svg")!.getAttribute("aria-description")!);
});

test("invalid input leaves the figure alone: the drawn values did not change, so nothing is redrawn", async () => {
  const { container: c } = render(<Calculator name="sparsity" {...prerenderedFor("sparsity")} />);
  typeInto(c, "n", "abc");
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(plotHost(c).querySelector("[data-prerendered]")).not.toBeNull();
  expect(c.querySelector(".figure__error")).toBeNull();
  expectCleanMarkup(c);
});

test("a change to a value the figure does not draw (a, for the levels figure) leaves it alone", async () => {
  const { container: c } = render(<Calculator name="levels" {...prerenderedFor("levels")} />);
  typeInto(c, "a", "3");
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(plotHost(c).querySelector("[data-prerendered]")).not.toBeNull();
  typeInto(c, "l", "20");
  await livePlot(c);
});

test("a scenario from the address is drawn live after mount", async () => {
  resetPage("?n=768&m=1000&l=2");
  const { container: c } = render(<Calculator name="sparsity" {...prerenderedFor("sparsity")} />);
  await waitFor(() => expect(textInput(c, "n").value).toBe("768"));
  const svg = await livePlot(c);
  expect(svg.getAttribute("aria-description") ?? "").toContain("n = 768");
  expect(valueOf(c, "noise")).toBeCloseRel(noise(768, 1000, 2));
});

test("extreme values: the plot either draws or says it could not, and the numbers stay", async () => {
  const { container: c } = render(<Calculator name="levels" {...prerenderedFor("levels")} />);
  typeInto(c, "n", "1e300");
  typeInto(c, "m", "1e300");
  typeInto(c, "l", "1e200");
  await waitFor(() => expect(plotHost(c).querySelector("svg") !== null || c.querySelector(".figure__error") !== null).toBe(true), PLOT_TIMEOUT);
  expect(valueOf(c, "levels")).toBeCloseRel(Math.sqrt(1e300 / (8 * 1e200 * Math.log(1e300))));
  expectCleanMarkup(c);
});
