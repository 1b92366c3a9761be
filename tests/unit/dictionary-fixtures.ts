/**
 * Files for the dictionary engine's tests, written here byte by byte from the published layouts
 * (independently of the readers under test): safetensors, .npy (versions 1–3, C and fortran
 * order), .npz as a zip (stored or deflated, with or without zip64 records), and decoders with
 * planted structure whose every statistic the tests recompute directly.
 */
import { deflateSync } from "fflate";

export type TestDType = "F32" | "F16" | "BF16" | "F64";

/** A seeded uniform generator (mulberry32) and Gaussians (Box–Muller): independent of the engine's. */
export function testRandom(seed: number): { uniform: () => number; gaussian: () => number } {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  return { uniform, gaussian };
}

/** Where the planted structure sits in {@link plantedDecoder}. */
export const PLANTED = {
  /** Rows 0 and 1: cosine 0.95. */
  nearDuplicate: [0, 1] as const,
  cosine: 0.95,
  /** Rows 2 and 3: antipodal (cosine −1). */
  antipodal: [2, 3] as const,
  /** Row 5 all zeros, row 7 with a NaN, row 9 with +Infinity: dead. */
  dead: [5, 7, 9] as const,
};

/**
 * An m × n decoder (row-major, latents on rows), Gaussian rows of random lengths, with the planted
 * rows of {@link PLANTED} (m ≥ 10).
 */
export function plantedDecoder(m: number, n: number, seed: number): Float64Array {
  const { gaussian, uniform } = testRandom(seed);
  const d = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const scale = 0.2 + 3 * uniform();
    for (let k = 0; k < n; k++) d[i * n + k] = gaussian() * scale;
  }
  // Row 1 = c·u0 + √(1 − c²)·w, w a unit vector orthogonal to u0: cosine exactly c (before rounding).
  const u0 = unit(d.subarray(0, n));
  const w = d.subarray(n, 2 * n);
  const along = dot(w, u0);
  for (let k = 0; k < n; k++) w[k] = w[k]! - along * u0[k]!;
  const wu = unit(w);
  const c = PLANTED.cosine;
  for (let k = 0; k < n; k++) d[n + k] = 1.7 * (c * u0[k]! + Math.sqrt(1 - c * c) * wu[k]!);
  for (let k = 0; k < n; k++) d[3 * n + k] = -0.5 * d[2 * n + k]!;
  d.fill(0, 5 * n, 6 * n);
  d[7 * n + 3] = Number.NaN;
  d[9 * n + 1] = Infinity;
  return d;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k]! * b[k]!;
  return s;
}

function unit(v: ArrayLike<number>): Float64Array {
  const norm = Math.sqrt(dot(v, v));
  return Float64Array.from(v, (x) => x / norm);
}

/** Rounds a float32 bit pattern's top half to nearest even: bfloat16 bits. */
function bf16Bits(x: number): number {
  const bits = new Uint32Array(new Float32Array([x]).buffer)[0]!;
  if (Number.isNaN(x)) return 0x7fc0;
  return ((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16) & 0xffff;
}

/** Little-endian bytes of `values` in `dtype` (F16 via Float16Array, BF16 by rounding). */
export function encode(values: ArrayLike<number>, dtype: TestDType): Uint8Array {
  if (dtype === "F32") return new Uint8Array(Float32Array.from(values).buffer);
  if (dtype === "F64") return new Uint8Array(Float64Array.from(values).buffer);
  if (dtype === "F16") return new Uint8Array(Float16Array.from(values).buffer);
  return new Uint8Array(Uint16Array.from(values, bf16Bits).buffer);
}

/** The values as the file stores them (rounded to the dtype), as float64. */
export function stored(values: ArrayLike<number>, dtype: TestDType): Float64Array {
  if (dtype === "F64") return Float64Array.from(values);
  if (dtype === "F32") return Float64Array.from(Float32Array.from(values));
  if (dtype === "F16") return Float64Array.from(Float16Array.from(values));
  const bits = Uint16Array.from(values, bf16Bits);
  const out = new Float32Array(bits.length);
  new Uint32Array(out.buffer).set(Array.from(bits, (b) => b << 16));
  return Float64Array.from(out);
}

/** Transposes an a × b row-major matrix to b × a. */
export function transpose(values: ArrayLike<number>, a: number, b: number): Float64Array {
  const out = new Float64Array(a * b);
  for (let i = 0; i < a; i++) for (let j = 0; j < b; j++) out[j * a + i] = values[i * b + j]!;
  return out;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export interface TestTensor {
  readonly name: string;
  readonly dtype: string;
  readonly shape: readonly number[];
  readonly bytes: Uint8Array;
}

/** A safetensors file: 8-byte length, JSON header (padded with spaces to 8 bytes), data. */
export function safetensorsFile(tensors: readonly TestTensor[], metadata: Record<string, string> = { format: "pt" }): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const t of tensors) {
    header[t.name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + t.bytes.length] };
    offset += t.bytes.length;
  }
  let json = JSON.stringify(header);
  while ((8 + json.length) % 8 !== 0) json += " ";
  const head = new Uint8Array(8);
  new DataView(head.buffer).setUint32(0, json.length, true);
  return concat([head, new TextEncoder().encode(json), ...tensors.map((t) => t.bytes)]);
}

