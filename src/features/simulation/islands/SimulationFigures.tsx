import type { ComponentChildren } from "preact";
import { useRef } from "preact/hooks";
import { formatCount } from "../../../numbers/format.ts";
import type { SweepSummary } from "../engine/sweep.ts";
import { describeNoiseModelsFigure, describeOverlapHistogram, overlapMarks } from "../figures/simulation-text.ts";
import { FigureDownloads } from "../../../ui/FigureDownloads.tsx";
import type { LastRun } from "./last-run.ts";
import { RedrawnPlot } from "../../../ui/RedrawnPlot.tsx";
import { drawInTurn, useRedrawnFigures } from "../../../ui/useRedrawnFigures.ts";
import { lazyFigures } from "../../../ui/lazy-figures.ts";

/**
 * Why a dynamic import: Plot is needed only to redraw the figures after a run; it is not
 * downloaded before the reader asks for one.
 */
export const simulationFigures = lazyFigures(() => import("./render-simulation-figures.ts"));

/**
 * The two figures of the last run: the prerendered SVGs for the build's run, redrawn in the browser
 * (Plot loaded on demand) after a run made here, each in its two boxes (RedrawnPlot). Captions
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
  const hosts = useRef<Partial<Record<"noise" | "histogram", HTMLDivElement | null>>>({});
  const { drawn, failed } = useRedrawnFigures(last, (isCurrent) => {
    const { summary, overlaps } = last;
    if (overlaps === undefined) return undefined;
    return simulationFigures.load().then(async (mod) => {
      const done = await drawInTurn(["noise", "histogram"], hosts.current, isCurrent, (host, name) =>
        name === "noise" ? mod.renderNoiseModels(host, summary, summary.points) : mod.renderOverlapHistogram(host, summary, overlaps),
      );
      return done ? summary : undefined;
    });
  });
  const live = drawn !== undefined;
  const shown = drawn ?? initial;
  const pairs = shown ? (shown.m * (shown.m - 1)) / 2 : 0;
  return (
    <div class="simulation__figures">
      {failed && <p class="figure__error">The figures could not be redrawn for the last run; the tables above have its numbers.</p>}
      <figure class="figure">
        <RedrawnPlot live={live} hosts={hosts} name="noise" prerendered={noise} />
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
        <RedrawnPlot live={live} hosts={hosts} name="histogram" prerendered={histogram} />
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
