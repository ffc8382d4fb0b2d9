// float64 helpers shared by the f32 row kernels (assembly/f32/rows.ts) and the f32 derivative
// kernels (assembly/f32/derivative.ts). Everything here is plain f64 arithmetic in a fixed order,
// so the SIMD and scalar builds compute identical bits.
//
// erfc64: complementary error function, following the algorithm of FreeBSD msun
//   lib/msun/src/s_erf.c (Sun Microsystems fdlibm, 1993): five intervals of |x| ([0, 0.84375),
//   [0.84375, 1.25), [1.25, 1/0.35), [1/0.35, 28), [28, ∞)) with a rational approximation on each,
//   and exp(−x²) split as exp(−s² − 0.5625)·exp((s − x)(s + x) + R/S) with s = x truncated to its
//   high 32 bits. The coefficients below are the published s_erf.c constants (pp0…sb7, erx), as also
//   used by @stdlib/math-base-special-erfc; the code is ours.
//   Measured: ≤ 2 float64 ULP from an 80-digit decimal.js erfc on 1500 points of [−6, 6], and
//   ≤ 4 ULP from @stdlib/math-base-special-erfc (itself a few ULP off where exp rounds differently)
//   on 2^20 + 2·10^5 values: npx vitest run test/kernels/f32-derivative.test.ts -t erfc64
//
// exp64_nonpositive (scalar) / f64x2_exp_nonpositive (SIMD): e^z for z in [−745, 0], used by softmax.
//   z = n·ln2 + r with n = round(z/ln2) by the 1.5·2^52 shift trick, r = (z − n·ln2hi) − n·ln2lo
//   (Cody–Waite with the fdlibm constants ln2hi = 0x3fe62e42fee00000, ln2lo = 0x3dea39ef35793c76),
//   e^r by its Taylor polynomial of degree 10 on |r| ≤ ln2/2 (truncation error ≈ (ln2/2)^11/11! ≈ 2^-42),
//   then scaled by 2^(n+64) through the exponent bits (always a normal number) and by 2^-64 with a
//   multiply, so results below 2^-1022 round once to a float64 subnormal like Math.exp's. Callers
//   clamp z ≥ −746 and treat z < EXP_ZERO_BELOW (where Math.exp gives 0) as e^z = 0. Relative error
//   < 2^-41 on [−708, 0] (measured max 3.0e-13) and max(2^-41 relative, one subnormal step) below, measured against
//   Math.exp in test/kernels/f32-derivative.test.ts ("exp64 helper").
//   The SIMD and scalar versions do the same f64 operations in the same order (no FMA in WASM).

// ---- exp on z ≤ 0 -----------------------------------------------------------------------------

const LOG2E: f64 = 1.4426950408889634; // 1/ln 2
const SHIFT: f64 = 6755399441055744.0; // 1.5 · 2^52: adding it rounds to an integer in the low bits
const LN2_HI: f64 = 6.93147180369123816490e-01; // 0x3fe62e42fee00000 (fdlibm)
const LN2_LO: f64 = 1.90821492927058770002e-10; // 0x3dea39ef35793c76 (fdlibm)
// Taylor coefficients 1/k!, k = 2..10
const C2: f64 = 0.5;
const C3: f64 = 1.0 / 6.0;
const C4: f64 = 1.0 / 24.0;
const C5: f64 = 1.0 / 120.0;
const C6: f64 = 1.0 / 720.0;
const C7: f64 = 1.0 / 5040.0;
const C8: f64 = 1.0 / 40320.0;
const C9: f64 = 1.0 / 362880.0;
const C10: f64 = 1.0 / 3628800.0;
/** Lower clamp of the exp argument (results there are masked to 0 by the callers). */
export const EXP_ARG_MIN: f64 = -746.0;
/** Below this, Math.exp (correctly rounded float64) is 0; the row kernels use e^z = 0 there too. */
export const EXP_ZERO_BELOW: f64 = -745.1332191019411;
const TWO_M64: f64 = 5.421010862427522e-20; // 2^-64

/** e^z for z in [EXP_ARG_MIN, 0] (callers clamp). */
// @ts-ignore: decorator
@inline export function exp64_nonpositive(z: f64): f64 {
  const kf = z * LOG2E + SHIFT;
  const n = kf - SHIFT;
  const r = (z - n * LN2_HI) - n * LN2_LO;
  let p = C10;
  p = p * r + C9;
  p = p * r + C8;
  p = p * r + C7;
  p = p * r + C6;
  p = p * r + C5;
  p = p * r + C4;
  p = p * r + C3;
  p = p * r + C2;
  p = p * r + 1.0;
  p = p * r + 1.0;
  return reinterpret<f64>(reinterpret<i64>(p) + (reinterpret<i64>(kf) << 52) + (<i64>64 << 52)) * TWO_M64;
}

