/**
 * Training the toy model: reproducibility, the generator's contract (progress, loss curve, bounded
 * pieces of work, stopping), and the synchronous helper.
 */
import { describe, expect, it } from "vitest";
import {
  historyInterval,
  MAX_HISTORY_POINTS,
  trainToyModel,
  trainToyModelSync,
  type ToyModelProgress,
  type ToyModelResult,
} from "../../src/features/toy-model/engine/train.ts";
import { createTrainer } from "../../src/features/toy-model/engine/trainer.ts";
import { MAX_TOY_FEATURES, MAX_TOY_NEURONS, validateToyModel, type ToyModelSettings } from "../../src/features/toy-model/engine/settings.ts";
import { fc } from "./arbitraries.ts";

const small: ToyModelSettings = { n: 5, m: 20, sparsity: 0.9, importance: 0.9, steps: 300, seed: 4 };

function train(settings: ToyModelSettings, kernel: "auto" | "js" = "auto"): ToyModelResult {
  const outcome = trainToyModelSync(settings, kernel);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.result;
}

describe("reproducibility", () => {
  it("the same settings and seed give identical weights, bias and loss curve, with either kernel", () => {
    const first = train(small);
    expect(train(small)).toEqual(first);
    const js = train(small, "js");
    expect(js.W).toEqual(first.W);
    expect(js.b).toEqual(first.b);
    expect(js.history).toEqual(first.history);
  });

  it("another seed gives other weights; so does another sparsity", () => {
    const first = train(small);
    expect(train({ ...small, seed: 5 }).W).not.toEqual(first.W);
    expect(train({ ...small, sparsity: 0.8 }).W).not.toEqual(first.W);
  });

  it("starts from Xavier-normal weights: mean 0, variance 2/(n + m), and b = 0", () => {
    const { state } = createTrainer({ n: 40, m: 160, sparsity: 0.5, importance: 1, seed: 2 }, "js");
    const count = state.w.length;
    const mean = state.w.reduce((a, v) => a + v, 0) / count;
    const variance = state.w.reduce((a, v) => a + v * v, 0) / count;
    const sd = Math.sqrt(2 / 200);
    // Mean: s.e. sd/√count; variance: s.e. sd²·√(2/count) (normal entries).
    expect(Math.abs(mean)).toBeLessThan((5 * sd) / Math.sqrt(count));
    expect(Math.abs(variance - sd * sd)).toBeLessThan(5 * sd * sd * Math.sqrt(2 / count));
    expect(state.b.every((v) => v === 0)).toBe(true);
  });
});

