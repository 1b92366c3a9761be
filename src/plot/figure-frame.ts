/**
 * The frame every figure of the site shares: its size and margins, its class, its title and text
 * description, and where its words go. Each kind of word has a region of its own, so none meets
 * another: the y axis's tick labels in a left margin as wide as the widest of them, its title above
 * the frame; the x axis's tick labels below the frame and its title centred on a line of its own
 * under them; the curves' end labels in a right margin as wide as the widest (labels.ts places them).
 */
import { FIGURE_CLASS, TICK_FONT_SIZE } from "./finish-figure.ts";
import type { FigureSize } from "./figure-size.ts";
import { marginForLabels, textWidth, type PlacedLabel } from "./labels.ts";
import type { PlotOptions } from "./plot-api.ts";

/** Narrow screens get a taller aspect so the curves stay readable. */
function heightFor(width: number): number {
  return Math.round(Math.max(280, Math.min(380, width * 0.6)));
}

/** Room above the frame for the y axis's title, clear of the top tick label. */
const MARGIN_TOP = 30;
/** Room below the frame for the x axis's tick labels and, under them, its title. */
const MARGIN_BOTTOM = 46;

/**
 * The x axis's title centred on the last line, under the tick labels (Plot's default puts it at the
 * right end, level with them, where a long title runs over the last ticks). Spread into `x`.
 */
export const X_TITLE = { labelAnchor: "center", labelOffset: MARGIN_BOTTOM - 6 } as const;

/** What a figure writes in its margins, for sizing them. */
export interface FrameWords {
  /** The y axis's tick labels as shown (the left margin fits the widest). */
  readonly yTicks?: readonly string[];
  /** The labels the figure places (those at the ends of curves set the right margin). */
  readonly labels?: readonly PlacedLabel[];
}

/** Options every figure of the site shares: size, margins, class, title and text description. */
export function common(size: FigureSize, title: string, description: string, words: FrameWords = {}): Partial<PlotOptions> {
  const narrow = size.width < 480;
  const widestTick = Math.max(0, ...(words.yTicks ?? []).map((t) => textWidth(t, TICK_FONT_SIZE)));
  return {
    width: size.width,
    height: heightFor(size.width),
    marginTop: MARGIN_TOP,
    marginBottom: MARGIN_BOTTOM,
    // Tick labels end 9 px left of the frame (a 6 px tick and 3 px of air); 4 px to spare.
    marginLeft: Math.ceil(Math.max(narrow ? 40 : 52, widestTick + 13)),
    // At least room for half the last x tick label, centred on the frame's right edge.
    marginRight: Math.max(24, marginForLabels(words.labels ?? [])),
    className: FIGURE_CLASS,
    ariaLabel: title,
    ariaDescription: description,
  };
}
