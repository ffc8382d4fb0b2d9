// int16 piecewise cubic kernel, method `poly` (i16_poly3): sigmoid, tanh, silu, gelu, gelu_tanh, elu,
// selu, softplus, mish.
// Algorithm (coefficients, tails and layout: src/tables/poly16.ts, the only producer): the tails of the
// int16 lut (./tails.ts); in between 128 segments over [qa, qb]: pos = (q − qa)·M in Q12 segments,
// i = pos >> 12, t = pos − (i << 12) ∈ [0, 2^12], then Horner in i32 lanes with rounding:
//   acc = c3;  acc = ((acc·t + 2^11) >> 12) + c_j  for j = 2, 1, 0;  y = roundHalfAway(acc / 2^k), clamped.
// |c1| + |c2| + |c3| < 0.9·2^19 (Q.k) keeps every product below 2^31. SIMD: 4 lanes per i32x4, each lane's
// 16-byte record (c0..c3) fetched with one v128.load and transposed with 8 shuffles; the scalar build
// computes the same integers.
// Measured error (exhaustive over all 65,536 codes, the 24 quantizations per op of the int16 lut test):
// maxAbsLsb ≤ 0.53, meanAbsLsb ≤ 0.32 per case; per-op figures in docs/accuracy.md.
// Measured with: node scripts/quant-accuracy.mjs (asserted by npx vitest run test/kernels/q16-poly.test.ts).
// Coefficients: 64-byte header + 128 × 16-byte records = 2112 bytes.
// Speed (node bench/int16-vs-tflm.mjs, CPU-time medians of 15, n = 2^20, docs/bench-quantized.md): 0.45–0.76 G
// elem/s SIMD; sigmoid 2.1–2.3×, tanh 2.2–2.3× TFLM's int16 LOGISTIC/TANH in the scalar build at the same quantization
// (issue target 4×: not met; gather-free prototypes, not adopted: docs/bench-quantized.md). No tail selects when tailsFree (./tails.ts) holds and no clamp before the
// saturating narrow: 0.56 → 0.75 G elem/s for sigmoid/tanh/silu/softplus/mish (1.33–1.35×, --baseline A/B).
// The lut's gather through a scratch store was tried here too: 0.98–1.03×, not kept. The tail-free case is a
// branch in the kind-0 loop (see run), not a fourth loop copy (2.7 KiB of SIMD build).
import { QA, SPAN, MUL, FRAC_BITS, LEFT, QB, RIGHT_KIND, RECORDS, RIGHT, LINE_ZP, LINE_MH, LINE_ML, LINE_C, rightTailScalar, withTailsI32x4, tailsFree } from "./tails";
import { i16x8_widenHalfToI32x4, i32x4_narrowTwoToI16x8 } from "../qio";

const LAST: i32 = 127;
/** position bits inside a segment (src/tables/poly16.ts POLY16_T_BITS) */
const T_BITS: i32 = 12;

// @ts-ignore: decorator
@inline function poly3Scalar(q: i32, p: usize, k: i32): i32 {
  let d = q - load<i32>(p, QA);
  d = d < 0 ? 0 : d;
  const span = load<i32>(p, SPAN);
  d = d > span ? span : d;
  const pos = d * load<i32>(p, MUL);
  let i = pos >> T_BITS;
  i = i > LAST ? LAST : i;
  const t = pos - (i << T_BITS);
  const rec = p + RECORDS + (<usize>i << 4);
  let acc = load<i32>(rec, 12);
  acc = ((acc * t + (1 << 11)) >> T_BITS) + load<i32>(rec, 8);
  acc = ((acc * t + (1 << 11)) >> T_BITS) + load<i32>(rec, 4);
  acc = ((acc * t + (1 << 11)) >> T_BITS) + load<i32>(rec, 0);
  const y = (acc + (1 << (k - 1)) + (acc >> 31)) >> k;
  return y < -32768 ? -32768 : y > 32767 ? 32767 : y;
}

