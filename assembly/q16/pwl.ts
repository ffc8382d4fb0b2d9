// int16 piecewise-linear kernels, method `fixed`: loads/stores around the integer math of
// ../qpwl.ts (algorithm and measured error are documented there). SIMD: 8 codes per step.
import { i16x8_widenHalfToI32x4, i32x4_narrowTwoToI16x8 } from "../qio";
import { pwl2Scalar, pwl2I32x4, hardswishScalar, hardswishI32x4 } from "../qpwl";

export function i16_pwl2(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 8 <= n; i += 8) {
      const v = v128.load(inPtr + (<usize>i << 1));
      v128.store(outPtr + (<usize>i << 1), i32x4_narrowTwoToI16x8(
        pwl2I32x4(i16x8_widenHalfToI32x4(v, 0), p), pwl2I32x4(i16x8_widenHalfToI32x4(v, 1), p)));
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
