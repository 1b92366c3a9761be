/** The URL path of a section: the `index` entry is the home page, every other one its own folder. */
export function pathOf(id: string): string {
  return id === "index" ? "/" : `/${id}/`;
}

/** The site path of a section's social card (rendered by src/pages/og/[card].png.ts). */
export function cardPathOf(id: string): string {
  return `/og/${id}.png`;
}

/** Content entries in reading order (their frontmatter's `order`): the navigation's and the pager's. */
export function inReadingOrder<T extends { data: { order: number } }>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => a.data.order - b.data.order);
}
