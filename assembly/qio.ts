// Lane widening and narrowing between int8/int16 storage and i32x4 arithmetic lanes.

// @ts-ignore: decorator
@inline export function i8x16_widenQuarterToI32x4(v: v128, quarter: i32): v128 {
  const h = quarter < 2 ? i16x8.extend_low_i8x16_s(v) : i16x8.extend_high_i8x16_s(v);
  return (quarter & 1) == 0 ? i32x4.extend_low_i16x8_s(h) : i32x4.extend_high_i16x8_s(h);
}

/** Saturating narrow of four i32x4 vectors to one i8x16 (values are clamped before, so exact). */
// @ts-ignore: decorator
@inline export function i32x4_narrowFourToI8x16(a: v128, b: v128, c: v128, d: v128): v128 {
  return i8x16.narrow_i16x8_s(i16x8.narrow_i32x4_s(a, b), i16x8.narrow_i32x4_s(c, d));
}

// @ts-ignore: decorator
@inline export function i16x8_widenHalfToI32x4(v: v128, half: i32): v128 {
  return half == 0 ? i32x4.extend_low_i16x8_s(v) : i32x4.extend_high_i16x8_s(v);
}

// @ts-ignore: decorator
@inline export function i32x4_narrowTwoToI16x8(a: v128, b: v128): v128 {
  return i16x8.narrow_i32x4_s(a, b);
}
