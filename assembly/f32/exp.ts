// Shared float64 primitives of the f32 `accurate` kernels: exp, expm1 and log1p on f64x2 lanes, each
// with a scalar twin that performs exactly the same f64 operations in the same order (WASM has no
// FMA and its f64 arithmetic is IEEE round-to-nearest, so twin and lanes give identical bits).
//
// Algorithm (exp, expm1): Cody–Waite reduction x = k·ln2 + r, |r| ≤ ln2/2 (+ a rounding), k chosen
// by the 1.5·2^52 shifter (round to nearest even), ln2 split hi/lo as in fdlibm (e_exp.c constants
// ln2HI[0], ln2LO[0]); p(r) = expm1(r) by its Taylor polynomial to degree 9, evaluated by Estrin's
// scheme (truncation 0.3466^9/10! ≈ 2.0e-11 relative); 2^k from the shifter's low bits
// ((k + 1023) << 52). Degree 9 + Estrin instead of degree 11 + Horner: sigmoid 3.0× → see the
// header of sigmoid.ts for the benchmark (npm run bench -- --filter f32_ --sizes 1048576).
//   exp(x)   = 2^k · (1 + p)
//   expm1(x) = 2^k · p − (1 − 2^k)        (written so that expm1(−0) = −0)
// Valid for x in [−700, 700] (the callers clamp); relative error below 1e-10, far below the 2^-24 of
// an f32 result, so a value computed with them and rounded once to f32 is within 0.5 + 0.002 ULP.
//
// log1p(u) for u in [0, 1]: 1 + u = 2^j·(1 + v) with j = 0 (u ≤ √2 − 1) or j = 1 (v = (u − 1)/2),
// then log1p(v) = 2·atanh(s), s = v/(2 + v), |s| ≤ 0.1716, series to s^15 (truncation ≈ 3e-14).
//
// Measured through the kernels that use them (their headers give the figures and commands).

// @ts-ignore: decorator
@inline const SHIFT: f64 = 6755399441055744.0; // 1.5·2^52
// @ts-ignore: decorator
@inline const LOG2E: f64 = 1.4426950408889634; // 1/ln2
// @ts-ignore: decorator
@inline const LN2_HI: f64 = 6.93147180369123816490e-01; // 0x3fe62e42fee00000 (fdlibm e_exp.c)
// @ts-ignore: decorator
@inline const LN2_LO: f64 = 1.90821492927058770002e-10; // 0x3dea39ef35793c76 (fdlibm e_exp.c)
// @ts-ignore: decorator
@inline const LN2: f64 = 0.6931471805599453; // ln 2 rounded to f64

// 1/n! for n = 1..9
// @ts-ignore: decorator
@inline const E1: f64 = 1.0;
// @ts-ignore: decorator
@inline const E2: f64 = 0.5;
// @ts-ignore: decorator
@inline const E3: f64 = 1.6666666666666666e-1;
// @ts-ignore: decorator
@inline const E4: f64 = 4.1666666666666664e-2;
// @ts-ignore: decorator
@inline const E5: f64 = 8.3333333333333332e-3;
// @ts-ignore: decorator
@inline const E6: f64 = 1.3888888888888889e-3;
// @ts-ignore: decorator
@inline const E7: f64 = 1.9841269841269841e-4;
// @ts-ignore: decorator
@inline const E8: f64 = 2.4801587301587302e-5;
// @ts-ignore: decorator
@inline const E9: f64 = 2.7557319223985893e-6;

// 1/(2j+1) for j = 1..7
// @ts-ignore: decorator
@inline const L3: f64 = 0.3333333333333333;
// @ts-ignore: decorator
@inline const L5: f64 = 0.2;
// @ts-ignore: decorator
@inline const L7: f64 = 0.14285714285714285;
// @ts-ignore: decorator
@inline const L9: f64 = 0.1111111111111111;
// @ts-ignore: decorator
@inline const L11: f64 = 0.09090909090909091;
// @ts-ignore: decorator
@inline const L13: f64 = 0.07692307692307693;
// @ts-ignore: decorator
@inline const L15: f64 = 0.06666666666666667;
// @ts-ignore: decorator
@inline const SQRT2_M1: f64 = 0.41421356237309503; // √2 − 1

