/**
 * The self-contained calculator widget (dist/embed/<calculator>/widget.html, written by
 * src/site/integrations/embed-widgets.ts): one calculator, rendered in the browser from one inline
 * script, for forum editors that frame custom widgets as `<iframe sandbox="allow-scripts"
 * srcdoc="…">` — an opaque origin with no address to read or write and no server to ask. So the
 * scenario it opens on is written into the file (`#widget-scenario`, set by the Embed control for
 * the view a reader copies), and there is no figure (Plot alone would pass the file's size limit):
 * a link leads to the full page, figure and explanation included.
 */
import { render } from "preact";
import { CALCULATORS, type CalculatorName } from "../../features/calculators/registry.ts";
import { DEFAULT_SCENARIO, readScenario } from "../../numbers/scenario.ts";
import { CalculatorBody } from "../../features/calculators/islands/CalculatorBody.tsx";
import { calculatorPageHref } from "../../features/calculators/calculator-links.ts";
import { setPageDefaults } from "../../ui/scenario-store.ts";
import { reportFrameHeight } from "./frame-height.ts";

declare const WIDGET_SITE: string;

const host = document.getElementById("widget");
const name = host?.dataset.widget as CalculatorName | undefined;
if (host && name && name in CALCULATORS) {
  let linked: Record<string, string> = {};
  try {
    const parsed: unknown = JSON.parse(document.getElementById("widget-scenario")?.textContent || "{}");
    if (parsed && typeof parsed === "object") linked = Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
  } catch {
    // A damaged scenario: the widget opens on the defaults.
  }
  // Validated like an address: anything invalid falls back to the default.
  setPageDefaults(readScenario(new URLSearchParams(linked), DEFAULT_SCENARIO).scenario);
  render(
    <CalculatorBody name={name}>
      {(s) => (
        <p class="calculator__share">
          <a href={new URL(calculatorPageHref(name, s), WIDGET_SITE).href} target="_blank" rel="noopener">
            Open it with its figure and explanation on Costs of superposition, worked
          </a>
        </p>
      )}
    </CalculatorBody>,
    host,
  );
  reportFrameHeight();
}
