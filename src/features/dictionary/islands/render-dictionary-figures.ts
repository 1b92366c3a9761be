/**
 * Draws the dictionary page's figures in the browser. Loaded on demand by the tool once a file is
 * measured: this module is what pulls in Plot, so it stays out of the page's first download.
 */
import type { DictionaryGeometry } from "../engine/geometry.ts";
import { dictionaryMapFigure, overlapHistogramFigure } from "../figures/dictionary-figures.ts";
import type { YourDictionary } from "../figures/dictionary-text.ts";
import { finishFigure } from "../../../plot/finish-figure.ts";
import { figureSizeFor } from "../../../plot/figure-size.ts";
import { plot } from "../../../plot/plot-api.ts";

/** The size to draw at: the host's width, or its figure box's while the host is still hidden. */
function sizeOf(host: HTMLElement) {
  return figureSizeFor(host.clientWidth || host.parentElement?.clientWidth || 0);
}

/** Replaces the contents of `host` with the |cos| histogram of a measured dictionary. */
export function renderOverlapHistogram(host: HTMLElement, geometry: DictionaryGeometry): void {
  const svg = plot(overlapHistogramFigure(geometry, sizeOf(host)));
  finishFigure(svg);
  host.replaceChildren(svg);
}

/** Replaces the contents of `host` with the map of SAEs, the reader's dictionary first. */
export function renderDictionaryMap(host: HTMLElement, yours: YourDictionary): void {
  const svg = plot(dictionaryMapFigure(yours, sizeOf(host)));
  finishFigure(svg);
  host.replaceChildren(svg);
}
