// PRELU, method `fixed`, int8 and int16: one pwl2 block (../qpwl.ts: two Q31 slopes with an exact
// i64 accumulator, correctly rounded except within 1e-4 LSB of a tie) per channel, the channel
// being the last axis. Params: `channels` consecutive 32-byte pwl2 blocks (layout in qpwl.ts),
// written by src/kernels/prepare/qprelu.ts.
// Measured: maxAbsLsb ≤ 0.5 + 1e-4 over all codes on every channel at 60 random param sets per
// dtype (1–6 channels, alphas in [−1, 2]); the worst is printed by
// npx vitest run test/kernels/qprelu.test.ts.
// SIMD: one channel (a scalar alpha) runs the vector pwl2 path of ../q8/pwl.ts / ../q16/pwl.ts.
// int16 with several channels: when every block shares all but the negative slope (PRELU's blocks do
// unless the alphas need different shifts) and the shift is in [18, 45], the negative side's six
// constants are laid out per lane for one period of lcm(channels, 8) ≤ 512 lanes (a table kept in the
// params block, built on the first call: below) and the i32x4 PLAN_TWO arithmetic runs with them
// (exact per lane, as one channel's); otherwise, and for int8 with several channels, the scalar loop. Both builds give identical bytes (all codes × channels at
// 40 random sets: test/kernels/qprelu.test.ts, which also counts the sets that took the lane path).
// Speed, int16 with 64 channels at TFLM's quantization (n = 2^20 zero copy, `npm run bench -- --filter
// prelu --dtype int16 --sizes 1048576 --reps 7`): 364 M (scalar loop) → 925 M elem/s, 4.9× TFLM's
// int16 PRELU in the scalar build (188 M) in the same run. Building the lane table on every call (the
// first version) cost ~1 µs per call at 64 channels, 15% of a 4096-element call; now only the first.

import {
  pwl2Scalar, pwl2LimbsI32x4, pwl2M1, pwl2M2, pwl2Cl, pwl2NegBelow, pwl2A, pwl2B,
  PWL2_IN_ZP, PWL2_MUL_POS, PWL2_MUL_NEG, PWL2_SHIFT, PWL2_BIAS, PWL2_LO, PWL2_HI,
} from "./qpwl";
import { i16x8_widenHalfToI32x4, i32x4_narrowTwoToI16x8 } from "./qio";
import { i8_pwl2 } from "./q8/pwl";
import { i16_pwl2 } from "./q16/pwl";

export function i8_prelu_pwl2(inPtr: usize, outPtr: usize, n: i32, channels: i32, p: usize): void {
  if (channels == 1) {
    i8_pwl2(inPtr, outPtr, n, p);
    return;
  }
  let c = 0;
  for (let i = 0; i < n; i++) {
    store<i8>(outPtr + i, <i8>pwl2Scalar(<i32>load<i8>(inPtr + i), p + (<usize>c << 5)));
    if (++c == channels) c = 0;
  }
}

// int16 with several channels: a lane table after the blocks, at byte 32·channels (its room written
// as zeros by prepare, src/kernels/prepare/qprelu.ts): i32 state (0 = not built yet, 1 = built,
// 2 = not usable), i32 lanes (the room prepare left: lcm(channels, 8) lanes, or 0), 8 bytes pad, then
// six i32 arrays of `lanes` entries: the negative side's m1, m2, Cl, negBelow, a, b (../qpwl.ts) of
// lane j's channel j % channels. The SIMD build fills it on the first call (O(lanes)) and every later
// call with the same params reads it; the scalar builds never touch it.
// @ts-ignore: decorator
@inline const LANE_STATE = 0;
// @ts-ignore: decorator
@inline const LANE_COUNT = 4;
// @ts-ignore: decorator
@inline const LANE_ARRAYS = 16;

/** True when every block shares all but the negative slope and the shift is in the i32x4 plans' [18, 45]. */
function sharedBlocks(p: usize, channels: i32): bool {
  const s = load<i32>(p, PWL2_SHIFT);
  if (s < 18 || s > 45) return false;
  for (let c = 1; c < channels; c++) {
    const b = p + (<usize>c << 5);
    if (load<i32>(b, PWL2_IN_ZP) != load<i32>(p, PWL2_IN_ZP) || load<i32>(b, PWL2_MUL_POS) != load<i32>(p, PWL2_MUL_POS) ||
      load<i32>(b, PWL2_SHIFT) != s || load<i64>(b, PWL2_BIAS) != load<i64>(p, PWL2_BIAS) ||
      load<i32>(b, PWL2_LO) != load<i32>(p, PWL2_LO) || load<i32>(b, PWL2_HI) != load<i32>(p, PWL2_HI)) return false;
  }
  return true;
}

/** The lane table at `t` (state, lanes, arrays), built on first use: its lane count, or 0 when the
 *  SIMD lane path does not apply. */
