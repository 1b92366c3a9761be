/**
 * `client:interaction` — hydrate an island when the reader first reaches for it (pointer down,
 * focus, a key, a touch), when another island on the page changes the shared scenario (so all
 * calculators show the same one), or, for a page opened from a link that carries a scenario, as
 * soon as the island is visible. Why: a reader who only reads never downloads the calculators' code, so
 * text, formulas and prerendered figures arrive with almost no JavaScript; the first touch costs
 * one small module fetch. Inlined into the page by Astro, so keep it tiny.
 */
import type { ClientDirective } from "astro";
import { SCENARIO_CHANGE_EVENT, SCENARIO_PARAMS } from "./scenario-event.ts";

const TRIGGERS = ["pointerdown", "focusin", "keydown", "touchstart"] as const;

const hydrateOnInteraction: ClientDirective = (load, _options, island) => {
  let started = false;
  // A click that lands while the island is still loading reaches a button with no handler yet
  // (a preset, Run): remember it and click again once the island can answer. Copy-link buttons
  // are answered by a page-wide handler already, so they are not clicked twice.
  let missedClick: HTMLElement | undefined;
  const rememberClick = (event: Event) => {
    const button = (event.target as Element | null)?.closest?.<HTMLElement>("button:not([data-copy-link]):not([data-copy-text])");
    if (button) missedClick = button;
  };
  const start = async () => {
    if (started) return;
    started = true;
    for (const type of TRIGGERS) island.removeEventListener(type, start);
    window.removeEventListener(SCENARIO_CHANGE_EVENT, start);
    observer?.disconnect();
    island.addEventListener("click", rememberClick, true);
    const hydrate = await load();
    await hydrate();
    island.removeEventListener("click", rememberClick, true);
    if (missedClick?.isConnected) missedClick.click();
  };
  for (const type of TRIGGERS) island.addEventListener(type, start, { passive: true });
  window.addEventListener(SCENARIO_CHANGE_EVENT, start);
  const query = new URLSearchParams(location.search);
  const linked = SCENARIO_PARAMS.some((p) => query.has(p));
  const observer = linked
    ? new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) void start();
      })
    : undefined;
  if (observer) for (const child of Array.from(island.children)) observer.observe(child);
};

export default hydrateOnInteraction;
