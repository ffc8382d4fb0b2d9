// elu, selu, celu, softplus — f32, method accurate, algorithm f64 (`f32_<op>__<isa>_accurate_f64`;
// elu and celu at alpha = 1 take an f32-lane path, see "ALPHA = 1" below, under the same name).
// Evaluated in f64 with ./exp.ts (degree-5 polynomial: expm1 relative error ≤ 2^-26.3, exp ≤ 2^-27.6;
// log1p series to s^11, ≤ 2^-34), rounded once to f32, with the operations of the float64 references
// (src/ops/catalog/smooth.ts):
//   elu(x)  = x > 0 ? x : f32(alpha·expm1(z)),  z = max(min(x, 0), −700)   (z and the select in f32 lanes)
//   selu(x) = scale·(x > 0 ? x : alpha·expm1(max(x, −700)))
//   celu(x) = x > 0 ? x : alpha·expm1(max(x/alpha, −700))
//   softplus(x) = (max(z, 0) + log1p(e))·(1/beta),  z = beta·x, e = e^−f64_minC(|z|, 700)
//             (1/beta once per call: a multiply per element instead of a division; max(z, 0) + l is
//             the former z > 0 ? z + l : l with the same bits, as 0 + l = l)
// NaN inputs are returned unchanged; −0 gives −0 (alpha·expm1(−0)), softplus(−0) = ln 2.
// softplus: for beta below ~1e-250 the clamp at |z| = 700 can flush a subnormal result to 0.
// Params (prepare): elu/celu {f64 alpha @0}; selu {f64 alpha @0, f64 scale @8}; softplus {f64 beta @0}.
// Error budget: 0.5 ULP + 2^24·2^-26.3 ≤ 0.21 (expm1) + the f64 operations (~2^-50 each).
//
// ALPHA = 1 (elu's and celu's default; celu(x)/1 = x exactly, so both run eluOne): expm1 in f32 lanes,
// 4 per instruction, with a final max instead of a select, no FMA (the scalar twin does the same f32
// operations in the same order):
//   z = max(min(x, −2^-30), −17.5); t = z·log2e + (1.5·2^23 + 127) (k = round(z/ln2) in its low bits);
//   k = t − shifter; hi = z − k·F32_LN2_HI (exact: F32_LN2_HI has 9 bits), lo = k·F32_LN2_LO, r = hi − lo;
//   T = r²/2 + r³·Q(r) ≈ expm1(r) − r, Q of degree 4 by Estrin (src/tables/f32-expm1f-poly.ts, max
//   |ΔQ| 1.3e-8 with its f32 coefficients: ≤ 0.04 ULP of any result);
//   y = (2^k − 1) + 2^k·(hi + (T − lo)), 2^k = t's bits << 23;  out = max(x, y) (pmax: NaN x → x).
//   Why the output is max(x, y): expm1(x) ≥ x, and for x ≥ −2^-30 (and x > 0, NaN) z = −2^-30 whose y
//   is −2^-30 itself (expm1 rounds to x below 2^-25 in magnitude), so max gives x; −0 → −0.
//   The clamp at −2^-30 also keeps r², r³ out of the subnormals (tiny |x| made the first version run
//   0.81× the f64 kernel on bench/compare-wasm.mjs's random bit patterns); below −17.5 (and −Inf)
//   every result is −1. Errors beyond the final 0.5: k = 0 (x ≥ −0.3466): y = x + T, the roundings
//   of r² and of T, ~0.27 ULP where y is just below 0.25 in magnitude (x ≈ −0.275: 0.774 measured
//   with the Fast2Sum below); k = −1: the rounding of hi + (T − lo), halved, up to ~0.3 ULP where y
//   is near −0.30 (the 2^32 worst case); k = −25 (x < −16.98): 2^-25 − 1 rounds to −1,
//   so x in [−17.33, −16.98] gives −1 instead of −1 + 2^-24 (≤ 0.7071 ULP, measured 0.707106 by
//   npx qact sweep --op elu --domain=-17.7,-16.9). A Fast2Sum of (2^k − 1) + 2^k·hi would take the
//   k = −1 term away (maxUlp 0.774) at 0.88–0.89× the speed (3 A/B runs): not taken.
//
// MEASURED ERROR over all 2^32 inputs, default params (SIMD build; the scalar build gives the same bits:
//   elu's scalar sweep, --engine scalar, has the same maxUlp, meanUlp, mismatches and worst x):
//   elu maxUlp 0.795376, 3304375 mismatches, worst x = -0.3590695559978485   (npx qact sweep --op elu)
//   selu maxUlp 0.684672, 135906798 mismatches, worst x = -0.30287790298461914   (npx qact sweep --op selu)
//   celu maxUlp 0.795376, 3304375 mismatches, worst x = -0.3590695559978485   (npx qact sweep --op celu)
//   softplus maxUlp 0.559429, 1475759 mismatches, worst x = -10.050621032714844   (npx qact sweep --op softplus)
// (elu/celu at alpha = 1 were 0.683685 with 24871884 mismatches on the f64 path; selu's mismatches are
// mostly tiny negative x: expm1(x) = x·G0 there, G0 = 1 + 1.08e-8 being the f64 polynomial's relative
// error at r → 0, and scale·alpha·x·G0 lands on the other side of a rounding tie for ~13% of them.)
// Other params (the f64 path): ≤ 0.72 ULP on the dense intervals + 2^16 random inputs of
//   npx vitest run test/kernels/f32-smooth.test.ts (elu alpha 0.5/2.5/0, selu, celu 0.3/4, softplus beta 0.5/3/20).
// SPEED, alpha = 1 (n = 2^20, zero copy, G elem/s):
//   in the benchmark (npm run bench -- --filter f32_elu --sizes 1048576 --reps 7, medians of 3 runs):
//   elu SIMD 1.06 (relaxed 1.09, scalar 0.247) vs the JS loop 0.117 (9.1×) and tfjs-wasm's kernel-only
//   elu 1.10 (0.96×: issue 9's 1.5× is not reached); before (issue 4): SIMD ~0.445, JS ~0.119 (3.7–4.5×).
//   A/B against the f64 path in one process (node bench/f32-ab.mjs OLD.wasm NEW.wasm --op elu|celu:
//   the benchmark's [−8, 8] grid, CPU-time medians of 15, 3 runs): elu 0.451–0.454 → 1.025–1.048
//   (2.27–2.31×; JS loop 0.117–0.123 in the same runs: 8.5–8.9×), celu 0.358 → 1.078–1.083 (3.0×);
//   scalar build elu 0.271–0.281 → 0.244–0.250 (0.89×: its x < −2^-30 branch mispredicts on random
//   signs; the branch-free form, max(x, y) as in the lanes, ran 0.56×). On random bit patterns
//   (node bench/compare-wasm.mjs, wall time, medians of 15): elu 0.366 → 1.051 (2.87×), celu 0.218 →
//   0.668 (3.06×); the scalar build there swings from run to run (0.277 → 0.155 in one, 0.278 → 0.376
//   in the next; its "_grad" rows, which run the same elu kernel, 0.183 → 0.219–0.220).
//   Steps (consecutive builds A/B, the same grid and timing, B/A over 2–3 runs): Estrin instead of
//   Horner for Q 1.09; output max(x, y) instead of compare + 2 bitselects (NaN mask) 1.09–1.10; the
//   shifter carrying the +127 (2^k by one shift) 1.06–1.07; y without the Fast2Sum 1.05; 2 vectors per
//   iteration 1.05–1.08, then 4: 1.14–1.15 (8: 1.01, not taken); no clamp of k at −24 (k = −25 below
//   −16.98, above) 1.02–1.03 (medians of 31). Two vectors' steps interleaved in source order: 0.98–1.03
//   (not taken).
// SPEED, f64 path (interleaved A/B in one process against the previous kernel — Taylor degree-9 exp,
// log1p to s^15, clamps and selects in f64 — n = 2^20, zero copy, medians of 15, CPU time per call;
// G elem/s): elu 0.339 → 0.441 (1.30×), selu 0.332 → 0.415 (1.25×), celu 0.271 → 0.355 (1.31×),
//   softplus 0.134 → 0.184 (1.37×). Steps: elu's f32-lane clamp/select 0.330 → 0.353 (1.07×, wall
//   time, medians of 25); softplus's log1p to s^11 0.154 → 0.168 (1.09×), then 1/beta and max(z, 0)
//   0.168 → 0.184 (1.10×) (CPU time, medians of 15); the exp steps are in ./exp.ts.
//   Then 2 vectors per loop iteration for elu (alpha ≠ 1), selu, celu (alpha ≠ 1) (node bench/f32-ab.mjs
//   OLD.wasm NEW.wasm --op selu | --op elu --param alpha=0.5 | --op celu --param alpha=0.3, 3 runs):
//   selu 0.421–0.423 → 0.498–0.502 (1.18–1.19×), elu 0.456–0.459 → 0.534–0.540 (1.17–1.18×), celu
//   0.349–0.360 → 0.418–0.433 (1.20–1.21×); 4 vectors ran 0.90× the 2 for selu (2 runs: the f64 lanes
//   need more registers), so 2. softplus, 2 vectors per iteration (node bench/f32-ab.mjs OLD.wasm NEW.wasm
//   --op softplus, 2 runs, same bits on 2^20 random bit patterns): 184–185 → 232 (1.25–1.26×).
import { f64x2_exp, f64_exp, f64x2_expm1, f64_expm1, f64x2_log1p01, f64_log1p01, f32x4_lowToF64x2, f32x4_highToF64x2, f32x4_fromF64x2Pair, f32x4_keepNaN, f64x2_minC, f64x2_maxC, f64_minC, f64_maxC, F32_LN2_HI, F32_LN2_LO, F32_SHIFTER } from "./exp";