describe("the training generator", () => {
  it("gives the same result as the synchronous helper, with progress that only moves forward", () => {
    const steps = trainToyModel(small);
    const seen: ToyModelProgress[] = [];
    let next = steps.next();
    while (!next.done) {
      seen.push(next.value);
      next = steps.next();
    }
    expect(next.value).toEqual(train(small));
    expect(seen.length).toBeGreaterThan(1);
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]!.step).toBeGreaterThanOrEqual(seen[i - 1]!.step);
      expect(seen[i]!.history.length).toBeGreaterThanOrEqual(seen[i - 1]!.history.length);
    }
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ step: 300, steps: 300, fraction: 1 });
    expect(last.history).toEqual(next.value.history);
    expect(last.loss).toBe(next.value.finalLoss);
  });

  it("keeps a loss curve of at most 200 points, one per interval of ⌈steps/200⌉ steps, ending at the last step", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), (steps) => {
        const interval = historyInterval(steps);
        expect(Math.ceil(steps / interval)).toBeLessThanOrEqual(MAX_HISTORY_POINTS);
        expect(interval === 1 || Math.ceil(steps / (interval - 1)) > MAX_HISTORY_POINTS).toBe(true);
      }),
    );
    const result = train({ ...small, steps: 450 });
    expect(result.history.map((p) => p.step)).toEqual([...Array.from({ length: 150 }, (_, i) => 3 * (i + 1))]);
    const odd = train({ ...small, steps: 401 });
    expect(odd.history).toHaveLength(134);
    expect(odd.history.at(-1)!.step).toBe(401);
    for (const point of odd.history) expect(point.loss >= 0 && Number.isFinite(point.loss)).toBe(true);
  });

  it("lowers the loss", () => {
    const { history } = train({ ...small, steps: 1000 });
    expect(history.at(-1)!.loss).toBeLessThan(history[0]!.loss / 2);
  });

  it("cuts every step of every allowed job into pieces estimated at 1 ms or less", () => {
    // The largest model at the densest inputs has the costliest sample, WᵀW row and ∂L/∂W column.
    for (const sparsity of [0, 0.5, 0.99]) {
      for (const [n, m] of [
        [MAX_TOY_NEURONS, MAX_TOY_FEATURES],
        [1, MAX_TOY_FEATURES],
        [MAX_TOY_NEURONS, 2],
      ]) {
        const trainer = createTrainer({ n: n!, m: m!, sparsity, importance: 0.9, seed: 0 }, "js");
        const { cost, rowsPerPiece, columnsPerPiece } = trainer;
        expect(rowsPerPiece * (cost.draw + cost.row)).toBeLessThanOrEqual(1e6);
        expect(columnsPerPiece * cost.column).toBeLessThanOrEqual(1e6);
        expect(cost.update).toBeLessThanOrEqual(1e6);
      }
    }
  });

  it("yields about once per millisecond of estimated work, long before the end of a long job", () => {
    const trainer = createTrainer(small);
    const { cost } = trainer;
    const perStep = 1024 * (cost.draw + cost.row) + trainer.state.m * cost.column * 1.5 + cost.update;
    const steps = trainToyModel(small);
    let yields = 0;
    let first: ToyModelProgress | undefined;
    for (let next = steps.next(); !next.done; next = steps.next()) {
      yields++;
      first ??= next.value;
    }
    // One yield per 10⁶ ns of estimated work (a piece can overshoot it), plus the final one.
    const expected = (small.steps * perStep) / 1e6;
    expect(yields).toBeGreaterThan(0.7 * expected);
    expect(yields).toBeLessThan(1.3 * expected + 2);
    expect(first!.step).toBeLessThan(small.steps / 10);
    // Stopping is not calling next() again: a 100 000-step job hands control back at once.
    const long = trainToyModel({ ...small, steps: 100_000 });
    const early = long.next();
    expect(early.done).toBe(false);
    expect((early.value as ToyModelProgress).fraction).toBeLessThan(0.001);
    long.return(undefined as never);
  });
});

describe("trainToyModel outside its domain", () => {
  it("throws a RangeError with the validation message instead of training", () => {
    expect(() => trainToyModel({ ...small, steps: 0 }).next()).toThrow(
      new RangeError("steps is too small: steps must be a whole number from 1 to 100,000."),
    );
    expect(() => trainToyModel({ ...small, sparsity: 1 }).next()).toThrow(RangeError);
  });
});

describe("trainToyModelSync", () => {
  it("returns the validation error, never throws, for a bad job", () => {
    const checked = validateToyModel({ ...small, n: 0 });
    expect(checked.ok).toBe(false);
    expect(trainToyModelSync({ ...small, n: 0 })).toEqual(checked);
    expect(trainToyModelSync({ ...small, steps: 1e9 })).toMatchObject({ ok: false, error: { code: "too-large", field: "steps" } });
    expect(trainToyModelSync({}).ok).toBe(false);
  });

  it("returns W as n × m numbers and b as m, all finite, and the settings it trained", () => {
    const result = train(small);
    expect(result.W).toHaveLength(100);
    expect(result.b).toHaveLength(20);
    expect([...result.W, ...result.b].every(Number.isFinite)).toBe(true);
    expect(result.settings).toEqual(small);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});