/** An .npy file: magic, version, header length, dict literal padded to a multiple of 64, data. */
export function npyFile(
  descr: string,
  shape: readonly number[],
  data: Uint8Array,
  options: { fortran?: boolean; version?: 1 | 2 | 3 } = {},
): Uint8Array {
  const version = options.version ?? 1;
  const dict = `{'descr': '${descr}', 'fortran_order': ${options.fortran === true ? "True" : "False"}, 'shape': (${shape.join(", ")}${shape.length === 1 ? "," : ""}), }`;
  const preamble = version === 1 ? 10 : 12;
  let text = dict;
  while ((preamble + text.length + 1) % 64 !== 0) text += " ";
  text += "\n";
  const head = new Uint8Array(preamble);
  head.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const view = new DataView(head.buffer);
  if (version === 1) view.setUint16(8, text.length, true);
  else view.setUint32(8, text.length, true);
  return concat([head, new TextEncoder().encode(text), data]);
}

/** CRC-32 (IEEE), as zip wants it. */
function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

/**
 * A zip archive of `members`, each stored or deflated; with `zip64`, numpy's way and more: every
 * local header carries a zip64 extra field, and the central directory gives sizes and offsets as
 * 0xFFFFFFFF with the real ones in zip64 extras, ending with a zip64 end record and locator.
 */
