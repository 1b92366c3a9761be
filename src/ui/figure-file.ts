/**
 * A figure as a file, in the browser: the SVG on screen, made standalone (src/plot/standalone-svg.ts)
 * with the page's current colours, or that rasterised at twice its size as a PNG. Loaded by the
 * page's download handler on the first click, so it costs nothing before.
 */
import { standaloneSvg } from "../plot/standalone-svg.ts";
import { saveFile } from "./save-file.ts";

/** The SVG of `svg` as a standalone file's text, in the colours the page shows now. */
export function figureSvgText(svg: SVGSVGElement): string {
  const styles = getComputedStyle(document.documentElement);
  const colourOf = (name: string) => styles.getPropertyValue(`--${name}`).trim() || undefined;
  return standaloneSvg(new XMLSerializer().serializeToString(svg), {
    colourOf,
    text: colourOf("text") ?? "#000000",
    background: colourOf("page-bg") ?? "#ffffff",
  });
}

/** `text` (an SVG file) drawn at `scale` times its size into a PNG. */
export async function svgToPng(text: string, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([text], { type: "image/svg+xml" }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(image.naturalWidth * scale);
    canvas.height = Math.round(image.naturalHeight * scale);
    const context = canvas.getContext("2d");
    if (!context) throw new Error("this browser cannot draw into a canvas");
    context.scale(scale, scale);
    context.drawImage(image, 0, 0);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("the PNG could not be made"))), "image/png"),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Downloads the figure that holds `svg`, as `kind`, under the name `name`. */
export async function downloadFigure(svg: SVGSVGElement, kind: "svg" | "png", name: string): Promise<void> {
  const text = figureSvgText(svg);
  saveFile(name, kind === "svg" ? new Blob([text], { type: "image/svg+xml" }) : await svgToPng(text));
}
