/**
 * One social card per page, written to dist/og/<id>.png at build time (the home page's is
 * og/index.png). BaseHead points og:image and twitter:image at it with an absolute address.
 */
import type { APIRoute, GetStaticPaths } from "astro";
import { getCollection, type CollectionEntry } from "astro:content";
import { renderCard } from "../../site/social/card.ts";
import { cardContentOf } from "../../site/social/card-content.ts";

export const getStaticPaths = (async () => {
  const sections = await getCollection("sections");
  return sections.map((entry) => ({ params: { card: entry.id }, props: { entry } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ entry: CollectionEntry<"sections"> }> = async ({ props }) => {
  const png = await renderCard(cardContentOf(props.entry.data));
  return new Response(png, { headers: { "Content-Type": "image/png" } });
};
