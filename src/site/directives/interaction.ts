/**
 * `client:interaction` — hydrate an island when the reader first reaches for it (pointer down,
 * focus, a key, a touch, a file dragged over it), when another island on the page changes the shared scenario (so all
 * calculators show the same one), or at once when the page was opened on a linked view (so every
 * calculator shows the linked numbers within a second, in view or not).
 *
 * Why: a reader who only reads never runs the calculators' code, so text, formulas and prerendered
 * figures arrive with almost no JavaScript. So that the first touch does not wait for the network,
 * the island's modules are fetched (not run: `modulepreload`) as it nears the viewport; the build
 * writes their full list into `data-preload` (src/site/integrations/island-preloads.ts), since a
 * browser preloads only the module it is given, not what that module imports.
 * Inlined into the page by Astro, so keep it tiny.
 */
import type { ClientDirective } from "astro";
import { isLinkedView, SCENARIO_CHANGE_EVENT } from "../../ui/scenario-event.ts";

const TRIGGERS = ["pointerdown", "focusin", "keydown", "touchstart", "dragenter"] as const;

/** Modules already asked for, by any island of the page. */
const preloaded = new Set<string>();

function preload(urls: readonly string[]): void {
  for (const href of urls) {
    if (!href || preloaded.has(href)) continue;
    preloaded.add(href);
    const link = document.createElement("link");
    link.rel = "modulepreload";
    link.href = href;
    document.head.append(link);
  }
}

const hydrateOnInteraction: ClientDirective = (load, _options, island) => {
  let started = false;
  // A click that lands while the island is still loading reaches a button with no handler yet
  // (a preset, Run): remember it and click again once the island can answer. Copy-link buttons
  // are answered by a page-wide handler already, so they are not clicked twice. (Keys and typed
  // text change the controls themselves; the island adopts those values when it wakes.)
  let missedClick: HTMLElement | undefined;
  const rememberClick = (event: Event) => {
    const button = (event.target as Element | null)?.closest?.<HTMLElement>("button:not([data-copy-link]):not([data-copy-text])");
    if (button) missedClick = button;
  };
  // Files dropped while it loads (the dictionary tool's box): the browser would open them in place
  // of the page, so take the drop, and hand its files to the island once it can answer.
  let missedDrop: { target: Element; files: File[] } | undefined;
  const holdDrop = (event: Event) => {
    const data = (event as DragEvent).dataTransfer;
    if (!data || !Array.from(data.types).includes("Files")) return;
    event.preventDefault();
    if (event.type === "drop") missedDrop = { target: event.target as Element, files: Array.from(data.files) };
  };
  const start = async () => {
    if (started) return;
    started = true;
    for (const type of TRIGGERS) island.removeEventListener(type, start);
    window.removeEventListener(SCENARIO_CHANGE_EVENT, stale);
    observer?.disconnect();
    island.addEventListener("click", rememberClick, true);
    for (const type of ["dragover", "drop"]) island.addEventListener(type, holdDrop, true);
    const hydrate = await load();
    await hydrate();
    island.removeEventListener("click", rememberClick, true);
    for (const type of ["dragover", "drop"]) island.removeEventListener(type, holdDrop, true);
    if (missedClick?.isConnected) missedClick.click();
    if (missedDrop) {
      const data = new DataTransfer();
      for (const file of missedDrop.files) data.items.add(file);
      const target = missedDrop.target.isConnected ? missedDrop.target : island.firstElementChild;
      target?.dispatchEvent(new DragEvent("drop", { bubbles: true, cancelable: true, dataTransfer: data }));
    }
  };
  // Another island changed the shared scenario: this one's numbers are stale. Hide them at once
  // (busy, like a linked view) and wake when the page is idle, not in the middle of the reader's
  // first touch of the other calculator, whose answer comes first.
  const stale = () => {
    island.querySelector("[data-view]")?.setAttribute("aria-busy", "true");
    const idle = window.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 50));
    idle(() => void start(), { timeout: 300 });
  };
  for (const type of TRIGGERS) island.addEventListener(type, start, { passive: true });
  window.addEventListener(SCENARIO_CHANGE_EVENT, stale, { once: true });
  // Declared before `start` can run (it disconnects it); set below unless the view is linked.
  let observer: IntersectionObserver | undefined = undefined;
  if (isLinkedView()) {
    // Its numbers are not the link's until it wakes: say so (the stylesheet hides them meanwhile).
    island.querySelector("[data-view]")?.setAttribute("aria-busy", "true");
    void start();
    return;
  }
  const urls = [island.getAttribute("component-url") ?? "", island.getAttribute("renderer-url") ?? "", ...(island.dataset.preload ?? "").split(" ")];
  observer = new IntersectionObserver(
    (entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      observer?.disconnect();
      preload(urls);
    },
    // A screen's height ahead of the reader's scrolling.
    { rootMargin: "100% 0px" },
  );
  for (const child of Array.from(island.children)) observer.observe(child);
};

export default hydrateOnInteraction;