// @ts-ignore: decorator
@inline function f64x2_eluNeg(z: v128, alpha: v128): v128 {
  return f64x2.mul(alpha, f64x2_expm1(f64x2_maxC(z, -700)));
}
// @ts-ignore: decorator
@inline function f64x2_elu(x: v128, alpha: v128): v128 {
  return v128.bitselect(x, f64x2_eluNeg(f64x2_minC(x, 0), alpha), f64x2.gt(x, f64x2.splat(0)));
}
// @ts-ignore: decorator
@inline function f64_elu(x: f64, alpha: f64): f64 {
  return x > 0 ? x : alpha * f64_expm1(f64_maxC(f64_minC(x, 0.0), -700.0));
}
// @ts-ignore: decorator
@inline function f64x2_celu(x: v128, alpha: v128): v128 {
  const z = f64x2.div(f64x2_minC(x, 0), alpha);
  return v128.bitselect(x, f64x2_eluNeg(z, alpha), f64x2.gt(x, f64x2.splat(0)));
}
// @ts-ignore: decorator
@inline function f64_celu(x: f64, alpha: f64): f64 {
  return x > 0 ? x : alpha * f64_expm1(f64_maxC(f64_minC(x, 0.0) / alpha, -700.0));
}
// @ts-ignore: decorator
@inline function f64x2_softplus(x: v128, beta: v128, invBeta: v128): v128 {
  const z = f64x2.mul(beta, x);
  const l = f64x2_log1p01(f64x2_exp(f64x2.neg(f64x2_minC(f64x2.abs(z), 700))));
  return f64x2.mul(f64x2.add(f64x2_maxC(z, 0), l), invBeta);
}
// @ts-ignore: decorator
@inline function f32x4_softplus(x: v128, beta: v128, invBeta: v128): v128 {
  return f32x4_keepNaN(x, f32x4_fromF64x2Pair(f64x2_softplus(f32x4_lowToF64x2(x), beta, invBeta), f64x2_softplus(f32x4_highToF64x2(x), beta, invBeta)));
}
// @ts-ignore: decorator
@inline function f64_softplus(x: f64, beta: f64, invBeta: f64): f64 {
  const z = beta * x;
  const l = f64_log1p01(f64_exp(-f64_minC(abs(z), 700.0)));
  return (f64_maxC(z, 0.0) + l) * invBeta;
}

