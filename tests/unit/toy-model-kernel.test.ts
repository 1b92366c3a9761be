/**
 * The toy model's two kernels: the WebAssembly SIMD one does the JavaScript one's float64
 * operations in the same order, so training gives bit-identical weights and losses with either —
 * in both forward forms, with odd sizes (the SIMD loops' scalar tails) and dense or sparse g.
 */
import { describe, expect, it } from "vitest";
import { createTrainer, trainStep } from "../../src/features/toy-model/engine/trainer.ts";
import { createWasmToyKernel, toyKernelBytes, toyWasmAvailable } from "../../src/features/toy-model/engine/toy-kernel.ts";
import { TOY_KERNEL_WASM_BASE64 } from "../../src/features/toy-model/engine/toy-kernel-wasm.ts";
import type { ForwardMode } from "../../src/features/toy-model/engine/step.ts";

function train(kernel: "js" | "wasm-simd", n: number, m: number, S: number, mode: ForwardMode, steps: number) {
  const trainer = createTrainer({ n, m, sparsity: S, importance: 0.85, seed: 8 }, kernel, mode, 256);
  const losses: number[] = [];
  for (let t = 0; t < steps; t++) losses.push(trainStep(trainer));
  return { name: trainer.kernel.name, w: Array.from(trainer.state.w), b: Array.from(trainer.state.b), losses };
}

describe("the toy model's WebAssembly kernel", () => {
  it("is available in Node (so the comparisons below run)", () => {
    expect(toyWasmAvailable()).toBe(true);
  });

  it("stays under 4 KB, the most a browser compiles synchronously on the main thread", () => {
    expect(atob(TOY_KERNEL_WASM_BASE64).length).toBeLessThan(4096);
  });

  for (const [n, m, S, mode] of [
    [2, 5, 0, "direct"],
    [2, 5, 0.9, "gram"],
    [7, 33, 0.7, "gram"],
    [7, 33, 0.7, "direct"],
    [20, 80, 0.97, "gram"],
    [3, 64, 0.99, "gram"],
  ] as const) {
    it(`trains to bit-identical weights and losses as the JavaScript kernel (n = ${n}, m = ${m}, S = ${S}, ${mode})`, () => {
      const js = train("js", n, m, S, mode, 150);
      const wasm = train("wasm-simd", n, m, S, mode, 150);
      expect(js.name).toBe("js");
      expect(wasm.name).toBe("wasm-simd");
      expect(wasm.w).toEqual(js.w);
      expect(wasm.b).toEqual(js.b);
      expect(wasm.losses).toEqual(js.losses);
      // And training did something: the loss fell.
      expect(js.losses.at(-1)!).toBeLessThan(js.losses[0]!);
    });
  }

  it("works only on arrays in its own memory, and never grows it after the model is placed", () => {
    const kernel = createWasmToyKernel(3, 10, 16)!;
    expect(toyKernelBytes(3, 10, 16)).toBeLessThan(65536);
    const mine = kernel.allocate.f64(10);
    const other = new Float64Array(10);
    expect(() => kernel.adam(other, mine, mine, mine, 1e-3, 1)).toThrow(RangeError);
    expect(() => kernel.allocate.f64(1e6)).toThrow(RangeError);
  });
});
