/** Facts about the site and the post it explains, used by the layout and the reference page. */
export const SITE_TITLE = "Costs of superposition, worked";
export const POST = {
  title: "Some costs of superposition",
  author: "Linda Linsefors",
  venue: "AI Alignment Forum",
  date: "2024-03-03",
  url: "https://www.alignmentforum.org/posts/ArvgRhqnEeX7cnJu9/some-costs-of-superposition",
} as const;

const published = new Date(`${POST.date}T00:00:00Z`);
const inWords = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat("en-GB", { ...options, timeZone: "UTC" }).format(published);

/** The post's date as the pages write it, all from POST.date. */
export const POST_DATE = {
  /** "3 March 2024" */
  day: inWords({ day: "numeric", month: "long", year: "numeric" }),
  /** "March 2024" */
  month: inWords({ month: "long", year: "numeric" }),
  /** 2024 */
  year: published.getUTCFullYear(),
  /** BibTeX's month macro: "mar" */
  bibMonth: inWords({ month: "short" }).slice(0, 3).toLowerCase(),
} as const;

/** Joins the deploy base path and a site path: withBase("/sparsity/") → "/sub/sparsity/". */
export function withBase(path: string): string {
  const base = import.meta.env.BASE_URL.replace(/\/$/, "");
  return `${base}${path}`;
}

/**
 * The absolute address of a site path, from SITE_URL and BASE_PATH:
 * absoluteUrl("/og/sparsity.png", site) → "https://example.org/sub/og/sparsity.png".
 * For what must stand on its own outside the site: canonical links, social cards, citations.
 */
export function absoluteUrl(path: string, site: URL | string | undefined): string {
  if (site === undefined) throw new Error("SITE_URL is not set: absolute links need the site's address (astro.config.mjs `site`).");
  return new URL(withBase(path), site).href;
}
