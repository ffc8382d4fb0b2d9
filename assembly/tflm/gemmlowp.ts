// gemmlowp's fixed-point transcendental functions on raw int32 values, reproduced for the bit-exact
// `tflm` kernels (semantics of google/gemmlowp fixedpoint/fixedpoint.h: exp_on_negative_values,
// one_over_one_plus_x_for_x_in_0_1, one_minus_x_over_one_plus_x_for_x_in_0_1, logistic, tanh).
// A value in format Qm (m integer bits) is raw / 2^(31 − m); gemmlowp's template parameter m is a
// plain argument here. The constants are gemmlowp's (each is round(c · 2^31) or the Q2.29 value it
// names; test/kernels/tflm-constants.test.ts checks them against the real numbers).
// Measured error: these functions are not approximations of our own; they are checked bit for bit
// through the kernels against TFLM's published test vectors (npx vitest run test/kernels/tflm.test.ts).

import { saturatingRoundingDoublingHighMul as mul, roundingDivideByPOT } from "../fixed";

/** exp(−1/8) in Q0.31 */
export const C_EXP_M1_8: i32 = 1895147668;
/** 1/3 in Q0.31 */
export const C_ONE_THIRD: i32 = 715827883;
/** 48/17 and −32/17 in Q2.29 (Newton–Raphson division seed) */
export const C_48_OVER_17: i32 = 1515870810;
export const C_NEG_32_OVER_17: i32 = -1010580540;
/** exp(−2^k) in Q0.31 for k = −2..4 (the barrel shifter of exp_on_negative_values) */
export const C_EXP_M2_M2: i32 = 1672461947;
export const C_EXP_M2_M1: i32 = 1302514674;
export const C_EXP_M2_0: i32 = 790015084;
export const C_EXP_M2_1: i32 = 290630308;
export const C_EXP_M2_2: i32 = 39332535;
export const C_EXP_M2_3: i32 = 720401;
export const C_EXP_M2_4: i32 = 242;

/** gemmlowp SaturatingRoundingMultiplyByPOT<e> for e > 0: x·2^e saturated to int32. */
// @ts-ignore: decorator
@inline export function saturatingShiftLeft(x: i32, e: i32): i32 {
  const threshold = (1 << (31 - e)) - 1;
  return x > threshold ? i32.MAX_VALUE : x < -threshold ? i32.MIN_VALUE : x << e;
}

/** gemmlowp Rescale from Q(src) to Q(dst) integer bits. */
// @ts-ignore: decorator
@inline export function rescale(x: i32, src: i32, dst: i32): i32 {
  const e = src - dst;
  return e > 0 ? saturatingShiftLeft(x, e) : e < 0 ? roundingDivideByPOT(x, -e) : x;
}

/** exp(a) for a in [−1/4, 0), a and result in Q0.31: Taylor expansion around −1/8. */
export function expOnIntervalBetweenNegativeOneQuarterAnd0Excl(a: i32): i32 {
  const x = a + (1 << 28);
  const x2 = mul(x, x);
  const x3 = mul(x2, x);
  const x4 = mul(x2, x2);
  const x4Over4 = roundingDivideByPOT(x4, 2);
  const poly = roundingDivideByPOT(mul(x4Over4 + x3, C_ONE_THIRD) + x2, 1);
  return C_EXP_M1_8 + mul(C_EXP_M1_8, x + poly);
}

// @ts-ignore: decorator
@inline function barrel(result: i32, remainder: i32, intBits: i32, exponent: i32, multiplier: i32): i32 {
  if (intBits > exponent) {
    const bit = 1 << (31 - intBits + exponent);
    if ((remainder & bit) != 0) return mul(result, multiplier);
  }
  return result;
}

