import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";

interface Props {
  summary: ComponentChildren;
  /** Whether a field inside has an error: then the section opens so the message can be seen. */
  hasError: boolean;
  children: ComponentChildren;
}

/**
 * A collapsible "work backwards" section. Opened by the reader, or by itself when one of its
 * fields is invalid (an address with `?eps=abc` must not hide its message). Why a ref, not an
 * `open` prop: Preact would otherwise close a section the reader opened on the next render.
 */
export function InverseQuestion({ summary, hasError, children }: Props) {
  const details = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (hasError && details.current) details.current.open = true;
  }, [hasError]);
  return (
    <details class="inverse" ref={details}>
      <summary>{summary}</summary>
      {children}
    </details>
  );
}
