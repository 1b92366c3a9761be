/**
 * The last touches every rendered figure gets, on the server and in the browser alike.
 */
import { labelMarkGroups } from "./accessibility.ts";

/**
 * Colours of the figures: the site's CSS variables (so dark mode restyles them), with the light
 * palette of global.css as the fallback where no stylesheet applies (the social cards).
 */
export const FIGURE_COLOURS = {
  accent: "var(--accent, #1f5fbf)",
  danger: "var(--danger, #b3261e)",
  muted: "var(--muted, #55575d)",
  background: "var(--page-bg, #ffffff)",
} as const;

/** The class every figure's <svg> carries; its styles live in the site's stylesheet. */
export const FIGURE_CLASS = "figure-svg";

/**
 * Makes mark groups' labels valid ARIA, and drops the <style> element Plot puts in each SVG.
 * Why drop it: inserting a <style> makes the browser recompute styles for the whole page, which
 * on a long page cost most of the time of each redraw; the same rules sit once in global.css
 * under {@link FIGURE_CLASS}.
 */
export function finishFigure(svg: Element): void {
  labelMarkGroups(svg);
  for (const style of Array.from(svg.querySelectorAll("style"))) style.remove();
}
