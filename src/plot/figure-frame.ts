/**
 * The frame every figure of the site shares: its size and margins, its class, its title and text
 * description, and where the label at the end of a curve goes.
 */
import { FIGURE_CLASS } from "./finish-figure.ts";
import type { FigureSize } from "./figure-size.ts";
import type { PlotOptions } from "./plot-api.ts";

/** Narrow screens get a taller aspect so the curves stay readable. */
function heightFor(width: number): number {
  return Math.round(Math.max(280, Math.min(380, width * 0.6)));
}
/** Where curve labels go: right of the curve's end, or inside the frame when there is no room. */
export function endLabel(size: FigureSize) {
  return size.width < 480 ? { textAnchor: "end" as const, dx: -4, dy: -8 } : { textAnchor: "start" as const, dx: 6 };
}

/** Options every figure of the site shares: size, margins, class, title and text description. */
export function common(size: FigureSize, title: string, description: string): Partial<PlotOptions> {
  const narrow = size.width < 480;
  return {
    width: size.width,
    height: heightFor(size.width),
    marginLeft: narrow ? 44 : 56,
    marginRight: narrow ? 16 : 96,
    className: FIGURE_CLASS,
    ariaLabel: title,
    ariaDescription: description,
  };
}
