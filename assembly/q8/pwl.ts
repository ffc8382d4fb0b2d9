// int8 piecewise-linear kernels, method `fixed`: loads/stores around the integer math of ../qpwl.ts
// (algorithm and measured error are documented there). SIMD: 16 codes per step, in the plan pwl2Plan picks
// once per call: i8x16 lanes for a unit slope, else four i32x4 lanes of d = q − inZp (|d| ≤ 255, so the
// side constants do not depend on the zero point and two slopes only select m1, m2 per lane); shifts
// outside [18, 45] take the scalar loop (int16 keeps an i64x2 loop for them, ../q16/pwl.ts). Every plan computes pwl2Scalar's integers exactly (checked over
// all codes at random params by test/kernels/fixed-engines.test.ts); the scalar loop also handles the
// SIMD build's tail, so both builds share it.
// Speed (node bench/int16-vs-tflm.mjs --dtype int8 --filter fixed --baseline <main's build/qact.simd.wasm>,
// n = 2^20, CPU-time medians of 15): unit plan 0.65–0.69 → 10–12.6 G elem/s, i32x4 plans 0.55–0.70 → 1.0–1.75 G.
import { i8x16_widenQuarterToI32x4, i32x4_narrowFourToI8x16 } from "../qio";
import {
  pwl2Scalar, hardswishScalar, hardswishI32x4, pwl2Plan, pwl2UnitAdd, pwl2Floor, pwl2M1, pwl2M2,
  pwl2Cl, pwl2NegBelow, pwl2A, pwl2B, pwl2LimbsI32x4, PLAN_UNIT, PLAN_I64, PLAN_ONE,
  PWL2_IN_ZP, PWL2_MUL_POS, PWL2_MUL_NEG, PWL2_SHIFT, PWL2_LO, PWL2_HI,
} from "../qpwl";

/** PLAN_UNIT: y = clamp(max(q, floor) +sat c) in i8x16 lanes; returns the first index not done. */
function unitI8(inPtr: usize, outPtr: usize, n: i32, p: usize): i32 {
  const fl = pwl2Floor(p);
  const floor = i8x16.splat(<i8>(fl < -128 ? -128 : fl));
  const c = i8x16.splat(<i8>pwl2UnitAdd(p));
  const lo = i8x16.splat(<i8>load<i32>(p, PWL2_LO)), hi = i8x16.splat(<i8>load<i32>(p, PWL2_HI));
  let i = 0;
  for (; i + 16 <= n; i += 16) {
    const q = i8x16.max_s(v128.load(inPtr + i), floor);
    v128.store(outPtr + i, i8x16.min_s(i8x16.max_s(i8x16.add_sat_s(q, c), lo), hi));
  }
  return i;
}

/** PLAN_ONE (two = false: d floored at 0 when mNeg = 0) or PLAN_TWO/TWO_Z (m1, m2 selected by d < 0), on
 *  i32x4 lanes of d = q − inZp; returns the first index not done. */
