import { useMemo, useRef } from "preact/hooks";
import { nextTask } from "../../../compute/jobs/drive.ts";
import { withBase } from "../../../facts/site.ts";
import { formatCount } from "../../../numbers/format.ts";
import { lazyFigures } from "../../../ui/lazy-figures.ts";
import { LiveFigureDownloads } from "../../../ui/LiveFigureDownloads.tsx";
import { useRedrawnFigures } from "../../../ui/useRedrawnFigures.ts";
import type { DictionaryGeometry } from "../engine/geometry.ts";
import { describeDictionaryMap, describeOverlapHistogram, histogramMarks, type YourDictionary } from "../figures/dictionary-text.ts";

/**
 * Why a dynamic import: Plot is needed only once a file is measured; a reader who only reads the
 * page never downloads it.
 */
const figures = lazyFigures(() => import("./render-dictionary-figures.ts"));

interface Drawn {
  readonly geometry: DictionaryGeometry;
  readonly yours: YourDictionary | undefined;
}

/**
 * The two figures of a measured dictionary, drawn in the browser (Plot loaded on demand) into boxes
 * Preact renders empty and never touches: the |cos| histogram as soon as the geometry is measured,
 * the map of SAEs once the readouts give it an L0. Captions and text descriptions follow what is
 * drawn, so they never describe a figure that is not on screen.
 */
export function DictionaryFigures({ geometry, l0 }: { geometry: DictionaryGeometry; l0: number | undefined }) {
  const histogramHost = useRef<HTMLDivElement>(null);
  const mapHost = useRef<HTMLDivElement>(null);
  const wanted = useMemo<Drawn>(() => ({ geometry, yours: l0 === undefined ? undefined : { n: geometry.n, m: geometry.live, l0 } }), [geometry, l0]);
  // The geometry whose histogram the box holds: a new L0 redraws the map alone.
  const histogramOf = useRef<DictionaryGeometry | undefined>(undefined);
  const { drawn, failed } = useRedrawnFigures(wanted, (isCurrent) =>
    figures.load().then(async (mod) => {
      // Each drawing in a task of its own, apart from the results and from each other.
      if (histogramOf.current !== wanted.geometry) {
        await nextTask({ afterRendering: true });
        if (!isCurrent() || !histogramHost.current) return undefined;
        mod.renderOverlapHistogram(histogramHost.current, wanted.geometry);
        histogramOf.current = wanted.geometry;
      }
      if (wanted.yours !== undefined) {
        await nextTask({ afterRendering: true });
        if (!isCurrent() || !mapHost.current) return undefined;
        mod.renderDictionaryMap(mapHost.current, wanted.yours);
      }
      return wanted;
    }),
  );
  const shown = drawn?.geometry === geometry ? drawn : undefined;
  const marks = shown ? histogramMarks(shown.geometry).filter((mark) => mark.drawn) : [];
  return (
    <div class="dictionary__figures">
      {failed && <p class="figure__error">The figures could not be drawn; the tables above have the numbers.</p>}
      {/* A figure box is never hidden (empty, it takes no room), so that a drawing takes its width. */}
      <figure class="figure">
        <div class="figure__plot" ref={histogramHost} />
        {shown && (
          <figcaption>
            |cos| between the latents’ directions over {shown.geometry.mode === "exact" ? "all" : "a sample of"}{" "}
            {formatCount(shown.geometry.histogram.pairs)} pairs (bars, log scale), against what random directions would give for as many pairs (grey
            line){marks.length > 0 ? `, with ${marks.map((mark) => mark.label).join(", ")} marked` : ""}.
            <span class="visually-hidden"> {describeOverlapHistogram(shown.geometry)}</span>
          </figcaption>
        )}
        {shown && <LiveFigureDownloads file="dictionary-overlaps" />}
      </figure>
      <figure class="figure">
        <div class="figure__plot" ref={mapHost} hidden={shown?.yours === undefined} />
        {shown?.yours && (
          <figcaption>
            Your dictionary (first row, red dot) among the published SAEs of the <a href={withBase("/real-saes/#figure-saes")}>real SAEs page</a>: per
            row the post’s limit n / (8 ln m) (red tick), the typical reading’s limit n / 4 (grey tick) and L0 (dot).
            <span class="visually-hidden"> {describeDictionaryMap(shown.yours)}</span>
          </figcaption>
        )}
        {shown?.yours && <LiveFigureDownloads file="dictionary-map" />}
      </figure>
    </div>
  );
}
