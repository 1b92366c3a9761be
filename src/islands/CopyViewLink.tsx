/**
 * "Copy link to this view": copies the page's address with the calculator's scenario (the query
 * string the scenario store keeps up to date) and the calculator's own anchor, so the link opens
 * the same numbers and figure, scrolled to this calculator.
 *
 * No handler here: CopyFeedback.astro handles every `[data-copy-link]` on the page with one
 * delegated listener, so the button also works on the click that wakes the island up.
 */
export function CopyViewLink({ target, what }: { target: string; what: string }) {
  return (
    <p class="calculator__share">
      <button type="button" class="text-button copy-view" data-copy-link={`#${target}`} aria-label={`Copy link to this view of the ${what}`}>
        <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
          <path d="M10 13a5 5 0 0 0 7.54.54l3-3a5 5 0 0 0-7.07-7.07l-1.72 1.71" />
          <path d="M14 11a5 5 0 0 0-7.54-.54l-3 3a5 5 0 0 0 7.07 7.07l1.71-1.71" />
        </svg>
        Copy link to this view
      </button>
    </p>
  );
}