/** exp(a) for a ≤ 0 in Q(intBits); result in Q0.31 (exp(0) = 2^31 − 1). */
export function expOnNegativeValues(a: i32, intBits: i32): i32 {
  const fracBits = 31 - intBits;
  const oneQuarter = 1 << (fracBits - 2);
  const aModQuarterMinusQuarter = (a & (oneQuarter - 1)) - oneQuarter;
  let result = expOnIntervalBetweenNegativeOneQuarterAnd0Excl(rescale(aModQuarterMinusQuarter, intBits, 0));
  const remainder = aModQuarterMinusQuarter - a;
  result = barrel(result, remainder, intBits, -2, C_EXP_M2_M2);
  result = barrel(result, remainder, intBits, -1, C_EXP_M2_M1);
  result = barrel(result, remainder, intBits, 0, C_EXP_M2_0);
  result = barrel(result, remainder, intBits, 1, C_EXP_M2_1);
  result = barrel(result, remainder, intBits, 2, C_EXP_M2_2);
  result = barrel(result, remainder, intBits, 3, C_EXP_M2_3);
  result = barrel(result, remainder, intBits, 4, C_EXP_M2_4);
  if (intBits > 5 && a < -(1 << (36 - intBits))) result = 0;
  return a == 0 ? i32.MAX_VALUE : result;
}

/** gemmlowp RoundingHalfSum on int32: (a + b ± 1) / 2 truncated (the sign of a + b picks ±). */
// @ts-ignore: decorator
@inline function roundingHalfSum(a: i32, b: i32): i32 {
  const s = <i64>a + <i64>b;
  return <i32>((s + (s >= 0 ? 1 : -1)) / 2);
}

/** Newton–Raphson reciprocal shared by the two 1/(1+x) helpers: returns x ≈ 1/halfDenominator in
 *  Q2.29 after three iterations. */
// @ts-ignore: decorator
@inline function reciprocalOfHalfDenominatorQ2(halfDen: i32): i32 {
  let x = C_48_OVER_17 + mul(halfDen, C_NEG_32_OVER_17);
  for (let i = 0; i < 3; i++) {
    const oneMinusHalfDenTimesX = (1 << 29) - mul(halfDen, x);
    x = x + rescale(mul(x, oneMinusHalfDenTimesX), 4, 2);
  }
  return x;
}

/** 1/(1 + a) for a in (0, 1), Q0.31 in and out. */
export function oneOverOnePlusXForXIn01(a: i32): i32 {
  const x = reciprocalOfHalfDenominatorQ2(roundingHalfSum(a, i32.MAX_VALUE));
  return rescale(x, 1, 0); // ExactMulByPot<−1> (Q2 → Q1, same raw), then Rescale to Q0
}

/** (1 − a)/(1 + a) for a in (0, 1), Q0.31 in and out. */
export function oneMinusXOverOnePlusXForXIn01(a: i32): i32 {
  const x = reciprocalOfHalfDenominatorQ2(roundingHalfSum(a, i32.MAX_VALUE));
  return rescale(x - (1 << 29), 2, 0);
}

/** gemmlowp logistic: a in Q(intBits), result in Q0.31. */
export function logistic(a: i32, intBits: i32): i32 {
  if (a == 0) return 1 << 30;
  const absA = a > 0 ? a : -a;
  const pos = oneOverOnePlusXForXIn01(expOnNegativeValues(-absA, intBits));
  return a > 0 ? pos : i32.MAX_VALUE - pos;
}

/** gemmlowp tanh: a in Q(intBits), result in Q0.31. */
export function tanh(a: i32, intBits: i32): i32 {
  if (a == 0) return 0;
  const n = a < 0 ? a : -a;
  // neg_tanh_on_negative_values: exp(2n) with n read in Q(intBits + 1) (ExactMulByPot<1>)
  const t = oneMinusXOverOnePlusXForXIn01(expOnNegativeValues(n, intBits + 1));
  return a < 0 ? -t : t;
}

// ---- TFLite additions to gemmlowp (tensorflow/lite/kernels/internal/common.h), used by the
// quantized SOFTMAX / LOG_SOFTMAX reference kernels.

/** TFLite SaturatingRoundingMultiplyByPOTParam for exponent ≥ 0: x·2^e saturated (e = 0: x). */
// @ts-ignore: decorator
@inline export function saturatingShiftLeftParam(x: i32, e: i32): i32 {
  if (e == 0) return x;
  const threshold = (1 << (31 - e)) - 1;
  return x > threshold ? i32.MAX_VALUE : x < -threshold ? i32.MIN_VALUE : x << e;
}

// @ts-ignore: decorator
@inline function saturatingAdd32(a: i32, b: i32): i32 {
  const s = <i64>a + <i64>b;
  return <i32>(s > <i64>i32.MAX_VALUE ? <i64>i32.MAX_VALUE : s < <i64>i32.MIN_VALUE ? <i64>i32.MIN_VALUE : s);
}

