// The erfc of the f32 `accurate` gelu kernel (assembly/f32/gelu.ts): the only producer of its
// coefficients; test/kernels/f32-smooth-poly.test.ts checks that gelu.ts holds exactly these.
//
// Method: erfc(a) = e^(−a²)·erfcx(a) for a = |t| in [0, T], with the scaled complementary error
// function erfcx(a) = e^(a²)·erfc(a) approximated by a polynomial in the Möbius variable
// u = (a − K)/(a + K) (Weideman's variable for erfcx, J. A. C. Weideman, "Computation of the complex
// error function", SIAM J. Numer. Anal. 31 (1994), which maps [0, ∞) onto [−1, 1) and makes erfcx
// smooth in u), here affinely rescaled to z ∈ [−1, 1] over [0, T] and fitted by Chebyshev
// interpolation (near-minimax; see ./f32-expm1-poly.ts) of degree D, converted to the power basis
// of z and evaluated in f64 by Horner's scheme (evalErfcx below, the kernel's order of operations):
// z = (A·a + B)/(a + K) (one division), erfcx ≈ Σ c_i z^i.
// The fit's reference is @stdlib/math-base-special-erfc (FreeBSD msun, < 1 float64 ULP) times
// Math.exp(a²) (a² exact to 2^-53 relative: ≤ 1.3e-14 relative error in e^(a²) for a ≤ T).
// T = 10.7: gelu(x) rounds to −0 in f32 below x ≈ −14.3 and to x above x ≈ 7.3; the kernel clamps
// a = min(|t|, T) (t = −x/√2, |t| = T at |x| = 15.13) and its multiplier to max(x, −15.1).
// Error on 200,001 points of [0, T], float64 as the kernel evaluates it: 2^-34.3 relative (degree 12,
// K = 2.5; degree 11: 2^-27.7, degree 10: 2^-26.3, too close to the exp's 2^-27.6).
//   node -e 'import("./dist/tables/f32-gelu-erfcx.js").then(m => console.log(m.erfcxPoly()))'
import erfc from "@stdlib/math-base-special-erfc";

import { chebyshevInterpolant } from "./chebyshev.js";

export const ERFCX_T = 10.7;
export const ERFCX_K = 2.5;
export const ERFCX_DEGREE = 12;

export interface ErfcxPoly {
  /** z = (A·a + B)/(a + K) maps a ∈ [0, T] onto z ∈ [−1, 1] */
  A: number;
  B: number;
  K: number;
  /** c0..cD, power basis of z */
  coef: number[];
  /** max |poly(z(a))/erfcx(a) − 1| on the sample */
  maxRel: number;
}

const erfcx = (a: number) => erfc(a) * Math.exp(a * a);

/** Horner's scheme, in the kernel's order (assembly/f32/gelu.ts). */
export function evalErfcx(c: number[], z: number): number {
  let p = c[c.length - 1];
  for (let k = c.length - 2; k >= 0; k--) p = c[k] + z * p;
  return p;
}

export function erfcxPoly(degree = ERFCX_DEGREE, K = ERFCX_K, T = ERFCX_T): ErfcxPoly {
  const uOf = (a: number) => (a - K) / (a + K);
  const lo = -1, hi = uOf(T);
  // z = (2u − lo − hi)/(hi − lo) = (A·a + B)/(a + K)
  const s = 2 / (hi - lo), o = -(lo + hi) / (hi - lo);
  const A = s + o, B = (o - s) * K;
  const aOfZ = (z: number) => { const u = ((hi - lo) * z + lo + hi) / 2; return (K * (1 + u)) / (1 - u); };
  const coef = chebyshevInterpolant((z) => erfcx(aOfZ(z)), degree);
  let maxRel = 0;
  const M = 200000;
  for (let i = 0; i <= M; i++) {
    const a = (T * i) / M;
    const z = (A * a + B) / (a + K);
    maxRel = Math.max(maxRel, Math.abs(evalErfcx(coef, z) / erfcx(a) - 1));
  }
  return { A, B, K, coef, maxRel };
}