// ---------------------------------------------------------------- f64x2 lanes

// @ts-ignore: decorator
@inline function f64x2_c(v: f64): v128 {
  return f64x2.splat(v);
}

/** expm1(r) for |r| ≤ 0.35: r·q(r), q = 1 + r/2 + … + r^8/9! by Estrin's scheme (short dependency chains). */
// @ts-ignore: decorator
@inline function f64x2_expm1Poly(r: v128): v128 {
  const r2 = f64x2.mul(r, r);
  const r4 = f64x2.mul(r2, r2);
  const a = f64x2.add(f64x2_c(E1), f64x2.mul(r, f64x2_c(E2)));
  const b = f64x2.add(f64x2_c(E3), f64x2.mul(r, f64x2_c(E4)));
  const c = f64x2.add(f64x2_c(E5), f64x2.mul(r, f64x2_c(E6)));
  const d = f64x2.add(f64x2_c(E7), f64x2.mul(r, f64x2_c(E8)));
  const ab = f64x2.add(a, f64x2.mul(r2, b));
  const cd = f64x2.add(c, f64x2.mul(r2, d));
  const cde = f64x2.add(cd, f64x2.mul(r4, f64x2_c(E9)));
  return f64x2.mul(r, f64x2.add(ab, f64x2.mul(r4, cde)));
}

/** e^x for x in [−700, 700]. */
// @ts-ignore: decorator
@inline export function f64x2_exp(x: v128): v128 {
  const t = f64x2.add(f64x2.mul(x, f64x2_c(LOG2E)), f64x2_c(SHIFT));
  const k = f64x2.sub(t, f64x2_c(SHIFT));
  const r = f64x2.sub(f64x2.sub(x, f64x2.mul(k, f64x2_c(LN2_HI))), f64x2.mul(k, f64x2_c(LN2_LO)));
  const scale = i64x2.shl(i64x2.add(t, i64x2.splat(1023)), 52);
  return f64x2.mul(scale, f64x2.add(f64x2_c(1), f64x2_expm1Poly(r)));
}

/** e^x − 1 for x in [−700, 700]; −0 → −0. */
// @ts-ignore: decorator
@inline export function f64x2_expm1(x: v128): v128 {
  const t = f64x2.add(f64x2.mul(x, f64x2_c(LOG2E)), f64x2_c(SHIFT));
  const k = f64x2.sub(t, f64x2_c(SHIFT));
  const r = f64x2.sub(f64x2.sub(x, f64x2.mul(k, f64x2_c(LN2_HI))), f64x2.mul(k, f64x2_c(LN2_LO)));
  const scale = i64x2.shl(i64x2.add(t, i64x2.splat(1023)), 52);
  return f64x2.sub(f64x2.mul(scale, f64x2_expm1Poly(r)), f64x2.sub(f64x2_c(1), scale));
}

/** log(1 + u) for u in [0, 1]. */
// @ts-ignore: decorator
@inline export function f64x2_log1p01(u: v128): v128 {
  const big = f64x2.gt(u, f64x2_c(SQRT2_M1));
  const v = v128.bitselect(f64x2.mul(f64x2.sub(u, f64x2_c(1)), f64x2_c(0.5)), u, big);
  const s = f64x2.div(v, f64x2.add(f64x2_c(2), v));
  const z = f64x2.mul(s, s);
  let q = f64x2.add(f64x2_c(L13), f64x2.mul(z, f64x2_c(L15)));
  q = f64x2.add(f64x2_c(L11), f64x2.mul(z, q));
  q = f64x2.add(f64x2_c(L9), f64x2.mul(z, q));
  q = f64x2.add(f64x2_c(L7), f64x2.mul(z, q));
  q = f64x2.add(f64x2_c(L5), f64x2.mul(z, q));
  q = f64x2.add(f64x2_c(L3), f64x2.mul(z, q));
  q = f64x2.add(f64x2_c(1), f64x2.mul(z, q));
  const l = f64x2.mul(f64x2.add(s, s), q);
  return v128.bitselect(f64x2.add(f64x2_c(LN2), l), l, big);
}