// @ts-ignore: decorator
@inline function poly3I32x4(q: v128, p: usize, k: i32, qa: v128, span: v128, mul: v128): v128 {
  const d = i32x4.min_s(i32x4.max_s(i32x4.sub(q, qa), i32x4.splat(0)), span);
  const pos = i32x4.mul(d, mul);
  const i = i32x4.min_s(i32x4.shr_s(pos, T_BITS), i32x4.splat(LAST));
  const t = i32x4.sub(pos, i32x4.shl(i, T_BITS));
  const base = p + RECORDS;
  const off = i32x4.shl(i, 4);
  const r0 = v128.load(base + <usize>i32x4.extract_lane(off, 0));
  const r1 = v128.load(base + <usize>i32x4.extract_lane(off, 1));
  const r2 = v128.load(base + <usize>i32x4.extract_lane(off, 2));
  const r3 = v128.load(base + <usize>i32x4.extract_lane(off, 3));
  // 4×4 transpose of i32 lanes: rows = records, columns = c0..c3
  const a01 = i8x16.shuffle(r0, r1, 0, 1, 2, 3, 16, 17, 18, 19, 4, 5, 6, 7, 20, 21, 22, 23); // c0 c0 c1 c1
  const a23 = i8x16.shuffle(r2, r3, 0, 1, 2, 3, 16, 17, 18, 19, 4, 5, 6, 7, 20, 21, 22, 23);
  const b01 = i8x16.shuffle(r0, r1, 8, 9, 10, 11, 24, 25, 26, 27, 12, 13, 14, 15, 28, 29, 30, 31); // c2 c2 c3 c3
  const b23 = i8x16.shuffle(r2, r3, 8, 9, 10, 11, 24, 25, 26, 27, 12, 13, 14, 15, 28, 29, 30, 31);
  const c0 = i8x16.shuffle(a01, a23, 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23);
  const c1 = i8x16.shuffle(a01, a23, 8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31);
  const c2 = i8x16.shuffle(b01, b23, 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23);
  const c3 = i8x16.shuffle(b01, b23, 8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31);
  const half = i32x4.splat(1 << 11);
  let acc = i32x4.add(i32x4.shr_s(i32x4.add(i32x4.mul(c3, t), half), T_BITS), c2);
  acc = i32x4.add(i32x4.shr_s(i32x4.add(i32x4.mul(acc, t), half), T_BITS), c1);
  acc = i32x4.add(i32x4.shr_s(i32x4.add(i32x4.mul(acc, t), half), T_BITS), c0);
  // not clamped to [−32768, 32767] here: the caller's i16x8.narrow_i32x4_s saturates to the same codes
  return i32x4.shr_s(i32x4.add(i32x4.add(acc, i32x4.splat(1 << (k - 1))), i32x4.shr_s(acc, 31)), k);
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
      const lo = i16x8_widenHalfToI32x4(v, 0), hi = i16x8_widenHalfToI32x4(v, 1);
      let ylo = poly3I32x4(lo, p, k, qa, span, mul), yhi = poly3I32x4(hi, p, k, qa, span, mul);
      if (!free) {
        ylo = withTailsI32x4(lo, ylo, p, kind, qa, qb, left, right, zp, mh, ml, c);
        yhi = withTailsI32x4(hi, yhi, p, kind, qa, qb, left, right, zp, mh, ml, c);
      }
      v128.store(outPtr + (<usize>i << 1), i32x4_narrowTwoToI16x8(ylo, yhi));
    }
  }
  const qa = load<i32>(p, QA), qb = load<i32>(p, QB), left = load<i32>(p, LEFT);
  for (; i < n; i++) {
    const q = <i32>load<i16>(inPtr + (<usize>i << 1));
    store<i16>(outPtr + (<usize>i << 1), <i16>(q < qa ? left : q > qb ? rightTailScalar(q, p, kind) : poly3Scalar(q, p, k)));
  }
}

export function i16_poly3(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  const kind = load<i32>(p, RIGHT_KIND);
  let free = false;
  if (ASC_FEATURE_SIMD) {
    const k = load<i32>(p, FRAC_BITS);
    free = tailsFree(p, poly3Scalar(load<i32>(p, QA), p, k), poly3Scalar(load<i32>(p, QB), p, k));
  }
  if (free) run(inPtr, outPtr, n, p, 0, true); // the tails are never used, whatever their kind
  else if (kind == 2) run(inPtr, outPtr, n, p, 2, false);
  else if (kind == 1) run(inPtr, outPtr, n, p, 1, false);
  else run(inPtr, outPtr, n, p, 0, false);
}

