// int8 piecewise cubic kernel, method `poly` (i8_poly3): sigmoid, tanh, silu, hardswish, gelu, elu,
// table-free (the coefficients are 4 × 8 i16 values, 64 bytes, plus a 32-byte header).
// Algorithm (coefficients and layout: src/tables/poly8.ts, the only producer): constant tails below qa
// and above qb; in between at most 8 segments (greedy cuts at prepare, so kinks fall on boundaries):
// s = #{k : q ≥ bound_k}, t = (q − start_s)·inv_s in Q15 (i16x8.mul, < 2^15), then Horner in i16 lanes
// with i16x8.q15mulr_sat_s and saturating adds:
//   acc = ((c3·t + c2)·t + c1)·t + c0  (Q.F output steps),  y = (acc + 2^(F−1)) >> F,  clamped to int8.
// SIMD: 16 codes per step as two i16x8 halves; each per-segment value (c0..c3, start, inv) of 8 lanes is
// one i8x16.swizzle of its 16-byte table (byte indices 2s, 2s+1). Scalar: the same integers
// (q15mulr = (a·b + 2^14) >> 15 saturated, saturating adds), so both builds agree bit for bit.
// Measured error (exhaustive over the 256 codes at 60 random quantizations per op, input/output scale
// ratios ~0.003 … ~300): maxAbsLsb ≤ 0.65, meanAbsLsb ≤ 0.44 per case; per-op figures in docs/accuracy.md.
// Measured with: node scripts/quant-accuracy.mjs (asserted by npx vitest run test/kernels/q8-poly.test.ts).
// Speed (npm run bench:quantized, CPU time, n = 2^20): 1.05–1.1 G elem/s SIMD, ~8× the scalar build,
// 0.41× the 16-swizzle table lookup (docs/bench-quantized.md): table-free, not faster.

const START: i32 = 64;
const INV: i32 = 80;
const BOUNDS: i32 = 96;
const QA: i32 = 112;
const QB: i32 = 116;
const F: i32 = 120;
const LEFT: i32 = 124;
const RIGHT: i32 = 128;

// @ts-ignore: decorator
@inline function sat16(v: i32): i32 {
  return v > 32767 ? 32767 : v < -32768 ? -32768 : v;
}

// @ts-ignore: decorator
@inline function q15mulr(a: i32, b: i32): i32 {
  return sat16((a * b + 16384) >> 15);
}

/** One code inside [qa, qb] (tails handled by the caller); bounds ascending, unused ones 32767. */
// @ts-ignore: decorator
@inline function poly3Scalar(q: i32, p: usize, f: i32, half: i32): i32 {
  let s: usize = 0;
  while (s < 7 && q >= <i32>load<i16>(p + BOUNDS + (s << 1))) s++;
  const e = p + (s << 1);
  const t = <i32><i16>((q - <i32>load<i16>(e, START)) * <i32>load<i16>(e, INV));
  let acc = <i32>load<i16>(e, 48);
  acc = sat16(q15mulr(acc, t) + <i32>load<i16>(e, 32));
  acc = sat16(q15mulr(acc, t) + <i32>load<i16>(e, 16));
  acc = sat16(q15mulr(acc, t) + <i32>load<i16>(e, 0));
  const y = sat16(acc + half) >> f;
  return y < -128 ? -128 : y > 127 ? 127 : y;
}

