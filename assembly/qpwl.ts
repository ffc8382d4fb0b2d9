// Integer math of the piecewise-linear quantized kernels (int8 and int16 share it; only loads and
// stores differ, see q8/pwl.ts and q16/pwl.ts). Prepare (src/kernels/prepare/pwl.ts) computes every
// multiplier and shift in float64; eval here is integer only.
//
// pwl2: y = clamp(roundHalfAway((d · (d < 0 ? mulNeg : mulPos) + bias) / 2^shift), lo, hi),
//       d = q − inZp. Covers relu, relu6, leaky_relu, hard_sigmoid, hard_tanh, identity: a slope
//       on each side of x = 0, an offset, and output clamps (the clamps are the rounded images of
//       the op's bounds, which is exact because rounding is monotone).
//       The multipliers are normalised to [2^30, 2^31) so their relative error is ≤ 2^-31 and the
//       i64 accumulator is exact: the only rounding left is the final one.
//       Measured: int8 and int16 maxAbsLsb 0.5 (ties apart: correctly rounded), exhaustive over all
//       codes for 40 random param sets per op: npx vitest run test/kernels/fixed.test.ts
//
// hardswish: h = clamp(roundHalfAway((d·hMul + hBias) / 2^hShift), 0, 2^30)   (relu6(x+3)/6, Q0.30)
//            p = roundHalfAway(d·h / 2^prodShift)                              (fits i32)
//            y = clamp(roundHalfAway((p·outMul + outBias) / 2^outShift), lo, hi)
//       Three roundings; the first two are ≥ 2^-17 LSB apart from the real value, so the result is
//       the correctly rounded one except within ~1e-4 LSB of a tie. Same measurement as above.

import {
  roundingShiftRightHalfAway, i64x2_roundingShiftRightHalfAway, clampI64, i64x2_clamp,
  i64x2_packLow32, i32x4_mulAddLow64, i32x4_mulAddHigh64,
} from "./fixed";

// ---- pwl2 params layout (32 bytes, 8-aligned) ----
export const PWL2_IN_ZP: i32 = 0;
export const PWL2_MUL_POS: i32 = 4;
export const PWL2_MUL_NEG: i32 = 8;
export const PWL2_SHIFT: i32 = 12;
export const PWL2_BIAS: i32 = 16; // i64
export const PWL2_LO: i32 = 24;
export const PWL2_HI: i32 = 28;

// @ts-ignore: decorator
@inline export function pwl2Scalar(q: i32, p: usize): i32 {
  const d = q - load<i32>(p, PWL2_IN_ZP);
  const m = d < 0 ? load<i32>(p, PWL2_MUL_NEG) : load<i32>(p, PWL2_MUL_POS);
  const acc = <i64>d * <i64>m + load<i64>(p, PWL2_BIAS);
  const y = roundingShiftRightHalfAway(acc, load<i32>(p, PWL2_SHIFT));
  return <i32>clampI64(y, <i64>load<i32>(p, PWL2_LO), <i64>load<i32>(p, PWL2_HI));
}

// @ts-ignore: decorator
@inline export function pwl2I32x4(q: v128, p: usize): v128 {
  const d = i32x4.sub(q, i32x4.splat(load<i32>(p, PWL2_IN_ZP)));
  const m = v128.bitselect(i32x4.splat(load<i32>(p, PWL2_MUL_NEG)), i32x4.splat(load<i32>(p, PWL2_MUL_POS)),
    i32x4.lt_s(d, i32x4.splat(0)));
  const bias = i64x2.splat(load<i64>(p, PWL2_BIAS));
  const s = load<i32>(p, PWL2_SHIFT);
  const lo = i64x2.splat(<i64>load<i32>(p, PWL2_LO));
  const hi = i64x2.splat(<i64>load<i32>(p, PWL2_HI));
  const a0 = i64x2_clamp(i64x2_roundingShiftRightHalfAway(i32x4_mulAddLow64(d, m, bias), s), lo, hi);
  const a1 = i64x2_clamp(i64x2_roundingShiftRightHalfAway(i32x4_mulAddHigh64(d, m, bias), s), lo, hi);
  return i64x2_packLow32(a0, a1);
}

