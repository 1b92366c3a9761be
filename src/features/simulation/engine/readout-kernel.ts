/**
 * The number-crunching of the large readout (large-readout.ts), which never holds the embedding:
 * a batch of inputs, each the sum of its active features' directions, and a block of at most
 * {@link BLOCK_ROWS} features regenerated on demand (feature-directions.ts) and read against every
 * input at once, so that each feature's Gaussians are drawn once per run and used `trials` times.
 *
 * Both matrices are quad-packed (quad-layout.ts) with the columns padded to a multiple of 32: the
 * WebAssembly `gaussians` makes 32 columns per turn and writes every column from n on as zero, so
 * the padding adds nothing to a dot product. Three implementations of one interface, as for the
 * all-pairs kernel (kernel.ts): "wasm-relaxed", "wasm-simd" (the two builds of kernel.wat) and
 * "js". All three make bit-identical directions and inputs (the Gaussians never use relaxed
 * instructions); their dot products differ in the last bits, as the all-pairs kernels' do.
 */
import { dotsJs } from "../../../compute/kernels/kernel-js.ts";
import { kernelInstance, memoryViews, zeroedMemory, type WasmBuild } from "../../../compute/kernels/kernel-wasm-host.ts";
import type { KernelChoice } from "../../../compute/kernels/kernel.ts";
import { addDirection, featureGaussians, sumOfSquares } from "./feature-directions.ts";
import { philoxKey } from "../../../math/philox.ts";
import { packRow, unpackRow, type KernelName } from "../../../compute/kernels/quad-layout.ts";

/** Features regenerated and read per block (a multiple of 4: whole quads). */
export const BLOCK_ROWS = 16;

/** Columns are padded to a multiple of this (the WebAssembly generator's turn). */
export const COLUMN_MULTIPLE = 32;

export interface ReadoutKernel {
  readonly name: KernelName;
  /** Components per vector (set by {@link ReadoutKernel.reset}). */
  readonly n: number;
  /** Inputs in the batch. */
  readonly trials: number;
  /** Chunks of 4 columns per row, n padded to a multiple of 32: 8·⌈n/32⌉. */
  readonly chunks: number;
  /** Row length of the result tile: trials rounded up to even. */
  readonly ldc: number;
  /**
   * Makes room for `trials` inputs of n components, all zero, and a block, for the directions of
   * `seed`. Domain: n, trials integers ≥ 1 small enough to allocate (the limits of
   * readout-params.ts keep trials·n ≤ 2^22), seed a safe integer ≥ 0; otherwise a RangeError.
   */
  reset(n: number, trials: number, seed: number): void;
  /** Adds feature f's unit direction to input b (0 ≤ b < trials). */
  addFeature(b: number, f: number): void;
  /** Input b as a new Float32Array of length n. */
  getInput(b: number): Float32Array;
  /**
   * Regenerates features f0 … f0 + rows − 1 (1 ≤ rows ≤ BLOCK_ROWS) into the block's rows 0 …
   * rows − 1 and returns their Gaussians' sums of squares (a view, valid until the next call).
   */
  generate(f0: number, rows: number): Float64Array;
  /**
   * The dot products of block rows 0 … rows − 1 (rounded up to a quad) with every input, over the
   * chunks c0 … c0 + nc − 1, written to the tile (or added to it, if `accumulate`).
   */
  dots(rows: number, c0: number, nc: number, accumulate: boolean): void;
  /** The result tile, BLOCK_ROWS × ldc row-major: ⟨g_i, x_b⟩ at i·ldc + b. */
  tile(): Float32Array;
}

