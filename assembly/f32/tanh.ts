// tanh, mish — f32, method accurate, algorithm f64 (`f32_<op>__<isa>_accurate_f64`).
// Evaluated in f64 with ./exp.ts (degree-5 polynomial: expm1 relative error ≤ 2^-26.3, exp ≤ 2^-27.6),
// rounded once to f32:
//   tanh(x) = copysign(−d, x),  d = t/(t + 2), t = expm1(u), u = −2·min(|x|, 20)   (no cancellation near 0)
//   mish(x) = m · n/(n + 2),  n = e·(e + 2), e = e^c, m = max(x, −200), c = min(m, 40)
//             (tanh(log(1 + e)) = ((1+e)² − 1)/((1+e)² + 1): no log needed)
// u, m and c are computed in f32 lanes before widening (exact: |x| ≤ 20 doubles exactly; 4 lanes per
// instruction), and tanh's sign is applied to the f32 result (d ≤ −0; its sign bit is flipped where
// x ≥ +0: v128.andnot + v128.xor on 4 lanes instead of a negation and an or per f64 lane pair).
// NaN inputs are returned unchanged; tanh(±0) = ±0, mish(−0) = −0.
// Error budget: 0.5 ULP + 2^24·2^-26.3 ≤ 0.21 (tanh, expm1) / ≤ 0.09 (mish, exp) + a few 2^-50.
// MEASURED ERROR over all 2^32 inputs (SIMD build; the scalar build gives the same bits):
//   tanh maxUlp 0.679935, 18289646 mismatches, worst x = ±0.00389626226387918 (odd: the sweep names the smaller, −)   (npx qact sweep --op tanh)
//   mish maxUlp 0.580668, 1332710 mismatches, worst x = -22.52696990966797   (npx qact sweep --op mish)
// SPEED (interleaved A/B in one process against the previous kernel — Taylor degree-9 exp, clamps in
// f64 — n = 2^20, zero copy, medians of 15, CPU time per call; G elem/s): tanh 0.304 → 0.373 (1.23×),
// mish 0.301 → 0.389 (1.29×). The f32-lane clamps/sign alone: tanh 0.254 → 0.311 (1.22×), mish
// 0.266 → 0.330 (1.24×) (wall time, medians of 15; the exp steps are in ./exp.ts).
import { f64x2_exp, f64_exp, f64x2_expm1, f64_expm1, f32x4_lowToF64x2, f32x4_highToF64x2, f32x4_fromF64x2Pair, f32x4_keepNaN, f64x2_minC, f64x2_maxC, f64_minC, f64_maxC } from "./exp";

/** t/(t + 2), t = expm1(u), u = −2·min(|x|, 20) computed in f32 lanes (exact): −tanh(|x|), ≤ −0 */
// @ts-ignore: decorator
@inline function f64x2_negTanhAbs(u: v128): v128 {
  const t = f64x2_expm1(u);
  return f64x2.div(t, f64x2.add(t, f64x2.splat(2)));
}
// @ts-ignore: decorator
@inline function f64_negTanhAbs(u: f64): f64 {
  const t = f64_expm1(u);
  return t / (t + 2);
}

// @ts-ignore: decorator
@inline function f64x2_mish(m: v128, c: v128): v128 {
  const e = f64x2_exp(c);
  const nn = f64x2.mul(e, f64x2.add(e, f64x2.splat(2)));
  return f64x2.mul(m, f64x2.div(nn, f64x2.add(nn, f64x2.splat(2))));
}
// @ts-ignore: decorator
@inline function f64_mish(m: f64, c: f64): f64 {
  const e = f64_exp(c);
  const nn = e * (e + 2);
  return m * (nn / (nn + 2));
}

export function f32_tanh(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      const x = v128.load(inPtr + o);
      const u = f32x4.mul(f32x4.pmin(f32x4.abs(x), f32x4.splat(20)), f32x4.splat(-2));
      const d = f32x4_fromF64x2Pair(f64x2_negTanhAbs(f32x4_lowToF64x2(u)), f64x2_negTanhAbs(f32x4_highToF64x2(u)));
      // d ≤ −0: flip its sign where x is positive (sign bit of x clear)
      const y = v128.xor(d, v128.andnot(i32x4.splat(0x80000000), x));
      v128.store(outPtr + o, f32x4_keepNaN(x, y));
    }
  }
  for (; i < n; i++) {
    const x = load<f32>(inPtr + (<usize>i << 2));
    const a = abs<f32>(x);
    const u = (<f32>20 < a ? <f32>20 : a) * <f32>-2;
    const d = <f32>f64_negTanhAbs(<f64>u);
    const y = reinterpret<f32>(reinterpret<u32>(d) ^ (0x80000000 & ~reinterpret<u32>(x)));
    store<f32>(outPtr + (<usize>i << 2), x != x ? x : y);
  }
}

export function f32_mish(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      const x = v128.load(inPtr + o);
      const m = f32x4.pmax(x, f32x4.splat(-200));
      const c = f32x4.pmin(m, f32x4.splat(40));
      const y = f32x4_fromF64x2Pair(
        f64x2_mish(f32x4_lowToF64x2(m), f32x4_lowToF64x2(c)), f64x2_mish(f32x4_highToF64x2(m), f32x4_highToF64x2(c)));
      v128.store(outPtr + o, f32x4_keepNaN(x, y));
    }
  }
  for (; i < n; i++) {
    const x = load<f32>(inPtr + (<usize>i << 2));
    const m: f32 = x < <f32>-200 ? <f32>-200 : x;
    const c: f32 = <f32>40 < m ? <f32>40 : m;
    store<f32>(outPtr + (<usize>i << 2), x != x ? x : <f32>f64_mish(<f64>m, <f64>c));
  }
}