// @ts-ignore: decorator
@inline function saturatingSub32(a: i32, b: i32): i32 {
  const s = <i64>a - <i64>b;
  return <i32>(s > <i64>i32.MAX_VALUE ? <i64>i32.MAX_VALUE : s < <i64>i32.MIN_VALUE ? <i64>i32.MIN_VALUE : s);
}

/** log(2), (1/2)^(1/4), (1/2)^(1/2), 1/4 in Q0.31, and the Padé-like coefficients of TFLite's
 *  log_x_for_x_greater_than_or_equal_to_1 (11/240·2^(1/4), 1/20·2^(1/4), 2/2^(1/4) − 2^(1/4),
 *  1/4·2^(1/4)), all round(c · 2^31). */
export const C_LOG_2: i32 = 1488522236;
export const C_SQRT_SQRT_HALF: i32 = 1805811301;
export const C_SQRT_HALF: i32 = 1518500250;
export const C_ONE_QUARTER: i32 = 536870912;
export const C_LOG_ALPHA_N: i32 = 117049297;
export const C_LOG_ALPHA_D: i32 = 127690142;
export const C_LOG_ALPHA_I: i32 = 1057819769;
export const C_LOG_ALPHA_F: i32 = 638450708;

/** TFLite log_x_for_x_greater_than_or_equal_to_1_impl: x in Q(inBits), log x in Q(outBits). */
export function logXForXGreaterThanOrEqualTo1(x: i32, inBits: i32, outBits: i32): i32 {
  const accBits = outBits + 1;
  const shiftedQuarter = rescale(C_ONE_QUARTER, 0, accBits);
  const zAHeadroomPlus1 = <i32>clz<u32>(<u32>x);
  const rATmp = saturatingShiftLeftParam(x, zAHeadroomPlus1 - 1);
  const rARaw = saturatingShiftLeftParam(mul(rATmp, C_SQRT_HALF), 1);
  const zAPow2Adj = saturatingAdd32(saturatingShiftLeftParam(inBits - zAHeadroomPlus1, 31 - accBits), shiftedQuarter);
  const zB = mul(x, C_SQRT_HALF);
  const zBHeadroom = <i32>clz<u32>(<u32>zB) - 1;
  const rBRaw = saturatingShiftLeftParam(x, zBHeadroom);
  const zBPow2Adj = saturatingSub32(saturatingShiftLeftParam(inBits - zBHeadroom, 31 - accBits), shiftedQuarter);
  const r = rARaw < rBRaw ? rARaw : rBRaw;
  const zPow2Adj = zAPow2Adj > zBPow2Adj ? zAPow2Adj : zBPow2Adj;
  const p = roundingHalfSum(r, C_SQRT_SQRT_HALF);
  let q = r - C_SQRT_SQRT_HALF;
  q = q + q;
  const commonSq = mul(q, q);
  const num = mul(q, r) + mul(mul(q, commonSq), C_LOG_ALPHA_N);
  const denomMinusOne = mul(p, C_LOG_ALPHA_I + q + mul(C_LOG_ALPHA_D, commonSq)) + mul(C_LOG_ALPHA_F, q);
  const recipDenom = oneOverOnePlusXForXIn01(denomMinusOne);
  const numScaled = rescale(num, 0, accBits);
  return rescale(mul(zPow2Adj, C_LOG_2) + mul(numScaled, recipDenom), accBits, outBits);
}

/** TFLite GetReciprocal: 1/x for x in Q(intBits) as a Q0.31 value and a count of bits over one. */
// @ts-ignore: decorator
@inline export function reciprocalQ0(x: i32, intBits: i32): i64 {
  const headroomPlusOne = <i32>clz<u32>(<u32>x);
  const shiftedSumMinusOne = <i32>((<u32>x << headroomPlusOne) - (<u32>1 << 31));
  const scale = oneOverOnePlusXForXIn01(shiftedSumMinusOne);
  // packed: high 32 bits num_bits_over_unit, low 32 bits the Q0.31 reciprocal
  return (<i64>(intBits - headroomPlusOne) << 32) | <i64><u32>scale;
}
