/**
 * A figure's SVG as the page shows it, made a file that stands on its own: for the social cards
 * (rasterised by resvg, which parses XML and knows no CSS) and for a reader's download of a figure
 * (opened in any viewer or editor). Pure string work, the same at build time and in the browser.
 *
 * What changes: the ARIA attributes go (a card has its own alt text, and an HTML serialiser may
 * leave `<` unescaped in attributes, which XML rejects; the title is kept as <title>), the page's
 * <style> goes, each `var(--x)` (or `var(--x, fallback)`) becomes `colourOf(x)` (or the fallback),
 * the text colour is set for `currentColor`, a background is painted when one is given, and the
 * view box grows on the right for the end labels of lines, which the page lets run past the edge.
 */

/** Extra room on the right of a figure for labels that overflow it. */
export const LABEL_ROOM = 70;

/** The width and height of an SVG, from its view box. */
export function svgSize(svg: string): { width: number; height: number } {
  const m = /viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"/.exec(svg);
  if (!m) throw new Error("the figure's SVG has no view box");
  return { width: Number(m[1]), height: Number(m[2]) };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export interface StandaloneOptions {
  /** The colour of the CSS variable `--name`, or undefined for the fallback (or `text`). */
  colourOf: (name: string) => string | undefined;
  /** The colour for text and `currentColor`. */
  text: string;
  /** A background to paint under the figure (a downloaded file); none on a card. */
  background?: string;
}

export function standaloneSvg(svg: string, { colourOf, text, background }: StandaloneOptions): string {
  const title = /\saria-label="([^"]*)"/.exec(svg)?.[1];
  const size = svgSize(svg);
  const wide = size.width + LABEL_ROOM;
  return svg
    .replace(/\saria-[\w-]+="[^"]*"/g, "")
    .replace(/<style>[\s\S]*?<\/style>/g, "")
    .replace(/var\(--([\w-]+)(?:,\s*([^()]+?))?\)/g, (_, name: string, fallback?: string) => colourOf(name) ?? fallback ?? text)
    .replace(/<svg [^>]*>/, (tag) => {
      const open = tag
        .replace(/\sxmlns="[^"]*"/, "")
        .replace(/^<svg /, `<svg xmlns="http://www.w3.org/2000/svg" color="${text}" `)
        .replace(/\sviewBox="[^"]*"/, ` viewBox="0 0 ${wide} ${size.height}"`)
        .replace(/\swidth="[^"]*"/, ` width="${wide}"`)
        .replace(/\sheight="[^"]*"/, ` height="${size.height}"`);
      const titled = title === undefined ? open : `${open}<title>${escapeXml(title)}</title>`;
      return background === undefined ? titled : `${titled}<rect width="100%" height="100%" fill="${background}"/>`;
    });
}
