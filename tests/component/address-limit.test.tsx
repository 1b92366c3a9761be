/**
 * The address writer stays under browsers' replaceState limits (Safari throws past 100 calls in
 * 30 s, Chromium ignores calls past 200 in 10 s) during a long slider drag, and still ends on
 * what is on screen: at once when something is about to read the address, or when the window
 * allows; and a burst of changes (a drag) is written once at its start and once after it.
 */
import Calculator from "../../src/features/calculators/islands/Calculator.tsx";
import { render } from "@testing-library/preact";
import { afterEach, expect, test, vi } from "vitest";
import { FLUSH_ADDRESS_EVENT } from "../../src/ui/scenario-event.ts";
import { typeInto, useCleanPage } from "./helpers.tsx";

useCleanPage();
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const addressL = () => new URLSearchParams(window.location.search).get("l");

test("a 150-step drag writes the address at most 30 times in 10 s, and the last value is flushed on demand", () => {
  const replace = vi.spyOn(window.history, "replaceState");
  const { container: c } = render(<Calculator name="sparsity" />);
  for (let l = 1; l <= 150; l++) typeInto(c, "l", String(l));
  expect(replace.mock.calls.length).toBeLessThanOrEqual(30);
  expect(addressL()).not.toBe("150");
  // A copy-link button asks for pending writes before it reads the address.
  window.dispatchEvent(new Event(FLUSH_ADDRESS_EVENT));
  expect(addressL()).toBe("150");
});

test("held-back writes go out by themselves once the window allows", () => {
  vi.useFakeTimers();
  const { container: c } = render(<Calculator name="sparsity" />);
  for (let l = 1; l <= 40; l++) typeInto(c, "l", String(l));
  expect(addressL()).not.toBe("40");
  vi.advanceTimersByTime(10_000);
  expect(addressL()).toBe("40");
});

test("a burst of changes is one write at once and one when the burst's gap has passed; a change after a quiet spell is written at once", () => {
  vi.useFakeTimers();
  const replace = vi.spyOn(window.history, "replaceState");
  const { container: c } = render(<Calculator name="sparsity" />);
  typeInto(c, "l", "5");
  expect(addressL()).toBe("5");
  const afterFirst = replace.mock.calls.length;
  for (let l = 6; l <= 12; l++) {
    vi.advanceTimersByTime(16); // one frame of a drag between changes
    typeInto(c, "l", String(l));
  }
  expect(replace.mock.calls.length).toBe(afterFirst);
  expect(addressL()).toBe("5");
  vi.advanceTimersByTime(250);
  expect(addressL()).toBe("12");
  expect(replace.mock.calls.length).toBe(afterFirst + 1);
  vi.advanceTimersByTime(1000);
  typeInto(c, "l", "3");
  expect(addressL()).toBe("3");
});
