import type { ComponentChildren } from "preact";
import type { Result } from "../core/index.ts";

interface Props {
  name: string;
  label: ComponentChildren;
  result: Result;
  /** Why this number matters, in a few words. */
  hint?: ComponentChildren;
  /** Announce changes to screen readers: only the calculator's main result, to avoid chatter. */
  announce?: boolean;
}

/**
 * One result as an <output>: the formatted text for the reader, the full-precision number in
 * data-value (or its logarithm in data-log10 when beyond double range) for tests and tools.
 */
export function ResultOutput({ name, label, result, hint, announce = false }: Props) {
  return (
    <div class="result">
      <dt>{label}</dt>
      <dd>
        <output name={name} data-value={result.value} data-log10={result.value === undefined ? result.log10 : undefined} aria-live={announce ? "polite" : "off"}>
          {result.text}
        </output>
        {hint && <span class="result__hint"> {hint}</span>}
      </dd>
    </div>
  );
}
