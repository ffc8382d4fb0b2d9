// SOFTMAX (int8 → int8/int16, int16 → int16) and LOG_SOFTMAX (int8 → int8), method `accurate`:
// exact-table exponentials; softmax divides once per row (a multiplier for the elements).
//
// Algorithm. Along a row, d = max − q ≥ 0 takes few values, so prepare (src/kernels/prepare/
// qsoftmax.ts, tables from src/tables/softmax.ts) tabulates E(d) = round(2^30 · exp(−beta·s·d)):
// int8 one 256-entry u32 table (1 KiB); int16 E(d) = round(Thi[d >> 8] · Tlo[d & 255] / 2^30) from
// two 256-entry tables (2 KiB). The row sum Σ E is exact in u64.
// - softmax (algorithms exp256recip / exp2x256recip): y = E·2^k / sum rounded half up (output scale
//   2^−k, k in 1..16), + zp, clamped; the one u64 division per element became one per row: M =
//   floor(2^61 / top) with top the 31 leading bits of sum, y = (E·M + 2^(s−1)) >> s (see reciprocal()),
//   within 2^-13 LSB of the exact quotient, so the result only differs from exact rounding within
//   2^-13 LSB of a tie. The E values of a row are kept in a 4096-entry scratch between the sum and the
//   output pass (longer rows compute them again).
// - log_softmax: y = round(−a·d − ln(sum / 2^30)/outScale) + zp in Q32 fixed point, a = beta·s /
//   outScale; ln(sum / 2^30) = (e − 30)·ln 2 + ln(1 + f) with e the top bit of sum and ln(1 + f)
//   from a 257-entry table with linear interpolation (error ≤ 2^-16/8 in ln, ≤ 4e-5 LSB at 1/16).
// Measured error (float64 rowRef, seeded random rows of lengths 1..1000 plus the edge rows all-equal,
// one-hot, all-minimum, length 1; softmax also rows of 4095–4097 and 20,000 in both builds;
// npx vitest run test/kernels/qsoftmax.test.ts): maxAbsLsb ≤ 0.5 + 1e-3 for every dtype pair; worst
// int8 → int8 0.499975, int8 → int16 0.499992, int16 → int16 0.499929, log_softmax 0.499984 (the same
// figures as with the exact division).
// SIMD (softmax): row max by i8x16/i16x8.max_s, outputs 8 per step from the kept E values in i64x2
// lanes (i64x2.extmul of u32 lanes: exact, the same integers as the scalar code); E and the sum stay
// scalar (two table reads per element). log_softmax: the same row max, the rest scalar in both builds. Speed (n = 2^20 zero
// copy, rows of 1024, `npm run bench -- --filter softmax --dtype int16 --sizes 1048576 --reps 7`):
// int16 softmax 217 M (division per element, scalar) → 501 M elem/s SIMD (177 M scalar), 6.6× TFLM's
// int16 SOFTMAX in the scalar build (76 M) in the same run; interleaved A/B at rows of 16
// (`node bench/compare-wasm.mjs OLD.wasm build/qact.simd.wasm --filter softmax --n 1048576`): int8
// 290 → 603 M (2.07×), int16 217 → 401 M (1.84×).
// ABI: fn(inPtr, outPtr, rows, rowLength, paramsPtr).

import { roundingShiftRightHalfAway } from "../fixed";

// ---- softmax params: i32 k, zp, lo, hi, out16, pad×3 (32 bytes); u32 tables at 32 (int8: T[256];
// int16: Thi[256] then Tlo[256]).

/** E values of the row being processed (rows up to SCRATCH_LEN elements; longer rows recompute E). */
// @ts-ignore: decorator
@inline const SCRATCH_LEN = 4096;
const SCRATCH: usize = memory.data(SCRATCH_LEN << 2, 16);

/** The row's divisor as a multiplier: y ≈ (E·M + 2^(s−1)) >> s stands for E·2^k / sum rounded half
 *  up. sum ≥ 2^30 (the maximum contributes E(0) = 2^30); top = the 31 leading bits of sum, in
 *  [2^30, 2^31); M = floor(2^61 / top) in (2^30, 2^31], so E·M ≤ 2^61; s = 61 + (bits dropped from sum)
 *  − k, capped at 63 (for s ≥ 63 every E·2^k/sum < 1/4, so y = 0 either way). Relative error of
 *  E·M/2^s against E·2^k/sum: < 2^-29, i.e. < 2^-13 LSB at outputs ≤ 2^16. Returns M | s << 32. */
// @ts-ignore: decorator
@inline function reciprocal(sum: u64, k: i32): u64 {
  const drop = 33 - <i32>clz<u64>(sum); // bit length − 31
  const m = (<u64>1 << 61) / (sum >> <u64>drop);
  const s = min<i32>(61 + drop - k, 63);
  return m | (<u64>s << 32);
}

