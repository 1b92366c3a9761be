/**
 * How wide figures are drawn. The page prerenders each figure twice, at WIDE_FIGURE and at
 * NARROW_FIGURE, and the stylesheet shows the one that fits its box (a container query), so a
 * phone shows a figure drawn for it rather than the desktop one shrunk until its labels are
 * unreadable. The browser redraws at the width the box has, within the same bounds.
 */
export interface FigureSize {
  readonly width: number;
}

/** The desktop figure: the text column's width. */
export const WIDE_FIGURE: FigureSize = { width: 640 };

/**
 * The phone figure: fits a 375 px screen's calculator panel (375 − 2 × 16 px page margin −
 * 2 × 17 px panel padding and border = 309 px) unscaled, so 10 px labels stay 10 px. Narrower than
 * this, axis labels collide.
 */
export const NARROW_FIGURE: FigureSize = { width: 300 };

/** Below this box width the narrow figure is shown (see calculators.css, `.figure__variant`). */
export const NARROW_BELOW_PX = 480;

/** The width to redraw at in a box `available` px wide (0 when unknown: the wide figure). */
export function figureSizeFor(available: number): FigureSize {
  if (!(available > 0)) return WIDE_FIGURE;
  return { width: Math.max(NARROW_FIGURE.width, Math.min(WIDE_FIGURE.width, Math.floor(available))) };
}
