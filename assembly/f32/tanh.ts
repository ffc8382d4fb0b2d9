// tanh, mish — f32, method accurate, algorithm f64 (`f32_<op>__<isa>_accurate_f64`).
// Evaluated in f64 with ./exp.ts (relative error ~1e-14), rounded once to f32:
//   tanh(x) = copysign(−t/(t + 2), x),  t = expm1(−2·f64_minC(|x|, 20))   (no cancellation near 0)
//   mish(x) = max(x, −200) · n/(n + 2),  n = e·(e + 2), e = e^clamp(x, −700, 40)
//             (tanh(log(1 + e)) = ((1+e)² − 1)/((1+e)² + 1): no log needed)
// NaN inputs are returned unchanged; tanh(±0) = ±0, mish(−0) = −0.
// MEASURED ERROR over all 2^32 inputs (SIMD build; the scalar build gives the same bits):
//   tanh maxUlp 0.500280, 1250 mismatches, worst x = 0.17175355553627014   (npx qact sweep --op tanh)
//   mish maxUlp 0.500127, 616 mismatches, worst x = -5.196588039398193   (npx qact sweep --op mish)
import { f64x2_exp, f64_exp, f64x2_expm1, f64_expm1, f32x4_lowToF64x2, f32x4_highToF64x2, f32x4_fromF64x2Pair, f32x4_keepNaN, f64x2_minC, f64x2_maxC, f64_minC, f64_maxC } from "./exp";

// @ts-ignore: decorator
@inline function f64x2_tanh(x: v128): v128 {
  const t = f64x2_expm1(f64x2.mul(f64x2.splat(-2), f64x2_minC(f64x2.abs(x), 20)));
  const y = f64x2.div(f64x2.neg(t), f64x2.add(t, f64x2.splat(2)));
  return v128.or(y, v128.and(x, i64x2.splat(0x8000000000000000)));
}
// @ts-ignore: decorator
@inline function f64_tanh(x: f64): f64 {
  const t = f64_expm1(-2 * f64_minC(abs(x), 20.0));
  return copysign<f64>(-t / (t + 2), x);
}

// @ts-ignore: decorator
@inline function f64x2_mish(x: v128): v128 {
  const e = f64x2_exp(f64x2_maxC(f64x2_minC(x, 40), -700));
  const nn = f64x2.mul(e, f64x2.add(e, f64x2.splat(2)));
  return f64x2.mul(f64x2_maxC(x, -200), f64x2.div(nn, f64x2.add(nn, f64x2.splat(2))));
}
// @ts-ignore: decorator
@inline function f64_mish(x: f64): f64 {
  const e = f64_exp(f64_maxC(f64_minC(x, 40.0), -700.0));
  const nn = e * (e + 2);
  return f64_maxC(x, -200.0) * (nn / (nn + 2));
}

export function f32_tanh(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      const x = v128.load(inPtr + o);
      const y = f32x4_fromF64x2Pair(f64x2_tanh(f32x4_lowToF64x2(x)), f64x2_tanh(f32x4_highToF64x2(x)));
      v128.store(outPtr + o, f32x4_keepNaN(x, y));
    }
  }
  for (; i < n; i++) {
    const x = load<f32>(inPtr + (<usize>i << 2));
    store<f32>(outPtr + (<usize>i << 2), x != x ? x : <f32>f64_tanh(<f64>x));
  }
}

export function f32_mish(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      const x = v128.load(inPtr + o);
      const y = f32x4_fromF64x2Pair(f64x2_mish(f32x4_lowToF64x2(x)), f64x2_mish(f32x4_highToF64x2(x)));
      v128.store(outPtr + o, f32x4_keepNaN(x, y));
    }
  }
  for (; i < n; i++) {
    const x = load<f32>(inPtr + (<usize>i << 2));
    store<f32>(outPtr + (<usize>i << 2), x != x ? x : <f32>f64_mish(<f64>x));
  }
}
