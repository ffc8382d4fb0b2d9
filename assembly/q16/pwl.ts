// int16 piecewise-linear kernels, method `fixed`: loads/stores around the integer math of
// ../qpwl.ts (algorithm and measured error are documented there). SIMD: 8 codes per step, in the
// plan pwl2Plan picks once per call (i16x8 lanes for a unit slope, i32x4 lanes otherwise, the i64x2
// code only for shifts outside [18, 45]); every plan computes pwl2Scalar's integers exactly, so the
// builds agree bit for bit (checked over all codes at random params by test/kernels/fixed-engines.test.ts).
// Why plans: the i64x2 code ran at 0.63–0.65 G elem/s; the i32x4 plans at 1.1–1.3 G and the unit plan at
// 5.4–6.2 G (node bench/int16-vs-tflm.mjs --baseline <main's build/qact.simd.wasm>, CPU-time medians of 15;
// figures in ../qpwl.ts and docs/bench-quantized.md). PLAN_TWO_Z exists because selecting only m1, m2 (inZp = 0)
// instead of all six side constants took leaky_relu from 0.78 to 1.08 G elem/s (same command, medians of 9).
import { i16x8_widenHalfToI32x4, i32x4_narrowTwoToI16x8 } from "../qio";
import {
  pwl2Scalar, pwl2I32x4, hardswishScalar, hardswishI32x4, pwl2Plan, pwl2UnitAdd, pwl2Floor, pwl2M1, pwl2M2,
  pwl2Cl, pwl2NegBelow, pwl2A, pwl2B, pwl2LimbsI32x4, PLAN_UNIT, PLAN_ONE, PLAN_TWO, PLAN_TWO_Z,
  PWL2_IN_ZP, PWL2_MUL_POS, PWL2_MUL_NEG, PWL2_SHIFT, PWL2_LO, PWL2_HI,
} from "../qpwl";

/** PLAN_UNIT: y = clamp(max(q, floor) +sat c) in i16x8 lanes; returns the first index not done. */
function unitI16(inPtr: usize, outPtr: usize, n: i32, p: usize): i32 {
  const fl = pwl2Floor(p);
  const floor = i16x8.splat(<i16>(fl < -32768 ? -32768 : fl));
  const c = i16x8.splat(<i16>pwl2UnitAdd(p));
  const lo = i16x8.splat(<i16>load<i32>(p, PWL2_LO)), hi = i16x8.splat(<i16>load<i32>(p, PWL2_HI));
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const o = <usize>i << 1;
    const q = i16x8.max_s(v128.load(inPtr + o), floor);
    v128.store(outPtr + o, i16x8.min_s(i16x8.max_s(i16x8.add_sat_s(q, c), lo), hi));
  }
  return i;
}

/** PLAN_ONE (sel 0) / PLAN_TWO_Z (sel 1: m1, m2 selected per lane) / PLAN_TWO (sel 2: every side
 *  constant selected) in i32x4 lanes; returns the first index not done. */
