import type { ComponentChildren } from "preact";
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { Scenario } from "../../../numbers/scenario.ts";
import { CALCULATORS, type CalculatorName } from "../registry.ts";
import type { CalculatorResults } from "../engine/results.ts";
import { FigureDownloads } from "../../../ui/FigureDownloads.tsx";
import { recordReads, readsStill, type Read, type Recorded } from "../../../ui/reads.ts";
import { lazyFigures } from "../../../ui/lazy-figures.ts";

interface Props {
  figure: CalculatorName;
  scenario: Scenario;
  /** The calculator's results for the scenario: the figure reads its outputs rather than computing them again. */
  results: CalculatorResults;
  /** True while some of those results are the previous scenario's (computed a task later). */
  resultsPending: boolean;
  /** The SVG rendered at build time (an Astro slot): shown until the figure goes live. */
  prerendered?: ComponentChildren;
  /** The values the prerendered figure was drawn from: while they all hold, it is the figure on screen (none: always live). */
  prerenderedReads?: readonly Read[];
  /** The prerendered figure's text alternative (computed at build time, with the figure). */
  prerenderedDescription: string;
  caption: ComponentChildren;
}

/** Plot, through the module that draws a calculator's figure: loaded only when a figure goes live. */
const figures = lazyFigures(() => import("./render-figure.ts"));
type FigureModule = NonNullable<typeof figures.loaded>;

/**
 * A figure that shows the build-time SVG and, once the reader changes the scenario, replaces it
 * with one drawn in the browser from the same description. Why replace, not hydrate: Plot's
 * clip-path ids come from a global counter, so a re-render never matches the server's markup.
 * Plot itself is loaded only then, so a reader who only reads never downloads it.
 */
export function LiveFigure({ figure, scenario, results, resultsPending, prerendered, prerenderedReads, prerenderedDescription, caption }: Props) {
  const spec = CALCULATORS[figure].figure;
  // Only the values this figure reads matter: a change elsewhere (a, k, ε, or text that is not yet
  // valid) neither loads Plot nor redraws. While every value the prerendered figure was drawn from
  // holds, the prerendered figure is the one on screen; while results are pending, only the
  // scenario's values are compared (the results on hand are the previous scenario's, or none yet).
  const compared = resultsPending ? prerenderedReads?.filter((read) => read.input === 0) : prerenderedReads;
  const live = compared === undefined || !readsStill(compared, scenario, results);
  // The numbers of the figure on screen (or about to be), computed again only when a value they
  // read has changed. Results computed a task later are drawn as they stand (the previous
  // scenario's until they arrive), so a change is drawn in the frame of its fast outputs, and once
  // more if the later ones move the figure (the sparsity figure's band, when n or m changes).
  // (A ref, not state: the numbers follow from the props, and keeping them only saves recomputing.)
  const drawing = useRef<Recorded<unknown> | undefined>(undefined);
  if (live && (drawing.current === undefined || !readsStill(drawing.current.reads, scenario, results))) {
    drawing.current = recordReads(spec.data, scenario, results);
  }
  const next = live ? drawing.current : undefined;
  const host = useRef<HTMLDivElement>(null);
  const frame = useRef<HTMLElement>(null);
  const [failed, setFailed] = useState(false);
  // The figure's text alternative, from the same numbers as the figure itself.
  const drawnDescription = next ? spec.describe(next.value as never) : "";
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
  useEffect(() => figures.loadWhenIdle(), []);
  // A layout effect: once Plot is loaded the figure is redrawn before the browser paints, so
  // outputs and figure change in the same frame.
  useLayoutEffect(() => {
    if (!live || !next || !host.current) return;
    const data = next.value;
    const draw = (mod: FigureModule) => {
      if (!host.current) return;
      try {
        mod.renderFigure(host.current, figure, data as never);
        setFailed(false);
      } catch {
        setFailed(true);
      }
    };
    if (figures.loaded) {
      const mod = figures.loaded;
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
        figures
          .load()
          .then((mod) => current && draw(mod))
          .catch(() => current && setFailed(true));
      }, 0),
    );
    return () => {
      current = false;
      cancelAnimationFrame(afterPaint);
    };
  }, [live, figure, next]);
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
