/** Dispatched on window by the scenario store when a reader changes the scenario. */
export const SCENARIO_CHANGE_EVENT = "site:scenario-change";
