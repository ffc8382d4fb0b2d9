// Elementwise kernels of method `tflm`: bit-exact with the TensorFlow Lite Micro reference kernels
// (tensorflow/tflite-micro: kernels/internal/reference/integer_ops/{logistic,tanh}.h,
// reference/{leaky_relu,hard_swish}.h, micro/kernels/activations.cc ReluQuantized / Relu6).
// Algorithms are TFLM's (gemmlowp fixed point, 256-entry sigmoid table with interpolation, int16
// hard_swish); prepare (src/kernels/prepare/tflm.ts) reproduces TFLM's Prepare: the same float32 /
// double multiplier math, the same QuantizeMultiplier, the same parameter checks.
// Measured: TFLM's published test vectors pass with TFLM's tolerances (exact codes for RELU and
// RELU6), and every input code equals an independent TypeScript transcription of TFLM's integer
// code at 25 random param sets per kernel, 0 mismatches (npx vitest run test/kernels/tflm.test.ts).
// Accuracy against float64 is TFLM's own (docs/accuracy.md; `qact report`): e.g. int8 LOGISTIC
// ≤ 0.497 LSB, int16 TANH ≤ 2.441 LSB at the default quantization.
// Scalar only: the SIMD build runs this same scalar code, so both builds agree bit for bit by
// construction (test/kernels/engines.test.ts checks it anyway).

import {
  saturatingRoundingDoublingHighMul, roundingDivideByPOT,
  saturatingRoundingDoublingHighMul16, roundingDivideByPOT16,
} from "../fixed";
import { logistic, tanh } from "./gemmlowp";

/** TFLM MultiplyByQuantizedMultiplier, default (double) rounding: SRDHM(x·2^max(s,0), m) then
 *  RoundingDivideByPOT by max(−s, 0). The left shift wraps in int32 like TFLM's. */
// @ts-ignore: decorator
@inline export function multiplyByQuantizedMultiplier(x: i32, m: i32, s: i32): i32 {
  const left = s > 0 ? s : 0;
  const right = s > 0 ? 0 : -s;
  return roundingDivideByPOT(saturatingRoundingDoublingHighMul(x * (1 << left), m), right);
}

// @ts-ignore: decorator
@inline function clampI32(v: i32, lo: i32, hi: i32): i32 {
  return v < lo ? lo : v > hi ? hi : v;
}

// ---- int8 LOGISTIC / TANH (gemmlowp). Params: i32 inZp, radius, multiplier, leftShift (16 bytes).

function sigmoidQ8(q: i32, p: usize): i32 {
  const x = q - load<i32>(p, 0);
  const radius = load<i32>(p, 4);
  if (x <= -radius) return -128;
  if (x >= radius) return 127;
  const inQ4 = multiplyByQuantizedMultiplier(x, load<i32>(p, 8), load<i32>(p, 12));
  const outQ23 = roundingDivideByPOT(logistic(inQ4, 4), 31 - 8);
  return clampI32(outQ23 - 128, -128, 127);
}

function tanhQ8(q: i32, p: usize): i32 {
  const x = q - load<i32>(p, 0);
  const radius = load<i32>(p, 4);
  if (x <= -radius) return -128;
  if (x >= radius) return 127;
  const inQ4 = multiplyByQuantizedMultiplier(x, load<i32>(p, 8), load<i32>(p, 12));
  return clampI32(roundingDivideByPOT(tanh(inQ4, 4), 31 - 7), -128, 127);
}

export function i8_tflm_logistic(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  for (let i = 0; i < n; i++) store<i8>(outPtr + i, <i8>sigmoidQ8(<i32>load<i8>(inPtr + i), p));
}

export function i8_tflm_tanh(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  for (let i = 0; i < n; i++) store<i8>(outPtr + i, <i8>tanhQ8(<i32>load<i8>(inPtr + i), p));
}

// ---- int16 LOGISTIC / TANH: 256-entry table of sigmoid(k/24) in Q0.16 with linear interpolation.
// Params: i32 multiplier, i32 rightShift (the power-of-two case already folded to 3·2^s by
// prepare), then the table as 256 u16 at offset 8 (520 bytes).

function sigmoidQ16(q: i32, p: usize): i32 {
  const shift = load<i32>(p, 4);
  const round = shift > 0 ? 1 << (shift - 1) : 0;
  const x = (q * load<i32>(p, 0) + round) >> shift;
  const a = <u32>(x < 0 ? -x : x);
  const uh = a >> 9;
  let r: u32;
  if (uh >= 255) {
    r = 0x7fff << 10;
  } else {
    const ua = <u32>load<u16>(p + 8 + (<usize>uh << 1));
    const ub = <u32>load<u16>(p + 8 + (<usize>(uh + 1) << 1));
    r = (ua << 9) + (a & 0x1ff) * (ub - ua);
  }
  r = x >= 0 ? r + (1 << 9) : (1 << 25) - r + (1 << 9) - 1;
  return <i32>(r >> 10);
}