/** Lane-wise exp64_nonpositive: the same operations on both f64 lanes. */
// @ts-ignore: decorator
@inline export function f64x2_exp_nonpositive(z: v128): v128 {
  const shift = f64x2.splat(SHIFT);
  const kf = f64x2.add(f64x2.mul(z, f64x2.splat(LOG2E)), shift);
  const n = f64x2.sub(kf, shift);
  const r = f64x2.sub(f64x2.sub(z, f64x2.mul(n, f64x2.splat(LN2_HI))), f64x2.mul(n, f64x2.splat(LN2_LO)));
  let p = f64x2.splat(C10);
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(C9));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(C8));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(C7));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(C6));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(C5));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(C4));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(C3));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(C2));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0));
  const scaled = i64x2.add(i64x2.add(p, i64x2.shl(kf, 52)), i64x2.splat(<i64>64 << 52));
  return f64x2.mul(scaled, f64x2.splat(TWO_M64));
}

/** Exported for the tests only: e^z for z ≤ 0 on f64 arrays, as the row kernels compute it. */
export function f64_exp_nonpositive(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  for (let i = 0; i < n; i++) {
    const z = load<f64>(inPtr + (<usize>i << 3));
    store<f64>(outPtr + (<usize>i << 3), z < EXP_ZERO_BELOW ? 0.0 : exp64_nonpositive(z < EXP_ARG_MIN ? EXP_ARG_MIN : z));
  }
}

// ---- erfc (FreeBSD s_erf.c algorithm, published coefficients) ---------------------------------

const ERX: f64 = 8.45062911510467529297e-01; // erf(1) rounded to single: 0x3FEB0AC160000000
// |x| < 0.84375: erf(x) = x + x·R(x²), R = P/Q
const PP0: f64 = 1.28379167095512558561e-01;
const PP1: f64 = -3.25042107247001499370e-01;
const PP2: f64 = -2.84817495755985104766e-02;
const PP3: f64 = -5.77027029648944159157e-03;
const PP4: f64 = -2.37630166566501626084e-05;
const QQ1: f64 = 3.97917223959155352819e-01;
const QQ2: f64 = 6.50222499887672944485e-02;
const QQ3: f64 = 5.08130628187576562776e-03;
const QQ4: f64 = 1.32494738004321644526e-04;
const QQ5: f64 = -3.96022827877536812320e-06;
// 0.84375 ≤ |x| < 1.25: erf(1 + s) = erx + P1(s)/Q1(s)
const PA0: f64 = -2.36211856075265944077e-03;
const PA1: f64 = 4.14856118683748331666e-01;
const PA2: f64 = -3.72207876035701323847e-01;
const PA3: f64 = 3.18346619901161753674e-01;
const PA4: f64 = -1.10894694282396677476e-01;
const PA5: f64 = 3.54783043256182359371e-02;
const PA6: f64 = -2.16637559486879084300e-03;
const QA1: f64 = 1.06420880400844228286e-01;
const QA2: f64 = 5.40397917702171048937e-01;
const QA3: f64 = 7.18286544141962662868e-02;
const QA4: f64 = 1.26171219808761642112e-01;
const QA5: f64 = 1.36370839120290507362e-02;
const QA6: f64 = 1.19844998467991074170e-02;
// 1.25 ≤ |x| < 1/0.35: erfc(x) = exp(−x² − 0.5625 + R1/S1)/x, in z = 1/x²
const RA0: f64 = -9.86494403484714822705e-03;
const RA1: f64 = -6.93858572707181764372e-01;
const RA2: f64 = -1.05586262253232909814e+01;
const RA3: f64 = -6.23753324503260060396e+01;
const RA4: f64 = -1.62396669462573470355e+02;
const RA5: f64 = -1.84605092906711035994e+02;
const RA6: f64 = -8.12874355063065934246e+01;
const RA7: f64 = -9.81432934416914548592e+00;
const SA1: f64 = 1.96512716674392571292e+01;
const SA2: f64 = 1.37657754143519042600e+02;
const SA3: f64 = 4.34565877475229228821e+02;
const SA4: f64 = 6.45387271733267880336e+02;
const SA5: f64 = 4.29008140027567833386e+02;
const SA6: f64 = 1.08635005541779435134e+02;
const SA7: f64 = 6.57024977031928170135e+00;
const SA8: f64 = -6.04244152148580987438e-02;
// 1/0.35 ≤ |x| < 28: the same form with R2/S2
const RB0: f64 = -9.86494292470009928597e-03;
const RB1: f64 = -7.99283237680523006574e-01;
const RB2: f64 = -1.77579549177547519889e+01;
const RB3: f64 = -1.60636384855821916062e+02;
const RB4: f64 = -6.37566443368389627722e+02;
const RB5: f64 = -1.02509513161107724954e+03;
const RB6: f64 = -4.83519191608651397019e+02;
const SB1: f64 = 3.03380607434824582924e+01;
const SB2: f64 = 3.25792512996573918826e+02;
const SB3: f64 = 1.53672958608443695994e+03;
const SB4: f64 = 3.19985821950859553908e+03;
const SB5: f64 = 2.55305040643316442583e+03;
const SB6: f64 = 4.74528541206955367215e+02;
const SB7: f64 = -2.24409524465858183362e+01;