// @ts-ignore: decorator
@inline function softmaxOut(e: u64, m: u64, s: i32, zp: i32, lo: i32, hi: i32): i32 {
  const y = <i32>((e * m + (<u64>1 << <u64>(s - 1))) >> <u64>s) + zp;
  return y < lo ? lo : y > hi ? hi : y;
}

/** out[c] for c in [0, len − len % 8) from the E values in SCRATCH: i64x2 products of u32 lanes (exact),
 *  the same integers as softmaxOut. 8 outputs per step; returns the first c not written. */
// @ts-ignore: decorator
@inline function softmaxOutSimd(out: usize, len: i32, m: u64, s: i32, zp: i32, lo: i32, hi: i32, out16: bool): i32 {
  let c = 0;
  if (ASC_FEATURE_SIMD) {
    const vm = i32x4.splat(<i32>m), half = i64x2.splat(<i64>1 << <i64>(s - 1)), vzp = i32x4.splat(zp);
    const vlo = i32x4.splat(lo), vhi = i32x4.splat(hi);
    for (; c + 8 <= len; c += 8) {
      const e0 = v128.load(SCRATCH + (<usize>c << 2)), e1 = v128.load(SCRATCH + (<usize>c << 2), 16);
      const a = i64x2.shr_u(i64x2.add(i64x2.extmul_low_i32x4_u(e0, vm), half), s);
      const b = i64x2.shr_u(i64x2.add(i64x2.extmul_high_i32x4_u(e0, vm), half), s);
      const a1 = i64x2.shr_u(i64x2.add(i64x2.extmul_low_i32x4_u(e1, vm), half), s);
      const b1 = i64x2.shr_u(i64x2.add(i64x2.extmul_high_i32x4_u(e1, vm), half), s);
      // the quotients are ≤ 2^16 + 1 ((2^61 + 2^(s−1)) >> s with s ≥ 45), so their low 32 bits are the value
      const y0 = i32x4.min_s(i32x4.max_s(i32x4.add(v128.shuffle<i32>(a, b, 0, 2, 4, 6), vzp), vlo), vhi);
      const y1 = i32x4.min_s(i32x4.max_s(i32x4.add(v128.shuffle<i32>(a1, b1, 0, 2, 4, 6), vzp), vlo), vhi);
      const y = i16x8.narrow_i32x4_s(y0, y1); // exact: lo..hi lies inside the output type
      if (out16) v128.store(out + (<usize>c << 1), y);
      else v128.store64_lane(out + <usize>c, i8x16.narrow_i16x8_s(y, y), 0);
    }
  }
  return c;
}

/** Row maximum of int8 (bytes = 1) or int16 (bytes = 2) codes: i8x16/i16x8.max_s over whole vectors
 *  (SIMD), then the scalar tail. */
// @ts-ignore: decorator
@inline function rowMax(row: usize, len: i32, bytes: i32): i32 {
  let max: i32 = bytes == 1 ? -128 : -32768, c = 0;
  if (ASC_FEATURE_SIMD) {
    const lanes = 16 / bytes;
    if (len >= lanes) {
      let v = bytes == 1 ? i8x16.splat(-128) : i16x8.splat(-32768);
      for (; c + lanes <= len; c += lanes) {
        const x = v128.load(row + (<usize>c * bytes));
        v = bytes == 1 ? i8x16.max_s(v, x) : i16x8.max_s(v, x);
      }
      // fold the upper lanes onto lane 0 (the lanes above it take garbage; only lane 0 is read)
      if (bytes == 1) v = i8x16.max_s(v, i16x8.shr_u(v, 8));
      v = bytes == 1 ? i8x16.max_s(v, i32x4.shr_u(v, 16)) : i16x8.max_s(v, i32x4.shr_u(v, 16));
      v = bytes == 1 ? i8x16.max_s(v, i64x2.shr_u(v, 32)) : i16x8.max_s(v, i64x2.shr_u(v, 32));
      v = bytes == 1 ? i8x16.max_s(v, v128.shuffle<i64>(v, v, 1, 0)) : i16x8.max_s(v, v128.shuffle<i64>(v, v, 1, 0));
      max = bytes == 1 ? <i32>i8x16.extract_lane_s(v, 0) : <i32>i16x8.extract_lane_s(v, 0);
    }
  }
  for (; c < len; c++) {
    const q = bytes == 1 ? <i32>load<i8>(row + c) : <i32>load<i16>(row + (<usize>c << 1));
    if (q > max) max = q;
  }
  return max;
}

// @ts-ignore: decorator
@inline function exp16(d: i32, t: usize): u32 {
  const h = <u64>load<u32>(t + (<usize>(d >> 8) << 2));
  const l = <u64>load<u32>(t + 1024 + (<usize>(d & 255) << 2));
  return <u32>((h * l + (1 << 29)) >> 30);
}

