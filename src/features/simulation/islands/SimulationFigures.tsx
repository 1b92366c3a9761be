import type { ComponentChildren } from "preact";
import { useRef } from "preact/hooks";
import { formatCount } from "../../../numbers/format.ts";
import type { SweepSummary } from "../engine/sweep.ts";
import { describeNoiseModelsFigure, describeOverlapHistogram, overlapMarks } from "../figures/simulation-text.ts";
import { FigureDownloads } from "../../../ui/FigureDownloads.tsx";
import type { LastRun } from "./last-run.ts";
import { nextTask } from "../../../compute/jobs/drive.ts";
import { useRedrawnFigures } from "../../../ui/useRedrawnFigures.ts";
import { lazyFigures } from "../../../ui/lazy-figures.ts";

/**
 * Why a dynamic import: Plot is needed only to redraw the figures after a run; it is not
 * downloaded before the reader asks for one.
 */
export const simulationFigures = lazyFigures(() => import("./render-simulation-figures.ts"));

/**
 * The two figures of the last run: the prerendered SVGs for the build's run, redrawn in the browser
 * (Plot loaded on demand) after a run made here. Why two boxes: the live SVG goes into a box Preact
 * renders empty and never touches, and the prerendered one is dropped once it is drawn. Captions
 * and text descriptions follow what is drawn, so they never describe a run the figure does not show.
 */
export function RunFigures({
  last,
  initial,
  noise,
  histogram,
}: {
  last: LastRun;
  initial?: SweepSummary;
  noise?: ComponentChildren;
  histogram?: ComponentChildren;
}) {
  const noiseHost = useRef<HTMLDivElement>(null);
  const histogramHost = useRef<HTMLDivElement>(null);
  const { drawn, failed } = useRedrawnFigures(last, (isCurrent) => {
    const { summary, overlaps } = last;
    if (overlaps === undefined) return undefined;
    return simulationFigures.load().then(async (mod) => {
      // Each drawing in a task of its own, apart from the run's results and from each other:
      // together they would hold up input.
      await nextTask({ afterRendering: true });
      if (!isCurrent() || !noiseHost.current || !histogramHost.current) return undefined;
      mod.renderNoiseModels(noiseHost.current, summary, summary.points);
      await nextTask({ afterRendering: true });
      if (!isCurrent() || !histogramHost.current) return undefined;
      mod.renderOverlapHistogram(histogramHost.current, summary, overlaps);
      return summary;
    });
  });
  const live = drawn !== undefined;
  const shown = drawn ?? initial;
  const pairs = shown ? (shown.m * (shown.m - 1)) / 2 : 0;
  return (
    <div class="simulation__figures">
      {failed && <p class="figure__error">The figures could not be redrawn for the last run; the tables above have its numbers.</p>}
      <figure class="figure">
        <div class="figure__plot" ref={noiseHost} hidden={!live} />
        {!live && <div class="figure__plot">{noise}</div>}
        {shown && (
          <figcaption>
            Readout noise against l for n = {formatCount(shown.n)}, m = {formatCount(shown.m)}: the post’s ε√l (dashed), the worst of the m readouts
            (red; squares measured) and a typical readout (blue; circles measured).
            <span class="visually-hidden"> {describeNoiseModelsFigure(shown, shown.points)}</span>
          </figcaption>
        )}
        <FigureDownloads file="simulation-noise" />
      </figure>
      <figure class="figure">
        <div class="figure__plot" ref={histogramHost} hidden={!live} />
        {!live && <div class="figure__plot">{histogram}</div>}
        {shown && (
          <figcaption>
            All {formatCount(pairs)} pairwise overlaps of the run, counted (log scale), with{" "}
            {overlapMarks(shown.n, shown.m)
              .filter((mark) => mark.drawn)
              .map((mark) => `±${mark.label.replace(" (post)", "")}`)
              .join(", ")}{" "}
            marked.
            <span class="visually-hidden"> {describeOverlapHistogram(shown, { maxAbs: shown.maxOverlap, pairs })}</span>
          </figcaption>
        )}
        <FigureDownloads file="simulation-histogram" />
      </figure>
    </div>
  );
}
