// Integer math of the piecewise-linear quantized kernels (int8 and int16 share it; only loads and
// stores differ, see q8/pwl.ts and q16/pwl.ts). Prepare (src/kernels/prepare/pwl.ts) computes every
// multiplier and shift in float64; eval here is integer only.
//
// pwl2: y = clamp(roundHalfAway((d · (d < 0 ? mulNeg : mulPos) + bias) / 2^shift), lo, hi),
//       d = q − inZp. Covers relu, relu6, leaky_relu, hard_sigmoid, hard_tanh, identity: a slope
//       on each side of x = 0, an offset, and output clamps (the clamps are the rounded images of
//       the op's bounds, which is exact because rounding is monotone).
//       The larger multiplier is normalised to [2^30, 2^31) (relative error ≤ 2^-31) and the i64
//       accumulator is exact, so y is correctly rounded except within |y|·2^-31 ≤ 2e-5 LSB of a tie; a
//       much smaller second slope shares that shift, so its own error is up to |d|·2^-(shift+1) LSB.
//       Measured: maxAbsLsb ≤ 0.5 + 1e-4 for int8 and int16, exhaustive over all codes at 40 random
//       param sets per op (npx vitest run test/kernels/fixed.test.ts); 0.5005 at leaky_relu alpha −0.006
//       with inScale/outScale ≈ 1078 (npx vitest run test/kernels/fixed-engines.test.ts, 60 sets per op).
//       SIMD build: the plans below (i16x8/i8x16 lanes for a unit slope, i32x4 lanes with a split
//       multiplier otherwise, i64x2 lanes only for shifts outside [18, 45]) give the scalar i64 code's
//       integers exactly: identical codes over all inputs at 60 random param sets per op and dtype,
//       every plan hit (test/kernels/fixed-engines.test.ts).
//       Speed, n = 2^20 zero-copy, CPU-time medians of 15, same process (node bench/int16-vs-tflm.mjs
//       --baseline <main's build/qact.simd.wasm> [--dtype int8]; docs/bench-quantized.md):
//         int16 unit slope (relu, relu6, identity at in = out; hard_sigmoid at its default) 0.64 → 5.4–6.2 G elem/s;
//         int16 one slope (relu requantizing, hard_tanh) 0.63 → 1.2–1.3 G; two slopes (leaky_relu, prelu) 0.60–0.65 → 1.0–1.1 G;
//         int8 unit 0.68 → 10–12.6 G, one slope 0.56–0.70 → 1.3–1.75 G, two slopes 0.55–0.69 → 1.0–1.4 G.
//       Against TFLM in the scalar build at the same quantization: relu 27–31×, relu6 4.2–4.9×, leaky_relu 5.1–5.4×,
//       prelu 5.8–6.2×, relu requantizing 6.1–6.3× (several runs).
//
// hardswish: g = clamp(roundHalfAway((d·gMul + gBias) / 2^gShift), 0, gMax)
//              = K·relu6(x+3)/6 · 2^F with K = inScale/outScale, gMax ≈ K·2^F ≈ 2^43 (i64)
//            y = clamp(roundHalfAway((d·g + outZp·2^F) / 2^F), lo, hi)
//       The gate carries ~43 significant bits, so y is the correctly rounded value except within
//       ~1e-8 LSB of a tie. i64 multipliers (i64x2.mul in SIMD) keep that precision for int16.
//       Not moved to i32 lanes (yet): d·g is a 17 × 44-bit product; 0.29–0.32 G elem/s SIMD, 1.0–1.3× its
//       scalar build; int8 3.3× TFLM's int8 HARD_SWISH in the scalar build (bench/int16-vs-tflm.mjs --dtype int8).

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

// ---- pwl2 in i32 lanes (SIMD build): the same integers as pwl2Scalar, without i64 lanes ----
// The kernel picks a plan once per call from the params block (pwl2Plan, scalar i64 code):
//   PLAN_UNIT   the slope is exactly 1 (m = 2^s) and the bias an integer B: y = clamp(q' + (B − inZp)),
//               q' = max(q, inZp) when mNeg = 0 (relu, relu6) else q; in i16x8/i8x16 lanes with a
//               saturating add (exact: the exact sum saturates only beyond [lo, hi] ⊆ the dtype range).
//   PLAN_ONE    one slope (mNeg = mPos, or mNeg = 0 with q' = max(q, inZp): every d ≤ 0 gives y(0));
//   PLAN_TWO    a slope per side, the side's constants selected per lane (v128.bitselect);
//   PLAN_TWO_Z  the same with inZp = 0, where only m1 and m2 differ between the sides (C does not depend on m).
//   PLAN_I64    anything else (shift outside [18, 45]): the i64x2 code above.
// PLAN_ONE/TWO, for one side with multiplier m = m2·2^16 + m1 (m1 ∈ [0, 2^16), m2 ∈ [−2^15, 2^15)) and
// C = bias − inZp·m + 2^(s−1) = Ch·2^16 + Cl, so that t + 2^(s−1) = q·m + C with t = d·m + bias:
//   low = q·m1 + Cl                        |q·m1| ≤ 2^15·(2^16 − 1), so |low| < 2^31
//   vu  = q·m2 + (low >> 16)               t + 2^(s−1) = (vu + Ch)·2^16 + (low & 0xffff)
//   neg = vu < 2^(s−17) − Ch               ⟺ t < 0 (the tie rule's −1; s ≥ 17)
//   v   = q·m2 + ((low − neg) >> 16)       = ⌊(t + 2^(s−1) − neg) / 2^16⌋ − Ch
//   y   = a + ((v + b) >> r),  r = s − 16, Ch = a·2^r + b, 0 ≤ b < 2^r
// which is pwl2Scalar's ⌊(t + 2^(s−1) − neg) / 2^s⌋ exactly (floor division composes). Ranges for
// 18 ≤ s ≤ 45: |v| < 2^30 + 2^16, b < 2^29 so v + b cannot overflow; |(v + b) >> r| < 2^29, and a is
// clamped to ±2^30 (beyond, y is far outside [lo, hi] either way), so a + … cannot overflow either.
export const PLAN_UNIT: i32 = 0;
export const PLAN_ONE: i32 = 1;
export const PLAN_TWO: i32 = 2;
export const PLAN_I64: i32 = 3;
export const PLAN_TWO_Z: i32 = 4;

