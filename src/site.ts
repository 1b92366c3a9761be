/** Facts about the site and the post it explains, used by the layout and the reference page. */
export const SITE_TITLE = "Costs of superposition, worked";
export const POST = {
  title: "Some costs of superposition",
  author: "Linda Linsefors",
  venue: "AI Alignment Forum",
  date: "2024-03-03",
  url: "https://www.alignmentforum.org/posts/ArvgRhqnEeX7cnJu9/some-costs-of-superposition",
} as const;

/** Joins the deploy base path and a site path: withBase("/sparsity/") → "/sub/sparsity/". */
export function withBase(path: string): string {
  const base = import.meta.env.BASE_URL.replace(/\/$/, "");
  return `${base}${path}`;
}
