/**
 * One training step of the toy model: a fresh sparse batch, the loss and its gradient by hand, and
 * an Adam update. Split into pieces (rows of the batch, rows of a matrix) so that the training
 * generator can yield between them; done in order, the pieces give exactly one full step.
 *
 * The model: h = W x, y = Wᵀ h + b, x′ = ReLU(y), loss L = (1/B) Σ_batch Σᵢ Iᵢ (xᵢ − x′ᵢ)².
 * Per sample, with d = x′ − x and gᵢ = (2/B) Iᵢ dᵢ [yᵢ > 0] (= ∂L/∂yᵢ):
 *   ∂L/∂b = Σ g,   ∂L/∂W = Σ (h gᵀ + (W g) xᵀ) = W · Σ (x gᵀ + g xᵀ) = W (A + Aᵀ),  A = Σ x gᵀ.
 * The last form is what makes sparsity pay: A (m × m) gets one term per (nonzero xᵢ, nonzero gⱼ)
 * pair, and gⱼ is zero wherever the ReLU is off — for inactive features with a negative learned
 * bias, almost everywhere. W (A + Aᵀ) then costs n·m² once per step, not per sample.
 *
 * The forward pass has two exact forms, chosen per job by expected cost ({@link chooseMode}):
 *   "gram"    y = b + Σ_{xᵢ ≠ 0} xᵢ (WᵀW)ᵢ: m multiply-adds per nonzero input, plus WᵀW
 *             (n·m²/2) once per step — the fast form for sparse inputs;
 *   "direct"  h = Σ_{xᵢ ≠ 0} xᵢ Wᵢ, then yⱼ = b + Wⱼ·h: n per nonzero input plus n·m per sample —
 *             the fast form for dense inputs and m ≫ n.
 * Samples with no nonzero input all have y = b: they are counted, and handled once at the end.
 */
import type { SparseBatch } from "./data.ts";
import { HEAP, type Allocator, type ToyModelState } from "./model.ts";

/** Samples per batch (fixed, as in the paper's experiments). */
export const BATCH_SIZE = 1024;
/** Adam's step size. */
export const LEARNING_RATE = 1e-3;
/** Adam's decay rate of the first-moment estimate, β₁. */
export const ADAM_BETA1 = 0.9;
/** Adam's decay rate of the second-moment estimate, β₂. */
export const ADAM_BETA2 = 0.999;
/** Adam's ε, added to √v in the denominator. */
export const ADAM_EPSILON = 1e-8;

/** How the forward pass is computed (see the file's comment); both give the same numbers up to rounding. */
export type ForwardMode = "gram" | "direct";

/** Scratch space of a training step, reused from step to step. */
export interface StepWorkspace {
  readonly mode: ForwardMode;
  readonly batch: SparseBatch;
  /** WᵀW, m × m row-major (filled only in "gram" mode). */
  readonly gram: Float64Array;
  /** A = Σ x gᵀ, m × m row-major: a[i·m + j] = Σ xᵢ gⱼ. */
  readonly a: Float64Array;
  /** ∂L/∂W in the model's layout (by columns) and ∂L/∂b. */
  readonly gradW: Float64Array;
  readonly gradB: Float64Array;
  /** Per-sample scratch: y, h, the dense x, and the nonzero entries of g. */
  readonly y: Float64Array;
  readonly h: Float64Array;
  readonly x: Float64Array;
  readonly gIndex: Int32Array;
  readonly gValue: Float64Array;
  /** One sample's g, dense (zero where the ReLU is off). */
  readonly gDense: Float64Array;
  /** Σ over the samples so far of Σᵢ Iᵢ (xᵢ − x′ᵢ)² (not yet divided by B). */
  lossSum: number;
  /** Samples so far with no nonzero input (their y = b), handled in {@link finishGradient}. */
  emptyRows: number;
}

/**
 * The cheaper forward form for n neurons, m features and sparsity S, from the expected
 * multiply-adds per step: "gram" costs B·m·l + n·m²/2, "direct" B·n·(l + m), with l = m(1 − S)
 * the expected nonzero inputs per sample. Domain: n, m ≥ 1, 0 ≤ S < 1.
 */
export function chooseMode(n: number, m: number, S: number): ForwardMode {
  const l = m * (1 - S);
  return BATCH_SIZE * m * l + (n * m * m) / 2 <= BATCH_SIZE * n * (l + m) ? "gram" : "direct";
}

