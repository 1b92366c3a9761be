/** Names shared by the islands and the code Astro inlines into the page (directives, scripts). */

/** Dispatched on window by the scenario store when a reader changes the scenario. */
export const SCENARIO_CHANGE_EVENT = "site:scenario-change";

/** Dispatch on window to have pending address writes made now, before reading the address. */
export const FLUSH_ADDRESS_EVENT = "site:flush-address";

/**
 * Query parameters that describe what the page shows: the model's (n, m, l, a, k, eps) and the
 * simulation's (seed, trials). A link with any of them wakes the islands at once to show it.
 */
export const SCENARIO_PARAMS = ["n", "m", "l", "a", "k", "eps", "seed", "trials"] as const;
