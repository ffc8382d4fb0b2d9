// Walking the f32 number line in order. An f32 bit pattern maps to an "ordered index" that grows
// with the value (−Inf … −0, +0 … +Inf are consecutive), so an interval of f32 values is an
// interval of indices, and a stride over indices samples every binade evenly.
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** Ordered index of an f32 value: −0 → −1, +0 → 0, next positive → 1, … */
export function orderedIndex(x: number): number {
  f32[0] = x;
  return bitsIndex(u32[0]);
}

export function fromOrderedIndex(i: number): number {
  u32[0] = indexBits(i);
  return f32[0];
}

/** The ordered index of a bit pattern, and back. */
export function bitsIndex(b: number): number {
  return b >>> 31 ? -(b & 0x7fffffff) - 1 : b;
}

export function indexBits(i: number): number {
  return i < 0 ? (-(i + 1) | 0x80000000) >>> 0 : i;
}

/** Values every f32 kernel is checked on: signed zeros, infinities, NaN, subnormal and normal
 *  extremes, and the integers and halves where piecewise ops break. */
export const F32_SPECIALS: readonly number[] = [
  0, -0, Infinity, -Infinity, NaN, 2 ** -149, -(2 ** -149), 2 ** -126, -(2 ** -126), 3.4028234663852886e38,
  -3.4028234663852886e38, 1, -1, 0.5, -0.5, 3, -3, 6, -6, 1e-30, -1e-30, 1e30, -1e30, 100, -100, 88.7, -88.7,
  103.9, -103.9,
];

/** Up to `count` f32 values evenly spaced in ordered index over [lo, hi], plus the specials.
 *  Deterministic (no seed): the stride is ceil(size / count). */
export function sampleF32(lo: number, hi: number, count: number, withSpecials = true): Float32Array {
  const a = orderedIndex(Math.fround(lo)), b = orderedIndex(Math.fround(hi));
  const stride = Math.max(1, Math.ceil((b - a + 1) / count));
  const out: number[] = [];
  for (let i = a; i <= b; i += stride) out.push(fromOrderedIndex(i));
  if (withSpecials) out.push(...F32_SPECIALS);
  return Float32Array.from(out);
}

/** Every f32 in [lo, hi] (for dense interval checks; size = ordered-index span). */
export function allF32In(lo: number, hi: number): Float32Array {
  return sampleF32(lo, hi, Infinity, false);
}
