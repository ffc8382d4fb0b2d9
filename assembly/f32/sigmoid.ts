// sigmoid, silu, gelu_tanh — f32, method accurate, algorithm f64 (`f32_<op>__<isa>_accurate_f64`).
// Each input is widened to f64 and the op is evaluated there with the exp of ./exp.ts (relative
// error ~1e-14), then rounded once to f32:
//   sigmoid(x) = x ≥ 0 ? s : e·s,  e = e^−f64_minC(|x|, 200), s = 1/(1 + e)
//   silu(x)    = max(x, −200) · sigmoid(x)
//   gelu_tanh(x) = max(x, −200) · sigmoid(2u), u = √(2/π)·(x + 0.044715·x³)
// (the clamps only touch inputs whose result is ±0 or 1 in f32 anyway; they keep −Inf from making
// −Inf·0 = NaN). NaN inputs are returned unchanged.
// MEASURED ERROR over all 2^32 inputs (SIMD build; the scalar build gives the same bits):
//   sigmoid maxUlp 0.500105, 648 mismatches, worst x = -7.970240116119385   (npx qact sweep --op sigmoid)
//   silu    maxUlp 0.500125, 657 mismatches, worst x = -10.743459701538086   (npx qact sweep --op silu)
//   gelu_tanh maxUlp 0.500134, 521 mismatches, worst x = -5.204749584197998   (npx qact sweep --op gelu_tanh)
// SPEED: sigmoid 2.6–3.7× the plain JS loop (npm run bench -- --filter f32_sigmoid), short of 5×; the
// f64 exp (Estrin, degree 9, pmin/pmax clamps) was chosen by that benchmark (Horner degree 11: 2.6×).
import { f64x2_exp, f64_exp, f32x4_lowToF64x2, f32x4_highToF64x2, f32x4_fromF64x2Pair, f32x4_keepNaN, f64x2_minC, f64x2_maxC, f64_minC, f64_maxC } from "./exp";

// @ts-ignore: decorator
@inline const GT_K: f64 = 0.7978845608028654; // √(2/π) rounded to f64, as Math.sqrt(2 / Math.PI)
// @ts-ignore: decorator
@inline const GT_C: f64 = 0.044715;

// @ts-ignore: decorator
@inline function f64x2_sigmoid(x: v128): v128 {
  const e = f64x2_exp(f64x2.neg(f64x2_minC(f64x2.abs(x), 200)));
  const s = f64x2.div(f64x2.splat(1), f64x2.add(f64x2.splat(1), e));
  return v128.bitselect(f64x2.mul(e, s), s, f64x2.lt(x, f64x2.splat(0)));
}
// @ts-ignore: decorator
@inline function f64_sigmoid(x: f64): f64 {
  const e = f64_exp(-f64_minC(abs(x), 200.0));
  const s = 1 / (1 + e);
  return x < 0 ? e * s : s;
}

// @ts-ignore: decorator
@inline function f64x2_silu(x: v128): v128 {
  return f64x2.mul(f64x2_maxC(x, -200), f64x2_sigmoid(x));
}
// @ts-ignore: decorator
@inline function f64_silu(x: f64): f64 {
  return f64_maxC(x, -200.0) * f64_sigmoid(x);
}

// @ts-ignore: decorator
@inline function f64x2_geluTanh(x: v128): v128 {
  const x3 = f64x2.mul(f64x2.mul(f64x2.mul(f64x2.splat(GT_C), x), x), x);
  const u = f64x2.mul(f64x2.splat(GT_K), f64x2.add(x, x3));
  return f64x2.mul(f64x2_maxC(x, -200), f64x2_sigmoid(f64x2.mul(f64x2.splat(2), u)));
}
// @ts-ignore: decorator
@inline function f64_geluTanh(x: f64): f64 {
  const u = GT_K * (x + GT_C * x * x * x);
  return f64_maxC(x, -200.0) * f64_sigmoid(2 * u);
}

export function f32_sigmoid(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      const x = v128.load(inPtr + o);
      const y = f32x4_fromF64x2Pair(f64x2_sigmoid(f32x4_lowToF64x2(x)), f64x2_sigmoid(f32x4_highToF64x2(x)));
      v128.store(outPtr + o, f32x4_keepNaN(x, y));
    }
  }
  for (; i < n; i++) {
    const x = load<f32>(inPtr + (<usize>i << 2));
    store<f32>(outPtr + (<usize>i << 2), x != x ? x : <f32>f64_sigmoid(<f64>x));
  }
}

export function f32_silu(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      const x = v128.load(inPtr + o);
      const y = f32x4_fromF64x2Pair(f64x2_silu(f32x4_lowToF64x2(x)), f64x2_silu(f32x4_highToF64x2(x)));
      v128.store(outPtr + o, f32x4_keepNaN(x, y));
    }
  }
  for (; i < n; i++) {
    const x = load<f32>(inPtr + (<usize>i << 2));
    store<f32>(outPtr + (<usize>i << 2), x != x ? x : <f32>f64_silu(<f64>x));
  }
}

export function f32_gelu_tanh(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      const x = v128.load(inPtr + o);
      const y = f32x4_fromF64x2Pair(f64x2_geluTanh(f32x4_lowToF64x2(x)), f64x2_geluTanh(f32x4_highToF64x2(x)));
      v128.store(outPtr + o, f32x4_keepNaN(x, y));
    }
  }
  for (; i < n; i++) {
    const x = load<f32>(inPtr + (<usize>i << 2));
    store<f32>(outPtr + (<usize>i << 2), x != x ? x : <f32>f64_geluTanh(<f64>x));
  }
}
