// PRELU, method `fixed`, int8 and int16: one pwl2 block (../qpwl.ts: two Q31 slopes with an exact
// i64 accumulator, correctly rounded except within 1e-4 LSB of a tie) per channel, the channel
// being the last axis. Params: `channels` consecutive 32-byte pwl2 blocks (layout in qpwl.ts),
// written by src/kernels/prepare/qprelu.ts.
// Measured: maxAbsLsb ≤ 0.5 + 1e-4 over all codes on every channel at 60 random param sets per
// dtype (1–6 channels, alphas in [−1, 2]); the worst is printed by
// npx vitest run test/kernels/qprelu.test.ts.
// SIMD: one channel (a scalar alpha) runs the vector pwl2 path of ../q8/pwl.ts / ../q16/pwl.ts;
// several channels run the scalar loop (a per-lane channel gather would need the channel count to
// divide the vector width; not measured yet, so not done). Both builds give identical bytes.

import { pwl2Scalar } from "./qpwl";
import { i8_pwl2 } from "./q8/pwl";
import { i16_pwl2 } from "./q16/pwl";

export function i8_prelu_pwl2(inPtr: usize, outPtr: usize, n: i32, channels: i32, p: usize): void {
  if (channels == 1) {
    i8_pwl2(inPtr, outPtr, n, p);
    return;
  }
  let c = 0;
  for (let i = 0; i < n; i++) {
    store<i8>(outPtr + i, <i8>pwl2Scalar(<i32>load<i8>(inPtr + i), p + (<usize>c << 5)));
    if (++c == channels) c = 0;
  }
}

export function i16_prelu_pwl2(inPtr: usize, outPtr: usize, n: i32, channels: i32, p: usize): void {
  if (channels == 1) {
    i16_pwl2(inPtr, outPtr, n, p);
    return;
  }
  let c = 0;
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 1;
    store<i16>(outPtr + o, <i16>pwl2Scalar(<i32>load<i16>(inPtr + o), p + (<usize>c << 5)));
    if (++c == channels) c = 0;
  }
}