// ---------------------------------------------------------------- alpha = 1: expm1 in f32 lanes
// f32 constants (Math.fround of the named values). F32_LN2_HI has 9 significant bits, so k·F32_LN2_HI is
// exact for |k| ≤ 2^15 and z − k·F32_LN2_HI is exact (a multiple of ulp(z) below 0.35 in magnitude).
// @ts-ignore: decorator
@inline const SHIFTF: f32 = F32_SHIFTER + 127; // the low bits of x·log2e + SHIFTF are k + 127
// @ts-ignore: decorator
@inline const LOG2EF: f32 = 1.44269502162933349609375; // fround(1/ln2)
// @ts-ignore: decorator
@inline const ZMIN: f32 = -17.5; // below ln(2^-25) = −17.33 every result rounds to −1; k ≥ −25 here
// @ts-ignore: decorator
@inline const ZMAX: f32 = -9.313225746154785e-10; // −2^-30: above it (x < 0) expm1(x) rounds to x
// Q(r) ≈ (e^r − 1 − r − r²/2)/r³ on |r| ≤ 1.0001·ln2/2: generated by src/tables/f32-expm1f-poly.ts
// (expm1fPoly()); test/kernels/f32-smooth-poly.test.ts checks these are its output. Do not edit by hand.
// @ts-ignore: decorator
@inline const Q0: f32 = 0.1666666716337204;
// @ts-ignore: decorator
@inline const Q1: f32 = 0.041666556149721146;
// @ts-ignore: decorator
@inline const Q2: f32 = 0.00833332072943449;
// @ts-ignore: decorator
@inline const Q3: f32 = 0.0013926184037700295;
// @ts-ignore: decorator
@inline const Q4: f32 = 0.0001988269796129316;