/** The plan of a pwl2 params block for codes in [typeMin, typeMax]. */
export function pwl2Plan(p: usize, typeMin: i32, typeMax: i32): i32 {
  const s = load<i32>(p, PWL2_SHIFT), mPos = load<i32>(p, PWL2_MUL_POS), mNeg = load<i32>(p, PWL2_MUL_NEG);
  const oneSlope = mNeg == 0 || mNeg == mPos;
  const inZp = load<i32>(p, PWL2_IN_ZP);
  if (oneSlope && s <= 30 && mPos == 1 << s && inZp >= typeMin && inZp <= typeMax) {
    const bias = load<i64>(p, PWL2_BIAS);
    const c = (bias >> s) - <i64>inZp;
    if ((bias & ((<i64>1 << s) - 1)) == 0 && c >= <i64>typeMin && c <= <i64>typeMax) return PLAN_UNIT;
  }
  if (s < 18 || s > 45) return PLAN_I64;
  return oneSlope ? PLAN_ONE : inZp == 0 ? PLAN_TWO_Z : PLAN_TWO;
}

/** PLAN_UNIT: the constant added to q' (B − inZp). */
// @ts-ignore: decorator
@inline export function pwl2UnitAdd(p: usize): i32 {
  return <i32>((load<i64>(p, PWL2_BIAS) >> load<i32>(p, PWL2_SHIFT)) - <i64>load<i32>(p, PWL2_IN_ZP));
}

/** PLAN_UNIT/ONE: the floor applied to q (inZp when mNeg = 0, else the smallest i32). */
// @ts-ignore: decorator
@inline export function pwl2Floor(p: usize): i32 {
  return load<i32>(p, PWL2_MUL_NEG) == 0 ? load<i32>(p, PWL2_IN_ZP) : i32.MIN_VALUE;
}

/** C = bias − z·m + 2^(s−1) of one side, for lanes holding q − inZp + z: z = inZp for lanes of codes q
 *  (int16), z = 0 for lanes of d = q − inZp (int8, |d| ≤ 255). |C| < 2^62: |bias| < 2^61, |z·m| < 2^47. */
// @ts-ignore: decorator
@inline function sideC(p: usize, m: i32, z: i32): i64 {
  return load<i64>(p, PWL2_BIAS) - <i64>z * <i64>m + (<i64>1 << (load<i32>(p, PWL2_SHIFT) - 1));
}

// Side constants, m = the side's multiplier (PLAN_ONE: mPos).
// @ts-ignore: decorator
@inline export function pwl2M1(m: i32): i32 { return m & 0xffff; }
// @ts-ignore: decorator
@inline export function pwl2M2(m: i32): i32 { return m >> 16; }
// @ts-ignore: decorator
@inline export function pwl2Cl(p: usize, m: i32, z: i32): i32 { return <i32>(sideC(p, m, z) & 0xffff); }
// @ts-ignore: decorator
@inline export function pwl2NegBelow(p: usize, m: i32, z: i32): i32 {
  const t = (<i64>1 << (load<i32>(p, PWL2_SHIFT) - 17)) - (sideC(p, m, z) >> 16);
  const lim: i64 = (1 << 30) + (1 << 17); // |vu| < 2^30 + 2^16: a clamped threshold compares the same
  return <i32>(t < -lim ? -lim : t > lim ? lim : t);
}
// @ts-ignore: decorator
@inline export function pwl2A(p: usize, m: i32, z: i32): i32 {
  const a = (sideC(p, m, z) >> 16) >> (load<i32>(p, PWL2_SHIFT) - 16);
  const lim: i64 = 1 << 30;
  return <i32>(a < -lim ? -lim : a > lim ? lim : a);
}
// @ts-ignore: decorator
@inline export function pwl2B(p: usize, m: i32, z: i32): i32 {
  return <i32>((sideC(p, m, z) >> 16) & ((<i64>1 << (load<i32>(p, PWL2_SHIFT) - 16)) - 1));
}

/** PLAN_ONE/TWO on i32x4 lanes of codes q (constants splatted, r = s − 16); result clamped to [lo, hi]. */
// @ts-ignore: decorator
@inline export function pwl2LimbsI32x4(q: v128, m1: v128, m2: v128, cl: v128, negBelow: v128, a: v128, b: v128,
  r: i32, lo: v128, hi: v128): v128 {
  const hp = i32x4.mul(q, m2);
  const low = i32x4.add(i32x4.mul(q, m1), cl);
  const neg = i32x4.lt_s(i32x4.add(hp, i32x4.shr_s(low, 16)), negBelow); // −1 where t < 0
  const v = i32x4.add(hp, i32x4.shr_s(i32x4.add(low, neg), 16));
  const y = i32x4.add(a, i32x4.shr_s(i32x4.add(v, b), r));
  return i32x4.min_s(i32x4.max_s(y, lo), hi);
}