export function zipFile(members: readonly { name: string; data: Uint8Array }[], options: { deflate?: boolean; zip64?: boolean } = {}): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  const u64 = (view: DataView, at: number, value: number) => {
    view.setUint32(at, value % 2 ** 32, true);
    view.setUint32(at + 4, Math.floor(value / 2 ** 32), true);
  };
  for (const member of members) {
    const name = new TextEncoder().encode(member.name);
    const body = options.deflate === true ? deflateSync(member.data) : member.data;
    const crc = crc32(member.data);
    const z64 = options.zip64 === true;
    const localExtra = new Uint8Array(z64 ? 20 : 0);
    if (z64) {
      const v = new DataView(localExtra.buffer);
      v.setUint16(0, 1, true);
      v.setUint16(2, 16, true);
      u64(v, 4, member.data.length);
      u64(v, 12, body.length);
    }
    const local = new Uint8Array(30);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, z64 ? 45 : 20, true);
    lv.setUint16(8, options.deflate === true ? 8 : 0, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, z64 ? 0xffffffff : body.length, true);
    lv.setUint32(22, z64 ? 0xffffffff : member.data.length, true);
    lv.setUint16(26, name.length, true);
    lv.setUint16(28, localExtra.length, true);
    locals.push(local, name, localExtra, body);
    const centralExtra = new Uint8Array(z64 ? 28 : 0);
    if (z64) {
      const v = new DataView(centralExtra.buffer);
      v.setUint16(0, 1, true);
      v.setUint16(2, 24, true);
      u64(v, 4, member.data.length);
      u64(v, 12, body.length);
      u64(v, 20, offset);
    }
    const central = new Uint8Array(46);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 45, true);
    cv.setUint16(6, z64 ? 45 : 20, true);
    cv.setUint16(10, options.deflate === true ? 8 : 0, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, z64 ? 0xffffffff : body.length, true);
    cv.setUint32(24, z64 ? 0xffffffff : member.data.length, true);
    cv.setUint16(28, name.length, true);
    cv.setUint16(30, centralExtra.length, true);
    cv.setUint32(42, z64 ? 0xffffffff : offset, true);
    centrals.push(central, name, centralExtra);
    offset += 30 + name.length + localExtra.length + body.length;
  }
  const directory = concat(centrals);
  const tail: Uint8Array[] = [];
  if (options.zip64 === true) {
    const record = new Uint8Array(56);
    const rv = new DataView(record.buffer);
    rv.setUint32(0, 0x06064b50, true);
    u64(rv, 4, 44);
    rv.setUint16(12, 45, true);
    rv.setUint16(14, 45, true);
    u64(rv, 24, members.length);
    u64(rv, 32, members.length);
    u64(rv, 40, directory.length);
    u64(rv, 48, offset);
    const locator = new Uint8Array(20);
    const lv = new DataView(locator.buffer);
    lv.setUint32(0, 0x07064b50, true);
    u64(lv, 8, offset + directory.length);
    lv.setUint32(16, 1, true);
    tail.push(record, locator);
  }
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, options.zip64 === true ? 0xffff : members.length, true);
  ev.setUint16(10, options.zip64 === true ? 0xffff : members.length, true);
  ev.setUint32(12, options.zip64 === true ? 0xffffffff : directory.length, true);
  ev.setUint32(16, options.zip64 === true ? 0xffffffff : offset, true);
  return concat([...locals, directory, ...tail, end]);
}

/** Statistics of a decoder computed directly in float64 (the tests' reference). */
export interface NaiveGeometry {
  readonly live: number[];
  readonly dead: number[];
  readonly rms: number;
  readonly mean: number;
  readonly max: number;
  readonly maxPair: [number, number];
  readonly above05: number;
  readonly above09: number;
  readonly worst: number[];
  readonly median: number;
  readonly p99: number;
  readonly histogram: number[];
}

/** numpy's linear-interpolation quantile of sorted values. */
export function naiveQuantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Every statistic of the contract, by brute force over the m × n float64 values (latents on rows). */
export function naiveGeometry(values: ArrayLike<number>, m: number, n: number, bins = 1000): NaiveGeometry {
  const live: number[] = [];
  const dead: number[] = [];
  const units: Float64Array[] = [];
  for (let i = 0; i < m; i++) {
    const row = Float64Array.from({ length: n }, (_, k) => values[i * n + k]!);
    const norm = Math.sqrt(dot(row, row));
    if (!(norm > 0 && Number.isFinite(norm))) dead.push(i);
    else {
      live.push(i);
      units.push(row.map((x) => x / norm));
    }
  }
  const k = live.length;
  let squares = 0;
  let abs = 0;
  let max = -1;
  let maxPair: [number, number] = [0, 0];
  let above05 = 0;
  let above09 = 0;
  const worst = new Array<number>(k).fill(0);
  const histogram = new Array<number>(bins).fill(0);
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const c = dot(units[i]!, units[j]!);
      const a = Math.abs(c);
      squares += c * c;
      abs += a;
      if (a > max) {
        max = a;
        maxPair = [live[i]!, live[j]!];
      }
      if (a > 0.5) above05++;
      if (a > 0.9) above09++;
      worst[i] = Math.max(worst[i]!, a);
      worst[j] = Math.max(worst[j]!, a);
      histogram[Math.min(bins - 1, Math.floor(a * bins))]!++;
    }
  }
  const pairs = (k * (k - 1)) / 2;
  const sorted = [...worst].sort((a, b) => a - b);
  return {
    live,
    dead,
    rms: Math.sqrt(squares / pairs),
    mean: abs / pairs,
    max,
    maxPair,
    above05,
    above09,
    worst,
    median: naiveQuantile(sorted, 0.5),
    p99: naiveQuantile(sorted, 0.99),
    histogram,
  };
}
