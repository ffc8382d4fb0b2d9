// Fixed-point primitives shared by the integer kernels (gemmlowp vocabulary, see
// ../shared/conventions.md). Every scalar helper has a SIMD twin with the same name prefixed by
// its lane interpretation; both compute exactly the same integers, so the SIMD and scalar builds
// agree bit for bit. Nothing here uses a float instruction (the integer-only build relies on it).

/** Arithmetic shift right by s (1..62) rounding half away from zero:
 *  (acc + 2^(s-1) - (acc < 0)) >> s.  Tie rule: ±k.5 → ±(k+1), like TFLite's rounding. */
// @ts-ignore: decorator
@inline export function roundingShiftRightHalfAway(acc: i64, s: i32): i64 {
  return (acc + (<i64>1 << (s - 1)) + (acc >> 63)) >> s;
}

/** SIMD twin of roundingShiftRightHalfAway on i64x2 lanes (i64x2.shr_s; same tie rule). */
// @ts-ignore: decorator
@inline export function i64x2_roundingShiftRightHalfAway(acc: v128, s: i32): v128 {
  const half = i64x2.splat(<i64>1 << (s - 1));
  return i64x2.shr_s(i64x2.add(i64x2.add(acc, half), i64x2.shr_s(acc, 63)), s);
}

// @ts-ignore: decorator
@inline export function clampI64(v: i64, lo: i64, hi: i64): i64 {
  return v < lo ? lo : v > hi ? hi : v;
}

/** SIMD twin of clampI64 (i64x2.gt_s + v128.bitselect; WASM SIMD has no i64x2.min/max). */
// @ts-ignore: decorator
@inline export function i64x2_clamp(v: v128, lo: v128, hi: v128): v128 {
  const a = v128.bitselect(lo, v, i64x2.gt_s(lo, v));
  return v128.bitselect(hi, a, i64x2.gt_s(a, hi));
}

/** Packs the low 32 bits of two i64x2 vectors into one i32x4 (a0, a1, b0, b1). Callers clamp
 *  first, so the truncation is exact. */
// @ts-ignore: decorator
@inline export function i64x2_packLow32(a: v128, b: v128): v128 {
  return i8x16.shuffle(a, b, 0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27);
}

/** The exact product of two i32x4 vectors as two i64x2 vectors plus an i64 bias (the low and
 *  high halves). Scalar twin: i64(a) * i64(b) + bias. */
// @ts-ignore: decorator
@inline export function i32x4_mulAddLow64(a: v128, b: v128, bias: v128): v128 {
  return i64x2.add(i64x2.extmul_low_i32x4_s(a, b), bias);
}
// @ts-ignore: decorator
@inline export function i32x4_mulAddHigh64(a: v128, b: v128, bias: v128): v128 {
  return i64x2.add(i64x2.extmul_high_i32x4_s(a, b), bias);
}