function laneTable(p: usize, channels: i32, t: usize): i32 {
  const lanes = load<i32>(t, LANE_COUNT);
  let state = load<i32>(t, LANE_STATE);
  if (state == 0) {
    state = lanes > 0 && sharedBlocks(p, channels) ? 1 : 2;
    if (state == 1) {
      const zp0 = load<i32>(p, PWL2_IN_ZP), stride = <usize>lanes << 2;
      for (let j = 0; j < lanes; j++) {
        const b = p + (<usize>(j % channels) << 5), mn = load<i32>(b, PWL2_MUL_NEG), at = t + LANE_ARRAYS + (<usize>j << 2);
        store<i32>(at, pwl2M1(mn));
        store<i32>(at + stride, pwl2M2(mn));
        store<i32>(at + 2 * stride, pwl2Cl(b, mn, zp0));
        store<i32>(at + 3 * stride, pwl2NegBelow(b, mn, zp0));
        store<i32>(at + 4 * stride, pwl2A(b, mn, zp0));
        store<i32>(at + 5 * stride, pwl2B(b, mn, zp0));
      }
    }
    store<i32>(t, state, LANE_STATE);
  }
  return state == 1 ? lanes : 0;
}

/** PRELU int16 with several channels in i32x4 lanes: the PLAN_TWO arithmetic of ../q16/pwl.ts with the
 *  negative side's six constants loaded per lane from the lane table (each lane computes its own
 *  channel's pwl2Scalar integers exactly, as one channel does). Returns the first index not done. */
function preluChannelsI16(inPtr: usize, outPtr: usize, n: i32, p: usize, t: usize, period: i32): i32 {
  const zp0 = load<i32>(p, PWL2_IN_ZP), mp = load<i32>(p, PWL2_MUL_POS);
  const stride = <usize>period << 2, arrays = t + LANE_ARRAYS;
  const r = load<i32>(p, PWL2_SHIFT) - 16;
  const m1p = i32x4.splat(pwl2M1(mp)), m2p = i32x4.splat(pwl2M2(mp)), clp = i32x4.splat(pwl2Cl(p, mp, zp0));
  const nbp = i32x4.splat(pwl2NegBelow(p, mp, zp0)), ap = i32x4.splat(pwl2A(p, mp, zp0)), bp = i32x4.splat(pwl2B(p, mp, zp0));
  const zp = i32x4.splat(zp0), lo = i32x4.splat(load<i32>(p, PWL2_LO)), hi = i32x4.splat(load<i32>(p, PWL2_HI));
  let i = 0, j = 0;
  for (; i + 8 <= n; i += 8) {
    const v = v128.load(inPtr + (<usize>i << 1));
    const q0 = i16x8_widenHalfToI32x4(v, 0), q1 = i16x8_widenHalfToI32x4(v, 1);
    const s0 = i32x4.lt_s(q0, zp), s1 = i32x4.lt_s(q1, zp);
    const at = arrays + (<usize>j << 2);
    const y0 = pwl2LimbsI32x4(q0, v128.bitselect(v128.load(at), m1p, s0), v128.bitselect(v128.load(at + stride), m2p, s0),
      v128.bitselect(v128.load(at + 2 * stride), clp, s0), v128.bitselect(v128.load(at + 3 * stride), nbp, s0),
      v128.bitselect(v128.load(at + 4 * stride), ap, s0), v128.bitselect(v128.load(at + 5 * stride), bp, s0), r, lo, hi);
    const y1 = pwl2LimbsI32x4(q1, v128.bitselect(v128.load(at, 16), m1p, s1), v128.bitselect(v128.load(at + stride, 16), m2p, s1),
      v128.bitselect(v128.load(at + 2 * stride, 16), clp, s1), v128.bitselect(v128.load(at + 3 * stride, 16), nbp, s1),
      v128.bitselect(v128.load(at + 4 * stride, 16), ap, s1), v128.bitselect(v128.load(at + 5 * stride, 16), bp, s1), r, lo, hi);
    v128.store(outPtr + (<usize>i << 1), i32x4_narrowTwoToI16x8(y0, y1));
    j += 8;
    if (j == period) j = 0;
  }
  return i;
}

export function i16_prelu_pwl2(inPtr: usize, outPtr: usize, n: i32, channels: i32, p: usize): void {
  if (channels == 1) {
    i16_pwl2(inPtr, outPtr, n, p);
    return;
  }
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const t = p + (<usize>channels << 5);
    const period = laneTable(p, channels, t);
    if (period > 0) i = preluChannelsI16(inPtr, outPtr, n, p, t, period);
  }
  let c = i % channels;
  for (; i < n; i++) {
    const o = <usize>i << 1;
    store<i16>(outPtr + o, <i16>pwl2Scalar(<i32>load<i16>(inPtr + o), p + (<usize>c << 5)));
    if (++c == channels) c = 0;
  }
}