/** E(max − q) of the code at c: int8 one table read, int16 two (exp16). */
// @ts-ignore: decorator
@inline function expAt(row: usize, c: i32, max: i32, t: usize, bytes: i32): u32 {
  return bytes == 1 ? load<u32>(t + (<usize>(max - <i32>load<i8>(row + c)) << 2)) : exp16(max - <i32>load<i16>(row + (<usize>c << 1)), t);
}

// Per row: max (SIMD: i8x16/i16x8 max), E and the exact u64 sum (scalar: table reads per element; E
// kept in SCRATCH), then the outputs from SCRATCH (SIMD: 8 per step) with the row's multiplier. Rows
// longer than SCRATCH_LEN compute E again in the output loop (same integers). bytes: input code size
// (a constant at both calls, so each export compiles to its own loops).
// @ts-ignore: decorator
@inline function softmaxRows(inPtr: usize, outPtr: usize, rows: i32, len: i32, p: usize, bytes: i32): void {
  const k = load<i32>(p, 0), zp = load<i32>(p, 4), lo = load<i32>(p, 8), hi = load<i32>(p, 12);
  const out16 = bytes == 2 || load<i32>(p, 16) != 0;
  const t = p + 32;
  const kept = len <= SCRATCH_LEN;
  for (let r = 0; r < rows; r++) {
    const row = inPtr + <usize>r * <usize>len * <usize>bytes;
    const out = outPtr + (<usize>r * <usize>len << (out16 ? 1 : 0));
    const max = rowMax(row, len, bytes);
    let sum: u64 = 0;
    for (let c = 0; c < len; c++) {
      const e = expAt(row, c, max, t, bytes);
      if (kept) store<u32>(SCRATCH + (<usize>c << 2), e);
      sum += <u64>e;
    }
    const ms = reciprocal(sum, k);
    const m = ms & 0xffffffff, s = <i32>(ms >> 32);
    let c = kept ? softmaxOutSimd(out, len, m, s, zp, lo, hi, out16) : 0;
    for (; c < len; c++) {
      const e = kept ? load<u32>(SCRATCH + (<usize>c << 2)) : expAt(row, c, max, t, bytes);
      const y = softmaxOut(<u64>e, m, s, zp, lo, hi);
      if (out16) store<i16>(out + (<usize>c << 1), <i16>y);
      else store<i8>(out + c, <i8>y);
    }
  }
}

export function i8_softmax_exp256(inPtr: usize, outPtr: usize, rows: i32, len: i32, p: usize): void {
  softmaxRows(inPtr, outPtr, rows, len, p, 1);
}

export function i16_softmax_exp2x256(inPtr: usize, outPtr: usize, rows: i32, len: i32, p: usize): void {
  softmaxRows(inPtr, outPtr, rows, len, p, 2);
}

// ---- log_softmax params: i64 A (a·2^32) at 0, i64 LN2 (ln 2 / outScale · 2^32) at 8, i32 zp at 16,
// pad; u32 T[256] at 32; i64 LN[257] (ln(1 + i/256) / outScale · 2^32) at 32 + 1024.

export function i8_log_softmax_exp256(inPtr: usize, outPtr: usize, rows: i32, len: i32, p: usize): void {
  const a = load<i64>(p, 0), ln2 = load<i64>(p, 8), zp = load<i32>(p, 16);
  const t = p + 32, lnT = p + 32 + 1024;
  for (let r = 0; r < rows; r++) {
    const row = inPtr + <usize>r * <usize>len;
    const out = outPtr + <usize>r * <usize>len;
    const max = rowMax(row, len, 1);
    let sum: u64 = 0;
    for (let c = 0; c < len; c++) sum += <u64>load<u32>(t + (<usize>(max - <i32>load<i8>(row + c)) << 2));
    // sum ≥ 2^30 (the maximum contributes E(0) = 2^30): e = top bit ≥ 30
    const e = 63 - <i32>clz<u64>(sum);
    const mant = sum >> <u64>(e - 30); // in [2^30, 2^31): 1 + f with f in 30 bits
    const i = <usize>((mant >> 22) & 255);
    const f = <i64>(mant & ((1 << 22) - 1));
    const l0 = load<i64>(lnT + (i << 3)), l1 = load<i64>(lnT + ((i + 1) << 3));
    const logSum = <i64>(e - 30) * ln2 + l0 + (((l1 - l0) * f) >> 22);
    for (let c = 0; c < len; c++) {
      const d = <i64>(max - <i32>load<i8>(row + c));
      let y = <i32>roundingShiftRightHalfAway(-a * d - logSum, 32) + zp;
      y = y < -128 ? -128 : y > 127 ? 127 : y;
      store<i8>(out + c, <i8>y);
    }
  }
}
