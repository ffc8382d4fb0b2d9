// PRELU, method `tflm`: bit-exact with TFLM's reference Prelu (tensorflow/tflite-micro
// kernels/internal/reference/prelu.h, micro/kernels/prelu_common.cc) for an int8 alpha tensor with
// one value per channel (the last axis): x ≥ 0 → MultiplyByQuantizedMultiplier(x, m1, s1),
// x < 0 → MultiplyByQuantizedMultiplier(x·alpha_q, m2, s2), plus the output zero point, clamped.
// Measured: 0 mismatches against an independent transcription on every code, and TFLM's published
// PRELU vectors within their tolerance (npx vitest run test/kernels/tflm-prelu-elu.test.ts).
// Scalar only (the SIMD build runs the same code: identical by construction).
//
// Params: i32 inOffset (−inZp), alphaOffset (−alphaZp), outZp, m1, s1, m2, s2, pad; then one i32
// alpha code per channel at byte 32.

import { multiplyByQuantizedMultiplier } from "./elementwise";

// @ts-ignore: decorator
@inline function preluOne(q: i32, alphaCode: i32, p: usize, lo: i32, hi: i32): i32 {
  const x = load<i32>(p, 0) + q;
  const y = x >= 0
    ? multiplyByQuantizedMultiplier(x, load<i32>(p, 12), load<i32>(p, 16))
    : multiplyByQuantizedMultiplier(x * (load<i32>(p, 4) + alphaCode), load<i32>(p, 20), load<i32>(p, 24));
  const v = y + load<i32>(p, 8);
  return v < lo ? lo : v > hi ? hi : v;
}

export function i8_tflm_prelu(inPtr: usize, outPtr: usize, n: i32, channels: i32, p: usize): void {
  let c = 0;
  for (let i = 0; i < n; i++) {
    store<i8>(outPtr + i, <i8>preluOne(<i32>load<i8>(inPtr + i), load<i32>(p + 32 + (<usize>c << 2)), p, -128, 127));
    if (++c == channels) c = 0;
  }
}

export function i16_tflm_prelu(inPtr: usize, outPtr: usize, n: i32, channels: i32, p: usize): void {
  let c = 0;
  for (let i = 0; i < n; i++) {
    const q = <i32>load<i16>(inPtr + (<usize>i << 1));
    store<i16>(outPtr + (<usize>i << 1), <i16>preluOne(q, load<i32>(p + 32 + (<usize>c << 2)), p, -32768, 32767));
    if (++c == channels) c = 0;
  }
}
