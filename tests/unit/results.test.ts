import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIO, type Scenario } from "../../src/numbers/scenario.ts";
import { epsilonResults, levelsResults, sparsityResults, type Result } from "../../src/features/calculators/engine/results.ts";
import { fc, scenarioArb } from "./arbitraries.ts";
import { CALCULATOR_NAMES, completeResults } from "../../src/features/calculators/registry.ts";

const SUP = "[⁰¹²³⁴⁵⁶⁷⁸⁹]+";
/**
 * Everything a result's text may look like: "4,096", "0.150", "−3.00 × 10⁻⁵", "10^(5.43 × 10²⁹⁸)",
 * a chance "88.7%" or "> 99.9%", an l limit "none: not even one" or "4,096: every l", and the
 * error rates' "not computed beyond n = 2^30"; an error rate with the figures its accuracy allows
 * ("6.3 × 10⁻⁷", "about 0.7", "> 99%"), or a range of powers of ten ("between 10⁻⁴⁰ and 10⁻³²",
 * "between 10^(−1.1 × 10⁶) and 10^(−9.0 × 10⁵)"); the best threshold's ends in words.
 */
const NUMBER = `\\d{1,3}(?:,\\d{3})*(?:\\.\\d+)?|\\d(?:\\.\\d{1,2})? × 10⁻?${SUP}|10\\^\\(−?\\d(?:\\.\\d{1,2})? × 10${SUP}\\)`;
const POWER = `10⁻?${SUP}|10\\^\\(−?\\d\\.\\d × 10${SUP}\\)`;
const RATE = `(?:${NUMBER})%?|> 99(?:\\.9)?%|about (?:${NUMBER})%?|between (?:${POWER}) and (?:${POWER})|about (?:${POWER})`;
const WORDS =
  "none: not even one|not computed beyond n = 2\\^30|any \\(at n = 1 every threshold reads alike\\)|just below 1 \\(no misreads\\)|just above 0 \\(every feature is active\\)|not defined at n = 1 \\(the readouts tie\\)";
const WELL_FORMED = new RegExp(`^(?:${RATE}|${WORDS}|(?:${NUMBER}): every l)$`);

function expectSound(result: Result): void {
  expect(result.text).not.toMatch(/NaN|Infinity|undefined/);
  expect(result.text).toMatch(WELL_FORMED);
  if (result.text === "not computed beyond n = 2^30" || result.text.startsWith("not defined")) {
    expect(result.value ?? result.log10).toBeUndefined();
  } else if (result.value !== undefined) {
    expect(Number.isFinite(result.value)).toBe(true);
    expect(result.log10).toBeUndefined();
  } else {
    expect(Number.isFinite(result.log10)).toBe(true);
  }
}

const GPT2_SMALL: Scenario = { ...DEFAULT_SCENARIO, n: 768, m: 20_000, l: 30, a: 1, k: 4, eps: 0.1 };

describe("epsilonResults", () => {
  it("the default scenario: ε, and its two inverses at ε = 0.1", () => {
    const rAll = epsilonResults(DEFAULT_SCENARIO);
    const r = rAll.outputs;
    expect(r.epsilon.value).toBeCloseTo(0.1499539348, 9);
    expect(r.epsilon.text).toBe("0.150");
    // 8 ln 10^5 / 0.01 = 9210.34.
    expect(r["n-for-eps"]).toEqual({ value: 9211, text: "9,211" });
    // e^(4096 · 0.01 / 8) = e^5.12 = 167.34.
    expect(r["m-for-eps"].value).toBeCloseTo(167.3353696, 6);
    expect(r["m-for-eps"].text).toBe("167");
  });

  it("beyond double range: only log10 is given", () => {
    const rAll = epsilonResults({ ...DEFAULT_SCENARIO, n: 12_288, eps: 1 });
    const r = rAll.outputs;
    // e^(12288/8) = 10^667.0763: 10^0.0763 = 1.192.
    expect(r["m-for-eps"].value).toBeUndefined();
    expect(r["m-for-eps"].log10).toBeCloseTo(1536 / Math.LN10, 9);
    expect(r["m-for-eps"].text).toBe("1.19 × 10⁶⁶⁷");
    const strict = epsilonResults({ ...DEFAULT_SCENARIO, eps: 1e-200 }).outputs;
    expect(strict["n-for-eps"].value).toBeUndefined();
    expect(strict["n-for-eps"].log10).toBeCloseTo(Math.log10(40 * Math.LN10) + 400, 9);
  });
});

