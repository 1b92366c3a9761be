import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIO } from "../../src/numbers/scenario.ts";
import { PARAMETER_NAMES, PARAMETERS, type ParameterName } from "../../src/numbers/parameters.ts";
import { parseParameter } from "../../src/numbers/validate.ts";
import { REFERENCE_WIDTHS } from "../../src/facts/reference-widths.ts";

describe("PARAMETERS", () => {
  it("describes each symbol, and names what each count counts (the seeds are identifiers)", () => {
    for (const [name, spec] of Object.entries(PARAMETERS)) {
      expect(spec.symbol.length).toBeGreaterThan(0);
      expect(spec.meaning.length).toBeGreaterThan(0);
      expect(spec.label.length).toBeGreaterThan(0);
      expect(spec.domain.length).toBeGreaterThan(0);
      if (spec.kind === "count" && !/seed$/i.test(name)) expect(spec.counts, name).toBeDefined();
    }
    expect(PARAMETERS.eps.symbol).toBe("ε");
  });

  it("opens every page on values inside their own domains, with sliders that stay inside them too", () => {
    for (const name of PARAMETER_NAMES) {
      const spec = PARAMETERS[name];
      expect(parseParameter(name, String(spec.default)), name).toEqual({ ok: true, value: spec.default });
      if (spec.slider) {
        expect(parseParameter(name, String(spec.slider.min)).ok, `${name} slider min`).toBe(true);
        expect(parseParameter(name, String(spec.slider.max)).ok, `${name} slider max`).toBe(true);
        expect(spec.slider.integer).toBe(spec.kind === "count");
      }
    }
    expect(DEFAULT_SCENARIO.l).toBeLessThanOrEqual(DEFAULT_SCENARIO.m);
  });

  it("has the post's domains: n ≥ 1, m ≥ 2, l ≥ 1 whole; a, k > 0; 0 < ε ≤ 1", () => {
    const bounds = (name: ParameterName) => [PARAMETERS[name].kind, PARAMETERS[name].min, PARAMETERS[name].max];
    expect(bounds("n")).toEqual(["count", 1, undefined]);
    expect(bounds("m")).toEqual(["count", 2, undefined]);
    expect(bounds("l")).toEqual(["count", 1, undefined]);
    expect(bounds("a")).toEqual(["real", 0, undefined]);
    expect(bounds("k")).toEqual(["real", 0, undefined]);
    expect(bounds("eps")).toEqual(["real", 0, 1]);
  });

  it("the domain in words agrees with the bounds that validation applies", () => {
    // The smallest value in words is accepted, the one just below it refused.
    expect(parseParameter("n", "1").ok).toBe(true);
    expect(parseParameter("n", "0").ok).toBe(false);
    expect(parseParameter("m", "2").ok).toBe(true);
    expect(parseParameter("m", "1").ok).toBe(false);
    expect(parseParameter("eps", "1").ok).toBe(true);
    expect(parseParameter("eps", "1.000001").ok).toBe(false);
  });

  it("gives a toy model's sparsity 0 ≤ S < 1, its importance decay 0 < r ≤ 1, and 1 to 100,000 steps", () => {
    expect(parseParameter("sparsity", "0")).toEqual({ ok: true, value: 0 });
    expect(parseParameter("sparsity", "0.999999")).toEqual({ ok: true, value: 0.999999 });
    expect(parseParameter("sparsity", "1")).toEqual({ ok: false, message: "Too large: S must be a number from 0 up to, but not including, 1." });
    // Rounds to 1 as a double: refused like 1 itself.
    expect(parseParameter("sparsity", "0.99999999999999999").ok).toBe(false);
    expect(parseParameter("sparsity", "-0.1")).toMatchObject({ ok: false, message: expect.stringMatching(/^Negative values are not allowed/) });
    expect(parseParameter("importance", "1")).toEqual({ ok: true, value: 1 });
    expect(parseParameter("importance", "0")).toMatchObject({ ok: false, message: expect.stringMatching(/^Zero is not allowed: r must be/) });
    expect(parseParameter("importance", "1.01").ok).toBe(false);
    expect(parseParameter("steps", "100000")).toEqual({ ok: true, value: 100_000 });
    expect(parseParameter("steps", "100001")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Too large: steps must be a whole number from 1 to 100,000/),
    });
    expect(parseParameter("steps", "2.5").ok).toBe(false);
  });
});

describe("REFERENCE_WIDTHS", () => {
  it("are the published d_model of the models they name", () => {
    expect(Object.fromEntries(REFERENCE_WIDTHS.map((w) => [w.label, w.n]))).toEqual({
      "GPT-2 small": 768,
      "GPT-2 XL": 1600,
      "Llama-3-8B": 4096,
      "Llama-3-70B": 8192,
      "GPT-3": 12288,
    });
  });

  it("are valid neuron counts, in increasing order", () => {
    for (const w of REFERENCE_WIDTHS) expect(parseParameter("n", String(w.n))).toEqual({ ok: true, value: w.n });
    const ns = REFERENCE_WIDTHS.map((w) => w.n);
    expect(ns).toEqual([...ns].sort((x, y) => x - y));
  });
});
