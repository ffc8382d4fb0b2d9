// sigmoid, silu — f32, method fast, algorithm rr2_p6_div (`f32_<op>__<isa>_fast_rr2_p6_div`).
// All in f32 lanes (4 per v128, against 2 for the f64 `accurate` kernels), one division per element:
//   c = min(max(x, −104), 40); e^−c = 2^k·e^r with k = round(−c·log2 e) by the 1.5·2^23 shifter whose bias
//   also carries 63, so the shifted bits of the shifter's sum are 2^(k−64) directly;
//   r = −c − k·ln2 with ln2 split in two (rr2: 0.693359375 + −2.12194440e-4, the Cephes expf split, so
//   k·0.693359375 is exact); e^r ≈ 1 + r·q(r), q of degree 5 (p6: Chebyshev interpolation of
//   (e^r − 1)/r at 6 nodes on [−ln2/2, ln2/2] by src/tables/f32-fast-poly.ts; relative error 2^-26.5),
//   evaluated by Estrin (shorter dependency chains; see SPEED);
//   E' = e^−c·2^−64 = s + (s·r)·q, s = 2^(k−64);   sigmoid(x) = 2^−64 / (2^−64 + E')   (one division)
//   silu(x) = (m·2^−64) / (2^−64 + E'), m = max(x, −110), c = min(m, 40); x·0.5 where |x| < 2^−62 (there
//   m·2^−64 would be subnormal; silu(x) = x/2 to 2^−63); m keeps silu(−Inf) = −0.
// The 2^−64 scale keeps every intermediate normal for c in [−104, 40] (E' ≤ 2^86, s ≥ 2^−122) and
// lets the one division round subnormal results (x < −87.3) directly. c = 40 gives 1 (the true value
// rounds to 1 above x ≈ 16.6); c = −104 gives 0 (e^−104 < 2^−150), so ±Inf map to the op's limits.
// NaN inputs are returned unchanged. SIMD and scalar builds do the same f32 operations in the same
// order (no FMA), so their bits agree. The loops (4 vectors per step, NaN inputs restored) are in ./fast.ts.
// MEASURED ERROR over all 2^32 inputs (SIMD build; the scalar build gives the same bits):
//   sigmoid fast maxUlp 2.48074, meanUlp 0.0537, 168820492 mismatches (3.9%), worst x = -16.635704040527344
//   silu    fast maxUlp 2.46501, meanUlp 0.0522, 165344638 mismatches (3.8%), worst x = -16.67819595336914
//   (npx qact sweep --op sigmoid|silu --method fast; npm run sweep:all re-runs them in CI)
// Documented bound (tested by test/kernels/f32-smooth.test.ts, docs/accuracy.md): ≤ 3 ULP.
// SPEED (n = 2^20, zero copy, CPU-time medians, interleaved in one process with tfjs-wasm's XNNPACK
// sigmoid and the accurate kernel; G elem/s):
//   Horner q of degree 6 (Cephes expf), 1 vector per step: 0.75; Estrin: 0.90 (the loop is bound by
//   the latency of the chain, not by the number of instructions); 4 vectors per step: 1.13; one
//   division by 2^−64 instead of a reciprocal times 2^−64: 1.15; tfjs-wasm 0.88–0.93, accurate 0.45.
//   In the benchmark (`npm run bench -- --filter f32_sigmoid --sizes 1048576 --reps 7`, machine loaded by
//   other jobs): zero copy 1.04 G (simd) / 1.09 G (relaxed) against `accurate` 0.454 / 0.458 G: 2.3×,
//   over the 1.5× design.md asks of a fast method; end-to-end 690 M against tfjs-wasm's 490 M.
//   silu (`--filter f32_silu`, same run conditions): 951 M / 994 M against `accurate` 428 / 447 M: 2.2×.
//   An earlier silu as m·sigmoid(m) reached 52 ULP where sigmoid(m) is subnormal (x near −104).

import { F32_LN2_HI, F32_LN2_LO, F32_SHIFTER } from "./exp";