/** expm1(z), z = min(max(x, ZMIN), ZMAX), rounded once at the end, in f32 lanes. */
// @ts-ignore: decorator
@inline function f32x4_expm1Neg(x: v128): v128 {
  const u = f32x4.pmin(x, f32x4.splat(ZMAX));
  const z = f32x4.pmax(u, f32x4.splat(ZMIN));
  const t = f32x4.add(f32x4.mul(z, f32x4.splat(LOG2EF)), f32x4.splat(SHIFTF));
  const k = f32x4.sub(t, f32x4.splat(SHIFTF));
  const hi = f32x4.sub(z, f32x4.mul(k, f32x4.splat(F32_LN2_HI)));
  const lo = f32x4.mul(k, f32x4.splat(F32_LN2_LO));
  const r = f32x4.sub(hi, lo);
  const s = f32x4.mul(r, r);
  const qa = f32x4.add(f32x4.splat(Q0), f32x4.mul(r, f32x4.splat(Q1)));
  const qb = f32x4.add(f32x4.add(f32x4.splat(Q2), f32x4.mul(r, f32x4.splat(Q3))), f32x4.mul(s, f32x4.splat(Q4)));
  const q = f32x4.add(qa, f32x4.mul(s, qb));
  const tr = f32x4.add(f32x4.mul(s, f32x4.splat(0.5)), f32x4.mul(f32x4.mul(s, r), q));
  const scale = i32x4.shl(t, 23); // 2^k: k + 127 into the exponent field (the shifter's bits shift out)
  const a = f32x4.sub(scale, f32x4.splat(1)); // 2^k − 1: exact for k ≥ −24, −1 for k = −25
  return f32x4.add(a, f32x4.mul(scale, f32x4.add(hi, f32x4.sub(tr, lo))));
}
// @ts-ignore: decorator
@inline function f32_expm1Neg(x: f32): f32 {
  const u: f32 = ZMAX < x ? ZMAX : x;
  const z: f32 = u < ZMIN ? ZMIN : u;
  const t: f32 = z * LOG2EF + SHIFTF;
  const k: f32 = t - SHIFTF;
  const hi: f32 = z - k * F32_LN2_HI;
  const lo: f32 = k * F32_LN2_LO;
  const r: f32 = hi - lo;
  const s: f32 = r * r;
  const qa: f32 = Q0 + r * Q1;
  const qb: f32 = (Q2 + r * Q3) + s * Q4;
  const q: f32 = qa + s * qb;
  const tr: f32 = s * <f32>0.5 + (s * r) * q;
  const scale = reinterpret<f32>(reinterpret<i32>(t) << 23);
  const a: f32 = scale - <f32>1;
  return a + scale * (hi + (tr - lo));
}