/**
 * Scratch space for a model of n neurons and m features, with a batch of `size` samples, its
 * arrays from `allocate` (zeroed). Domain: n, m, size integers ≥ 1. Memory: 8·(2m² + 2mn + 6m + n)
 * + 12·size·m bytes.
 */
export function createWorkspace(n: number, m: number, mode: ForwardMode, size = BATCH_SIZE, allocate: Allocator = HEAP): StepWorkspace {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`batch size must be an integer ≥ 1, got ${size}`);
  const batch = { size, m, start: allocate.i32(size + 1), index: allocate.i32(size * m), value: allocate.f64(size * m) };
  return {
    mode,
    batch,
    gram: allocate.f64(mode === "gram" ? m * m : 0),
    a: allocate.f64(m * m),
    gradW: allocate.f64(m * n),
    gradB: allocate.f64(m),
    y: allocate.f64(m),
    h: allocate.f64(n),
    x: allocate.f64(m),
    gIndex: allocate.i32(m),
    gValue: allocate.f64(m),
    gDense: allocate.f64(m),
    lossSum: 0,
    emptyRows: 0,
  };
}

/** Rows from … to − 1 of WᵀW (and, by symmetry, the same columns): entries (i, j ≥ i). */
export function computeGram(state: ToyModelState, ws: StepWorkspace, from: number, to: number): void {
  const { n, m, w } = state;
  const gram = ws.gram;
  for (let i = from; i < to; i++) {
    const bi = i * n;
    let j = i;
    // Four dots at a time (independent sums, each in order of k), then one at a time.
    for (; j + 4 <= m; j += 4) {
      const bj = j * n;
      let dot0 = 0;
      let dot1 = 0;
      let dot2 = 0;
      let dot3 = 0;
      for (let k = 0; k < n; k++) {
        const wik = w[bi + k]!;
        dot0 += wik * w[bj + k]!;
        dot1 += wik * w[bj + n + k]!;
        dot2 += wik * w[bj + 2 * n + k]!;
        dot3 += wik * w[bj + 3 * n + k]!;
      }
      gram[i * m + j] = dot0;
      gram[i * m + j + 1] = dot1;
      gram[i * m + j + 2] = dot2;
      gram[i * m + j + 3] = dot3;
      gram[j * m + i] = dot0;
      gram[(j + 1) * m + i] = dot1;
      gram[(j + 2) * m + i] = dot2;
      gram[(j + 3) * m + i] = dot3;
    }
    for (; j < m; j++) {
      const bj = j * n;
      let dot = 0;
      for (let k = 0; k < n; k++) dot += w[bi + k]! * w[bj + k]!;
      gram[i * m + j] = dot;
      gram[j * m + i] = dot;
    }
  }
}

/**
 * Forward and backward pass of samples from … to − 1 of the batch: adds their loss to
 * `ws.lossSum`, their g to ∂L/∂b and their x gᵀ to A, and counts the samples without a nonzero
 * input in `ws.emptyRows`. In "gram" mode, WᵀW must be complete.
 */
