// The f32-lane polynomial of elu/celu at alpha = 1 (assembly/f32/elu.ts, f32x4_expm1Neg): the only
// producer of its coefficients; test/kernels/f32-smooth-poly.test.ts checks that elu.ts holds exactly
// these.
//
// expm1(r) = r + r²/2 + r³·Q(r) on |r| ≤ H = 1.0001·ln2/2 (the Cody–Waite remainder with a margin for
// the f32 rounding of x·log2e near the half-integers), Q of degree 4 interpolating
// (e^r − 1 − r − r²/2)/r³ = Σ_{n≥3} r^(n−3)/n! at the 5 Chebyshev nodes (near-minimax, see
// f32-expm1-poly.ts for the method), converted to the power basis and rounded to f32.
// Q is computed from its Taylor series (no cancellation near r = 0).
// What the kernel needs: |r³·ΔQ| well under one f32 ULP of the result. The result is at least ~0.8·|r|
// in magnitude for k = 0 (r = x) and ≥ 0.29 otherwise; degree 4 gives max|ΔQ| = 1.34e-8 with the
// coefficients rounded to f32 (mostly Q0 = 1/6 rounded), ≤ 0.042·1.34e-8 = 5.6e-10 absolute in expm1,
// ≤ 0.04 ULP of any result it can touch (2^-26 at y ≈ −0.25, x ≈ −0.29); degree 3 gives 3.8e-7, up to
// ~0.6 ULP there (too much for a ≤ 1-ULP kernel).
//   node -e 'import("./dist/tables/f32-expm1f-poly.js").then(m => console.log(m.expm1fPoly()))'

import { chebyshevInterpolantSym } from "./chebyshev.js";

export const EXPM1F_POLY_DEGREE = 4;
export const EXPM1F_POLY_HALF_WIDTH = 1.0001 * (Math.LN2 / 2);

export interface Expm1fPoly {
  /** q0..qD rounded to f32, power basis: expm1(r) ≈ r + r²/2 + r³·Σ q_i r^i */
  coef: number[];
  /** max |Q_f32(r) − Q(r)| on the sample (f64 evaluation of the f32 coefficients) */
  maxAbsQ: number;
}

/** Σ_{n≥k} r^(n−k)/n! = (e^r − Σ_{n<k} r^n/n!)/r^k, to full f64 precision for |r| ≤ 1 (the series:
 *  no cancellation near r = 0). Also the interpolated functions of ./f32-fast-poly.ts (k = 1, 2). */
export function expTail(r: number, k: number): number {
  let term = 1;
  for (let n = 2; n <= k; n++) term /= n;
  let sum = 0;
  for (let n = k; n < k + 27; n++) {
    sum += term;
    term *= r / (n + 1);
  }
  return sum;
}

/** Σ_{n≥3} r^(n−3)/n!: Q of expm1(r) = r + r²/2 + r³·Q(r). */
export const expm1Q = (r: number): number => expTail(r, 3);

export function expm1fPoly(degree = EXPM1F_POLY_DEGREE, h = EXPM1F_POLY_HALF_WIDTH): Expm1fPoly {
  const coef = chebyshevInterpolantSym(expm1Q, degree, h).map(Math.fround);
  let maxAbsQ = 0;
  const M = 200000;
  for (let i = -M; i <= M; i++) {
    const r = (h * i) / M;
    let q = coef[degree];
    for (let k = degree - 1; k >= 0; k--) q = coef[k] + r * q;
    maxAbsQ = Math.max(maxAbsQ, Math.abs(q - expm1Q(r)));
  }
  return { coef, maxAbsQ };
}
