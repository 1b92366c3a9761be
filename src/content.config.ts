import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import { z } from "astro/zod";
import { CALCULATOR_NAMES } from "./features/calculators/registry.ts";

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
    /**
     * What the page's social card shows next to its title (optional; without it, the
     * description): one of the calculators' figures, or a few formulas written as plain text with
     * `^{…}` for a superscript and `√{…}` for a square root (see src/site/social/card.ts).
     */
    card: z
      .object({
        figure: z.enum(CALCULATOR_NAMES).optional(),
        formulas: z.array(z.string()).max(4).optional(),
      })
      .optional(),
  }),
});

export const collections = { sections };
