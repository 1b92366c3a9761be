/** Facts about the site and the post it explains, used by the layout and the reference page. */
export const SITE_TITLE = "Costs of superposition, worked";
export const POST = {
  title: "Some costs of superposition",
  author: "Linda Linsefors",
  venue: "AI Alignment Forum",
  date: "2024-03-03",
  url: "https://www.alignmentforum.org/posts/ArvgRhqnEeX7cnJu9/some-costs-of-superposition",
} as const;

const [year, month, day] = POST.date.split("-").map(Number) as [number, number, number];
/**
 * Month names written out rather than with Intl.DateTimeFormat: islands import this module (for
 * withBase), and the first Intl formatter a page builds loads the browser's locale data — 50 ms
 * here, about 200 ms on a phone-speed CPU — before a calculator's first answer.
 */
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"] as const;
const monthName = MONTHS[month - 1]!;

/** The post's date as the pages write it, all from POST.date. */
export const POST_DATE = {
  /** "3 March 2024" */
  day: `${day} ${monthName} ${year}`,
  /** "March 2024" */
  month: `${monthName} ${year}`,
  /** 2024 */
  year,
  /** BibTeX's month macro: "mar" */
  bibMonth: monthName.slice(0, 3).toLowerCase(),
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
