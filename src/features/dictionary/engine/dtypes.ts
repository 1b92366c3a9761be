/**
 * The number types a decoder matrix can be stored in, and turning their little-endian bytes into
 * numbers. F32, F16 and BF16 are what SAE releases use (bfloat16 = the top 16 bits of a float32);
 * F64 is accepted because numpy writes it by default and decoding it costs nothing extra.
 * Every F16 and BF16 value is exactly a float32, so decoding those loses nothing; F64 values are
 * kept as float64 until the rows are normalised.
 */

/** A stored number type, named as safetensors names them. */
export type DType = "F32" | "F16" | "BF16" | "F64";

/** Bytes per element. */
export const DTYPE_BYTES: Readonly<Record<DType, number>> = { F32: 4, F16: 2, BF16: 2, F64: 8 };

/** Whether this machine stores numbers little-endian (every browser platform does; checked anyway). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** float16 → float32 for all 65 536 bit patterns (256 KB), built on first use. */
let halfTable: Float32Array | undefined;

/**
 * The value of an IEEE binary16 bit pattern h: sign · 2^(e−15) · (1 + f/1024) for 1 ≤ e ≤ 30,
 * sign · 2^-14 · f/1024 for e = 0 (subnormals and ±0), ±Infinity (f = 0) or NaN for e = 31.
 */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return sign * f * 2 ** -24;
  if (e === 31) return f === 0 ? sign * Infinity : Number.NaN;
  return sign * (1 + f / 1024) * 2 ** (e - 15);
}

function halves(): Float32Array {
  if (halfTable === undefined) {
    halfTable = new Float32Array(65536);
    for (let h = 0; h < 65536; h++) halfTable[h] = halfToFloat(h);
  }
  return halfTable;
}

/**
 * `count` elements of type `dtype` from little-endian `bytes` (which must hold count·size bytes),
 * as numbers: a Float64Array for F64, a Float32Array otherwise. An aligned F32 block on a
 * little-endian machine is returned as a view of `bytes` (no copy); everything else is a new array.
 */
export function decodeElements(dtype: DType, bytes: Uint8Array, count: number): Float32Array | Float64Array {
  const size = DTYPE_BYTES[dtype];
  if (bytes.length < count * size) throw new RangeError(`decodeElements needs ${count * size} bytes, got ${bytes.length}`);
  if (dtype === "F32" || dtype === "F64") {
    const Kind = dtype === "F32" ? Float32Array : Float64Array;
    if (LITTLE_ENDIAN) {
      if (bytes.byteOffset % size === 0) return new Kind(bytes.buffer as ArrayBuffer, bytes.byteOffset, count);
      return new Kind(bytes.slice(0, count * size).buffer, 0, count);
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, count * size);
    const out = new Kind(count);
    for (let i = 0; i < count; i++) out[i] = size === 4 ? view.getFloat32(4 * i, true) : view.getFloat64(8 * i, true);
    return out;
  }
  const out = new Float32Array(count);
  if (dtype === "F16") {
    const table = halves();
    for (let i = 0; i < count; i++) out[i] = table[bytes[2 * i]! | (bytes[2 * i + 1]! << 8)]!;
  } else {
    // bfloat16: the two bytes are the high half of a float32 whose low half is zero.
    const bits = new Uint32Array(out.buffer);
    for (let i = 0; i < count; i++) bits[i] = ((bytes[2 * i]! << 16) | (bytes[2 * i + 1]! << 24)) >>> 0;
    if (!LITTLE_ENDIAN) return Float32Array.from(bits, (b) => new DataView(Uint32Array.of(b).buffer).getFloat32(0, true));
  }
  return out;
}
