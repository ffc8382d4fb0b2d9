// int8 piecewise-linear kernels, method `fixed`: loads/stores around the integer math of ../qpwl.ts
// (algorithm and measured error are documented there). SIMD: 16 codes per step, widened to four
// i32x4 lanes; the scalar loop also handles the SIMD build's tail, so both builds share it.
import { i8x16_widenQuarterToI32x4, i32x4_narrowFourToI8x16 } from "../qio";
import { pwl2Scalar, pwl2I32x4, hardswishScalar, hardswishI32x4 } from "../qpwl";

export function i8_pwl2(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 16 <= n; i += 16) {
      const v = v128.load(inPtr + i);
      v128.store(outPtr + i, i32x4_narrowFourToI8x16(
        pwl2I32x4(i8x16_widenQuarterToI32x4(v, 0), p), pwl2I32x4(i8x16_widenQuarterToI32x4(v, 1), p),
        pwl2I32x4(i8x16_widenQuarterToI32x4(v, 2), p), pwl2I32x4(i8x16_widenQuarterToI32x4(v, 3), p)));
    }
  }
  for (; i < n; i++) store<i8>(outPtr + i, <i8>pwl2Scalar(<i32>load<i8>(inPtr + i), p));
}

export function i8_hardswish(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 16 <= n; i += 16) {
      const v = v128.load(inPtr + i);
      v128.store(outPtr + i, i32x4_narrowFourToI8x16(
        hardswishI32x4(i8x16_widenQuarterToI32x4(v, 0), p), hardswishI32x4(i8x16_widenQuarterToI32x4(v, 1), p),
        hardswishI32x4(i8x16_widenQuarterToI32x4(v, 2), p), hardswishI32x4(i8x16_widenQuarterToI32x4(v, 3), p)));
    }
  }
  for (; i < n; i++) store<i8>(outPtr + i, <i8>hardswishScalar(<i32>load<i8>(inPtr + i), p));
}
