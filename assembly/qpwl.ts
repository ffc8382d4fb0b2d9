// Integer math of the piecewise-linear quantized kernels (int8 and int16 share it; only loads and
// stores differ, see q8/pwl.ts and q16/pwl.ts). Prepare (src/kernels/prepare/pwl.ts) computes every
// multiplier and shift in float64; eval here is integer only.
//
// pwl2: y = clamp(roundHalfAway((d · (d < 0 ? mulNeg : mulPos) + bias) / 2^shift), lo, hi),
//       d = q − inZp. Covers relu, relu6, leaky_relu, hard_sigmoid, hard_tanh, identity: a slope
//       on each side of x = 0, an offset, and output clamps (the clamps are the rounded images of
//       the op's bounds, which is exact because rounding is monotone).
//       The multipliers are normalised to [2^30, 2^31) (relative error ≤ 2^-31) and the i64
//       accumulator is exact, so y is correctly rounded except within |y|·2^-31 ≤ 2e-5 LSB of a tie.
//       Measured: maxAbsLsb ≤ 0.5 + 1e-4 for int8 and int16, exhaustive over all codes at 40 random
//       param sets per op (npx vitest run test/kernels/fixed.test.ts).
//
// hardswish: g = clamp(roundHalfAway((d·gMul + gBias) / 2^gShift), 0, gMax)
//              = K·relu6(x+3)/6 · 2^F with K = inScale/outScale, gMax ≈ K·2^F ≈ 2^43 (i64)
//            y = clamp(roundHalfAway((d·g + outZp·2^F) / 2^F), lo, hi)
//       The gate carries ~43 significant bits, so y is the correctly rounded value except within
//       ~1e-8 LSB of a tie. i64 multipliers (i64x2.mul in SIMD) keep that precision for int16.

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

// ---- hardswish params layout (56 bytes, 8-aligned) ----
export const HSW_IN_ZP: i32 = 0;
export const HSW_G_SHIFT: i32 = 4;
export const HSW_G_MUL: i32 = 8; // i64
export const HSW_G_BIAS: i32 = 16; // i64
export const HSW_G_MAX: i32 = 24; // i64
export const HSW_OUT_SHIFT: i32 = 32;
export const HSW_OUT_BIAS: i32 = 40; // i64
export const HSW_LO: i32 = 48;
export const HSW_HI: i32 = 52;

// @ts-ignore: decorator
@inline export function hardswishScalar(q: i32, p: usize): i32 {
  const d = <i64>(q - load<i32>(p, HSW_IN_ZP));
  const gAcc = d * load<i64>(p, HSW_G_MUL) + load<i64>(p, HSW_G_BIAS);
  const g = clampI64(roundingShiftRightHalfAway(gAcc, load<i32>(p, HSW_G_SHIFT)), 0, load<i64>(p, HSW_G_MAX));
  const y = roundingShiftRightHalfAway(d * g + load<i64>(p, HSW_OUT_BIAS), load<i32>(p, HSW_OUT_SHIFT));
  return <i32>clampI64(y, <i64>load<i32>(p, HSW_LO), <i64>load<i32>(p, HSW_HI));
}

/** Two codes in i64x2 lanes (SIMD twin of hardswishScalar, i64x2.mul for the 64-bit products). */
// @ts-ignore: decorator
@inline function hardswishI64x2(d: v128, p: usize): v128 {
  const gAcc = i64x2.add(i64x2.mul(d, i64x2.splat(load<i64>(p, HSW_G_MUL))), i64x2.splat(load<i64>(p, HSW_G_BIAS)));
  const g = i64x2_clamp(i64x2_roundingShiftRightHalfAway(gAcc, load<i32>(p, HSW_G_SHIFT)),
    i64x2.splat(0), i64x2.splat(load<i64>(p, HSW_G_MAX)));
  const y = i64x2_roundingShiftRightHalfAway(i64x2.add(i64x2.mul(d, g), i64x2.splat(load<i64>(p, HSW_OUT_BIAS))),
    load<i32>(p, HSW_OUT_SHIFT));
  return i64x2_clamp(y, i64x2.splat(<i64>load<i32>(p, HSW_LO)), i64x2.splat(<i64>load<i32>(p, HSW_HI)));
}

// @ts-ignore: decorator
@inline export function hardswishI32x4(q: v128, p: usize): v128 {
  const d = i32x4.sub(q, i32x4.splat(load<i32>(p, HSW_IN_ZP)));
  return i64x2_packLow32(hardswishI64x2(i64x2.extend_low_i32x4_s(d), p), hardswishI64x2(i64x2.extend_high_i32x4_s(d), p));
}
