/** Each prerendered figure as a PNG file (twice its size, for sharp slides and documents). */
import type { APIRoute, GetStaticPaths } from "astro";
import { FIGURE_FILES } from "../../site/figure-files.ts";
import { figureFilePng } from "../../site/social/figure-file.ts";

export const getStaticPaths = (() => Object.keys(FIGURE_FILES).map((figure) => ({ params: { figure } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const describe = FIGURE_FILES[params.figure!]!;
  return new Response(figureFilePng(describe()), { headers: { "Content-Type": "image/png" } });
};
