import { useState } from "preact/hooks";
import { CALCULATORS, type CalculatorName } from "../registry.ts";
import type { Scenario } from "../../../numbers/scenario.ts";
import { calculatorEmbedHref, calculatorQuery, calculatorWidgetHref, EMBED_FRAME, FRAME_HEIGHT_LISTENER } from "../calculator-links.ts";

interface Props {
  name: CalculatorName;
  /** The scenario on screen: what the embed opens on. */
  scenario: Scenario;
}

/** Where the widget file keeps the scenario it opens on (see src/site/embed/widget.tsx). */
export const WIDGET_SCENARIO_MARK = /<script type="application\/json" id="widget-scenario">[^<]*<\/script>/;

/**
 * "Embed this calculator": the code to put it, on the scenario on screen, into another page (an
 * iframe of its embed page) or into a forum post whose editor frames custom widgets as
 * `<iframe sandbox="allow-scripts" srcdoc="…">` (the Alignment Forum's and LessWrong's: one
 * self-contained file, no request to any server). The code is shown as text, so it can be copied
 * by hand too; the copy buttons use the page's copy handler (CopyFeedback.astro).
 */
export function EmbedControls({ name, scenario }: Props) {
  // The code is written only while the panel is open (and on the server, for readers without
  // JavaScript): a closed panel costs nothing on each step of a slider.
  const [open, setOpen] = useState(false);
  return (
    <details class="calculator__embed" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>Embed this calculator</summary>
      {(open || typeof window === "undefined") && <EmbedCode name={name} scenario={scenario} />}
    </details>
  );
}

function EmbedCode({ name, scenario }: Props) {
  const spec = CALCULATORS[name];
  const [widget, setWidget] = useState<"idle" | "copied" | "failed">("idle");
  // Where the site is served: the page's own origin, or (prerendered) the one it is built for.
  const origin = typeof window === "undefined" ? new URL(import.meta.env.SITE ?? "http://localhost/").origin : window.location.origin;
  const iframe = `<iframe src="${origin}${calculatorEmbedHref(name, scenario)}" title="${spec.title}" width="100%" height="${EMBED_FRAME.heights[name]}" style="border:0" loading="lazy"></iframe>`;
  const snippetId = `embed-${name}-iframe`;
  const copyWidget = async () => {
    try {
      const response = await fetch(calculatorWidgetHref(name));
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const query = new URLSearchParams(calculatorQuery(name, scenario));
      const json = JSON.stringify(Object.fromEntries(query)).replace(/</g, "\\u003c");
      const html = (await response.text()).replace(WIDGET_SCENARIO_MARK, `<script type="application/json" id="widget-scenario">${json}</script>`);
      await navigator.clipboard.writeText(html);
      setWidget("copied");
    } catch {
      setWidget("failed");
    }
  };
  return (
    <>
      <p>In a web page, this view of the calculator in a frame:</p>
      <pre>
        <code id={snippetId}>{iframe}</code>
      </pre>
      <p>
        <button type="button" class="text-button" data-copy-text={snippetId} data-copy-what="Embed code">
          Copy the embed code
        </button>
      </p>
      <p>The frame tells its page how tall it is; to let it grow and shrink with its content, add once to the page:</p>
      <pre>
        <code id={`${snippetId}-height`}>{FRAME_HEIGHT_LISTENER}</code>
      </pre>
      <p>
        In a forum post whose editor takes custom widgets (the Alignment Forum’s, LessWrong’s): one self-contained file that makes no request to any
        server.{" "}
        <a href={calculatorWidgetHref(name)} download={`${name}-calculator.html`}>
          Download the widget
        </a>{" "}
        or{" "}
        <button type="button" class="text-button" onClick={() => void copyWidget()}>
          copy its HTML for this view
        </button>
        .
      </p>
      <p class="visually-hidden" aria-live="polite">
        {widget === "copied" ? "Widget copied" : widget === "failed" ? "The widget could not be copied: download it instead" : ""}
      </p>
      {widget === "failed" && <p class="field__error">The widget could not be copied here; download it instead.</p>}
    </>
  );
}