/** exp(−x² − 0.5625 + rs) / x for x ≥ 1.25, with −x² split so the large part is exact. */
function erfcTail(ax: f64, rs: f64): f64 {
  const s = reinterpret<f64>(reinterpret<u64>(ax) & 0xffffffff00000000);
  return Math.exp(-s * s - 0.5625) * Math.exp((s - ax) * (s + ax) + rs) / ax;
}

/** erfc(x) in float64 (≤ 2 ULP from the exact value on the measured sample, see the header). */
export function erfc64(x: f64): f64 {
  if (x != x) return x;
  const ax = Math.abs(x);
  if (ax < 0.84375) {
    if (ax < 1.3877787807814457e-17) return 1.0 - x; // 2^-56: erf(x) ≈ x·(1 + PP0) is below 1 ULP of 1
    const z = x * x;
    const num = PP0 + z * (PP1 + z * (PP2 + z * (PP3 + z * PP4)));
    const den = 1.0 + z * (QQ1 + z * (QQ2 + z * (QQ3 + z * (QQ4 + z * QQ5))));
    const y = num / den;
    if (x < 0.25) return 1.0 - (x + x * y);
    return 0.5 - (x * y + (x - 0.5));
  }
  if (ax < 1.25) {
    const s = ax - 1.0;
    const num = PA0 + s * (PA1 + s * (PA2 + s * (PA3 + s * (PA4 + s * (PA5 + s * PA6)))));
    const den = 1.0 + s * (QA1 + s * (QA2 + s * (QA3 + s * (QA4 + s * (QA5 + s * QA6)))));
    return x < 0 ? 1.0 + ERX + num / den : 1.0 - ERX - num / den;
  }
  if (ax < 28.0) {
    if (x < -6.0) return 2.0; // 2 − erfc(6) rounds to 2
    const z = 1.0 / (ax * ax);
    let rs: f64;
    if (ax < 2.857142857142857) {
      const r = RA0 + z * (RA1 + z * (RA2 + z * (RA3 + z * (RA4 + z * (RA5 + z * (RA6 + z * RA7))))));
      const s = 1.0 + z * (SA1 + z * (SA2 + z * (SA3 + z * (SA4 + z * (SA5 + z * (SA6 + z * (SA7 + z * SA8)))))));
      rs = r / s;
    } else {
      const r = RB0 + z * (RB1 + z * (RB2 + z * (RB3 + z * (RB4 + z * (RB5 + z * RB6)))));
      const s = 1.0 + z * (SB1 + z * (SB2 + z * (SB3 + z * (SB4 + z * (SB5 + z * (SB6 + z * SB7))))));
      rs = r / s;
    }
    const t = erfcTail(ax, rs);
    return x < 0 ? 2.0 - t : t;
  }
  return x < 0 ? 2.0 : 0.0;
}

/** Exported for the tests only: out[i] = erfc64(in[i]) on f64 arrays. */
export function f64_erfc(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  for (let i = 0; i < n; i++) {
    store<f64>(outPtr + (<usize>i << 3), erfc64(load<f64>(inPtr + (<usize>i << 3))));
  }
}

// ---- logistic and softplus (same formulas as src/ops/catalog/smooth.ts) -----------------------

/** 1/(1 + e^−x), split at 0 so neither side overflows or cancels. */
export function sigmoid64(x: f64): f64 {
  if (x >= 0) return 1.0 / (1.0 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1.0 + e);
}

/** log(1 + e^x) without overflow. */
export function softplus64(x: f64): f64 {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}
