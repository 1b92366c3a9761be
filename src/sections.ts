/** The URL path of a section: the `index` entry is the home page, every other one its own folder. */
export function pathOf(id: string): string {
  return id === "index" ? "/" : `/${id}/`;
}
