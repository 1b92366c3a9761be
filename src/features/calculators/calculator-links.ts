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

/**
 * An embed frame's size: the calculator with its figure, at the text column's width, on its
 * default scenario (tests/browser/embeds.test.ts checks that each embed's content fits its height;
 * a frame whose host listens for {@link FRAME_HEIGHT_MESSAGE} follows the content as it changes).
 */
export const EMBED_FRAME: { readonly width: number; readonly heights: Readonly<Record<CalculatorName, number>> } = {
  width: 680,
  heights: { epsilon: 1060, sparsity: 1600, levels: 1240 },
};

/** The `type` of the message an embed posts to the page that frames it with its height (src/site/embed/frame-height.ts). */
export const FRAME_HEIGHT_MESSAGE = "costs-of-superposition:frame-height";

/**
 * What a host page adds once to let its embed frames follow their content's height: a listener for
 * {@link FRAME_HEIGHT_MESSAGE} that sets the height of the frame the message came from.
 */
export const FRAME_HEIGHT_LISTENER =
  `<script>addEventListener("message", (e) => { if (e.data?.type !== "${FRAME_HEIGHT_MESSAGE}") return; ` +
  `for (const f of document.querySelectorAll("iframe")) if (f.contentWindow === e.source) f.style.height = e.data.height + "px"; });</script>`;
