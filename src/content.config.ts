import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import { z } from "astro/zod";

/** One MDX file per section of the post, plus the reference page; `order` sets the reading order. */
const sections = defineCollection({
  loader: glob({ pattern: "*.mdx", base: "./content" }),
  schema: z.object({
    title: z.string(),
    /** One sentence for search results and link previews. */
    description: z.string(),
    /** Position in the reading order (the home page is 0). */
    order: z.number().int(),
    /** Short label for the navigation. */
    nav: z.string(),
  }),
});

export const collections = { sections };