// @ts-ignore: decorator
@inline function limbsI16(inPtr: usize, outPtr: usize, n: i32, p: usize, sel: i32): i32 {
  const mp = load<i32>(p, PWL2_MUL_POS), mn = sel > 0 ? load<i32>(p, PWL2_MUL_NEG) : mp;
  const r = load<i32>(p, PWL2_SHIFT) - 16;
  const zp0 = load<i32>(p, PWL2_IN_ZP);
  const m1p = i32x4.splat(pwl2M1(mp)), m2p = i32x4.splat(pwl2M2(mp)), clp = i32x4.splat(pwl2Cl(p, mp, zp0));
  const nbp = i32x4.splat(pwl2NegBelow(p, mp, zp0)), ap = i32x4.splat(pwl2A(p, mp, zp0)), bp = i32x4.splat(pwl2B(p, mp, zp0));
  const m1n = i32x4.splat(pwl2M1(mn)), m2n = i32x4.splat(pwl2M2(mn)), cln = i32x4.splat(pwl2Cl(p, mn, zp0));
  const nbn = i32x4.splat(pwl2NegBelow(p, mn, zp0)), an = i32x4.splat(pwl2A(p, mn, zp0)), bn = i32x4.splat(pwl2B(p, mn, zp0));
  const zp = i32x4.splat(load<i32>(p, PWL2_IN_ZP)), floor = i32x4.splat(pwl2Floor(p));
  const lo = i32x4.splat(load<i32>(p, PWL2_LO)), hi = i32x4.splat(load<i32>(p, PWL2_HI));
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const o = <usize>i << 1;
    const v = v128.load(inPtr + o);
    let q0 = i16x8_widenHalfToI32x4(v, 0), q1 = i16x8_widenHalfToI32x4(v, 1);
    let y0: v128, y1: v128;
    if (sel == 1) {
      const s0 = i32x4.lt_s(q0, zp), s1 = i32x4.lt_s(q1, zp);
      y0 = pwl2LimbsI32x4(q0, v128.bitselect(m1n, m1p, s0), v128.bitselect(m2n, m2p, s0), clp, nbp, ap, bp, r, lo, hi);
      y1 = pwl2LimbsI32x4(q1, v128.bitselect(m1n, m1p, s1), v128.bitselect(m2n, m2p, s1), clp, nbp, ap, bp, r, lo, hi);
    } else if (sel == 2) {
      const s0 = i32x4.lt_s(q0, zp), s1 = i32x4.lt_s(q1, zp);
      y0 = pwl2LimbsI32x4(q0, v128.bitselect(m1n, m1p, s0), v128.bitselect(m2n, m2p, s0), v128.bitselect(cln, clp, s0),
        v128.bitselect(nbn, nbp, s0), v128.bitselect(an, ap, s0), v128.bitselect(bn, bp, s0), r, lo, hi);
      y1 = pwl2LimbsI32x4(q1, v128.bitselect(m1n, m1p, s1), v128.bitselect(m2n, m2p, s1), v128.bitselect(cln, clp, s1),
        v128.bitselect(nbn, nbp, s1), v128.bitselect(an, ap, s1), v128.bitselect(bn, bp, s1), r, lo, hi);
    } else {
      q0 = i32x4.max_s(q0, floor);
      q1 = i32x4.max_s(q1, floor);
      y0 = pwl2LimbsI32x4(q0, m1p, m2p, clp, nbp, ap, bp, r, lo, hi);
      y1 = pwl2LimbsI32x4(q1, m1p, m2p, clp, nbp, ap, bp, r, lo, hi);
    }
    v128.store(outPtr + o, i32x4_narrowTwoToI16x8(y0, y1));
  }
  return i;
}

export function i16_pwl2(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const plan = pwl2Plan(p, -32768, 32767);
    if (plan == PLAN_UNIT) i = unitI16(inPtr, outPtr, n, p);
    else if (plan == PLAN_ONE) i = limbsI16(inPtr, outPtr, n, p, 0);
    else if (plan == PLAN_TWO_Z) i = limbsI16(inPtr, outPtr, n, p, 1);
    else if (plan == PLAN_TWO) i = limbsI16(inPtr, outPtr, n, p, 2);
    else {
      for (; i + 8 <= n; i += 8) {
        const v = v128.load(inPtr + (<usize>i << 1));
        v128.store(outPtr + (<usize>i << 1), i32x4_narrowTwoToI16x8(
          pwl2I32x4(i16x8_widenHalfToI32x4(v, 0), p), pwl2I32x4(i16x8_widenHalfToI32x4(v, 1), p)));
      }
    }
  }
  for (; i < n; i++) {
    store<i16>(outPtr + (<usize>i << 1), <i16>pwl2Scalar(<i32>load<i16>(inPtr + (<usize>i << 1)), p));
  }
}
export function i16_hardswish(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 8 <= n; i += 8) {
      const v = v128.load(inPtr + (<usize>i << 1));
      v128.store(outPtr + (<usize>i << 1), i32x4_narrowTwoToI16x8(
        hardswishI32x4(i16x8_widenHalfToI32x4(v, 0), p), hardswishI32x4(i16x8_widenHalfToI32x4(v, 1), p)));
    }
  }
  for (; i < n; i++) {
    store<i16>(outPtr + (<usize>i << 1), <i16>hardswishScalar(<i32>load<i16>(inPtr + (<usize>i << 1)), p));
  }
}
