/**
 * The number-crunching of a training step, behind one interface with two implementations:
 *
 *   "wasm-simd"  toy-kernel.wat: hand-written WebAssembly with 128-bit SIMD (f64x2), the model and
 *                its workspace held in the instance's memory;
 *   "js"         the functions of step.ts on ordinary arrays, for engines without WebAssembly SIMD.
 *
 * Both do the same float64 operations in the same order, so they give bit-identical weights and
 * losses (a unit test checks it); the choice changes only the speed.
 */
import { HEAP, type Allocator, type ToyModelState } from "./model.ts";
import { accumulateRows, ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON, adamUpdate, computeGram, gradientRows, type StepWorkspace } from "./step.ts";
import { TOY_KERNEL_WASM_BASE64 } from "./toy-kernel-wasm.ts";

/** The two implementations of {@link ToyKernel}. */
export type ToyKernelName = "wasm-simd" | "js";

/** Which kernel to use: the fastest available ("auto"), or one in particular. */
export type ToyKernelChoice = "auto" | ToyKernelName;

/**
 * The computing of a training step on one model and workspace (see step.ts for what each piece
 * does). Pieces are called in the order of a step; out-of-range arguments are not checked (hot path).
 */
export interface ToyKernel {
  readonly name: ToyKernelName;
  /** Where the model and workspace must be allocated for this kernel to work on them. */
  readonly allocate: Allocator;
  /** Ties the kernel to a model and workspace allocated with {@link ToyKernel.allocate}; call once. */
  bind(state: ToyModelState, ws: StepWorkspace): void;
  /** Rows from … to − 1 of WᵀW (see `computeGram`). */
  gram(from: number, to: number): void;
  /** Samples from … to − 1: loss, ∂L/∂b, A and the empty-row count (see `accumulateRows`). */
  accumulate(from: number, to: number): void;
  /** Columns from … to − 1 of ∂L/∂W (see `gradientRows`). */
  gradient(from: number, to: number): void;
  /** One Adam update of p (see `adamUpdate`). */
  adam(p: Float64Array, g: Float64Array, m1: Float64Array, m2: Float64Array, stepSize: number, root2: number): void;
}

function unbound(): never {
  throw new Error("the toy-model kernel must be bound to a model first");
}

/** The plain-JavaScript kernel: works everywhere. */
export function createJsToyKernel(): ToyKernel {
  let state: ToyModelState | undefined;
  let ws: StepWorkspace | undefined;
  return {
    name: "js",
    allocate: HEAP,
    bind(s, w) {
      state = s;
      ws = w;
    },
    gram: (from, to) => computeGram(state ?? unbound(), ws ?? unbound(), from, to),
    accumulate: (from, to) => accumulateRows(state ?? unbound(), ws ?? unbound(), from, to),
    gradient: (from, to) => gradientRows(state ?? unbound(), ws ?? unbound(), from, to),
    adam: adamUpdate,
  };
}

interface ToyKernelExports {
  readonly memory: WebAssembly.Memory;
  configure(...addresses: number[]): void;
  gram(from: number, to: number): void;
  accumulate(from: number, to: number, scale: number, gramMode: number): number;
  gradient(from: number, to: number): void;
  adam(
    p: number,
    g: number,
    m1: number,
    m2: number,
    count: number,
    beta1: number,
    c1: number,
    beta2: number,
    c2: number,
    stepSize: number,
    root2: number,
    eps: number,
  ): void;
}

let compiled: WebAssembly.Module | null | undefined;

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The compiled module (once; under 4 KB, so synchronous compilation is allowed everywhere), or null. */
function toyModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  try {
    if (typeof WebAssembly === "object") {
      const bytes = decodeBase64(TOY_KERNEL_WASM_BASE64);
      if (WebAssembly.validate(bytes)) compiled = new WebAssembly.Module(bytes);
    }
  } catch {
    compiled = null;
  }
  return compiled;
}

/** Whether this JavaScript engine can run the toy model's WebAssembly SIMD kernel. */
export function toyWasmAvailable(): boolean {
  return toyModule() !== null;
}

/**
 * Bytes a model of n neurons and m features with a batch of `size` needs in a kernel's memory:
 * the model (8·(3mn + 4m)), the workspace (8·(size·m + 2m² + mn + 6m + n) + 4·(size·(m + 1) + 1 + m)),
 * the kernel's own scratch (20m) and 16 bytes of alignment per array.
 */
