// int16 interpolated table kernel, method `lut` (i16_lut513): sigmoid, tanh, silu, gelu, gelu_tanh,
// elu, selu, softplus, mish.
// Algorithm (tables, tails and layout: src/tables/lut16.ts, the only producer): codes below qa give the
// left-tail constant, codes above qb the right tail (a constant, or the line slope·x: in i32 with a
// split multiplier when one input step is ≤ 16 output steps, else by the i64 pwl2 code of ../qpwl.ts); in
// between, 512 segments over [qa, qb]: pos = (q − qa)·M in Q15 segments, i = pos >> 15, t = pos & 0x7fff,
//   y = roundHalfAway((E_i + round(D_i·t / 2^15) + round(B_i·w / 2^15)) / 2^k),  w = 4t(2^15 − t)/2^15,
// the parabola through both segment ends and the midpoint (midpoint bias correction). All integer; every
// product fits i32 (|D|, |B| < 2^15, t, w ≤ 2^15), so the SIMD build (i32x4 lanes, 8-byte records
// fetched with v128.load64_lane) and the scalar build compute the same integers.
// Measured error (exhaustive over all 65,536 codes, 24 quantizations per op: powers of two and not,
// zero points, random op params; output 2^-15 for sigmoid/tanh): maxAbsLsb ≤ 0.59, meanAbsLsb ≤ 0.32
// per case, per-op figures in docs/accuracy.md. Measured with: node scripts/quant-accuracy.mjs
// (asserted by npx vitest run test/kernels/q16-lut.test.ts).
// Table: 64-byte header + 512 × 8-byte records = 4160 bytes.
// Speed (node bench/int16-vs-tflm.mjs, CPU-time medians of 15, n = 2^20, docs/bench-quantized.md): 0.53–0.86 G
// elem/s SIMD; sigmoid 2.5–2.6×, tanh 2.4–2.6× TFLM's int16 LOGISTIC/TANH in the scalar build at the same quantization
// (issue target 4×: not met, see docs/bench-quantized.md; gather-free prototypes, not adopted: an accurate shape of
// 16 swizzle-picked quartic segments 3.1–3.7×, a direct 65,536-entry table of 128 KiB 4.2–4.3×, node
// --experimental-wasm-relaxed-simd bench/q16-gatherfree.mjs --reps 15 --rounds 3). SIMD choices, each A/B in one process
// (--baseline <the previous build>): no tail selects when tailsFree (./tails.ts) holds and no clamp before
// the saturating narrow, 0.63–0.65 → 0.81–0.85 G elem/s for sigmoid/tanh/silu/softplus/mish (1.27–1.31×);
// gather offsets through a 16-byte scratch instead of four extract_lane, 1.03–1.13× (two runs). The tail-free
// case is a branch in the kind-0 loop, not a fourth loop (same speed, 0.97–1.03×, and 2.7 KiB less SIMD build);
// the kind-1/2 loops (elu, selu, gelu at their defaults) stayed at 0.92–1.05× of main's in three runs.
import { QA, SPAN, MUL, FRAC_BITS, LEFT, QB, RIGHT_KIND, RECORDS, T_BITS, RIGHT, LINE_ZP, LINE_MH, LINE_ML, LINE_C, rightTailScalar, withTailsI32x4, tailsFree } from "./tails";
import { i16x8_widenHalfToI32x4, i32x4_narrowTwoToI16x8 } from "../qio";

/** 16 bytes of static scratch: the four lane offsets of a gather */
const OFFSETS: usize = memory.data(16, 16);

/** The table part for one code (q already clamped into [qa, qa + span] as d = q − qa). */
// @ts-ignore: decorator
@inline function lut513Scalar(q: i32, p: usize, k: i32): i32 {
  let d = q - load<i32>(p, QA);
  d = d < 0 ? 0 : d;
  const span = load<i32>(p, SPAN);
  d = d > span ? span : d;
  const pos = d * load<i32>(p, MUL);
  let i = pos >> T_BITS;
  i = i > 511 ? 511 : i;
  const t = pos - (i << T_BITS);
  const rec = p + RECORDS + (<usize>i << 3);
  const e = load<i32>(rec);
  const dd = <i32>load<i16>(rec, 4);
  const b = <i32>load<i16>(rec, 6);
  const w = (t * ((1 << T_BITS) - t)) >> 13;
  const acc = e + ((dd * t + (1 << 14)) >> T_BITS) + ((b * w + (1 << 14)) >> T_BITS);
  const y = (acc + (1 << (k - 1)) + (acc >> 31)) >> k;
  return y < -32768 ? -32768 : y > 32767 ? 32767 : y;
}

