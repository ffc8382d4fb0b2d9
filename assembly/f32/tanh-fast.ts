// tanh — f32, method fast, algorithm expm1_rr2_p6_div (`f32_tanh__<isa>_fast_expm1_rr2_p6_div`).
// All in f32 lanes (4 per v128, against 2 for the f64 `accurate` kernel), one division per element:
//   z = |x|, c = min(z, 9.5) (tanh rounds to 1 above x ≈ 9.01); u = −2c ≤ 0;
//   e = expm1(u) = 2^k·p + (2^k − 1), p = expm1(r) ≈ r + r²·h(r), k = round(u·log2 e) by the 1.5·2^23
//   shifter whose bias also carries 127 (so the shifted bits of the sum are 2^k), r = u − k·ln2 with ln2
//   split in two (the Cephes expf split, as ./sigmoid-fast.ts; k·0.693359375 is exact), h of degree 4
//   (Chebyshev interpolation of (expm1(r) − r)/r² at 5 nodes on [−ln2/2, ln2/2] by
//   src/tables/f32-fast-poly.ts: relative error of r + r²·h 2^-25.3) by Estrin;
//   tanh(z) = −e/(2 + e) (e in (−1, 0], so 2 + e in [1, 2] and no cancellation near 0: e keeps the
//   relative accuracy of expm1), computed as q = e/(2 + e) ≤ 0 with the sign bit of x put on it.
// u ≤ 0 keeps 2^k normal (k ≥ −28) and needs no upper clamp. ±0 → ±0, ±Inf → ±1, NaN inputs are
// returned unchanged (by the loop of ./fast.ts). SIMD and scalar builds do the same f32 operations in
// the same order (no FMA).
// MEASURED ERROR over all 2^32 inputs (SIMD build; the scalar build gives the same bits):
//   tanh fast maxUlp 2.49837, meanUlp 0.0406, 149477596 mismatches (3.5%), worst x = ±4.505090713500977 (odd: the sweep names −)
//   (npx qact sweep --op tanh --method fast; npm run sweep:all re-runs it in CI)
// Documented bound (tested by test/kernels/f32-smooth.test.ts, docs/accuracy.md): ≤ 3 ULP.
// SPEED (`npm run bench -- --filter f32_tanh --dtype f32 --sizes 1048576 --reps 7`, n = 2^20, zero copy,
// one run on the shared machine): 920 M (simd) / 967 M (relaxed) elem/s against the accurate kernel's
// 345 / 350 M: 2.7×, over the 1.5× design.md asks of a fast method; end-to-end 709 M against
// onnxruntime-web's 225 M and tfjs-wasm's 61 M.

import { F32_LN2_HI, F32_LN2_LO, F32_SHIFTER } from "./exp";

// @ts-ignore: decorator
@inline const SHIFTER: f32 = F32_SHIFTER + 127; // the low bits of c·(−2·log2 e) + SHIFTER hold 127 + k
// @ts-ignore: decorator
@inline const NLN2_HI: f32 = -F32_LN2_HI; // ./exp.ts
// @ts-ignore: decorator
@inline const NLN2_LO: f32 = -F32_LN2_LO;
// @ts-ignore: decorator
@inline const N2LOG2E: f32 = -2.88539008; // −2·log2 e
// h(r) = 1/2 + H3·r + H4·r² + H5·r³ + H6·r⁴ ≈ (expm1(r) − r)/r²: src/tables/f32-fast-poly.ts (the only
// producer; Chebyshev interpolation at 5 nodes on [−ln2/2, ln2/2], rounded to f32; the degree-0
// coefficient rounds to exactly 1/2).
// @ts-ignore: decorator
@inline const H3: f32 = 0.16666577756404877;
// @ts-ignore: decorator
@inline const H4: f32 = 0.041666556149721146;
// @ts-ignore: decorator
@inline const H5: f32 = 0.008363173343241215;
// @ts-ignore: decorator
@inline const H6: f32 = 0.0013926175888627768;
// @ts-ignore: decorator
@inline const SIGN: i32 = 0x80000000;

/** tanh of 4 lanes; NaN lanes give some NaN (the callers restore x) */
// @ts-ignore: decorator
@inline export function f32x4_tanhFast(x: v128): v128 {
  const c = f32x4.pmin(v128.and(x, i32x4.splat(~SIGN)), f32x4.splat(9.5));
  const n = f32x4.add(f32x4.mul(c, f32x4.splat(N2LOG2E)), f32x4.splat(SHIFTER));
  const s = i32x4.shl(n, 23); // 2^k
  const k = f32x4.sub(n, f32x4.splat(SHIFTER));
  const r = f32x4.add(f32x4.sub(f32x4.mul(k, f32x4.splat(NLN2_HI)), f32x4.add(c, c)), f32x4.mul(k, f32x4.splat(NLN2_LO)));
  const r2 = f32x4.mul(r, r);
  const a = f32x4.add(f32x4.mul(r, f32x4.splat(H3)), f32x4.splat(0.5));
  const b = f32x4.add(f32x4.mul(r, f32x4.splat(H5)), f32x4.splat(H4));
  const h = f32x4.add(f32x4.mul(f32x4.add(f32x4.mul(r2, f32x4.splat(H6)), b), r2), a);
  const p = f32x4.add(f32x4.mul(r2, h), r);
  const e = f32x4.add(f32x4.mul(s, p), f32x4.sub(s, f32x4.splat(1)));
  const q = f32x4.div(e, f32x4.add(e, f32x4.splat(2)));
  return v128.bitselect(x, q, i32x4.splat(SIGN));
}
// @ts-ignore: decorator
@inline export function f32_tanhFast(x: f32): f32 {
  const z = reinterpret<f32>(reinterpret<i32>(x) & ~SIGN);
  const c: f32 = <f32>9.5 < z ? <f32>9.5 : z; // f32x4.pmin(z, 9.5)
  const n = c * N2LOG2E + SHIFTER;
  const s = reinterpret<f32>(reinterpret<i32>(n) << 23);
  const k = n - SHIFTER;
  const r = (k * NLN2_HI - (c + c)) + k * NLN2_LO;
  const r2 = r * r;
  const a = r * H3 + <f32>0.5;
  const b = r * H5 + H4;
  const h = (r2 * H6 + b) * r2 + a;
  const p = r2 * h + r;
  const e = s * p + (s - <f32>1);
  const q = e / (e + <f32>2);
  return reinterpret<f32>((reinterpret<i32>(q) & ~SIGN) | (reinterpret<i32>(x) & SIGN));
}
