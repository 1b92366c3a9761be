/**
 * The simulation's number-crunching: dot products between the feature vectors (the all-pairs
 * Gram matrix) and between feature vectors and a batch of input vectors (the readouts). Two
 * interchangeable implementations of one interface, {@link DotKernel}:
 *
 *   "wasm-relaxed"  hand-written WebAssembly with 128-bit SIMD (kernel.wat) in its relaxed-SIMD
 *                build: the multiply-adds of the dot products are fused (f32x4.relaxed_madd), one
 *                instruction and one rounding where the processor has FMA; chosen by "auto"
 *                where the engine validates relaxed SIMD (Chromium and Node since 2023);
 *   "wasm-simd"  the same kernel with standard SIMD only (f32x4.mul then f32x4.add): a 4×2
 *                register-blocked micro-kernel over 4 lanes of float32, about 45 GFLOP/s on one
 *                core here, bit-identical on every platform;
 *   "js"         the same blocking in plain JavaScript (float64 accumulators), for engines without
 *                WebAssembly SIMD (every current browser has it; this is the fallback).
 *
 * Both keep the vectors in float32: half the memory and memory traffic of float64, 4 SIMD lanes
 * instead of 2, and the precision is ample here — a dot product of two unit vectors in ℝⁿ summed
 * in float32 is off by about 2^-24·√n·(1/√n) ≈ 6·10⁻⁸ typically (at most n·2^-24 in the worst
 * case), against overlaps of size 1/√n ≥ 10⁻³ for every n this engine allows.
 *
 * Results of the kernels agree to float32 rounding but are not bit-identical (the JS kernel sums in
 * float64; the relaxed one rounds once per multiply-add). Each kernel is deterministic on its own:
 * "wasm-simd" and "js" on every platform, "wasm-relaxed" on each machine (whether its
 * multiply-adds fuse is the processor's choice, so two machines may differ in the last bits).
 *
 * The interface and the quad-packed layout are in quad-layout.ts, the kernels in kernel-js.ts and
 * kernel-wasm-host.ts; this module picks one.
 */
import { createJsKernel } from "./kernel-js.ts";
import { createWasmKernel } from "./kernel-wasm-host.ts";
import type { DotKernel, KernelName } from "./quad-layout.ts";

export { SLICE_CHUNKS, TILE, type DotKernel, type KernelName, type Operand } from "./quad-layout.ts";
export { createJsKernel } from "./kernel-js.ts";
export { createWasmKernel, wasmRelaxedAvailable, wasmSimdAvailable } from "./kernel-wasm-host.ts";

/** Which kernel to use: the fastest available ("auto"), or one in particular. */
export type KernelChoice = "auto" | KernelName;

/**
 * A kernel: "auto" and "wasm-relaxed" give "wasm-relaxed" when available, else "wasm-simd", else
 * "js"; "wasm-simd" gives "wasm-simd" when available, else "js" (check the returned `name`); "js"
 * always gives the JavaScript kernel.
 */
export function createKernel(choice: KernelChoice = "auto"): DotKernel {
  if (choice === "js") return createJsKernel();
  return (choice !== "wasm-simd" ? createWasmKernel("relaxed") : undefined) ?? createWasmKernel("standard") ?? createJsKernel();
}
