/**
 * Each prerendered figure as an SVG file a reader can download and open anywhere: the light
 * palette's colours instead of the page's CSS variables, a background, a title.
 */
import type { APIRoute, GetStaticPaths } from "astro";
import { FIGURE_FILES } from "../../site/figure-files.ts";
import { figureFileSvg } from "../../site/social/figure-file.ts";

export const getStaticPaths = (() => Object.keys(FIGURE_FILES).map((figure) => ({ params: { figure } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const describe = FIGURE_FILES[params.figure!]!;
  return new Response(figureFileSvg(describe()), { headers: { "Content-Type": "image/svg+xml" } });
};