// @ts-ignore: decorator
@inline function lut513I32x4(q: v128, p: usize, k: i32, qa: v128, span: v128, mul: v128): v128 {
  const d = i32x4.min_s(i32x4.max_s(i32x4.sub(q, qa), i32x4.splat(0)), span);
  const pos = i32x4.mul(d, mul);
  const i = i32x4.min_s(i32x4.shr_s(pos, T_BITS), i32x4.splat(511));
  const t = i32x4.sub(pos, i32x4.shl(i, T_BITS));
  const base = p + RECORDS;
  const off = i32x4.shl(i, 3);
  // records (E, D | B << 16) of lanes 0,1 and 2,3
  // lane offsets through memory: one store and four scalar loads instead of four extract_lane
  v128.store(OFFSETS, off);
  let r01 = v128.load64_zero(base + <usize>load<u32>(OFFSETS, 0));
  r01 = v128.load64_lane(base + <usize>load<u32>(OFFSETS, 4), r01, 1);
  let r23 = v128.load64_zero(base + <usize>load<u32>(OFFSETS, 8));
  r23 = v128.load64_lane(base + <usize>load<u32>(OFFSETS, 12), r23, 1);
  const e = i8x16.shuffle(r01, r23, 0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27);
  const db = i8x16.shuffle(r01, r23, 4, 5, 6, 7, 12, 13, 14, 15, 20, 21, 22, 23, 28, 29, 30, 31);
  const dd = i32x4.shr_s(i32x4.shl(db, 16), 16);
  const b = i32x4.shr_s(db, 16);
  const one = i32x4.splat(1 << T_BITS), half = i32x4.splat(1 << 14);
  const w = i32x4.shr_s(i32x4.mul(t, i32x4.sub(one, t)), 13);
  const acc = i32x4.add(e, i32x4.add(
    i32x4.shr_s(i32x4.add(i32x4.mul(dd, t), half), T_BITS),
    i32x4.shr_s(i32x4.add(i32x4.mul(b, w), half), T_BITS)));
  // not clamped to [−32768, 32767] here: the caller's i16x8.narrow_i32x4_s saturates to the same codes
  return i32x4.shr_s(i32x4.add(i32x4.add(acc, i32x4.splat(1 << (k - 1))), i32x4.shr_s(acc, 31)), k);
}

/** Table plus tails for one code. */
// @ts-ignore: decorator
@inline function lut16Scalar(q: i32, p: usize, k: i32, kind: i32): i32 {
  if (q < load<i32>(p, QA)) return load<i32>(p, LEFT);
  if (q > load<i32>(p, QB)) return rightTailScalar(q, p, kind);
  return lut513Scalar(q, p, k);
}

/** free (kind 0 only; runtime): the tails need no select (tailsFree, checked once per call), then every
 *  kind runs this kind-0 loop, whose branch skips the selects. A branch per 8 codes instead of a fourth
 *  copy of the loop, which cost 2.7 KiB of the SIMD build per kernel (the build must stay ≤ 64 KiB). Kinds
 *  1 and 2 keep a loop without the branch: their line constants leave fewer registers. */
// @ts-ignore: decorator
@inline function run(inPtr: usize, outPtr: usize, n: i32, p: usize, kind: i32, free: bool): void {
  const k = load<i32>(p, FRAC_BITS);
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    // params splatted once (loads cannot be hoisted by the engine past the stores of the loop)
    const qa = i32x4.splat(load<i32>(p, QA)), span = i32x4.splat(load<i32>(p, SPAN)), mul = i32x4.splat(load<i32>(p, MUL));
    const qb = i32x4.splat(load<i32>(p, QB)), left = i32x4.splat(load<i32>(p, LEFT)), right = i32x4.splat(load<i32>(p, RIGHT));
    const zp = i32x4.splat(load<i32>(p, LINE_ZP)), mh = i32x4.splat(load<i32>(p, LINE_MH));
    const ml = i32x4.splat(load<i32>(p, LINE_ML)), c = i32x4.splat(load<i32>(p, LINE_C));
    for (; i + 8 <= n; i += 8) {
      const v = v128.load(inPtr + (<usize>i << 1));
      const q0 = i16x8_widenHalfToI32x4(v, 0), q1 = i16x8_widenHalfToI32x4(v, 1);
      let y0 = lut513I32x4(q0, p, k, qa, span, mul), y1 = lut513I32x4(q1, p, k, qa, span, mul);
      if (!free) {
        y0 = withTailsI32x4(q0, y0, p, kind, qa, qb, left, right, zp, mh, ml, c);
        y1 = withTailsI32x4(q1, y1, p, kind, qa, qb, left, right, zp, mh, ml, c);
      }
      v128.store(outPtr + (<usize>i << 1), i32x4_narrowTwoToI16x8(y0, y1));
    }
  }
  for (; i < n; i++) {
    store<i16>(outPtr + (<usize>i << 1), <i16>lut16Scalar(<i32>load<i16>(inPtr + (<usize>i << 1)), p, k, kind));
  }
}

export function i16_lut513(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  const kind = load<i32>(p, RIGHT_KIND);
  let free = false;
  if (ASC_FEATURE_SIMD) {
    const k = load<i32>(p, FRAC_BITS);
    free = tailsFree(p, lut513Scalar(load<i32>(p, QA), p, k), lut513Scalar(load<i32>(p, QB), p, k));
  }
  if (free) run(inPtr, outPtr, n, p, 0, true); // the tails are never used, whatever their kind
  else if (kind == 2) run(inPtr, outPtr, n, p, 2, false);
  else if (kind == 1) run(inPtr, outPtr, n, p, 1, false);
  else run(inPtr, outPtr, n, p, 0, false);
}

