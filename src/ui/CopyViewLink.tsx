import { Icon } from "./Icon.tsx";

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
        <Icon name="link" size={16} />
        Copy link to this view
      </button>
    </p>
  );
}
