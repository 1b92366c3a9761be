/**
 * Shared setup for the component tests: a clean store, address and DOM before each test, and
 * small accessors for the islands' conventions (input[name], output[name] with data-value).
 */
import { act, cleanup, fireEvent } from "@testing-library/preact";
import { afterEach, beforeEach, expect } from "vitest";
import { resetScenarioStore } from "../../src/ui/scenario-store.ts";
import type { CalculatorName } from "../../src/features/calculators/registry.ts";
import { flushAddress, resetAddressWriter } from "../../src/ui/address.ts";
import { resetLaterResultsWorker } from "../../src/features/calculators/islands/later-results-client.ts";

/** Resets the module store and the address; `search` sets the query the islands will read on mount. */
export function resetPage(search = ""): void {
  resetScenarioStore();
  resetAddressWriter();
  resetLaterResultsWorker();
  window.history.replaceState(null, "", `/sparsity/${search}`);
}

/**
 * The page's query as a link copied now would carry it: pending address writes (changes within a
 * quarter of a second of the last write wait for the gap to pass) are flushed first, as the
 * copy-link buttons do.
 */
export function addressQuery(): URLSearchParams {
  flushAddress();
  return new URLSearchParams(window.location.search);
}

/**
 * Lets a calculator's slow outputs (the error rates, computed a task after the others where the
 * page has no worker, as in these tests unless one is provided: useLaterResults.ts) catch up with
 * the scenario on screen.
 */
export async function laterResults(): Promise<void> {
  await act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
}

/** Registers the per-test reset. Call once at the top of each test file. */
export function useCleanPage(): void {
  beforeEach(() => resetPage());
  afterEach(() => {
    cleanup();
    resetPage();
  });
}

export function calculator(root: ParentNode, name: CalculatorName): HTMLElement {
  const el = root.querySelector<HTMLElement>(`[data-calculator="${name}"]`);
  if (!el) throw new Error(`no calculator ${name}`);
  return el;
}

export function textInput(root: ParentNode, name: string): HTMLInputElement {
  const el = root.querySelector<HTMLInputElement>(`input[type="text"][name="${name}"]`);
  if (!el) throw new Error(`no text input ${name}`);
  return el;
}

/** The range slider in the same field as the text input `name`. */
export function slider(root: ParentNode, name: string): HTMLInputElement {
  const field = textInput(root, name).closest(".field");
  const el = field?.querySelector<HTMLInputElement>('input[type="range"]');
  if (!el) throw new Error(`no slider for ${name}`);
  return el;
}

export function output(root: ParentNode, name: string): HTMLOutputElement {
  const el = root.querySelector<HTMLOutputElement>(`output[name="${name}"]`);
  if (!el) throw new Error(`no output ${name}`);
  return el;
}

/** The full-precision value of an output; fails if it is missing or not a finite number. */
export function valueOf(root: ParentNode, name: string): number {
  const raw = output(root, name).getAttribute("data-value");
  expect(raw, `data-value of ${name}`).not.toBeNull();
  const x = Number(raw);
  expect(Number.isFinite(x), `data-value of ${name} = ${raw}`).toBe(true);
  return x;
}

/** Every output's data-value / data-log10 / text, to check that bad input leaves them alone. */
export function snapshotOutputs(root: ParentNode): Record<string, string> {
  const snap: Record<string, string> = {};
  for (const o of Array.from(root.querySelectorAll("output"))) {
    snap[o.getAttribute("name") ?? "?"] = `${o.getAttribute("data-value")}|${o.getAttribute("data-log10")}|${o.textContent}`;
  }
  return snap;
}

/** Types `text` into the text field `name` (replacing its content), as one input event. */
export function typeInto(root: ParentNode, name: string, text: string): void {
  fireEvent.input(textInput(root, name), { target: { value: text } });
}

/** Moves the slider of field `name` to position `step` (0…STEPS). */
export function slide(root: ParentNode, name: string, step: number): void {
  fireEvent.input(slider(root, name), { target: { value: String(step) } });
}

/** The page never shows non-numbers or injected markup. */
export function expectCleanMarkup(container: Element): void {
  const html = container.innerHTML;
  expect(html).not.toMatch(/NaN|Infinity|undefined/);
  expect(html).not.toMatch(/<img/i);
  expect(container.querySelector("img")).toBeNull();
}

/** The field `name` is marked invalid and its message (tied by aria-describedby) matches `allowed`. */
export function expectInvalid(root: ParentNode, name: string, allowed: RegExp): HTMLElement {
  const input = textInput(root, name);
  expect(input.getAttribute("aria-invalid")).toBe("true");
  const ids = input.getAttribute("aria-describedby");
  expect(ids).toBeTruthy();
  const messages = ids!.split(/\s+/).map((id) => input.ownerDocument.getElementById(id));
  expect(messages.every((m) => m !== null)).toBe(true);
  const text = messages.map((m) => m!.textContent ?? "").join(" ");
  expect(text).toMatch(allowed);
  // The message lives in the same field, not in some other island's field with a clashing id.
  expect(input.closest(".field")!.contains(messages[0]!)).toBe(true);
  return messages[0]!;
}

export function expectValid(root: ParentNode, name: string): void {
  const input = textInput(root, name);
  expect(input.getAttribute("aria-invalid")).not.toBe("true");
  expect(input.getAttribute("aria-describedby")).toBeNull();
  expect(input.closest(".field")!.querySelector(".field__error")).toBeNull();
}