function tanhQ16(q: i32, p: usize): i32 {
  const shift = load<i32>(p, 4);
  const round = shift > 0 ? 1 << (shift - 1) : 0;
  const x = (q * load<i32>(p, 0) + round) >> shift;
  const a = <u32>(x < 0 ? -x : x);
  const uh = a >> 8;
  let r: i32;
  if (uh >= 255) {
    r = 0xffff << 8;
  } else {
    const ua = <u32>load<u16>(p + 8 + (<usize>uh << 1));
    const ub = <u32>load<u16>(p + 8 + (<usize>(uh + 1) << 1));
    r = <i32>((ua << 8) + (a & 0xff) * (ub - ua));
  }
  r = x >= 0 ? r - (1 << 23) + (1 << 7) : -r + (1 << 23) + (1 << 7) - 1;
  return r >> 8;
}

export function i16_tflm_logistic(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  for (let i = 0; i < n; i++) {
    store<i16>(outPtr + (<usize>i << 1), <i16>sigmoidQ16(<i32>load<i16>(inPtr + (<usize>i << 1)), p));
  }
}

export function i16_tflm_tanh(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  for (let i = 0; i < n; i++) {
    store<i16>(outPtr + (<usize>i << 1), <i16>tanhQ16(<i32>load<i16>(inPtr + (<usize>i << 1)), p));
  }
}

// ---- RELU and LEAKY_RELU (requantize with one multiplier per sign, then clamp).
// Params: i32 inZp, outZp, mulPos, shiftPos, mulNeg, shiftNeg, lo, hi (32 bytes). RELU uses the
// same multiplier on both sides and lo = max(type min, outZp); LEAKY_RELU uses the identity and
// alpha multipliers and the type range.

// @ts-ignore: decorator
@inline function requant2(q: i32, p: usize): i32 {
  const x = q - load<i32>(p, 0);
  const y = x >= 0
    ? multiplyByQuantizedMultiplier(x, load<i32>(p, 8), load<i32>(p, 12))
    : multiplyByQuantizedMultiplier(x, load<i32>(p, 16), load<i32>(p, 20));
  return clampI32(load<i32>(p, 4) + y, load<i32>(p, 24), load<i32>(p, 28));
}

export function i8_tflm_requant2(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  for (let i = 0; i < n; i++) store<i8>(outPtr + i, <i8>requant2(<i32>load<i8>(inPtr + i), p));
}

export function i16_tflm_requant2(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  for (let i = 0; i < n; i++) {
    store<i16>(outPtr + (<usize>i << 1), <i16>requant2(<i32>load<i16>(inPtr + (<usize>i << 1)), p));
  }
}

// ---- RELU6: TFLM clamps the input codes to [zero, six] without requantizing.
// Params: i32 zero, six (8 bytes).

export function i8_tflm_clamp(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  const lo = load<i32>(p, 0), hi = load<i32>(p, 4);
  for (let i = 0; i < n; i++) store<i8>(outPtr + i, <i8>clampI32(<i32>load<i8>(inPtr + i), lo, hi));
}

export function i16_tflm_clamp(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  const lo = load<i32>(p, 0), hi = load<i32>(p, 4);
  for (let i = 0; i < n; i++) {
    store<i16>(outPtr + (<usize>i << 1), <i16>clampI32(<i32>load<i16>(inPtr + (<usize>i << 1)), lo, hi));
  }
}

// ---- int8 HARD_SWISH: TFLM's int16 fixed-point scheme (reference/hard_swish.h).
// Params: i32 inZp, outZp, outMul16, outExponent (≤ 0), reluishMul16, reluishExponent (24 bytes).

// @ts-ignore: decorator
@inline function saturatingLeftShift16(v: i32, amount: i32): i32 {
  const r = <i64>v * (<i64>1 << amount);
  return <i32>(r > 32767 ? 32767 : r < -32768 ? -32768 : r);
}

/** SQDMULH on int16: (a·b) / 2^15 truncated toward zero, −32768² saturating. */
// @ts-ignore: decorator
@inline function saturatingDoublingHighMul16(a: i32, b: i32): i32 {
  if (a == b && a == -32768) return 32767;
  return <i32><i16>((a * b) / (1 << 15));
}

function hardswishQ8(q: i32, p: usize): i32 {
  const x = <i32><i16>(q - load<i32>(p, 0));
  const hires = <i32><i16>(x * (1 << 7));
  const preshiftOut = saturatingRoundingDoublingHighMul16(hires, load<i32>(p, 8));
  const rExp = load<i32>(p, 20);
  let reluish = hires;
  if (rExp > 0) reluish = saturatingLeftShift16(reluish, rExp - 1);
  reluish = saturatingRoundingDoublingHighMul16(reluish, load<i32>(p, 16));
  if (rExp > 0) reluish = saturatingLeftShift16(reluish, 1);
  if (rExp < 0) reluish = roundingDivideByPOT16(reluish, -rExp);
  reluish = <i32><i16>((reluish + (1 << 15)) >> 1);
  const preshift = saturatingDoublingHighMul16(reluish, preshiftOut);
  let y = roundingDivideByPOT16(preshift, -load<i32>(p, 12));
  y = <i32><i16>(y + load<i32>(p, 4));
  return clampI32(y, -128, 127);
}

export function i8_tflm_hardswish(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  for (let i = 0; i < n; i++) store<i8>(outPtr + i, <i8>hardswishQ8(<i32>load<i8>(inPtr + i), p));
}
