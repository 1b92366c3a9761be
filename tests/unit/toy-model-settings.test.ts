/**
 * Validation of toy-model jobs: every field's domain, the limits (with the limit named in the
 * message), the order of the checks, and the defaults and presets being valid jobs.
 */
import { describe, expect, it } from "vitest";
import {
  DEFAULT_TOY_MODEL,
  MAX_TOY_FEATURES,
  MAX_TOY_NEURONS,
  MAX_TOY_STEPS,
  MAX_TOY_WORK,
  stepWork,
  TOY_MODEL_PRESETS,
  trainingWork,
  validateToyModel,
} from "../../src/features/toy-model/engine/settings.ts";
import { fc } from "./arbitraries.ts";

const good = { n: 20, m: 80, sparsity: 0.9, importance: 0.9, steps: 1000, seed: 3 };

function error(input: Record<string, unknown>) {
  const checked = validateToyModel(input);
  if (checked.ok) throw new Error("expected a failure");
  return checked.error;
}

describe("validateToyModel", () => {
  it("accepts a good job and returns exactly its settings", () => {
    expect(validateToyModel(good)).toEqual({ ok: true, settings: good });
    expect(validateToyModel({ ...good, sparsity: 0, importance: 1, seed: Number.MAX_SAFE_INTEGER }).ok).toBe(true);
  });

  it("names the field and its domain for each field outside it", () => {
    expect(error({ ...good, n: 0 })).toEqual({
      code: "invalid",
      field: "n",
      message: "n is too small: n (neurons) must be a whole number from 1 to 256.",
    });
    expect(error({ ...good, n: 2.5 })).toMatchObject({ code: "invalid", field: "n", message: expect.stringMatching(/whole number/) });
    expect(error({ ...good, n: 257 })).toEqual({
      code: "too-large",
      field: "n",
      message: "n = 257 is above the limit: n (neurons) must be a whole number from 1 to 256.",
    });
    expect(error({ ...good, m: 1 })).toMatchObject({ code: "invalid", field: "m", message: expect.stringMatching(/from 2 to 512/) });
    expect(error({ ...good, m: 513 })).toMatchObject({ code: "too-large", field: "m" });
    for (const sparsity of [1, -0.01, Number.NaN, Infinity, "0.5", undefined]) {
      expect(error({ ...good, sparsity })).toMatchObject({
        code: "invalid",
        field: "sparsity",
        message: expect.stringMatching(/from 0 up to, but not including, 1/),
      });
    }
    for (const importance of [0, 1.01, -1, Number.NaN, null]) {
      expect(error({ ...good, importance })).toMatchObject({
        code: "invalid",
        field: "importance",
        message: expect.stringMatching(/above 0 and at most 1/),
      });
    }
    expect(error({ ...good, steps: 0 })).toMatchObject({ code: "invalid", field: "steps" });
    expect(error({ ...good, steps: MAX_TOY_STEPS + 1 })).toMatchObject({
      code: "too-large",
      field: "steps",
      message: expect.stringMatching(/100,000/),
    });
    expect(error({ ...good, seed: -1 })).toMatchObject({ code: "invalid", field: "seed" });
    expect(error({ ...good, seed: 2 ** 53 })).toMatchObject({ code: "too-large", field: "seed" });
  });

  it("refuses a job above the work limit, naming the limit and the work", () => {
    // n = 20, m = 80, S = 0.7: 4.21·10⁶ multiply-adds per step, so 10 000 steps are 4.2·10¹⁰ > 2^35.
    const e = error({ ...good, sparsity: 0.7, steps: 10_000 });
    expect(e.code).toBe("too-large");
    expect(e.field).toBe("job");
    expect(e.message).toContain("34,359,738,368 (2^35");
    expect(e.message).toContain("10,000 × 4,206,080");
    // The notes' reference runs fit: 6 000 steps at S = 0.7.
    expect(validateToyModel({ ...good, sparsity: 0.7, steps: 6000 }).ok).toBe(true);
  });

  it("checks in the documented order and never throws, whatever the input", () => {
    expect(error({}).field).toBe("n");
    expect(error({ n: 2 }).field).toBe("m");
    expect(error({ n: 2, m: 5 }).field).toBe("sparsity");
    expect(error({ n: 2, m: 5, sparsity: 0 }).field).toBe("importance");
    expect(error({ n: 2, m: 5, sparsity: 0, importance: 1 }).field).toBe("steps");
    expect(error({ n: 2, m: 5, sparsity: 0, importance: 1, steps: 1 }).field).toBe("seed");
    fc.assert(
      fc.property(
        fc.record({
          n: fc.anything(),
          m: fc.anything(),
          sparsity: fc.anything(),
          importance: fc.anything(),
          steps: fc.anything(),
          seed: fc.anything(),
        }),
        (input) => {
          const checked = validateToyModel(input);
          if (checked.ok) expect(trainingWork(checked.settings)).toBeLessThanOrEqual(MAX_TOY_WORK);
          else expect(checked.error.message.length).toBeGreaterThan(10);
        },
      ),
    );
  });

  it("accepts exactly the jobs within every limit", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MAX_TOY_NEURONS }),
        fc.integer({ min: 2, max: MAX_TOY_FEATURES }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.double({ min: 0, max: 1, minExcluded: true, noNaN: true }),
        fc.integer({ min: 1, max: MAX_TOY_STEPS }),
        (n, m, sparsity, importance, steps) => {
          const settings = { n, m, sparsity, importance, steps, seed: 0 };
          expect(validateToyModel(settings).ok).toBe(steps * stepWork(n, m, sparsity) <= MAX_TOY_WORK);
        },
      ),
    );
  });
});

describe("stepWork", () => {
  it("is the documented count: B·(min(m·l, n·(l + m)) + l·m + m) + 1.5·n·m²", () => {
    // n = 20, m = 80, S = 0.7: l = 24, min(1 920, 2 080) = 1 920.
    expect(stepWork(20, 80, 0.7)).toBeCloseTo(1024 * (1920 + 1920 + 80) + 1.5 * 20 * 6400, 6);
    // Dense inputs: the direct form is cheaper.
    expect(stepWork(20, 80, 0)).toBe(1024 * (20 * 160 + 6400 + 80) + 192_000);
  });

  it("falls as inputs get sparser", () => {
    for (let s = 0; s < 0.99; s += 0.01) expect(stepWork(20, 80, s + 0.01)).toBeLessThan(stepWork(20, 80, s));
  });
});

describe("the defaults and presets", () => {
  it("are valid jobs", () => {
    expect(validateToyModel(DEFAULT_TOY_MODEL)).toEqual({ ok: true, settings: DEFAULT_TOY_MODEL });
    for (const preset of TOY_MODEL_PRESETS) expect(validateToyModel(preset.settings).ok).toBe(true);
  });
});
