/** The URL path of a section: the `index` entry is the home page, every other one its own folder. */
export function pathOf(id: string): string {
  return id === "index" ? "/" : `/${id}/`;
}

/** The site path of a section's social card (rendered by src/pages/og/[card].png.ts). */
export function cardPathOf(id: string): string {
  return `/og/${id}.png`;
}
