/**
 * Addresses of a calculator: on its full page and on its embed page, carrying a scenario's values
 * of the calculator's own fields (so a link or an embed opens on what the reader sees).
 */
import { calculatorAnchor, CALCULATORS, type CalculatorName } from "./registry.ts";
import { writeScenario, type Scenario } from "../../numbers/scenario.ts";
import { pathOf } from "../../facts/sections.ts";
import { withBase } from "../../facts/site.ts";

/** The query string of a calculator's fields in `scenario`: "n=768&m=24576&eps=0.1". */
export function calculatorQuery(name: CalculatorName, scenario: Scenario): string {
  const spec = CALCULATORS[name];
  const shown = Object.fromEntries([...spec.fields, ...(spec.inverse?.fields ?? [])].map((f) => [f, scenario[f]]));
  return writeScenario(new URLSearchParams(), shown).toString();
}

/** The calculator on its full page (site path with the base), scrolled to it. */
export function calculatorPageHref(name: CalculatorName, scenario: Scenario): string {
  return `${withBase(pathOf(CALCULATORS[name].page))}?${calculatorQuery(name, scenario)}#${calculatorAnchor(name)}`;
}

/** The calculator alone, on its embed page (site path with the base). */
export function calculatorEmbedHref(name: CalculatorName, scenario: Scenario): string {
  return `${withBase(`/embed/${name}/`)}?${calculatorQuery(name, scenario)}`;
}

/** The self-contained widget file of a calculator (site path with the base). */
export function calculatorWidgetHref(name: CalculatorName): string {
  return withBase(`/embed/${name}/widget.html`);
}

/** An embed frame's size: the calculator with its figure, at the text column's width. */
export const EMBED_FRAME = { width: 680, height: 820 } as const;
