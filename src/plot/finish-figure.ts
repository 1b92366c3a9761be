/**
 * The last touches every rendered figure gets, on the server and in the browser alike.
 */
import { labelMarkGroups } from "./accessibility.ts";

/**
 * Colours of the figures: the site's CSS variables (src/site/styles/palette.css), so dark mode restyles
 * them. Where no stylesheet applies, whoever takes a figure away resolves them from the palette
 * (the social cards: src/site/palette.ts; a downloaded SVG: the page's computed colours).
 */
export const FIGURE_COLOURS = {
  accent: "var(--accent)",
  danger: "var(--danger)",
  muted: "var(--muted)",
  background: "var(--page-bg)",
} as const;

/** The size of a figure's own words (tick labels, axis titles), in px: set on its <svg>. */
export const TICK_FONT_SIZE = 12;

/** The class every figure's <svg> carries; its styles live in the site's stylesheet. */
export const FIGURE_CLASS = "figure-svg";

/**
 * Makes mark groups' labels valid ARIA, drops the <style> element Plot puts in each SVG, and sets
 * the figure's type size and overflow as attributes.
 * Why drop it: inserting a <style> makes the browser recompute styles for the whole page, which
 * on a long page cost most of the time of each redraw; the same rules sit once in calculators.css
 * under {@link FIGURE_CLASS}.
 */
export function finishFigure(svg: Element): void {
  labelMarkGroups(svg);
  for (const style of Array.from(svg.querySelectorAll("style"))) style.remove();
  // The figure's own look as presentation attributes, not a style attribute, which a strict
  // Content-Security-Policy refuses: 12 px type, and end labels that may run past the frame.
  svg.removeAttribute("style");
  svg.setAttribute("font-size", String(TICK_FONT_SIZE));
  svg.setAttribute("overflow", "visible");
}
