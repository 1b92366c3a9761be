/**
 * Plot writes aria-label on each mark's <g>; without a role that attribute is prohibited
 * (axe: aria-prohibited-attr). Giving those groups role="group" makes the labels valid.
 * Used on both the server-rendered and the browser-rendered figures.
 */
export function labelMarkGroups(root: Element): void {
  for (const g of Array.from(root.querySelectorAll("g[aria-label]"))) g.setAttribute("role", "group");
}
