/**
 * The host side of the WebAssembly SIMD kernel (kernel.wat, inlined as base64 in kernel-wasm.ts,
 * and its relaxed-SIMD build in kernel-relaxed-wasm.ts): compiling it once, laying out its memory,
 * and exposing it as a {@link DotKernel}. The feature-direction functions of the same module are
 * driven by readout-kernel.ts.
 */
import { KERNEL_RELAXED_WASM_BASE64 } from "./kernel-relaxed-wasm.ts";
import { KERNEL_WASM_BASE64 } from "./kernel-wasm.ts";
import { clearRow, kernelShape, packRow, paddedRows, TILE, unpackRow, type DotKernel, type Operand } from "./quad-layout.ts";

/** The two builds of kernel.wat (see its header): fused multiply-adds, or IEEE mul then add. */
export type WasmBuild = "relaxed" | "standard";

/** The kernel's exports, as the hosts call them. */
export interface KernelExports {
  readonly memory: WebAssembly.Memory;
  dots(
    pa: number,
    pb: number,
    quads: number,
    pair0: number,
    pairs: number,
    quadBytes: number,
    chunks: number,
    c: number,
    ldc: number,
    acc: number,
    upper: number,
  ): void;
  add_rows(dst: number, src: number, quadBytes: number, idx: number, count: number, chunks: number): void;
  gaussians(
    out: number,
    quadBytes: number,
    n: number,
    f0: number,
    row0: number,
    rows: number,
    k0: number,
    k1: number,
    c2: number,
    c3: number,
    norms: number,
  ): void;
  add_direction(dst: number, src: number, chunks: number, scale: number): void;
}

const compiled: Partial<Record<WasmBuild, WebAssembly.Module | null>> = {};

/**
 * Views of a kernel instance's memory as float32 and float64 arrays, made again whenever the
 * memory has grown (growing detaches every view of the old buffer): call them for each use.
 */
