import type { ComponentChildren } from "preact";
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { DEFAULT_SCENARIO, type Scenario } from "../../../numbers/scenario.ts";
import { CALCULATORS, type CalculatorName } from "../registry.ts";
import { FigureDownloads } from "../../../ui/FigureDownloads.tsx";

interface Props {
  figure: CalculatorName;
  scenario: Scenario;
  /** The SVG rendered at build time (an Astro slot): shown until the figure goes live. */
  prerendered?: ComponentChildren;
  /** The prerendered figure's text alternative (computed at build time, with the figure). */
  prerenderedDescription: string;
  caption: ComponentChildren;
}

type FigureModule = typeof import("./render-figure.ts");
let figureModule: Promise<FigureModule> | undefined;
/** Set once the module has arrived, so later redraws happen synchronously, in the same frame. */
let loadedModule: FigureModule | undefined;

function loadFigureModule(): Promise<FigureModule> {
  figureModule ??= import("./render-figure.ts").then((mod) => (loadedModule = mod));
  return figureModule;
}

/**
 * A figure that shows the build-time SVG and, once the reader changes the scenario, replaces it
 * with one drawn in the browser from the same description. Why replace, not hydrate: Plot's
 * clip-path ids come from a global counter, so a re-render never matches the server's markup.
 * Plot itself is loaded only then, so a reader who only reads never downloads it.
 */
export function LiveFigure({ figure, scenario, prerendered, prerenderedDescription, caption }: Props) {
  // Only the parameters this figure draws matter: a change elsewhere (a, k, ε, or text that is
  // not yet valid) neither loads Plot nor redraws.
  const inputs = CALCULATORS[figure].figure.inputs;
  const drawn = inputs.map((name) => scenario[name]);
  const live = inputs.some((name) => scenario[name] !== DEFAULT_SCENARIO[name]);
  const host = useRef<HTMLDivElement>(null);
  const frame = useRef<HTMLElement>(null);
  const [failed, setFailed] = useState(false);
  // The drawn figure's text alternative, taken from it: it always describes the figure on screen,
  // and is never computed on the way to a first answer (the sparsity figure's runs the error-rate
  // searches, 40 ms the first time in a browser) nor twice per redraw.
  const [drawnDescription, setDrawnDescription] = useState("");
  // A figure scrolled out of view is redrawn when it comes back, not on every step of a slider
  // elsewhere on the page: that halves the work per input on pages with two calculators.
  const onScreen = useRef(true);
  const deferred = useRef<(() => void) | undefined>(undefined);
  useEffect(() => {
    if (typeof IntersectionObserver === "undefined" || !frame.current) return;
    const observer = new IntersectionObserver((entries) => {
      onScreen.current = entries.some((e) => e.isIntersecting);
      if (onScreen.current && deferred.current) {
        const redraw = deferred.current;
        deferred.current = undefined;
        redraw();
      }
    });
    observer.observe(frame.current);
    return () => observer.disconnect();
  }, []);
  // The island wakes on the reader's first touch: fetch Plot while they are still reaching for
  // a control, so the first change redraws without waiting for the network.
  useEffect(() => {
    const idle = window.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 1));
    idle(() => void loadFigureModule().catch(() => undefined));
  }, []);
  // A layout effect: once Plot is loaded the figure is redrawn before the browser paints, so
  // outputs and figure change in the same frame.
  useLayoutEffect(() => {
    if (!live || !host.current) return;
    const draw = (mod: FigureModule) => {
      if (!host.current) return;
      try {
        setDrawnDescription(mod.renderFigure(host.current, figure, scenario));
        setFailed(false);
      } catch {
        setFailed(true);
      }
    };
    if (loadedModule) {
      const mod = loadedModule;
      if (onScreen.current) draw(mod);
      else deferred.current = () => draw(mod);
      return;
    }
    // Plot is loaded after the frame that shows the new outputs, not in it: its download and
    // compilation would compete with the reader's first answer.
    let current = true;
    const afterPaint = requestAnimationFrame(() =>
      setTimeout(() => {
        if (!current) return;
        loadFigureModule()
          .then((mod) => current && draw(mod))
          .catch(() => current && setFailed(true));
      }, 0),
    );
    return () => {
      current = false;
      cancelAnimationFrame(afterPaint);
    };
    // The drawn values, not the scenario object: a new object with the same values needs no redraw.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [live, figure, ...drawn]);
  return (
    <figure class="figure" ref={frame}>
      {/* Keyed so that going back to the defaults swaps the element: Preact does not know about the
          SVG renderFigure put into the live one, and would otherwise keep it next to the prerendered one. */}
      {live ? (
        <div key="live" class="figure__plot" ref={host} />
      ) : (
        <div key="static" class="figure__plot">
          {prerendered}
        </div>
      )}
      {failed && <p class="figure__error">The figure could not be redrawn; the numbers above are current.</p>}
      <figcaption>
        {caption}
        <span class="visually-hidden"> {live ? drawnDescription : prerenderedDescription}</span>
      </figcaption>
      <FigureDownloads file={figure} />
    </figure>
  );
}