export function toyKernelBytes(n: number, m: number, size: number): number {
  const model = 8 * (3 * m * n + 4 * m);
  const workspace = 8 * (size * m + 2 * m * m + m * n + 6 * m + n) + 4 * (size * (m + 1) + 1 + m);
  const scratch = 20 * m;
  return model + workspace + scratch + 16 * 26;
}

const PAGE = 65536;

/**
 * The WebAssembly SIMD kernel with room for a model of n neurons and m features and a batch of
 * `size`, or undefined when WebAssembly SIMD is unavailable. Each kernel owns its instance and
 * memory; make one per training run. Throws a RangeError when the memory cannot be had.
 */
export function createWasmToyKernel(n: number, m: number, size: number): ToyKernel | undefined {
  const module = toyModule();
  if (module === null) return undefined;
  const exports = new WebAssembly.Instance(module, {}).exports as unknown as ToyKernelExports;
  const memory = exports.memory;
  const bytes = toyKernelBytes(n, m, size);
  try {
    if (bytes > memory.buffer.byteLength) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE));
  } catch (error) {
    throw new RangeError(`the toy model needs ${bytes} bytes of WebAssembly memory, which could not be had: ${String(error)}`, { cause: error });
  }
  let next = 0;
  // Reserve bytes with 16-byte alignment; memory was grown once above, so views never detach.
  const take = (length: number, size: number): number => {
    const at = next;
    next = Math.ceil((at + length * size) / 16) * 16;
    if (next > memory.buffer.byteLength) throw new RangeError("toy-model kernel memory overrun");
    return at;
  };
  const allocate: Allocator = {
    f64: (length) => new Float64Array(memory.buffer, take(length, 8), length),
    i32: (length) => new Int32Array(memory.buffer, take(length, 4), length),
  };
  // The forward pass's scratch: one row address (i32) and one splatted value (two f64) per input.
  const rowsAt = take(m, 4);
  const xsAt = take(2 * m, 8);
  let scale = 0;
  let gramMode = 0;
  let ws: StepWorkspace | undefined;
  const address = (array: Float64Array | Int32Array): number => {
    if (array.buffer !== memory.buffer) throw new RangeError("the toy model was not allocated in this kernel's memory");
    return array.byteOffset;
  };
  return {
    name: "wasm-simd",
    allocate,
    bind(state, workspace) {
      ws = workspace;
      scale = 2 / workspace.batch.size;
      gramMode = workspace.mode === "gram" ? 1 : 0;
      const { batch } = workspace;
      exports.configure(
        state.n,
        state.m,
        address(state.w),
        address(state.b),
        address(state.importance),
        address(workspace.gram),
        address(workspace.a),
        address(workspace.gradW),
        address(workspace.gradB),
        address(workspace.y),
        address(workspace.h),
        address(workspace.x),
        address(workspace.gIndex),
        address(workspace.gValue),
        address(workspace.gDense),
        address(batch.start),
        address(batch.index),
        address(batch.value),
        rowsAt,
        xsAt,
      );
    },
    gram: (from, to) => exports.gram(from, to),
    accumulate(from, to) {
      const w = ws ?? unbound();
      w.lossSum += exports.accumulate(from, to, scale, gramMode);
      const start = w.batch.start;
      let empty = 0;
      for (let s = from; s < to; s++) if (start[s] === start[s + 1]) empty++;
      w.emptyRows += empty;
    },
    gradient: (from, to) => exports.gradient(from, to),
    adam(p, g, m1, m2, stepSize, root2) {
      exports.adam(
        address(p),
        address(g),
        address(m1),
        address(m2),
        p.length,
        ADAM_BETA1,
        1 - ADAM_BETA1,
        ADAM_BETA2,
        1 - ADAM_BETA2,
        stepSize,
        root2,
        ADAM_EPSILON,
      );
    },
  };
}

/**
 * A kernel for a model of n neurons and m features and a batch of `size`: "auto" gives
 * "wasm-simd" when available and "js" otherwise; "wasm-simd" falls back to "js" likewise (check
 * the returned `name`); "js" always gives the JavaScript kernel.
 */
export function createToyKernel(choice: ToyKernelChoice, n: number, m: number, size: number): ToyKernel {
  return (choice !== "js" ? createWasmToyKernel(n, m, size) : undefined) ?? createJsToyKernel();
}