/** elu/celu with alpha = 1: max(x, expm1(z)) (NaN, ±0 and x ≥ −2^-30 give x); the scalar loop branches
 *  on x < −2^-30 (the other x give x in the lanes too: module header). */
function eluOne(inPtr: usize, outPtr: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 16 <= n; i += 16) {
      const o = <usize>i << 2;
      const x0 = v128.load(inPtr + o), x1 = v128.load(inPtr + o, 16), x2 = v128.load(inPtr + o, 32), x3 = v128.load(inPtr + o, 48);
      v128.store(outPtr + o, f32x4.pmax(x0, f32x4_expm1Neg(x0)));
      v128.store(outPtr + o, f32x4.pmax(x1, f32x4_expm1Neg(x1)), 16);
      v128.store(outPtr + o, f32x4.pmax(x2, f32x4_expm1Neg(x2)), 32);
      v128.store(outPtr + o, f32x4.pmax(x3, f32x4_expm1Neg(x3)), 48);
    }
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      const x = v128.load(inPtr + o);
      v128.store(outPtr + o, f32x4.pmax(x, f32x4_expm1Neg(x)));
    }
  }
  for (; i < n; i++) {
    const x = load<f32>(inPtr + (<usize>i << 2));
    let y = x; // x ≥ ZMAX or NaN: the lanes' max(x, expm1(ZMAX)) is x, as expm1(ZMAX) gives ZMAX
    if (x < ZMAX) {
      const e = f32_expm1Neg(x);
      y = x < e ? e : x;
    }
    store<f32>(outPtr + (<usize>i << 2), y);
  }
}

// f64 path, one f32x4 vector: elu with any alpha (its clamp of the expm1 argument and the final x > 0
// select in f32 lanes: exact, 4 lanes per operation instead of 2), selu, celu; NaN lanes keep x.
// @ts-ignore: decorator
@inline function f32x4_eluAlpha(x: v128, va: v128): v128 {
  const z = f32x4.pmax(f32x4.pmin(x, f32x4.splat(0)), f32x4.splat(-700));
  const e = f32x4_fromF64x2Pair(f64x2.mul(va, f64x2_expm1(f32x4_lowToF64x2(z))), f64x2.mul(va, f64x2_expm1(f32x4_highToF64x2(z))));
  return f32x4_keepNaN(x, v128.bitselect(x, e, f32x4.gt(x, f32x4.splat(0))));
}
// @ts-ignore: decorator
@inline function f32x4_selu(x: v128, va: v128, vs: v128): v128 {
  const y = f32x4_fromF64x2Pair(f64x2.mul(vs, f64x2_elu(f32x4_lowToF64x2(x), va)), f64x2.mul(vs, f64x2_elu(f32x4_highToF64x2(x), va)));
  return f32x4_keepNaN(x, y);
}
// @ts-ignore: decorator
@inline function f32x4_celu(x: v128, va: v128): v128 {
  return f32x4_keepNaN(x, f32x4_fromF64x2Pair(f64x2_celu(f32x4_lowToF64x2(x), va), f64x2_celu(f32x4_highToF64x2(x), va)));
}