function shape(n: number, trials: number): { chunks: number; quadBytes: number; batchQuads: number; ldc: number } {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be an integer ≥ 1, got ${n}`);
  if (!Number.isInteger(trials) || trials < 1) throw new RangeError(`trials must be an integer ≥ 1, got ${trials}`);
  const chunks = Math.ceil(n / COLUMN_MULTIPLE) * (COLUMN_MULTIPLE / 4);
  return { chunks, quadBytes: 64 * chunks, batchQuads: Math.ceil(trials / 4), ldc: trials + (trials & 1) };
}

/** The WebAssembly readout kernel of a build, or undefined when the build cannot run here. */
export function createWasmReadoutKernel(build: WasmBuild): ReadoutKernel | undefined {
  const wasm = kernelInstance(build);
  if (wasm === undefined) return undefined;
  const memory = wasm.memory;
  let key: [number, number] = [0, 0];
  let quadBytes = 0;
  // Byte addresses, laid out by reset: block | norms | batch | tile.
  let blockAt = 0;
  let normsAt = 0;
  let batchAt = 0;
  let tileAt = 0;
  const zeroUpTo = zeroedMemory(memory);
  const { floats, doubles } = memoryViews(memory);
  const rowAt = (base: number, r: number): number => base + (r >> 2) * quadBytes + (r & 3) * 16;
  /** Generates rows row0 … row0 + rows − 1, drawing again any row whose Gaussians are all zero. */
  const gaussians = (f0: number, row0: number, rows: number): void => {
    wasm.gaussians(blockAt, quadBytes, kernel.n, f0, row0, rows, key[0], key[1], 0, 0, normsAt);
    const norms = doubles();
    for (let r = row0; r < row0 + rows; r++) {
      for (let attempt = 1; !(norms[normsAt / 8 + r]! > 0); attempt++) {
        wasm.gaussians(blockAt, quadBytes, kernel.n, f0 + r - row0, r, 1, key[0], key[1], 0, attempt, normsAt);
      }
    }
  };
  const kernel = {
    name: build === "relaxed" ? ("wasm-relaxed" as const) : ("wasm-simd" as const),
    n: 0,
    trials: 0,
    chunks: 0,
    ldc: 0,
    reset(n: number, trials: number, seed: number): void {
      const s = shape(n, trials);
      key = philoxKey(seed);
      quadBytes = s.quadBytes;
      blockAt = 0;
      normsAt = blockAt + (BLOCK_ROWS / 4) * quadBytes;
      batchAt = normsAt + 8 * BLOCK_ROWS;
      tileAt = batchAt + s.batchQuads * quadBytes;
      zeroUpTo(tileAt + 4 * BLOCK_ROWS * s.ldc);
      Object.assign(kernel, { n, trials, chunks: s.chunks, ldc: s.ldc });
    },
    addFeature(b: number, f: number): void {
      gaussians(f, 0, 1);
      const scale = 1 / Math.sqrt(doubles()[normsAt / 8]!);
      wasm.add_direction(rowAt(batchAt, b), blockAt, kernel.chunks, scale);
    },
    getInput(b: number): Float32Array {
      return unpackRow(floats(), batchAt / 4, b, kernel.n, quadBytes / 64);
    },
    generate(f0: number, rows: number): Float64Array {
      gaussians(f0, 0, rows);
      return doubles().subarray(normsAt / 8, normsAt / 8 + rows);
    },
    dots(rows: number, c0: number, nc: number, accumulate: boolean): void {
      wasm.dots(
        blockAt + c0 * 64,
        batchAt + c0 * 64,
        Math.ceil(rows / 4),
        0,
        kernel.ldc >> 1,
        quadBytes,
        nc,
        tileAt,
        kernel.ldc,
        accumulate ? 1 : 0,
        0,
      );
    },
    tile: () => floats().subarray(tileAt / 4, tileAt / 4 + BLOCK_ROWS * kernel.ldc),
  };
  return kernel;
}

/** The plain-JavaScript readout kernel: the same numbers in the directions, about 10× slower. */
export function createJsReadoutKernel(): ReadoutKernel {
  let key: [number, number] = [0, 0];
  let quadFloats = 0;
  let block = new Float32Array(0);
  let batch = new Float32Array(0);
  let tile = new Float32Array(0);
  const norms = new Float64Array(BLOCK_ROWS);
  let row = new Float32Array(0);
  const gaussiansOf = (f: number): number => {
    for (let attempt = 0; ; attempt++) {
      featureGaussians(key, f, kernel.n, attempt, row);
      const squares = sumOfSquares(row, kernel.n);
      if (squares > 0) return squares;
    }
  };
  const kernel = {
    name: "js" as const,
    n: 0,
    trials: 0,
    chunks: 0,
    ldc: 0,
    reset(n: number, trials: number, seed: number): void {
      const s = shape(n, trials);
      key = philoxKey(seed);
      quadFloats = s.quadBytes / 4;
      block = new Float32Array((BLOCK_ROWS / 4) * quadFloats);
      batch = new Float32Array(s.batchQuads * quadFloats);
      tile = new Float32Array(BLOCK_ROWS * s.ldc);
      row = new Float32Array(n);
      Object.assign(kernel, { n, trials, chunks: s.chunks, ldc: s.ldc });
    },
    addFeature(b: number, f: number): void {
      const scale = 1 / Math.sqrt(gaussiansOf(f));
      const input = kernel.getInput(b);
      addDirection(input, row, scale, kernel.n);
      packRow(batch, 0, b, input, kernel.n, quadFloats / 16);
    },
    getInput(b: number): Float32Array {
      return unpackRow(batch, 0, b, kernel.n, quadFloats / 16);
    },
    generate(f0: number, rows: number): Float64Array {
      for (let r = 0; r < rows; r++) {
        norms[r] = gaussiansOf(f0 + r);
        packRow(block, 0, r, row, kernel.n, quadFloats / 16);
      }
      return norms.subarray(0, rows);
    },
    dots(rows: number, c0: number, nc: number, accumulate: boolean): void {
      dotsJs(block, c0 * 16, batch, c0 * 16, Math.ceil(rows / 4), 0, kernel.ldc >> 1, quadFloats, nc, tile, kernel.ldc, accumulate, false);
    },
    tile: () => tile,
  };
  return kernel;
}

/**
 * A readout kernel: "auto" and "wasm-relaxed" give the relaxed build when available, else the
 * standard one, else JavaScript; "wasm-simd" the standard build, else JavaScript; "js" JavaScript.
 */
export function createReadoutKernel(choice: KernelChoice = "auto"): ReadoutKernel {
  if (choice === "js") return createJsReadoutKernel();
  return (choice !== "wasm-simd" ? createWasmReadoutKernel("relaxed") : undefined) ?? createWasmReadoutKernel("standard") ?? createJsReadoutKernel();
}
