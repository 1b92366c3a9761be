/**
 * Renders a figure description to an SVG string at build time, with linkedom as the DOM, so
 * that readers without JavaScript see every figure. Build-time only: never imported by islands.
 */
import { parseHTML } from "linkedom";
import { plot, type PlotOptions } from "./plot-api.ts";
import { finishFigure } from "./finish-figure.ts";
import { NARROW_FIGURE, WIDE_FIGURE, type FigureSize } from "./figure-size.ts";

export function renderSvg(options: PlotOptions): string {
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  const svg = plot({ ...options, document }) as unknown as Element;
  finishFigure(svg);
  return svg.outerHTML;
}

/**
 * A figure prerendered at both widths (figure-size.ts), each in its own box; the stylesheet shows
 * the one that fits (`.figure__variant`). The wide one comes first: it is what a page without CSS,
 * a social card or a print shows.
 */
export function renderFigureVariants(describe: (size: FigureSize) => PlotOptions): string {
  return [
    `<div class="figure__variant figure__variant--wide">${renderSvg(describe(WIDE_FIGURE))}</div>`,
    `<div class="figure__variant figure__variant--narrow">${renderSvg(describe(NARROW_FIGURE))}</div>`,
  ].join("");
}
