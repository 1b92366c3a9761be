import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { Scenario } from "../core/index.ts";

export type FigureName = "epsilon" | "sparsity" | "levels";

interface Props {
  figure: FigureName;
  scenario: Scenario;
  /** Whether the scenario differs from the one the figure was prerendered for. */
  live: boolean;
  /** The SVG rendered at build time (an Astro slot): shown until the figure goes live. */
  prerendered?: ComponentChildren;
  /** Text alternative, kept in step with the figure. */
  description: string;
  caption: ComponentChildren;
}

type FigureModule = typeof import("./render-figure.ts");
let figureModule: Promise<FigureModule> | undefined;

/**
 * A figure that shows the build-time SVG and, once the reader changes the scenario, replaces it
 * with one drawn in the browser from the same description. Why replace, not hydrate: Plot's
 * clip-path ids come from a global counter, so a re-render never matches the server's markup.
 * Plot itself is loaded only then, so a reader who only reads never downloads it.
 */
export function LiveFigure({ figure, scenario, live, prerendered, description, caption }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!live || !host.current) return;
    let current = true;
    figureModule ??= import("./render-figure.ts");
    figureModule
      .then((mod) => {
        if (!current || !host.current) return;
        mod.renderFigure(host.current, figure, scenario);
        setFailed(false);
      })
      .catch(() => setFailed(true));
    return () => {
      current = false;
    };
  }, [live, figure, scenario]);
  return (
    <figure class="figure">
      {/* Keyed so that going back to the defaults swaps the element: Preact does not know about the
          SVG renderFigure put into the live one, and would otherwise keep it next to the prerendered one. */}
      {live ? <div key="live" class="figure__plot" ref={host} /> : <div key="static" class="figure__plot">{prerendered}</div>}
      {failed && <p class="figure__error">The figure could not be redrawn; the numbers above are current.</p>}
      <figcaption>
        {caption}
        <span class="visually-hidden"> {description}</span>
      </figcaption>
    </figure>
  );
}
