/**
 * Renders a figure description to an SVG string at build time, with linkedom as the DOM, so
 * that readers without JavaScript see every figure. Build-time only: never imported by islands.
 */
import { parseHTML } from "linkedom";
import { plot, type PlotOptions } from "./plot-api.ts";
import { finishFigure } from "./finish-figure.ts";

export function renderSvg(options: PlotOptions): string {
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  const svg = plot({ ...options, document }) as unknown as Element;
  finishFigure(svg);
  return svg.outerHTML;
}
