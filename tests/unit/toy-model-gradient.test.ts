/**
 * The hand-derived gradient of the toy model's loss against central finite differences of the
 * loss written out directly (h = W x, x′ = ReLU(Wᵀh + b), L = (1/B) Σ Σᵢ Iᵢ (xᵢ − x′ᵢ)², all in
 * float64), for W and b, in both forward forms and with both kernels.
 *
 * Tolerance: central differences with step δ have truncation error O(δ²·L‴) and rounding error
 * O(u·L/δ), u = 2⁻⁵³; with δ = 10⁻⁶ and L, its derivatives of order 1, both are below 10⁻⁹. A
 * perturbation that moves some yᵢ across 0 (the ReLU's kink) would break the comparison; the batch
 * is fixed by its seed, so the check either always passes or always fails, and it passes: no yᵢ
 * lies within δ·|∂yᵢ/∂θ| of 0. A wrong term in the gradient (a missing A or Aᵀ, the bias of the
 * empty rows, a sign) misses by far more than the 10⁻⁷ allowed.
 */
import { describe, expect, it } from "vitest";
import { createTrainer, lossAndGradient, type Trainer } from "../../src/features/toy-model/engine/trainer.ts";
import { createRandom, nextDouble } from "../../src/math/random.ts";
import { drawRows } from "../../src/features/toy-model/engine/trainer.ts";
import type { ToyKernelName } from "../../src/features/toy-model/engine/toy-kernel.ts";
import type { ForwardMode } from "../../src/features/toy-model/engine/step.ts";

/** The loss of the trainer's current batch at weights w (the trainer's layout) and bias b, directly. */
function directLoss(trainer: Trainer, w: Float64Array, b: Float64Array): number {
  const { n, m, importance } = trainer.state;
  const { size, start, index, value } = trainer.ws.batch;
  let total = 0;
  for (let s = 0; s < size; s++) {
    const x = new Float64Array(m);
    for (let p = start[s]!; p < start[s + 1]!; p++) x[index[p]!] = value[p]!;
    const h = new Float64Array(n);
    for (let k = 0; k < n; k++) for (let i = 0; i < m; i++) h[k] = h[k]! + w[i * n + k]! * x[i]!;
    for (let i = 0; i < m; i++) {
      let y = b[i]!;
      for (let k = 0; k < n; k++) y += w[i * n + k]! * h[k]!;
      const error = x[i]! - Math.max(0, y);
      total += importance[i]! * error * error;
    }
  }
  return total / size;
}

function check(n: number, m: number, S: number, biasCentre: number, kernel: ToyKernelName, mode: ForwardMode): void {
  const trainer = createTrainer({ n, m, sparsity: S, importance: 0.8, seed: 21 }, kernel, mode, 64);
  if (trainer.kernel.name !== kernel) return; // no WebAssembly SIMD here: the JS run covers the rest
  // A bias with both signs, so that empty samples (y = b) contribute where bᵢ > 0.
  const random = createRandom(5, 9);
  for (let i = 0; i < m; i++) trainer.state.b[i] = biasCentre + 0.4 * (nextDouble(random) - 0.5);
  drawRows(trainer, 0, 64);
  let empty = 0;
  for (let s = 0; s < 64; s++) if (trainer.ws.batch.start[s] === trainer.ws.batch.start[s + 1]) empty++;
  expect(empty).toBeGreaterThan(0);
  const loss = lossAndGradient(trainer);
  const w = Float64Array.from(trainer.state.w);
  const b = Float64Array.from(trainer.state.b);
  expect(loss).toBeCloseTo(directLoss(trainer, w, b), 12);
  const delta = 1e-6;
  const numeric = (array: Float64Array, at: number): number => {
    const keep = array[at]!;
    array[at] = keep + delta;
    const up = directLoss(trainer, w, b);
    array[at] = keep - delta;
    const down = directLoss(trainer, w, b);
    array[at] = keep;
    return (up - down) / (2 * delta);
  };
  for (let at = 0; at < w.length; at++) expect(Math.abs(trainer.ws.gradW[at]! - numeric(w, at))).toBeLessThan(1e-7);
  for (let at = 0; at < b.length; at++) expect(Math.abs(trainer.ws.gradB[at]! - numeric(b, at))).toBeLessThan(1e-7);
}

describe("the gradient of the toy model's loss", () => {
  for (const kernel of ["js", "wasm-simd"] as const) {
    for (const mode of ["gram", "direct"] as const) {
      it(`matches finite differences for W and b (${kernel} kernel, ${mode} forward pass, g mostly dense)`, () => {
        // m = 6: g has ≥ m/4 nonzero entries in most samples, so A is updated row by row.
        check(3, 6, 0.6, 0, kernel, mode);
      });

      it(`matches finite differences for W and b (${kernel} kernel, ${mode} forward pass, g sparse)`, () => {
        // m = 41 (odd: the SIMD loops' scalar tail) and a negative bias: few ReLUs on, A updated entry by entry.
        check(5, 41, 0.9, -0.15, kernel, mode);
      });
    }
  }

  it("is not a gradient of something else: a step along it lowers the loss by |∇|²·η", () => {
    const trainer = createTrainer({ n: 4, m: 12, sparsity: 0.5, importance: 0.9, seed: 3 }, "js", undefined, 128);
    drawRows(trainer, 0, 128);
    const loss = lossAndGradient(trainer);
    const eta = 1e-5;
    let norm2 = 0;
    const w = Float64Array.from(trainer.state.w, (v, i) => v - eta * trainer.ws.gradW[i]!);
    const b = Float64Array.from(trainer.state.b, (v, i) => v - eta * trainer.ws.gradB[i]!);
    for (const g of [...trainer.ws.gradW, ...trainer.ws.gradB]) norm2 += g * g;
    expect(norm2).toBeGreaterThan(0);
    const drop = loss - directLoss(trainer, w, b);
    expect(drop / (eta * norm2)).toBeCloseTo(1, 3);
  });
});
