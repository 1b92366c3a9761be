import type { ComponentChildren } from "preact";
import { useRef } from "preact/hooks";
import { formatCount } from "../../../numbers/format.ts";
import type { ToyModelSummary } from "../engine/summary.ts";
import { describeFeaturesFigure, describeGramFigure, describeLossFigure, describePlaneFigure } from "../figures/toy-model-text.ts";
import { FigureDownloads } from "../../../ui/FigureDownloads.tsx";
import type { ToyModelFigureName } from "./render-toy-model-figures.ts";
import type { LastToyModelRun } from "./toy-model-last-run.ts";
import { RedrawnPlot } from "../../../ui/RedrawnPlot.tsx";
import { drawInTurn, useRedrawnFigures } from "../../../ui/useRedrawnFigures.ts";
import { lazyFigures } from "../../../ui/lazy-figures.ts";

/**
 * Why a dynamic import: Plot is needed only to redraw the figures after a training run; it is not
 * downloaded before a run is done.
 */
const figures = lazyFigures(() => import("./render-toy-model-figures.ts"));

interface FigureSpec {
  readonly name: ToyModelFigureName;
  /** The build's file of the figure (src/site/figure-files.ts). */
  readonly file: string;
  readonly caption: (s: ToyModelSummary) => string;
  readonly describe: (s: ToyModelSummary) => string;
}

const FIGURES: readonly FigureSpec[] = [
  {
    name: "gram",
    file: "toy-model-gram",
    caption: (s) =>
      `WᵀW for n = ${formatCount(s.settings.n)}, m = ${formatCount(s.settings.m)}, in order of importance: blue where two features’ directions point ` +
      `the same way, red where they point opposite ways; the diagonal is each feature’s squared length.`,
    describe: describeGramFigure,
  },
  {
    name: "plane",
    file: "toy-model-plane",
    caption: (s) =>
      `The ${formatCount(s.settings.m)} feature directions in the plane of the two neurons, with the unit circle; represented ones numbered by importance.`,
    describe: (s) => describePlaneFigure([{ label: "your run", summary: s }]),
  },
  {
    name: "features",
    file: "toy-model-features",
    caption: () => "Each feature’s length ‖Wᵢ‖ (up; represented above the dashed line at ½) and, for the represented ones, its superposition (down).",
    describe: describeFeaturesFigure,
  },
  {
    name: "loss",
    file: "toy-model-loss",
    caption: () => "The training loss against the step, on a log scale.",
    describe: describeLossFigure,
  },
];

/**
 * The figures of the last run: the prerendered SVGs of the build's run (Astro slots, by figure
 * name), redrawn in the browser (Plot loaded on demand) after a run made here, each in its two
 * boxes (RedrawnPlot); captions and text descriptions follow what is drawn. The picture in the
 * plane is drawn only for n = 2.
 */
export function ToyModelFigures({
  last,
  initial,
  prerendered,
}: {
  last: LastToyModelRun;
  initial?: ToyModelSummary;
  prerendered: Partial<Record<ToyModelFigureName, ComponentChildren>>;
}) {
  const hosts = useRef<Partial<Record<ToyModelFigureName, HTMLDivElement | null>>>({});
  const { drawn, failed } = useRedrawnFigures(last, (isCurrent) => {
    const { run, summary } = last;
    if (run === undefined) return undefined;
    return figures.load().then(async (mod) => {
      const names = FIGURES.map((spec) => spec.name);
      const done = await drawInTurn(names, hosts.current, isCurrent, (host, name) => mod.renderToyModelFigure(host, name, run));
      return done ? summary : undefined;
    });
  });
  const live = drawn !== undefined;
  const shown = drawn ?? initial;
  // The plane figure exists for an n = 2 run: shown once drawn, its box there to draw into before.
  const planeWanted = last.run !== undefined && last.summary.settings.n === 2;
  return (
    <div class="toy-model__figures">
      {failed && <p class="figure__error">The figures could not be redrawn for the last run; the table above has its numbers.</p>}
      {FIGURES.map((spec) => {
        const isPlane = spec.name === "plane";
        if (isPlane && !planeWanted && prerendered.plane === undefined) return null;
        const visible = isPlane ? (live ? drawn.settings.n === 2 && drawn === last.summary : prerendered.plane !== undefined) : true;
        return (
          <figure class="figure" key={spec.name} hidden={!visible} data-figure={spec.name}>
            <RedrawnPlot live={live} hosts={hosts} name={spec.name} prerendered={prerendered[spec.name]} />
            {shown && (
              <figcaption>
                {spec.caption(shown)}
                <span class="visually-hidden"> {spec.describe(shown)}</span>
              </figcaption>
            )}
            <FigureDownloads file={spec.file} />
          </figure>
        );
      })}
    </div>
  );
}