// elu: alpha = 1 in f32 lanes (eluOne); other alphas on the f64 path (f32x4_eluAlpha and its scalar
// twin below): z = max(min(x, 0), −700), y = x > 0 ? x : f32(alpha·expm1(z)).
export function f32_elu(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  const alpha = load<f64>(p, 0);
  if (alpha == 1.0) { eluOne(inPtr, outPtr, n); return; }
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const va = f64x2.splat(alpha);
    for (; i + 8 <= n; i += 8) { // 2 vectors per iteration (module header); ≤ 7 left to the scalar loop
      const o = <usize>i << 2;
      const x0 = v128.load(inPtr + o), x1 = v128.load(inPtr + o, 16);
      v128.store(outPtr + o, f32x4_eluAlpha(x0, va));
      v128.store(outPtr + o, f32x4_eluAlpha(x1, va), 16);
    }
  }
  for (; i < n; i++) {
    const x = load<f32>(inPtr + (<usize>i << 2));
    const m: f32 = <f32>0 < x ? <f32>0 : x;
    const z: f32 = m < <f32>-700 ? <f32>-700 : m;
    const e = <f32>(alpha * f64_expm1(<f64>z));
    store<f32>(outPtr + (<usize>i << 2), x != x ? x : (x > 0 ? x : e));
  }
}

export function f32_selu(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  const alpha = load<f64>(p, 0), scale = load<f64>(p, 8);
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const va = f64x2.splat(alpha), vs = f64x2.splat(scale);
    for (; i + 8 <= n; i += 8) { // 2 vectors per iteration (module header); ≤ 7 left to the scalar loop
      const o = <usize>i << 2;
      const x0 = v128.load(inPtr + o), x1 = v128.load(inPtr + o, 16);
      v128.store(outPtr + o, f32x4_selu(x0, va, vs));
      v128.store(outPtr + o, f32x4_selu(x1, va, vs), 16);
    }
  }
  for (; i < n; i++) {
    const x = load<f32>(inPtr + (<usize>i << 2));
    store<f32>(outPtr + (<usize>i << 2), x != x ? x : <f32>(scale * f64_elu(<f64>x, alpha)));
  }
}

export function f32_celu(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  const alpha = load<f64>(p, 0);
  if (alpha == 1.0) { eluOne(inPtr, outPtr, n); return; } // x/1 = x: elu's alpha = 1 path
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const va = f64x2.splat(alpha);
    for (; i + 8 <= n; i += 8) { // 2 vectors per iteration (module header); ≤ 7 left to the scalar loop
      const o = <usize>i << 2;
      const x0 = v128.load(inPtr + o), x1 = v128.load(inPtr + o, 16);
      v128.store(outPtr + o, f32x4_celu(x0, va));
      v128.store(outPtr + o, f32x4_celu(x1, va), 16);
    }
  }
  for (; i < n; i++) {
    const x = load<f32>(inPtr + (<usize>i << 2));
    store<f32>(outPtr + (<usize>i << 2), x != x ? x : <f32>f64_celu(<f64>x, alpha));
  }
}

export function f32_softplus(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  const beta = load<f64>(p, 0);
  const invBeta = 1 / beta; // once per call: a multiply per element instead of a division
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const vb = f64x2.splat(beta), vib = f64x2.splat(invBeta);
    for (; i + 8 <= n; i += 8) { // 2 vectors per iteration (module header); ≤ 7 left to the scalar loop
      const o = <usize>i << 2;
      const x0 = v128.load(inPtr + o), x1 = v128.load(inPtr + o, 16);
      v128.store(outPtr + o, f32x4_softplus(x0, vb, vib));
      v128.store(outPtr + o, f32x4_softplus(x1, vb, vib), 16);
    }
  }
  for (; i < n; i++) {
    const x = load<f32>(inPtr + (<usize>i << 2));
    store<f32>(outPtr + (<usize>i << 2), x != x ? x : <f32>f64_softplus(<f64>x, beta, invBeta));
  }
}