// ---------------------------------------------------------------- scalar twins (same operations)

// @ts-ignore: decorator
@inline function f64_expm1Poly(r: f64): f64 {
  const r2 = r * r;
  const r4 = r2 * r2;
  const a = E1 + r * E2;
  const b = E3 + r * E4;
  const c = E5 + r * E6;
  const d = E7 + r * E8;
  const ab = a + r2 * b;
  const cd = c + r2 * d;
  const cde = cd + r4 * E9;
  return r * (ab + r4 * cde);
}

// @ts-ignore: decorator
@inline export function f64_exp(x: f64): f64 {
  const t = x * LOG2E + SHIFT;
  const k = t - SHIFT;
  const r = (x - k * LN2_HI) - k * LN2_LO;
  const scale = reinterpret<f64>((reinterpret<i64>(t) + 1023) << 52);
  return scale * (1 + f64_expm1Poly(r));
}

// @ts-ignore: decorator
@inline export function f64_expm1(x: f64): f64 {
  const t = x * LOG2E + SHIFT;
  const k = t - SHIFT;
  const r = (x - k * LN2_HI) - k * LN2_LO;
  const scale = reinterpret<f64>((reinterpret<i64>(t) + 1023) << 52);
  return scale * f64_expm1Poly(r) - (1 - scale);
}

// @ts-ignore: decorator
@inline export function f64_log1p01(u: f64): f64 {
  const big = u > SQRT2_M1;
  const v = big ? (u - 1) * 0.5 : u;
  const s = v / (2 + v);
  const z = s * s;
  let q = L13 + z * L15;
  q = L11 + z * q;
  q = L9 + z * q;
  q = L7 + z * q;
  q = L5 + z * q;
  q = L3 + z * q;
  q = 1 + z * q;
  const l = (s + s) * q;
  return big ? LN2 + l : l;
}

// ---------------------------------------------------------------- clamps
// f64x2.pmin/pmax are one instruction on x86 (f64x2.min/max need a NaN/±0 fix-up sequence in V8);
// the scalar twins spell out the same selects. NaN lanes are masked by the callers.
/** c < x ? c : x */
// @ts-ignore: decorator
@inline export function f64x2_minC(x: v128, c: f64): v128 {
  return f64x2.pmin(x, f64x2.splat(c));
}
/** x < c ? c : x */
// @ts-ignore: decorator
@inline export function f64x2_maxC(x: v128, c: f64): v128 {
  return f64x2.pmax(x, f64x2.splat(c));
}
// @ts-ignore: decorator
@inline export function f64_minC(x: f64, c: f64): f64 {
  return c < x ? c : x;
}
// @ts-ignore: decorator
@inline export function f64_maxC(x: f64, c: f64): f64 {
  return x < c ? c : x;
}

// ---------------------------------------------------------------- f32x4 ↔ f64x2

// @ts-ignore: decorator
@inline export function f32x4_lowToF64x2(x: v128): v128 {
  return f64x2.promote_low_f32x4(x);
}
// @ts-ignore: decorator
@inline export function f32x4_highToF64x2(x: v128): v128 {
  return f64x2.promote_low_f32x4(v128.shuffle<f32>(x, x, 2, 3, 0, 1));
}
// @ts-ignore: decorator
@inline export function f32x4_fromF64x2Pair(lo: v128, hi: v128): v128 {
  return v128.shuffle<f32>(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5);
}
/** NaN lanes of x pass through unchanged (same bits as the scalar `x != x ? x : y`). */
// @ts-ignore: decorator
@inline export function f32x4_keepNaN(x: v128, y: v128): v128 {
  return v128.bitselect(x, y, f32x4.ne(x, x));
}
