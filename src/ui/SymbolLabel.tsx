/**
 * A label written as plain text with `*x*` around each symbol (see src/features/calculators/registry.ts),
 * rendered with the symbols in <var>. The text is never parsed as markup: a label is data.
 */
export function SymbolLabel({ text }: { text: string }) {
  // split with a capturing group alternates plain text (even indices) and symbols (odd indices).
  return <>{text.split(/\*([^*]+)\*/).map((part, i) => (i % 2 === 1 ? <var key={i}>{part}</var> : part))}</>;
}
