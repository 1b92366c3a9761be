/**
 * Options for rehype-autolink-headings: every section heading (h2–h4) written in Markdown gets a
 * visible link to itself right after it; the page's copy-link script (CopyFeedback.astro) also copies
 * its address to the clipboard when it is clicked.
 *
 * Why after the heading and not inside it: a link inside an <h2> would become part of the
 * heading's accessible name ("The setup, Link to section: The setup") and of the outline. The
 * heading and its link are wrapped in a <div class="heading"> so they sit on one line.
 *
 * Why an icon as the link's only child: Astro collects each heading's text for the table of
 * contents after these plugins run, and would pick up any text inside the group's link.
 *
 * Runs after Astro's rehypeHeadingIds (see astro.config.mjs), which gives the headings their ids.
 */
import type { Element } from "hast";
import { toString } from "hast-util-to-string";
import type { Options } from "rehype-autolink-headings";
import { h, s } from "hastscript";
import { ICON_SVG_ATTRIBUTES, ICONS } from "../../ui/icons.ts";

/** Headings that are not sections a reader would link to: the hidden "Footnotes" label. */
const UNLINKED_IDS = new Set(["footnote-label"]);

/** The site's chain-link icon (src/ui/icons.ts) as a hast element. */
export function linkIcon(): Element {
  return s(
    "svg",
    { ...ICON_SVG_ATTRIBUTES, width: 18, height: 18 },
    ICONS.link.map((shape) => s(shape.tag, { ...shape.attributes })),
  );
}

export const headingLinkOptions: Options = {
  behavior: "after",
  test: (node) => ["h2", "h3", "h4"].includes(node.tagName) && !UNLINKED_IDS.has(String(node.properties?.id)),
  group: (node) => h("div", { className: ["heading", `heading--${node.tagName}`] }),
  properties: (node) => ({
    className: ["heading-link"],
    ariaLabel: `Link to section: ${toString(node).trim()}`,
    dataCopyLink: "",
  }),
  content: () => [linkIcon()],
};
