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
import type { Element, ElementContent } from "hast";
import type { Options } from "rehype-autolink-headings";
import { h, s } from "hastscript";

/** Headings that are not sections a reader would link to: the hidden "Footnotes" label. */
const UNLINKED_IDS = new Set(["footnote-label"]);

/** The text of a hast element (what a reader sees as the heading). */
export function textOf(node: Element | ElementContent): string {
  if (node.type === "text") return node.value;
  if (node.type === "element") return node.children.map(textOf).join("");
  return "";
}

/** A chain-link icon, drawn with currentColor so it follows the theme. */
export function linkIcon(): Element {
  return s(
    "svg",
    { xmlns: "http://www.w3.org/2000/svg", viewBox: "0 0 24 24", width: 18, height: 18, ariaHidden: "true", focusable: "false", fill: "none", stroke: "currentColor", strokeWidth: 2, strokeLinecap: "round", strokeLinejoin: "round" },
    [s("path", { d: "M10 13a5 5 0 0 0 7.54.54l3-3a5 5 0 0 0-7.07-7.07l-1.72 1.71" }), s("path", { d: "M14 11a5 5 0 0 0-7.54-.54l-3 3a5 5 0 0 0 7.07 7.07l1.71-1.71" })],
  );
}

export const headingLinkOptions: Options = {
  behavior: "after",
  test: (node) => ["h2", "h3", "h4"].includes(node.tagName) && !UNLINKED_IDS.has(String(node.properties?.id)),
  group: (node) => h("div", { className: ["heading", `heading--${node.tagName}`] }),
  properties: (node) => ({
    className: ["heading-link"],
    ariaLabel: `Link to section: ${textOf(node).trim()}`,
    dataCopyLink: "",
  }),
  content: () => [linkIcon()],
};
