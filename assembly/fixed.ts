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

// ---- gemmlowp scalar primitives (google/gemmlowp fixedpoint/fixedpoint.h semantics; used by the
// bit-exact `tflm` kernels in ./tflm/). Scalar only: the tflm kernels run the same scalar code in
// both builds. No float instruction.

/** gemmlowp SaturatingRoundingDoublingHighMul on int32 (ARM VQRDMULH; WASM twin for Q15 lanes:
 *  i16x8.q15mulr_sat_s): (a·b + nudge) / 2^31 truncated, nudge = 2^30 for a·b ≥ 0 and 1 − 2^30
 *  otherwise, i.e. round(a·b / 2^31) with ties away from zero; (−2^31)·(−2^31) saturates to 2^31−1. */
// @ts-ignore: decorator
@inline export function saturatingRoundingDoublingHighMul(a: i32, b: i32): i32 {
  if (a == b && a == i32.MIN_VALUE) return i32.MAX_VALUE;
  const ab = <i64>a * <i64>b;
  return <i32>((ab + (ab >= 0 ? <i64>(1 << 30) : <i64>(1 - (1 << 30)))) / (<i64>1 << 31));
}

/** gemmlowp RoundingDivideByPOT on int32: x / 2^e (e in 0..31) rounded to nearest, ties away from
 *  zero (remainder compared with mask/2, plus one for negative x). */
// @ts-ignore: decorator
@inline export function roundingDivideByPOT(x: i32, e: i32): i32 {
  const mask = <i32>((<i64>1 << e) - 1);
  const remainder = x & mask;
  const threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> e) + (remainder > threshold ? 1 : 0);
}

/** gemmlowp SaturatingRoundingDoublingHighMul on int16 (i16x8.q15mulr_sat_s semantics except the
 *  tie rule: here ties go away from zero). Arguments and result are int16 values held in i32. */
// @ts-ignore: decorator
@inline export function saturatingRoundingDoublingHighMul16(a: i32, b: i32): i32 {
  if (a == b && a == -32768) return 32767;
  const ab = a * b;
  return <i32><i16>((ab + (ab >= 0 ? (1 << 14) : 1 - (1 << 14))) / (1 << 15));
}

/** gemmlowp RoundingDivideByPOT on int16 values (e in 0..31); same tie rule as the int32 one for
 *  e ≤ 15. Like gemmlowp, the mask is truncated to int16, so e ≥ 16 gives 1 for x ≥ 0 and 0 or −1
 *  for x < 0 (reproduced on purpose: TFLM's int8 HARD_SWISH reaches it at extreme scale ratios). */
// @ts-ignore: decorator
@inline export function roundingDivideByPOT16(x: i32, e: i32): i32 {
  const mask = <i32><i16>((<i64>1 << e) - 1);
  const remainder = x & mask;
  const threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return <i32><i16>((x >> e) + (remainder > threshold ? 1 : 0));
}