export function accumulateRows(state: ToyModelState, ws: StepWorkspace, from: number, to: number): void {
  const { n, m, w, b, importance } = state;
  const { batch, gram, a, gradB, y, h, x, gIndex, gValue, gDense } = ws;
  const { start, index, value } = batch;
  const scale = 2 / batch.size;
  const gramMode = ws.mode === "gram";
  let loss = 0;
  for (let s = from; s < to; s++) {
    const p0 = start[s]!;
    const p1 = start[s + 1]!;
    if (p0 === p1) {
      ws.emptyRows++;
      continue;
    }
    if (gramMode) {
      y.set(b);
      for (let p = p0; p < p1; p++) {
        const xi = value[p]!;
        const row = index[p]! * m;
        for (let j = 0; j < m; j++) y[j] = y[j]! + xi * gram[row + j]!;
      }
    } else {
      h.fill(0);
      for (let p = p0; p < p1; p++) {
        const xi = value[p]!;
        const base = index[p]! * n;
        for (let k = 0; k < n; k++) h[k] = h[k]! + xi * w[base + k]!;
      }
      // Four outputs at a time: four independent sums (each still in order of k) hide the
      // latency of the additions.
      let j = 0;
      for (; j + 4 <= m; j += 4) {
        const base0 = j * n;
        const base1 = base0 + n;
        const base2 = base1 + n;
        const base3 = base2 + n;
        let acc0 = b[j]!;
        let acc1 = b[j + 1]!;
        let acc2 = b[j + 2]!;
        let acc3 = b[j + 3]!;
        for (let k = 0; k < n; k++) {
          const hk = h[k]!;
          acc0 += w[base0 + k]! * hk;
          acc1 += w[base1 + k]! * hk;
          acc2 += w[base2 + k]! * hk;
          acc3 += w[base3 + k]! * hk;
        }
        y[j] = acc0;
        y[j + 1] = acc1;
        y[j + 2] = acc2;
        y[j + 3] = acc3;
      }
      for (; j < m; j++) {
        const base = j * n;
        let acc = b[j]!;
        for (let k = 0; k < n; k++) acc += w[base + k]! * h[k]!;
        y[j] = acc;
      }
    }
    for (let p = p0; p < p1; p++) x[index[p]!] = value[p]!;
    let ng = 0;
    for (let j = 0; j < m; j++) {
      const yj = y[j]!;
      let g = 0;
      if (yj > 0) {
        const d = yj - x[j]!;
        const q = importance[j]! * d;
        loss += q * d;
        g = scale * q;
        if (g !== 0) {
          gIndex[ng] = j;
          gValue[ng++] = g;
          gradB[j] = gradB[j]! + g;
        }
      }
      gDense[j] = g;
    }
    // A += x gᵀ: whole rows (adding exact zeros changes nothing) once g is dense enough that this
    // is cheaper than entry by entry.
    const dense = 4 * ng >= m;
    for (let p = p0; p < p1; p++) {
      const i = index[p]!;
      const xi = value[p]!;
      x[i] = 0;
      // A nonzero input whose output is cut by the ReLU: x′ = 0, so the error is xᵢ (and g = 0).
      if (!(y[i]! > 0)) loss += importance[i]! * xi * xi;
      const row = i * m;
      if (dense) {
        for (let j = 0; j < m; j++) a[row + j] = a[row + j]! + xi * gDense[j]!;
      } else {
        for (let k = 0; k < ng; k++) a[row + gIndex[k]!] = a[row + gIndex[k]!]! + xi * gValue[k]!;
      }
    }
  }
  ws.lossSum += loss;
}

/**
 * Adds the samples with no nonzero input (y = b: error and gradient only where bⱼ > 0) once, times
 * their count. Call after the last {@link accumulateRows} and before {@link gradientRows}.
 */
export function addEmptyRows(state: ToyModelState, ws: StepWorkspace): void {
  const count = ws.emptyRows;
  if (count === 0) return;
  const { m, b, importance } = state;
  const scale = (2 / ws.batch.size) * count;
  let loss = 0;
  for (let j = 0; j < m; j++) {
    const bj = b[j]!;
    if (bj > 0) {
      const q = importance[j]! * bj;
      loss += q * bj;
      ws.gradB[j] = ws.gradB[j]! + scale * q;
    }
  }
  ws.lossSum += count * loss;
  ws.emptyRows = 0;
}

/** Columns from … to − 1 of ∂L/∂W = W (A + Aᵀ): column j is Σᵢ (A_ji + A_ij) Wᵢ. */
export function gradientRows(state: ToyModelState, ws: StepWorkspace, from: number, to: number): void {
  const { n, m, w } = state;
  const { a, gradW } = ws;
  for (let j = from; j < to; j++) {
    const out = j * n;
    gradW.fill(0, out, out + n);
    for (let i = 0; i < m; i++) {
      const s = a[j * m + i]! + a[i * m + j]!;
      if (s === 0) continue;
      const base = i * n;
      for (let k = 0; k < n; k++) gradW[out + k] = gradW[out + k]! + s * w[base + k]!;
    }
  }
}

/**
 * One Adam update of the parameters p with gradient g and moment estimates m1, m2 (all the same
 * length), bias-corrected as in PyTorch: with u = β₁·m1 + (1 − β₁)·g and v = β₂·m2 + (1 − β₂)·g²,
 * p −= stepSize · u / (√v / root2 + ε), where stepSize = lr / (1 − β₁ᵗ) and root2 = √(1 − β₂ᵗ).
 */
export function adamUpdate(p: Float64Array, g: Float64Array, m1: Float64Array, m2: Float64Array, stepSize: number, root2: number): void {
  for (let i = 0; i < p.length; i++) {
    const gi = g[i]!;
    const u = ADAM_BETA1 * m1[i]! + (1 - ADAM_BETA1) * gi;
    const v = ADAM_BETA2 * m2[i]! + (1 - ADAM_BETA2) * gi * gi;
    m1[i] = u;
    m2[i] = v;
    p[i] = p[i]! - (stepSize * u) / (Math.sqrt(v) / root2 + ADAM_EPSILON);
  }
}