describe("sparsityResults", () => {
  it("the default scenario", () => {
    const rAll = sparsityResults(DEFAULT_SCENARIO);
    const r = rAll.outputs;
    expect(r.noise.value).toBeCloseTo(0.4741959779, 9);
    expect(r.noise.text).toBe("0.474");
    expect(r["l-max"].value).toBeCloseTo(44.4717549469, 9);
    expect(r["l-max"].text).toBe("44.5");
    // e^512 = 10^222.3588 = 2.284·10^222: fits a double.
    expect(r["m-max"].value! / 2.28441358653975e222).toBeCloseTo(1, 12);
    expect(r["m-max"].text).toBe("2.28 × 10²²²");
    expect(rAll.verdict!.ok).toBe(true);
    // n > 8 · 10 · ln 10^5 = 921.03.
    expect(r["n-min"]).toEqual({ value: 922, text: "922" });
  });

  it("GPT-2 small with 30 active features of 20,000: the noise wins", () => {
    const rAll = sparsityResults(GPT2_SMALL);
    const r = rAll.outputs;
    const eps = Math.sqrt((8 * Math.log(20_000)) / 768);
    expect(r.noise.value).toBeCloseTo(eps * Math.sqrt(30), 12);
    expect(rAll.verdict!.ok).toBe(false);
    expect(r["l-max"].value).toBeCloseTo(768 / (8 * Math.log(20_000)), 12);
    expect(r["n-min"].value).toBe(Math.ceil(240 * Math.log(20_000)));
  });

  it("a small m_max is a real, not rounded like a count: e^(8/8) = 2.72", () => {
    const rAll = sparsityResults({ ...DEFAULT_SCENARIO, n: 8, m: 2, l: 1 });
    const r = rAll.outputs;
    expect(r["m-max"].value).toBeCloseTo(Math.E, 14);
    expect(r["m-max"].text).toBe("2.72");
  });

  it("m_max beyond double range: e^(8192/8) = 5.22 × 10⁴⁴⁴", () => {
    const rAll = sparsityResults({ ...DEFAULT_SCENARIO, n: 8192 });
    const r = rAll.outputs;
    expect(r["m-max"].value).toBeUndefined();
    expect(r["m-max"].log10).toBeCloseTo(444.7175494689, 9);
    expect(r["m-max"].text).toBe("5.22 × 10⁴⁴⁴");
  });
});

describe("levelsResults", () => {
  it("the default scenario", () => {
    const rAll = levelsResults(DEFAULT_SCENARIO);
    const r = rAll.outputs;
    expect(r.noise.value).toBeCloseTo(0.4741959779, 9);
    expect(r.levels.value).toBeCloseTo(2.1088327327, 9);
    expect(r.levels.text).toBe("2.11");
    expect(rAll.verdict!.value).toBe("graded");
    // n ≥ 8 · 10 · 16 · ln 10^5 = 14736.5.
    expect(r["n-for-levels"]).toEqual({ value: 14737, text: "14,737" });
  });

  it("noise scales with a, levels do not", () => {
    const rAll = levelsResults({ ...DEFAULT_SCENARIO, a: 3 });
    const r = rAll.outputs;
    expect(r.noise.value).toBeCloseTo(1.4225879338, 9);
    expect(r.noise.text).toBe("1.42");
    expect(r.levels).toEqual(levelsResults(DEFAULT_SCENARIO).outputs.levels);
  });

  it("GPT-2 small is boolean-ish", () => {
    const rAll = levelsResults(GPT2_SMALL);
    const r = rAll.outputs;
    expect(r.levels.value).toBeCloseTo(Math.sqrt(768 / (240 * Math.log(20_000))), 12);
    expect(rAll.verdict!.value).toBe("boolean-ish");
  });

  it("extreme amplitudes give a log10 instead of overflowing or underflowing", () => {
    const tiny = levelsResults({ ...DEFAULT_SCENARIO, a: Number.MIN_VALUE }).outputs;
    expect(tiny.noise.value).toBeUndefined();
    expect(tiny.noise.log10).toBeCloseTo(Math.log10(Number.MIN_VALUE) + Math.log10(0.4741959779), 9);
    expect(tiny.noise.text).toBe("2.34 × 10⁻³²⁴");
    const huge = levelsResults({ ...DEFAULT_SCENARIO, n: 1, m: 1e300, l: 1e300, a: 1e300 }).outputs;
    expect(huge.noise.value).toBeUndefined();
    expect(huge.noise.log10).toBeCloseTo(300 + 0.5 * Math.log10(8 * 300 * Math.LN10) + 150, 9);
  });
});

describe("every result is sound for every valid scenario", () => {
  it("finite value or finite log10, and text that reads as a number", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const e = epsilonResults(s).outputs;
        const spAll = sparsityResults(s);
        const sp = spAll.outputs;
        const lvAll = levelsResults(s);
        const lv = lvAll.outputs;
        for (const r of [
          e.epsilon,
          e["n-for-eps"],
          e["m-for-eps"],
          sp.noise,
          sp["l-max"],
          sp["m-max"],
          sp["n-min"],
          lv.noise,
          lv.levels,
          lv["n-for-levels"],
        ]) {
          expectSound(r);
        }
        expect(spAll.verdict!.ok).toBe(sp.noise.value! < 1);
        expect(!lvAll.verdict!.ok).toBe(lv.levels.value! < 2);
        // Counts are whole numbers whenever they are given as a value.
        for (const r of [e["n-for-eps"], sp["n-min"], lv["n-for-levels"]]) {
          if (r.value !== undefined) expect(Number.isInteger(r.value)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("at the corners of the domain", () => {
    const MAX = Number.MAX_VALUE;
    const MIN = Number.MIN_VALUE;
    for (const n of [1, 1e300, MAX]) {
      for (const m of [2, 1e300, MAX]) {
        for (const l of [1, m]) {
          for (const [a, k, eps] of [
            [MIN, MIN, MIN],
            [1, 1, 1],
            [MAX, MAX, 1],
            [1e300, 1e-300, 1e-300],
          ] as const) {
            const s = { ...DEFAULT_SCENARIO, n, m, l, a, k, eps };
            const all = CALCULATOR_NAMES.flatMap((name) => Object.values(completeResults(name, s).outputs));
            for (const r of all) expectSound(r);
          }
        }
      }
    }
  });
});
