import { VERDICT, type OutputSpec } from "../registry.ts";
import type { CalculatorResults, Result, Verdict } from "../engine/results.ts";
import { SymbolLabel } from "../../../ui/SymbolLabel.tsx";

/**
 * One result as an <output>: the formatted text for the reader, the full-precision number in
 * data-value (or its logarithm in data-log10 when beyond double range) for tests and tools.
 * aria-live is off: an <output> is a live region by default, and a calculator announces its news
 * once, through its own region (see Calculator.tsx), not once per number.
 */
export function ResultOutput({ name, label, result, busy = false }: { name: string; label: string; result: Result; busy?: boolean }) {
  return (
    <div class="result">
      <dt>
        <SymbolLabel text={label} />
      </dt>
      <dd>
        <output
          name={name}
          data-value={result.value}
          data-log10={result.value === undefined ? result.log10 : undefined}
          aria-live="off"
          aria-busy={busy ? "true" : undefined}
        >
          {result.text}
        </output>
      </dd>
    </div>
  );
}

/** A calculator's verdict as an <output name="verdict">, coloured by whether it is good news. */
export function VerdictOutput({ verdict }: { verdict: Verdict }) {
  return (
    <div class="result">
      <dt>{VERDICT.label}</dt>
      <dd>
        <output name={VERDICT.name} data-value={verdict.value} aria-live="off" class={verdict.ok ? "verdict verdict--ok" : "verdict verdict--bad"}>
          {verdict.text}
        </output>
      </dd>
    </div>
  );
}

/** Shown for a slow output before its first value: the row keeps its place. */
const PENDING: Result = { text: "…" };

/**
 * The outputs of a calculator, in the order its spec lists them. Those named in `pending` are
 * being recomputed (useLaterResults.ts): they show their previous value, or "…", as busy.
 */
export function Results({
  outputs,
  results,
  pending,
}: {
  outputs: readonly OutputSpec[];
  results: CalculatorResults;
  pending?: ReadonlySet<string>;
}) {
  return (
    <dl class="results">
      {outputs.map((spec) => {
        if (spec.name === VERDICT.name) return results.verdict && <VerdictOutput key={spec.name} verdict={results.verdict} />;
        const busy = pending?.has(spec.name) ?? false;
        const result = results.outputs[spec.name] ?? (busy ? PENDING : undefined);
        return result && <ResultOutput key={spec.name} name={spec.name} label={spec.label} result={result} busy={busy} />;
      })}
    </dl>
  );
}
