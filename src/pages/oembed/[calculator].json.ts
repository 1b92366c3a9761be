/**
 * oEmbed (https://oembed.com) for each calculator: what a forum or blog that understands oEmbed
 * puts in a post when a reader pastes the calculator's page (the full pages point here with a
 * <link rel="alternate" type="application/json+oembed">): a frame of its embed page.
 */
import type { APIRoute, GetStaticPaths } from "astro";
import { CALCULATOR_NAMES, CALCULATORS, type CalculatorName } from "../../features/calculators/registry.ts";
import { EMBED_FRAME } from "../../features/calculators/calculator-links.ts";
import { absoluteUrl, SITE_TITLE } from "../../facts/site.ts";

export const getStaticPaths = (() => CALCULATOR_NAMES.map((calculator) => ({ params: { calculator } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, site }) => {
  const name = params.calculator as CalculatorName;
  const title = CALCULATORS[name].title;
  const src = absoluteUrl(`/embed/${name}/`, site);
  const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  const body = {
    version: "1.0",
    type: "rich",
    title: `${title} · ${SITE_TITLE}`,
    provider_name: SITE_TITLE,
    provider_url: absoluteUrl("/", site),
    width: EMBED_FRAME.width,
    height: EMBED_FRAME.heights[name],
    html: `<iframe src="${escape(src)}" title="${escape(title)}" width="${EMBED_FRAME.width}" height="${EMBED_FRAME.heights[name]}" style="border:0" loading="lazy"></iframe>`,
  };
  return new Response(JSON.stringify(body, null, 2), { headers: { "Content-Type": "application/json+oembed" } });
};
