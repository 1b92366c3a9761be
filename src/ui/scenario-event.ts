/** Names shared by the islands and the code Astro inlines into the page (directives, scripts). */

/** Dispatched on window by the scenario store when a reader changes the scenario. */
export const SCENARIO_CHANGE_EVENT = "site:scenario-change";

/** Dispatch on window to have pending address writes made now, before reading the address. */
export const FLUSH_ADDRESS_EVENT = "site:flush-address";

/**
 * Set on <html> before the first paint (BaseHead's inline script) when the page was opened from
 * a link that carries a view: any query string, since every query parameter the site writes is
 * part of what a page shows. Read by the islands and their directive, so the rule lives in one
 * place; the stylesheet hides the prerendered numbers while it is set and an island has not woken.
 */
export const LINKED_VIEW_ATTRIBUTE = "data-linked";

/** Whether this page was opened on a linked view (see {@link LINKED_VIEW_ATTRIBUTE}). Browser only. */
export function isLinkedView(): boolean {
  return document.documentElement.hasAttribute(LINKED_VIEW_ATTRIBUTE);
}
