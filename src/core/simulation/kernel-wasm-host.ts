/**
 * The host side of the WebAssembly SIMD kernel (kernel.wat, inlined as base64 in kernel-wasm.ts):
 * compiling it once, laying out its memory, and exposing it as a {@link DotKernel}.
 */
import { KERNEL_WASM_BASE64 } from "./kernel-wasm.ts";
import { clearRow, kernelShape, packRow, paddedRows, TILE, unpackRow, type DotKernel, type Operand } from "./quad-layout.ts";

interface KernelExports {
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
  ): void;
  add_rows(dst: number, src: number, quadBytes: number, idx: number, count: number, chunks: number): void;
}

let compiled: WebAssembly.Module | null | undefined;

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * The compiled kernel module, or null when this engine cannot run it (no WebAssembly, or no SIMD).
 * Compiled once, synchronously: the module is 660 bytes, well under the 4 KB that browsers allow
 * to compile synchronously on the main thread.
 */
function kernelModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  try {
    if (typeof WebAssembly === "object") {
      const bytes = decodeBase64(KERNEL_WASM_BASE64);
      if (WebAssembly.validate(bytes)) compiled = new WebAssembly.Module(bytes);
    }
  } catch {
    compiled = null;
  }
  return compiled;
}

/** Whether this JavaScript engine can run the WebAssembly SIMD kernel. */
export function wasmSimdAvailable(): boolean {
  return kernelModule() !== null;
}

const PAGE = 65536;

/**
 * The WebAssembly SIMD kernel, or undefined when it is unavailable here. Each kernel owns its own
 * WebAssembly memory (grown by `reset`, never shrunk: make a new kernel per simulation run, and
 * let the old one be garbage-collected).
 */
export function createWasmKernel(): DotKernel | undefined {
  const module = kernelModule();
  if (module === null) return undefined;
  const exports = new WebAssembly.Instance(module, {}).exports as unknown as KernelExports;
  const memory = exports.memory;
  // Byte addresses of the regions, laid out by reset: features | batch | tile | row indices.
  let featuresAt = 0;
  let batchAt = 0;
  let tileAt = 0;
  let indicesAt = 0;
  let batchBytes = 0;
  let quadBytes = 0;
  /** Bytes of memory written since the instance was made (all zero beyond). */
  let used = 0;
  let view = new Float32Array(memory.buffer);
  /** A Float32Array over the whole memory; views detach when memory grows, so refresh then. */
  const floats = (): Float32Array => (view.buffer === memory.buffer ? view : (view = new Float32Array(memory.buffer)));
  const kernel = {
    name: "wasm-simd" as const,
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
      const end = indicesAt + 4 * rows;
      if (end > memory.buffer.byteLength) memory.grow(Math.ceil((end - memory.buffer.byteLength) / PAGE));
      // Memory beyond what earlier resets used is fresh, hence already zero: clear only the rest.
      floats().fill(0, 0, Math.min(end, used) / 4);
      used = Math.max(used, end);
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
    dots(i0: number, ni: number, other: Operand, j0: number, nj: number, c0: number, nc: number, accumulate: boolean): void {
      const pb = (other === "features" ? featuresAt : batchAt) + c0 * 64;
      exports.dots(featuresAt + (i0 >> 2) * quadBytes + c0 * 64, pb, ni >> 2, j0 >> 1, nj >> 1, quadBytes, nc, tileAt, TILE, accumulate ? 1 : 0);
    },
    tile: () => floats().subarray(tileAt / 4, tileAt / 4 + TILE * TILE),
  };
  return kernel;
}
