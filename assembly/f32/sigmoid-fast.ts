// sigmoid — f32, method fast, algorithm rr2_p5_div (`f32_sigmoid__<isa>_fast_rr2_p5_div`).
// All in f32 lanes (4 per v128, against 2 for the f64 `accurate` kernels):
//   z = min(|x|, 120); e^−z = 2^k·p(r), k = round(−z·log2 e) by the 1.5·2^23 shifter, r = −z − k·ln2
//   with ln2 split in two (rr2: 0.693359375 + −2.12194440e-4, the Cephes split), p a degree-5
//   polynomial (p5: the coefficients of Cephes expf.c, Moshier, public domain), scaled by 2^(k+64) so
//   that e' = e^−z·2^64 stays normal down to z = 120;
//   sigmoid(x) = x ≥ 0 ? 1/(1 + e) : (e'/(1 + e))·2^−64        (one division; e = e'·2^−64)
// The final ·2^−64 rounds subnormal results once, so the tails keep a bounded ULP error.
// NaN inputs are returned unchanged; ±Inf and ±0 as the accurate kernels (docs/semantics.md).
// MEASURED ERROR over all 2^32 inputs (SIMD build; the scalar build gives the same bits):
//   sigmoid fast maxUlp 2.40188, worst x = -4.157293796539307   (npx qact sweep --op sigmoid --method fast)
// Documented bound (tested by test/kernels/f32-smooth.test.ts): ≤ 3 ULP.
// SPEED: 1.76× the accurate kernel of that time (Taylor degree-9 exp) interleaved in one process
// (n = 2^20, zero copy, median of 15), 1.45–2.6× in `npm run bench -- --filter f32_sigmoid --sizes
// 1048576` on a loaded machine. Since the accurate kernel's degree-5 exp and one-division form
// (sigmoid.ts), only 1.11–1.13× (0.469–0.478 vs 0.421–0.426 G elem/s, interleaved, CPU time per call,
// medians of 21), and 1.04–1.16× in 4 runs of `npm run bench -- --filter f32_sigmoid__simd --sizes
// 1048576` after the Horner exp (fast 466–492 M, accurate 422–448 M elem/s zero copy): under the 1.5×
// a fast method must reach (docs/design.md); kept until the lead decides. A variant with f = e'/(2^64 + e') and y = x < 0 ? f : 1 − f (one division, no scaling
// multiplies, no numerator select) was 1.05× this kernel (max 2.31 ULP on 2^22 dense + random
// inputs): not enough to restore 1.5×, not adopted. A silu
// built the same way (x·e'/(1 + e)) measured 1.17–1.45× accurate, under the 1.5× a fast method must
// reach, so it was dropped (its 2^32 sweep: maxUlp 3.39).
import { f32x4_keepNaN } from "./exp";

// @ts-ignore: decorator
@inline const MAGIC: f32 = 12582912.0; // 1.5·2^23
// @ts-ignore: decorator
@inline const MLOG2E: f32 = -1.44269504; // −log2 e
// @ts-ignore: decorator
@inline const C1: f32 = 0.693359375; // Cephes expf C1 (ln2 high part, exact product with k)
// @ts-ignore: decorator
@inline const C2: f32 = -2.12194440e-4; // Cephes expf C2 (ln2 − C1)
// Cephes expf.c: e^r ≈ ((((P0·r + P1)·r + P2)·r + P3)·r + P4)·r + P5)·r² + r + 1, |r| ≤ ln2/2
// @ts-ignore: decorator
@inline const P0: f32 = 1.9875691500e-4;
// @ts-ignore: decorator
@inline const P1: f32 = 1.3981999507e-3;
// @ts-ignore: decorator
@inline const P2: f32 = 8.3334519073e-3;
// @ts-ignore: decorator
@inline const P3: f32 = 4.1665795894e-2;
// @ts-ignore: decorator
@inline const P4: f32 = 1.6666665459e-1;
// @ts-ignore: decorator
@inline const P5: f32 = 5.0000001201e-1;
// @ts-ignore: decorator
@inline const TWO_M64: f32 = 5.421010862427522e-20; // 2^−64

/** e^−min(|x|,120)·2^64 per lane */
// @ts-ignore: decorator
@inline function f32x4_expNegAbs64(x: v128): v128 {
  const z = f32x4.pmin(f32x4.abs(x), f32x4.splat(120));
  const t = f32x4.add(f32x4.mul(z, f32x4.splat(MLOG2E)), f32x4.splat(MAGIC));
  const k = f32x4.sub(t, f32x4.splat(MAGIC));
  const r = f32x4.sub(f32x4.sub(f32x4.neg(z), f32x4.mul(k, f32x4.splat(C1))), f32x4.mul(k, f32x4.splat(C2)));
  let q = f32x4.add(f32x4.mul(f32x4.splat(P0), r), f32x4.splat(P1));
  q = f32x4.add(f32x4.mul(q, r), f32x4.splat(P2));
  q = f32x4.add(f32x4.mul(q, r), f32x4.splat(P3));
  q = f32x4.add(f32x4.mul(q, r), f32x4.splat(P4));
  q = f32x4.add(f32x4.mul(q, r), f32x4.splat(P5));
  const p = f32x4.add(f32x4.add(f32x4.mul(q, f32x4.mul(r, r)), r), f32x4.splat(1));
  const scale = i32x4.shl(i32x4.add(t, i32x4.splat(127 + 64)), 23);
  return f32x4.mul(p, scale);
}
// @ts-ignore: decorator
@inline function f32_expNegAbs64(x: f32): f32 {
  const a = abs<f32>(x);
  const z: f32 = <f32>120 < a ? <f32>120 : a;
  const t = z * MLOG2E + MAGIC;
  const k = t - MAGIC;
  const r = (-z - k * C1) - k * C2;
  let q = P0 * r + P1;
  q = q * r + P2;
  q = q * r + P3;
  q = q * r + P4;
  q = q * r + P5;
  const p = (q * (r * r) + r) + <f32>1;
  const scale = reinterpret<f32>((reinterpret<u32>(t) + (127 + 64)) << 23);
  return p * scale;
}

export function f32_sigmoid_fast(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      const x = v128.load(inPtr + o);
      const e64 = f32x4_expNegAbs64(x);
      const d = f32x4.add(f32x4.splat(1), f32x4.mul(e64, f32x4.splat(TWO_M64)));
      const neg = f32x4.lt(x, f32x4.splat(0));
      const num = v128.bitselect(e64, f32x4.splat(1), neg);
      const q = f32x4.div(num, d);
      const y = v128.bitselect(f32x4.mul(q, f32x4.splat(TWO_M64)), q, neg);
      v128.store(outPtr + o, f32x4_keepNaN(x, y));
    }
  }
  for (; i < n; i++) {
    const x = load<f32>(inPtr + (<usize>i << 2));
    const e64 = f32_expNegAbs64(x);
    const d = <f32>1 + e64 * TWO_M64;
    const neg = x < 0;
    const q = (neg ? e64 : <f32>1) / d;
    const y = neg ? q * TWO_M64 : q;
    store<f32>(outPtr + (<usize>i << 2), x != x ? x : y);
  }
}
