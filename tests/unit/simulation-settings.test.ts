/**
 * What the simulation page reads from the reader and the address: its own defaults for n, m, l,
 * and the seed and number of trials, parameters like the model's, parsed by the same rules.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIO, readScenario, SIMULATION_SCENARIO } from "../../src/numbers/scenario.ts";
import { MAX_TRIALS, PARAMETERS } from "../../src/numbers/parameters.ts";
import { parseParameter } from "../../src/numbers/validate.ts";
import { validateSweep } from "../../src/features/simulation/engine/sweep.ts";

describe("the simulation page's scenario", () => {
  it("is a small layer, valid, and a sweep of it is within every limit", () => {
    for (const name of ["n", "m", "l"] as const) expect(parseParameter(name, String(SIMULATION_SCENARIO[name])).ok).toBe(true);
    expect(validateSweep(SIMULATION_SCENARIO).ok).toBe(true);
  });

  it("is what an address without those fields falls back to, on that page", () => {
    const read = readScenario(new URLSearchParams("?l=8"), SIMULATION_SCENARIO);
    expect(read.scenario).toEqual({ ...SIMULATION_SCENARIO, l: 8 });
    // An invalid field takes the page's default, with its message.
    const bad = readScenario(new URLSearchParams("?n=abc"), SIMULATION_SCENARIO);
    expect(bad.scenario.n).toBe(256);
    expect(bad.errors.n).toMatch(/^Not a number/);
    // Other pages still fall back to DEFAULT_SCENARIO.
    expect(readScenario(new URLSearchParams("")).scenario).toEqual(DEFAULT_SCENARIO);
  });
});

describe("the seed and the number of trials", () => {
  it("reads a seed: any whole number from 0 to 2^53 − 1", () => {
    expect(parseParameter("seed", "0")).toEqual({ ok: true, value: 0 });
    expect(parseParameter("seed", " 42 ")).toEqual({ ok: true, value: 42 });
    expect(parseParameter("seed", "9,007,199,254,740,991")).toEqual({ ok: true, value: Number.MAX_SAFE_INTEGER });
    expect(parseParameter("seed", "1e3")).toEqual({ ok: true, value: 1000 });
  });

  it("refuses other seeds with a message that says what is allowed", () => {
    const cases: [string, RegExp][] = [
      ["", /^Enter a value: seed must be a whole number from 0 to/],
      ["abc", /^Not a number/],
      ["-1", /^Negative values are not allowed/],
      ["1.5", /^Not a whole number: seed must be/],
      ["9007199254740993", /^Too large: seed must be/],
      ["<b>1</b>", /^Not a number/],
    ];
    for (const [text, message] of cases) {
      const parsed = parseParameter("seed", text);
      expect(parsed.ok, text).toBe(false);
      if (!parsed.ok) {
        expect(parsed.message).toMatch(message);
        expect(parsed.message).toContain(PARAMETERS.seed.domain);
      }
    }
  });

  it("reads trials from 1 to the engine's limit", () => {
    expect(parseParameter("trials", "1")).toEqual({ ok: true, value: 1 });
    expect(parseParameter("trials", "1e6")).toEqual({ ok: true, value: MAX_TRIALS });
    expect(parseParameter("trials", "0")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Too small: trials must be a whole number from 1 to 1,000,000/),
    });
    expect(parseParameter("trials", "1000001")).toMatchObject({ ok: false, message: expect.stringMatching(/^Too large/) });
    expect(parseParameter("trials", "2.5")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/trials is a count of random inputs, so it must be a whole number/),
    });
  });
});
