import type { ComponentChildren } from "preact";
import { useEffect, useId, useRef } from "preact/hooks";

interface Props<Name extends string> {
  name: Name;
  label: ComponentChildren;
  text: string;
  error?: string | undefined;
  inputMode?: "decimal" | "numeric";
  /** A longer explanation, shown as a tooltip. */
  title?: string | undefined;
  onInput: (name: Name, text: string) => void;
  /**
   * Controls that belong to the field (a slider), placed between the box and the message; they
   * get the id of the message to point their aria-describedby at, when there is one.
   */
  companion?: (errorId: string | undefined) => ComponentChildren;
}

/**
 * A labelled text box that accepts anything the reader types (what it means is decided by the
 * core, and it is never injected as HTML), with its error message tied to it by
 * aria-describedby and announced as it appears.
 */
export function TextField<Name extends string>({ name, label, text, error, inputMode = "decimal", title, onInput, companion }: Props<Name>) {
  const id = useId();
  const errorId = error ? `${id}-error` : undefined;
  // The island wakes on the reader's first touch, so a fast typist may have typed into the
  // prerendered field before it did: adopt that text instead of losing it.
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const typed = box.current?.value;
    if (typed !== undefined && typed !== text) onInput(name, typed);
    // Only once, at hydration.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <div class={`field${error ? " field--invalid" : ""}`}>
      <label for={id}>{label}</label>
      <input
        ref={box}
        id={id}
        name={name}
        type="text"
        inputMode={inputMode}
        autoComplete="off"
        spellcheck={false}
        value={text}
        title={title}
        aria-invalid={error ? "true" : "false"}
        aria-describedby={errorId}
        onInput={(e) => onInput(name, e.currentTarget.value)}
      />
      {companion?.(errorId)}
      {error && (
        <p id={errorId} class="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
