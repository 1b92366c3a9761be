/**
 * The site's few icons, drawn once: 24 × 24 outlines stroked in currentColor, so they follow the
 * theme. Rendered by the Icon component (pages and islands) and by the Markdown heading links.
 */
export interface IconShape {
  readonly tag: "path" | "circle";
  readonly attributes: Readonly<Record<string, string>>;
}

export const ICONS = {
  /** A chain link: links to a section, a formula or a view. */
  link: [
    { tag: "path", attributes: { d: "M10 13a5 5 0 0 0 7.54.54l3-3a5 5 0 0 0-7.07-7.07l-1.72 1.71" } },
    { tag: "path", attributes: { d: "M14 11a5 5 0 0 0-7.54-.54l-3 3a5 5 0 0 0 7.07 7.07l1.71-1.71" } },
  ],
  /** A magnifying glass: search. */
  search: [
    { tag: "circle", attributes: { cx: "11", cy: "11", r: "7" } },
    { tag: "path", attributes: { d: "m20 20-3.5-3.5" } },
  ],
  /** A cross: close. */
  close: [{ tag: "path", attributes: { d: "M6 6l12 12M18 6 6 18" } }],
  /** A crescent moon: the dark theme. */
  moon: [{ tag: "path", attributes: { d: "M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z" } }],
  /** An arrow into a tray: download. */
  download: [
    { tag: "path", attributes: { d: "M12 4v11m-5-5 5 5 5-5" } },
    { tag: "path", attributes: { d: "M5 19h14" } },
  ],
} as const satisfies Record<string, readonly IconShape[]>;

export type IconName = keyof typeof ICONS;

/** The attributes of every icon's <svg> (without its size), as in an SVG file. */
export const ICON_SVG_ATTRIBUTES = {
  xmlns: "http://www.w3.org/2000/svg",
  viewBox: "0 0 24 24",
  "aria-hidden": "true",
  focusable: "false",
  fill: "none",
  stroke: "currentColor",
  "stroke-width": "2",
  "stroke-linecap": "round",
  "stroke-linejoin": "round",
} as const;