/** 8 codes in i16 lanes → 8 outputs in i16 lanes (not yet clamped to int8; the narrow saturates). */
// @ts-ignore: decorator
@inline function poly3I16x8(x: v128, tc0: v128, tc1: v128, tc2: v128, tc3: v128, tStart: v128, tInv: v128,
  b0: v128, b1: v128, b2: v128, b3: v128, b4: v128, b5: v128, b6: v128,
  f: i32, half: v128, qa: v128, qb: v128, left: v128, right: v128): v128 {
  let s = i16x8.sub(i16x8.splat(0), i16x8.ge_s(x, b0));
  s = i16x8.sub(s, i16x8.ge_s(x, b1));
  s = i16x8.sub(s, i16x8.ge_s(x, b2));
  s = i16x8.sub(s, i16x8.ge_s(x, b3));
  s = i16x8.sub(s, i16x8.ge_s(x, b4));
  s = i16x8.sub(s, i16x8.ge_s(x, b5));
  s = i16x8.sub(s, i16x8.ge_s(x, b6));
  const idx = i16x8.add(i16x8.mul(s, i16x8.splat(0x0202)), i16x8.splat(0x0100));
  const t = i16x8.mul(i16x8.sub(x, i8x16.swizzle(tStart, idx)), i8x16.swizzle(tInv, idx));
  let acc = i8x16.swizzle(tc3, idx);
  acc = i16x8.add_sat_s(i16x8.q15mulr_sat_s(acc, t), i8x16.swizzle(tc2, idx));
  acc = i16x8.add_sat_s(i16x8.q15mulr_sat_s(acc, t), i8x16.swizzle(tc1, idx));
  acc = i16x8.add_sat_s(i16x8.q15mulr_sat_s(acc, t), i8x16.swizzle(tc0, idx));
  const y = i16x8.shr_s(i16x8.add_sat_s(acc, half), f);
  const withRight = v128.bitselect(right, y, i16x8.gt_s(x, qb));
  return v128.bitselect(left, withRight, i16x8.lt_s(x, qa));
}

export function i8_poly3(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const c0 = v128.load(p, 0), c1 = v128.load(p, 16), c2 = v128.load(p, 32), c3 = v128.load(p, 48);
    const st = v128.load(p, START), iv = v128.load(p, INV);
    const b0 = v128.load16_splat(p + BOUNDS), b1 = v128.load16_splat(p + BOUNDS + 2), b2 = v128.load16_splat(p + BOUNDS + 4);
    const b3 = v128.load16_splat(p + BOUNDS + 6), b4 = v128.load16_splat(p + BOUNDS + 8), b5 = v128.load16_splat(p + BOUNDS + 10);
    const b6 = v128.load16_splat(p + BOUNDS + 12);
    // every header value splatted once per call (the engine cannot hoist loads past the loop's stores)
    const f = load<i32>(p, F);
    const halfI32: i32 = f > 0 ? 1 << (f - 1) : 0;
    const half = i16x8.splat(<i16>halfI32);
    const qa = i16x8.splat(<i16>load<i32>(p, QA)), qb = i16x8.splat(<i16>load<i32>(p, QB));
    const left = i16x8.splat(<i16>load<i32>(p, LEFT)), right = i16x8.splat(<i16>load<i32>(p, RIGHT));
    for (; i + 16 <= n; i += 16) {
      const v = v128.load(inPtr + i);
      const lo = poly3I16x8(i16x8.extend_low_i8x16_s(v), c0, c1, c2, c3, st, iv, b0, b1, b2, b3, b4, b5, b6, f, half, qa, qb, left, right);
      const hi = poly3I16x8(i16x8.extend_high_i8x16_s(v), c0, c1, c2, c3, st, iv, b0, b1, b2, b3, b4, b5, b6, f, half, qa, qb, left, right);
      v128.store(outPtr + i, i8x16.narrow_i16x8_s(lo, hi));
    }
  }
  const qa = load<i32>(p, QA), qb = load<i32>(p, QB), left = load<i32>(p, LEFT), right = load<i32>(p, RIGHT);
  const f = load<i32>(p, F);
  const half: i32 = f > 0 ? 1 << (f - 1) : 0;
  for (; i < n; i++) {
    const q = <i32>load<i8>(inPtr + i);
    store<i8>(outPtr + i, <i8>(q < qa ? left : q > qb ? right : poly3Scalar(q, p, f, half)));
  }
}
