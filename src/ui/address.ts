/**
 * Writing the page's scenario into the address bar (history.replaceState: no new history entry).
 *
 * Why a limiter: browsers cap replaceState — Safari throws after 100 calls in 30 s, Firefox after
 * 200 in 10 s, and Chromium silently ignores calls past its limit — and one slider drag makes
 * hundreds. Writes go out at once up to WRITES_PER_WINDOW per WINDOW_MS; past that they are
 * merged and written when the window allows, so the address always ends on what is on screen.
 * Anything about to read the address (the copy-link buttons) dispatches FLUSH_ADDRESS_EVENT first.
 *
 * Why writes are also spaced by MIN_GAP_MS: each replaceState makes Chromium fetch the page's icon
 * again, and during a slider drag that work landed in the frames of the steps (p95 of a step 36 →
 * 24 ms without it). A change is written at once after a quiet spell; changes that follow within
 * MIN_GAP_MS are merged into one write at the end of the gap.
 */
import { FLUSH_ADDRESS_EVENT } from "./scenario-event.ts";

const WINDOW_MS = 10_000;
const WRITES_PER_WINDOW = 30;
const MIN_GAP_MS = 250;

const recentWrites: number[] = [];
let pending: Record<string, string> = {};
let timer: ReturnType<typeof setTimeout> | undefined;
let listening = false;

function write(): void {
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
  if (Object.keys(pending).length === 0) return;
  const query = new URLSearchParams(window.location.search);
  for (const [key, value] of Object.entries(pending)) query.set(key, value);
  pending = {};
  recentWrites.push(Date.now());
  try {
    window.history.replaceState(window.history.state, "", `${window.location.pathname}?${query}${window.location.hash}`);
  } catch {
    // Over a browser's limit despite the limiter: the next write carries the same values.
  }
}

/** Sets `values` in the address, leaving other parameters and the hash alone. */
export function writeAddress(values: Readonly<Record<string, number | string>>): void {
  if (!listening) {
    listening = true;
    window.addEventListener(FLUSH_ADDRESS_EVENT, flushAddress);
    window.addEventListener("pagehide", flushAddress);
  }
  for (const [key, value] of Object.entries(values)) pending[key] = String(value);
  if (timer !== undefined) return; // a write is already due; it carries these values too
  const now = Date.now();
  while (recentWrites.length > 0 && now - recentWrites[0]! >= WINDOW_MS) recentWrites.shift();
  const wait = Math.max(
    recentWrites.length < WRITES_PER_WINDOW ? 0 : WINDOW_MS - (now - recentWrites[0]!),
    recentWrites.length === 0 ? 0 : MIN_GAP_MS - (now - recentWrites.at(-1)!),
  );
  if (wait <= 0) write();
  else timer = setTimeout(write, wait);
}

/** Writes any pending values now (before the address is read or the page is left). */
export function flushAddress(): void {
  write();
}

/** Forgets the write history; for tests. */
export function resetAddressWriter(): void {
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
  pending = {};
  recentWrites.length = 0;
}