// @ts-ignore: decorator
@inline function limbsI8(inPtr: usize, outPtr: usize, n: i32, p: usize, two: bool): i32 {
  const mp = load<i32>(p, PWL2_MUL_POS), mn = two ? load<i32>(p, PWL2_MUL_NEG) : mp;
  const r = load<i32>(p, PWL2_SHIFT) - 16;
  const m1p = i32x4.splat(pwl2M1(mp)), m2p = i32x4.splat(pwl2M2(mp)), m1n = i32x4.splat(pwl2M1(mn)), m2n = i32x4.splat(pwl2M2(mn));
  // the side constants of C = bias + 2^(s−1) are the same for both slopes (lanes hold d, z = 0)
  const cl = i32x4.splat(pwl2Cl(p, mp, 0)), nb = i32x4.splat(pwl2NegBelow(p, mp, 0));
  const a = i32x4.splat(pwl2A(p, mp, 0)), b = i32x4.splat(pwl2B(p, mp, 0));
  const zp = i32x4.splat(load<i32>(p, PWL2_IN_ZP));
  const floor = i32x4.splat(load<i32>(p, PWL2_MUL_NEG) == 0 ? 0 : -256);
  const lo = i32x4.splat(load<i32>(p, PWL2_LO)), hi = i32x4.splat(load<i32>(p, PWL2_HI));
  let i = 0;
  for (; i + 16 <= n; i += 16) {
    const v = v128.load(inPtr + i);
    let d0 = i32x4.sub(i8x16_widenQuarterToI32x4(v, 0), zp), d1 = i32x4.sub(i8x16_widenQuarterToI32x4(v, 1), zp);
    let d2 = i32x4.sub(i8x16_widenQuarterToI32x4(v, 2), zp), d3 = i32x4.sub(i8x16_widenQuarterToI32x4(v, 3), zp);
    let y0: v128, y1: v128, y2: v128, y3: v128;
    if (two) {
      const z = i32x4.splat(0);
      const s0 = i32x4.lt_s(d0, z), s1 = i32x4.lt_s(d1, z), s2 = i32x4.lt_s(d2, z), s3 = i32x4.lt_s(d3, z);
      y0 = pwl2LimbsI32x4(d0, v128.bitselect(m1n, m1p, s0), v128.bitselect(m2n, m2p, s0), cl, nb, a, b, r, lo, hi);
      y1 = pwl2LimbsI32x4(d1, v128.bitselect(m1n, m1p, s1), v128.bitselect(m2n, m2p, s1), cl, nb, a, b, r, lo, hi);
      y2 = pwl2LimbsI32x4(d2, v128.bitselect(m1n, m1p, s2), v128.bitselect(m2n, m2p, s2), cl, nb, a, b, r, lo, hi);
      y3 = pwl2LimbsI32x4(d3, v128.bitselect(m1n, m1p, s3), v128.bitselect(m2n, m2p, s3), cl, nb, a, b, r, lo, hi);
    } else {
      d0 = i32x4.max_s(d0, floor); d1 = i32x4.max_s(d1, floor);
      d2 = i32x4.max_s(d2, floor); d3 = i32x4.max_s(d3, floor);
      y0 = pwl2LimbsI32x4(d0, m1p, m2p, cl, nb, a, b, r, lo, hi);
      y1 = pwl2LimbsI32x4(d1, m1p, m2p, cl, nb, a, b, r, lo, hi);
      y2 = pwl2LimbsI32x4(d2, m1p, m2p, cl, nb, a, b, r, lo, hi);
      y3 = pwl2LimbsI32x4(d3, m1p, m2p, cl, nb, a, b, r, lo, hi);
    }
    v128.store(outPtr + i, i32x4_narrowFourToI8x16(y0, y1, y2, y3));
  }
  return i;
}

export function i8_pwl2(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const plan = pwl2Plan(p, -128, 127);
    if (plan == PLAN_UNIT) i = unitI8(inPtr, outPtr, n, p);
    else if (plan == PLAN_ONE) i = limbsI8(inPtr, outPtr, n, p, false);
    else if (plan != PLAN_I64) i = limbsI8(inPtr, outPtr, n, p, true);
    // PLAN_I64 (shifts outside [18, 45]: input/output scale ratios beyond ~2^±13) runs the scalar
    // loop below: its i64x2 SIMD loop was ~1.1 KB of code, too much for the 8 KiB minimal module
    // (docs/sizes.md), for parameters this rare
  }
  for (; i < n; i++) store<i8>(outPtr + i, <i8>pwl2Scalar(<i32>load<i8>(inPtr + i), p));
}

export function i8_hardswish(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 16 <= n; i += 16) {
      const v = v128.load(inPtr + i);
      v128.store(outPtr + i, i32x4_narrowFourToI8x16(
        hardswishI32x4(i8x16_widenQuarterToI32x4(v, 0), p), hardswishI32x4(i8x16_widenQuarterToI32x4(v, 1), p),
        hardswishI32x4(i8x16_widenQuarterToI32x4(v, 2), p), hardswishI32x4(i8x16_widenQuarterToI32x4(v, 3), p)));
    }
  }
  for (; i < n; i++) store<i8>(outPtr + i, <i8>hardswishScalar(<i32>load<i8>(inPtr + i), p));
}
