/**
 * A figure as a file, at build time: the SVG in the light palette with a background (what a
 * reader without JavaScript downloads), and the same rasterised by resvg at twice its size.
 */
import { Resvg } from "@resvg/resvg-js";
import { PALETTE } from "../palette.ts";
import type { PlotOptions } from "../../plot/plot-api.ts";
import { renderSvg } from "../../plot/render-svg.ts";
import { standaloneSvg } from "../../plot/standalone-svg.ts";
import { FONT_FAMILY, FONT_FILES } from "./card.ts";

export function figureFileSvg(options: PlotOptions): string {
  const light = PALETTE.light;
  return standaloneSvg(renderSvg(options), { colourOf: (name) => light[name], text: light.text!, background: light["page-bg"]! });
}

export function figureFilePng(options: PlotOptions): Uint8Array<ArrayBuffer> {
  const resvg = new Resvg(figureFileSvg(options), {
    fitTo: { mode: "zoom", value: 2 },
    font: { loadSystemFonts: false, fontFiles: [FONT_FILES.regular, FONT_FILES.bold], defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
  });
  return new Uint8Array(resvg.render().asPng()) as Uint8Array<ArrayBuffer>;
}