// @ts-ignore: decorator
@inline const SHIFTER: f32 = F32_SHIFTER + 63; // the low bits of c·(−log2 e) + SHIFTER hold 63 + k
// @ts-ignore: decorator
@inline const NLOG2E: f32 = -1.44269504; // −log2 e
// @ts-ignore: decorator
@inline const NLN2_HI: f32 = -F32_LN2_HI; // ./exp.ts: k·NLN2_HI is exact
// @ts-ignore: decorator
@inline const NLN2_LO: f32 = -F32_LN2_LO;
// q(r) = 1 + r/2 + K3·r² + K4·r³ + K5·r⁴ + K6·r⁵ ≈ (e^r − 1)/r: src/tables/f32-fast-poly.ts (the only
// producer; Chebyshev interpolation at 6 nodes on [−ln2/2, ln2/2], rounded to f32, the degree-0 and -1
// coefficients round to exactly 1 and 1/2); relative error of 1 + r·q: 2^-26.5.
// @ts-ignore: decorator
@inline const K3: f32 = 0.16666504740715027;
// @ts-ignore: decorator
@inline const K4: f32 = 0.04166646674275398;
// @ts-ignore: decorator
@inline const K5: f32 = 0.008369148708879948;
// @ts-ignore: decorator
@inline const K6: f32 = 0.0013933641603216529;
// @ts-ignore: decorator
@inline const TWO_M64: f32 = 5.421010862427522e-20; // 2^−64
// @ts-ignore: decorator
@inline const TINY: f32 = 2.168404344971009e-19; // 2^−62

/** 2^−64 + e^−c·2^−64 for 4 lanes of c in [−110, 40] (NaN lanes give some NaN: the callers restore x) */
// @ts-ignore: decorator
@inline function f32x4_denom64(c: v128): v128 {
  const n = f32x4.add(f32x4.mul(c, f32x4.splat(NLOG2E)), f32x4.splat(SHIFTER));
  const s = i32x4.shl(n, 23); // 2^(k−64)
  const k = f32x4.sub(n, f32x4.splat(SHIFTER));
  const r = f32x4.add(f32x4.sub(f32x4.mul(k, f32x4.splat(NLN2_HI)), c), f32x4.mul(k, f32x4.splat(NLN2_LO)));
  const r2 = f32x4.mul(r, r);
  const a = f32x4.add(f32x4.mul(r, f32x4.splat(0.5)), f32x4.splat(1));
  const b = f32x4.add(f32x4.mul(r, f32x4.splat(K4)), f32x4.splat(K3));
  const d = f32x4.add(f32x4.mul(r, f32x4.splat(K6)), f32x4.splat(K5));
  const q = f32x4.add(f32x4.mul(f32x4.add(f32x4.mul(d, r2), b), r2), a);
  const e = f32x4.add(f32x4.mul(f32x4.mul(s, r), q), s); // e^−c·2^−64
  return f32x4.add(e, f32x4.splat(TWO_M64));
}
// @ts-ignore: decorator
@inline function f32_denom64(c: f32): f32 {
  const n = c * NLOG2E + SHIFTER;
  const s = reinterpret<f32>(reinterpret<i32>(n) << 23);
  const k = n - SHIFTER;
  const r = (k * NLN2_HI - c) + k * NLN2_LO;
  const r2 = r * r;
  const a = r * <f32>0.5 + <f32>1;
  const b = r * K4 + K3;
  const d = r * K6 + K5;
  const q = (d * r2 + b) * r2 + a;
  const e = (s * r) * q + s;
  return e + TWO_M64;
}

/** sigmoid = 2^−64 / denom(clamp(x, −104, 40)), one rounding */
// @ts-ignore: decorator
@inline export function f32x4_sigmoidFast(x: v128): v128 {
  return f32x4.div(f32x4.splat(TWO_M64), f32x4_denom64(f32x4.pmin(f32x4.pmax(x, f32x4.splat(-104)), f32x4.splat(40))));
}
// @ts-ignore: decorator
@inline export function f32_sigmoidFast(x: f32): f32 {
  const m: f32 = x < <f32>-104 ? <f32>-104 : x; // f32x4.pmax(x, −104)
  return TWO_M64 / f32_denom64(<f32>40 < m ? <f32>40 : m); // f32x4.pmin(m, 40)
}

/** silu = (m·2^−64) / denom(min(m, 40)), m = max(x, −110) (silu(−110) < 2^−150, so −Inf gives −0);
 *  the numerator m·2^−64 is exact down to |m| = 2^−62, below which silu(x) = x·0.5 (to 2^−63). */
// @ts-ignore: decorator
@inline export function f32x4_siluFast(x: v128): v128 {
  const m = f32x4.pmax(x, f32x4.splat(-110));
  const y = f32x4.div(f32x4.mul(m, f32x4.splat(TWO_M64)), f32x4_denom64(f32x4.pmin(m, f32x4.splat(40))));
  const tiny = f32x4.lt(v128.and(x, i32x4.splat(0x7fffffff)), f32x4.splat(TINY));
  return v128.bitselect(f32x4.mul(x, f32x4.splat(0.5)), y, tiny);
}
// @ts-ignore: decorator
@inline export function f32_siluFast(x: f32): f32 {
  const m: f32 = x < <f32>-110 ? <f32>-110 : x; // f32x4.pmax(x, −110)
  const y = (m * TWO_M64) / f32_denom64(<f32>40 < m ? <f32>40 : m);
  return abs<f32>(x) < TINY ? x * <f32>0.5 : y;
}