export function memoryViews(memory: WebAssembly.Memory): { floats(): Float32Array; doubles(): Float64Array } {
  let floatView = new Float32Array(memory.buffer);
  let doubleView = new Float64Array(memory.buffer);
  return {
    floats: () => (floatView.buffer === memory.buffer ? floatView : (floatView = new Float32Array(memory.buffer))),
    doubles: () => (doubleView.buffer === memory.buffer ? doubleView : (doubleView = new Float64Array(memory.buffer))),
  };
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * The compiled kernel module of a build, or null when this engine cannot run it (no WebAssembly,
 * no SIMD, or — for the relaxed build — no relaxed SIMD). Compiled once, synchronously: each build
 * is under 4 KB, the size browsers allow to compile synchronously on the main thread (the kernel
 * normally runs in a Web Worker anyway).
 */
export function kernelModule(build: WasmBuild = "standard"): WebAssembly.Module | null {
  const known = compiled[build];
  if (known !== undefined) return known;
  let module: WebAssembly.Module | null = null;
  try {
    if (typeof WebAssembly === "object") {
      const bytes = decodeBase64(build === "relaxed" ? KERNEL_RELAXED_WASM_BASE64 : KERNEL_WASM_BASE64);
      if (WebAssembly.validate(bytes)) module = new WebAssembly.Module(bytes);
    }
  } catch {
    module = null;
  }
  compiled[build] = module;
  return module;
}

/** Whether this JavaScript engine can run the WebAssembly SIMD kernel. */
export function wasmSimdAvailable(): boolean {
  return kernelModule("standard") !== null;
}

/** Whether this JavaScript engine can run the relaxed-SIMD build (f32x4.relaxed_madd). */
export function wasmRelaxedAvailable(): boolean {
  return kernelModule("relaxed") !== null;
}

/** A fresh instance of a build (its own memory), or undefined when the build cannot run here. */
export function kernelInstance(build: WasmBuild): KernelExports | undefined {
  const module = kernelModule(build);
  return module === null ? undefined : (new WebAssembly.Instance(module, {}).exports as unknown as KernelExports);
}

/** Bytes per WebAssembly memory page. */
const PAGE = 65536;

/**
 * For a kernel that lays its memory out anew at every reset: the returned function makes bytes
 * 0 … end − 1 of `memory` zero, growing it as needed. Memory beyond what earlier calls used is
 * fresh, hence already zero: only the rest is cleared. Domain: end a multiple of 4, ≥ 0; memory
 * that cannot be had throws the engine's RangeError.
 */
export function zeroedMemory(memory: WebAssembly.Memory): (end: number) => void {
  const { floats } = memoryViews(memory);
  let used = 0;
  return (end) => {
    if (end > memory.buffer.byteLength) memory.grow(Math.ceil((end - memory.buffer.byteLength) / PAGE));
    floats().fill(0, 0, Math.min(end, used) / 4);
    used = Math.max(used, end);
  };
}

/**
 * The WebAssembly SIMD kernel of a build ("wasm-relaxed" or "wasm-simd"), or undefined when that
 * build is unavailable here. Each kernel owns its own WebAssembly memory (grown by `reset`, never
 * shrunk: make a new kernel per simulation run, and let the old one be garbage-collected).
 */
export function createWasmKernel(build: WasmBuild = "standard"): DotKernel | undefined {
  const exports = kernelInstance(build);
  if (exports === undefined) return undefined;
  const memory = exports.memory;
  // Byte addresses of the regions, laid out by reset: features | batch | tile | row indices.
  let featuresAt = 0;
  let batchAt = 0;
  let tileAt = 0;
  let indicesAt = 0;
  let batchBytes = 0;
  let quadBytes = 0;
  const zeroUpTo = zeroedMemory(memory);
  const { floats } = memoryViews(memory);
  const kernel = {
    name: build === "relaxed" ? ("wasm-relaxed" as const) : ("wasm-simd" as const),
    rows: 0,
    n: 0,
    batchRows: 0,
    chunks: 0,
    reset(rows: number, n: number): void {
      const { chunks, batchRows } = kernelShape(rows, n);
      quadBytes = 64 * chunks;
      featuresAt = 0;
      batchAt = featuresAt + (paddedRows(rows) / 4) * quadBytes;
      batchBytes = (batchRows / 4) * quadBytes;
      tileAt = batchAt + batchBytes;
      indicesAt = tileAt + TILE * TILE * 4;
      zeroUpTo(indicesAt + 4 * rows);
      Object.assign(kernel, { rows, n, chunks, batchRows });
    },
    setRow(f: number, values: ArrayLike<number>): void {
      packRow(floats(), featuresAt / 4, f, values, kernel.n, quadBytes / 64);
    },
    getRow(f: number): Float32Array {
      return unpackRow(floats(), featuresAt / 4, f, kernel.n, quadBytes / 64);
    },
    getBatchRow(b: number): Float32Array {
      return unpackRow(floats(), batchAt / 4, b, kernel.n, quadBytes / 64);
    },
    clearBatch(): void {
      floats().fill(0, batchAt / 4, (batchAt + batchBytes) / 4);
    },
    clearBatchRow(b: number): void {
      clearRow(floats(), batchAt / 4, b, quadBytes / 64, kernel.chunks);
    },
    addRows(b: number, indices: Int32Array, count: number): void {
      if (count === 0) return;
      new Int32Array(memory.buffer, indicesAt, count).set(indices.subarray(0, count));
      exports.add_rows(batchAt + (b >> 2) * quadBytes + (b & 3) * 16, featuresAt, quadBytes, indicesAt, count, kernel.chunks);
    },
    dots(i0: number, ni: number, other: Operand, j0: number, nj: number, c0: number, nc: number, accumulate: boolean, upper = false): void {
      const pb = (other === "features" ? featuresAt : batchAt) + c0 * 64;
      exports.dots(
        featuresAt + (i0 >> 2) * quadBytes + c0 * 64,
        pb,
        ni >> 2,
        j0 >> 1,
        nj >> 1,
        quadBytes,
        nc,
        tileAt,
        TILE,
        accumulate ? 1 : 0,
        upper ? 1 : 0,
      );
    },
    tile: () => floats().subarray(tileAt / 4, tileAt / 4 + TILE * TILE),
  };
  return kernel;
}
