/**
 * The scenario in the address: typing writes it (replaceState, no new history entries), and an
 * island reads it after first rendering the defaults, so hydration matches the server HTML.
 */
import Calculator from "../../src/features/calculators/islands/Calculator.tsx";
import { cleanup, render as testingRender, waitFor } from "@testing-library/preact";
import { render as preactRender } from "preact";
import { describe, expect, test } from "vitest";
import { eps, lMax, noise } from "./expected.ts";
import {
  expectInvalid,
  expectValid,
  output,
  resetPage,
  snapshotOutputs,
  textInput,
  typeInto,
  useCleanPage,
  valueOf,
  addressQuery,
} from "./helpers.tsx";

useCleanPage();

const query = () => addressQuery();

describe("writing the address", () => {
  test("typing n writes n=… into the query, with replaceState", () => {
    const length = window.history.length;
    const { container: c } = testingRender(<Calculator name="sparsity" />);
    typeInto(c, "n", "768");
    expect(addressQuery().toString()).toContain("n=768");
    expect(window.location.pathname).toBe("/sparsity/");
    typeInto(c, "n", "1024");
    expect(query().get("n")).toBe("1024");
    expect(query().getAll("n")).toHaveLength(1);
    expect(window.history.length).toBe(length);
  });

  test("scientific and grouped input is written in plain form", () => {
    const { container: c } = testingRender(<Calculator name="sparsity" />);
    typeInto(c, "m", "1e6");
    expect(query().get("m")).toBe("1000000");
    typeInto(c, "n", "2,048");
    expect(query().get("n")).toBe("2048");
  });

  test("only the fields shown on the page are written, and other parameters and the hash survive", () => {
    resetPage("?utm=x#results");
    const { container: c } = testingRender(<Calculator name="sparsity" />);
    typeInto(c, "l", "20");
    const q = query();
    expect(q.get("utm")).toBe("x");
    expect(q.get("l")).toBe("20");
    expect(q.get("n")).toBe("4096");
    expect(q.has("a")).toBe(false);
    expect(q.has("eps")).toBe(false);
    expect(window.location.hash).toBe("#results");
  });

  test("an invalid value is not written: the address keeps the last valid one", () => {
    const { container: c } = testingRender(<Calculator name="sparsity" />);
    typeInto(c, "n", "768");
    typeInto(c, "n", "abc");
    expect(query().get("n")).toBe("768");
    expect(addressQuery().toString()).not.toContain("abc");
  });
});

describe("reading the address on mount", () => {
  test("?n=768&m=1000&l=2 shows that scenario after mount", async () => {
    resetPage("?n=768&m=1000&l=2");
    const { container: c } = testingRender(<Calculator name="sparsity" />);
    await waitFor(() => expect(textInput(c, "n").value).toBe("768"));
    expect(textInput(c, "m").value).toBe("1000");
    expect(textInput(c, "l").value).toBe("2");
    expect(valueOf(c, "noise")).toBeCloseRel(noise(768, 1000, 2));
    expect(valueOf(c, "l-max")).toBeCloseRel(lMax(768, 1000));
    expect(valueOf(c, "n-min")).toBe(Math.floor(16 * Math.log(1000)) + 1);
    expect(output(c, "verdict").getAttribute("data-value")).toBe("signal");
  });

  test("the epsilon and levels calculators read the address too", async () => {
    resetPage("?n=768&m=1000&l=2&a=3&eps=0.5&k=2");
    const { container: c } = testingRender(
      <>
        <Calculator name="epsilon" />
        <Calculator name="levels" />
      </>,
    );
    await waitFor(() => expect(valueOf(c, "epsilon")).toBeCloseRel(eps(768, 1000)));
    expect(textInput(c, "eps").value).toBe("0.5");
    expect(textInput(c, "a").value).toBe("3");
    expect(textInput(c, "k").value).toBe("2");
    const levels = c.querySelector('[data-calculator="levels"]')!;
    expect(valueOf(levels, "noise")).toBeCloseRel(noise(768, 1000, 2, 3));
  });

  test("the first render shows the defaults (as the server did), then the address's scenario", async () => {
    resetPage("?n=768");
    const host = document.createElement("div");
    document.body.append(host);
    try {
      // Plain Preact render, outside act(): effects have not run yet when it returns.
      preactRender(<Calculator name="epsilon" />, host);
      expect(textInput(host, "n").value).toBe("4096");
      expect(output(host, "epsilon").textContent).toBe("0.150");
      await waitFor(() => expect(textInput(host, "n").value).toBe("768"));
      expect(valueOf(host, "epsilon")).toBeCloseRel(eps(768, 1e5));
    } finally {
      preactRender(null, host);
      host.remove();
    }
  });

  test("?n=abc flags the n field and shows the default results", async () => {
    const { container: fresh } = testingRender(<Calculator name="sparsity" />);
    const defaults = snapshotOutputs(fresh);
    cleanup();
    resetPage("?n=abc");
    const { container: c } = testingRender(<Calculator name="sparsity" />);
    await waitFor(() => expect(textInput(c, "n").value).toBe("abc"));
    expectInvalid(c, "n", /whole number ≥ 1/);
    expectValid(c, "m");
    expect(snapshotOutputs(c)).toEqual(defaults);
    expect(c.innerHTML).not.toMatch(/NaN|Infinity|undefined/);
  });

  test("?l larger than m flags l and keeps the default pair", async () => {
    resetPage("?m=100&l=500&n=768");
    const { container: c } = testingRender(<Calculator name="sparsity" />);
    await waitFor(() => expect(textInput(c, "l").value).toBe("500"));
    expectInvalid(c, "l", /cannot exceed m/);
    // n is valid and applies; l and m fall back to the defaults together.
    expect(valueOf(c, "noise")).toBeCloseRel(noise(768, 1e5, 10));
  });

  test("markup in the address is shown as text only", async () => {
    resetPage(`?n=${encodeURIComponent("<img src=x onerror=alert(1)>")}`);
    const { container: c } = testingRender(<Calculator name="sparsity" />);
    await waitFor(() => expect(textInput(c, "n").value).toBe("<img src=x onerror=alert(1)>"));
    expectInvalid(c, "n", /whole number ≥ 1/);
    expect(document.querySelector("img")).toBeNull();
    expect(c.innerHTML).not.toMatch(/<img|NaN|Infinity|undefined/);
  });

  test("editing another field keeps the address's values", async () => {
    resetPage("?n=768&m=1000");
    const { container: c } = testingRender(<Calculator name="sparsity" />);
    await waitFor(() => expect(textInput(c, "n").value).toBe("768"));
    typeInto(c, "l", "3");
    expect(query().get("n")).toBe("768");
    expect(query().get("m")).toBe("1000");
    expect(valueOf(c, "noise")).toBeCloseRel(noise(768, 1000, 3));
  });
});
