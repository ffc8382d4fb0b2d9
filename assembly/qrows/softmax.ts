// SOFTMAX (int8 → int8/int16, int16 → int16) and LOG_SOFTMAX (int8 → int8), method `accurate`:
// exact-table exponentials and one exact integer division per element.
//
// Algorithm. Along a row, d = max − q ≥ 0 takes few values, so prepare (src/kernels/prepare/
// qsoftmax.ts, tables from src/tables/softmax.ts) tabulates E(d) = round(2^30 · exp(−beta·s·d)):
// int8 one 256-entry u32 table (1 KiB); int16 E(d) = round(Thi[d >> 8] · Tlo[d & 255] / 2^30) from
// two 256-entry tables (2 KiB). The row sum Σ E is exact in u64.
// - softmax: y = floor((E·2^(k+1) + sum) / (2·sum)) + zp, i.e. E·2^k / sum rounded half up
//   (output scale 2^−k, k in 1..16), clamped.
// - log_softmax: y = round(−a·d − ln(sum / 2^30)/outScale) + zp in Q32 fixed point, a = beta·s /
//   outScale; ln(sum / 2^30) = (e − 30)·ln 2 + ln(1 + f) with e the top bit of sum and ln(1 + f)
//   from a 257-entry table with linear interpolation (error ≤ 2^-16/8 in ln, ≤ 4e-5 LSB at 1/16).
// Measured error (float64 rowRef, seeded random rows of lengths 1..64 and 300 plus the edge rows
// all-equal, one-hot, all-minimum, length 1; npx vitest run test/kernels/qsoftmax.test.ts):
// maxAbsLsb ≤ 0.5 + 1e-3 for every dtype pair (the measured worst is printed by that test).
// SIMD: none yet (no vector version has been written or measured); both builds run this scalar
// code, so they are identical by construction. ABI: fn(inPtr, outPtr, rows, rowLength, paramsPtr).

import { roundingShiftRightHalfAway } from "../fixed";

// ---- softmax params: i32 k, zp, lo, hi, out16, pad×3 (32 bytes); u32 tables at 32 (int8: T[256];
// int16: Thi[256] then Tlo[256]).

// @ts-ignore: decorator
@inline function softmaxOut(e: u64, sum: u64, k: i32, zp: i32, lo: i32, hi: i32): i32 {
  const y = <i32>(((e << <u64>(k + 1)) + sum) / (sum << 1)) + zp;
  return y < lo ? lo : y > hi ? hi : y;
}

export function i8_softmax_exp256(inPtr: usize, outPtr: usize, rows: i32, len: i32, p: usize): void {
  const k = load<i32>(p, 0), zp = load<i32>(p, 4), lo = load<i32>(p, 8), hi = load<i32>(p, 12);
  const out16 = load<i32>(p, 16) != 0;
  const t = p + 32;
  for (let r = 0; r < rows; r++) {
    const row = inPtr + <usize>r * <usize>len;
    let max: i32 = -128;
    for (let c = 0; c < len; c++) {
      const v = <i32>load<i8>(row + c);
      if (v > max) max = v;
    }
    let sum: u64 = 0;
    for (let c = 0; c < len; c++) sum += <u64>load<u32>(t + (<usize>(max - <i32>load<i8>(row + c)) << 2));
    for (let c = 0; c < len; c++) {
      const e = <u64>load<u32>(t + (<usize>(max - <i32>load<i8>(row + c)) << 2));
      const y = softmaxOut(e, sum, k, zp, lo, hi);
      const o = <usize>r * <usize>len + <usize>c;
      if (out16) store<i16>(outPtr + (o << 1), <i16>y);
      else store<i8>(outPtr + o, <i8>y);
    }
  }
}

// @ts-ignore: decorator
@inline function exp16(d: i32, t: usize): u64 {
  const h = <u64>load<u32>(t + (<usize>(d >> 8) << 2));
  const l = <u64>load<u32>(t + 1024 + (<usize>(d & 255) << 2));
  return (h * l + (1 << 29)) >> 30;
}

export function i16_softmax_exp2x256(inPtr: usize, outPtr: usize, rows: i32, len: i32, p: usize): void {
  const k = load<i32>(p, 0), zp = load<i32>(p, 4), lo = load<i32>(p, 8), hi = load<i32>(p, 12);
  const t = p + 32;
  for (let r = 0; r < rows; r++) {
    const row = inPtr + ((<usize>r * <usize>len) << 1);
    const out = outPtr + ((<usize>r * <usize>len) << 1);
    let max: i32 = -32768;
    for (let c = 0; c < len; c++) {
      const v = <i32>load<i16>(row + (<usize>c << 1));
      if (v > max) max = v;
    }
    let sum: u64 = 0;
    for (let c = 0; c < len; c++) sum += exp16(max - <i32>load<i16>(row + (<usize>c << 1)), t);
    for (let c = 0; c < len; c++) {
      const e = exp16(max - <i32>load<i16>(row + (<usize>c << 1)), t);
      store<i16>(out + (<usize>c << 1), <i16>softmaxOut(e, sum, k, zp, lo, hi));
    }
  }
}

// ---- log_softmax params: i64 A (a·2^32) at 0, i64 LN2 (ln 2 / outScale · 2^32) at 8, i32 zp at 16,
// pad; u32 T[256] at 32; i64 LN[257] (ln(1 + i/256) / outScale · 2^32) at 32 + 1024.

export function i8_log_softmax_exp256(inPtr: usize, outPtr: usize, rows: i32, len: i32, p: usize): void {
  const a = load<i64>(p, 0), ln2 = load<i64>(p, 8), zp = load<i32>(p, 16);
  const t = p + 32, lnT = p + 32 + 1024;
  for (let r = 0; r < rows; r++) {
    const row = inPtr + <usize>r * <usize>len;
    const out = outPtr + <usize>r * <usize>len;
    let max: i32 = -128;
    for (let c = 0; c < len; c++) {
      const v = <i32>load<i8>(row + c);
      if (v > max) max = v;
    }
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