// ---- hardswish params layout (48 bytes, 8-aligned) ----
export const HSW_IN_ZP: i32 = 0;
export const HSW_H_MUL: i32 = 4;
export const HSW_H_SHIFT: i32 = 8;
export const HSW_PROD_SHIFT: i32 = 12;
export const HSW_H_BIAS: i32 = 16; // i64
export const HSW_OUT_MUL: i32 = 24;
export const HSW_OUT_SHIFT: i32 = 28;
export const HSW_OUT_BIAS: i32 = 32; // i64
export const HSW_LO: i32 = 40;
export const HSW_HI: i32 = 44;
const Q30_ONE: i64 = 1 << 30;

// @ts-ignore: decorator
@inline export function hardswishScalar(q: i32, p: usize): i32 {
  const d = <i64>(q - load<i32>(p, HSW_IN_ZP));
  const hAcc = d * <i64>load<i32>(p, HSW_H_MUL) + load<i64>(p, HSW_H_BIAS);
  const h = clampI64(roundingShiftRightHalfAway(hAcc, load<i32>(p, HSW_H_SHIFT)), 0, Q30_ONE);
  const prod = <i64><i32>roundingShiftRightHalfAway(d * h, load<i32>(p, HSW_PROD_SHIFT));
  const acc = prod * <i64>load<i32>(p, HSW_OUT_MUL) + load<i64>(p, HSW_OUT_BIAS);
  const y = roundingShiftRightHalfAway(acc, load<i32>(p, HSW_OUT_SHIFT));
  return <i32>clampI64(y, <i64>load<i32>(p, HSW_LO), <i64>load<i32>(p, HSW_HI));
}

// @ts-ignore: decorator
@inline export function hardswishI32x4(q: v128, p: usize): v128 {
  const d = i32x4.sub(q, i32x4.splat(load<i32>(p, HSW_IN_ZP)));
  const hMul = i32x4.splat(load<i32>(p, HSW_H_MUL));
  const hBias = i64x2.splat(load<i64>(p, HSW_H_BIAS));
  const hShift = load<i32>(p, HSW_H_SHIFT);
  const zero64 = i64x2.splat(0);
  const one64 = i64x2.splat(Q30_ONE);
  const h = i64x2_packLow32(
    i64x2_clamp(i64x2_roundingShiftRightHalfAway(i32x4_mulAddLow64(d, hMul, hBias), hShift), zero64, one64),
    i64x2_clamp(i64x2_roundingShiftRightHalfAway(i32x4_mulAddHigh64(d, hMul, hBias), hShift), zero64, one64));
  const pShift = load<i32>(p, HSW_PROD_SHIFT);
  const prod = i64x2_packLow32(
    i64x2_roundingShiftRightHalfAway(i64x2.extmul_low_i32x4_s(d, h), pShift),
    i64x2_roundingShiftRightHalfAway(i64x2.extmul_high_i32x4_s(d, h), pShift));
  const outMul = i32x4.splat(load<i32>(p, HSW_OUT_MUL));
  const outBias = i64x2.splat(load<i64>(p, HSW_OUT_BIAS));
  const outShift = load<i32>(p, HSW_OUT_SHIFT);
  const lo = i64x2.splat(<i64>load<i32>(p, HSW_LO));
  const hi = i64x2.splat(<i64>load<i32>(p, HSW_HI));
  return i64x2_packLow32(
    i64x2_clamp(i64x2_roundingShiftRightHalfAway(i32x4_mulAddLow64(prod, outMul, outBias), outShift), lo, hi),
    i64x2_clamp(i64x2_roundingShiftRightHalfAway(i32x4_mulAddHigh64(prod, outMul, outBias), outShift), lo, hi));
}
