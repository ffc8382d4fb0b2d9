// The polynomial of the f32 `accurate` kernels' exp/expm1 (assembly/f32/exp.ts): the only producer of
// its coefficients; test/kernels/f32-smooth-poly.test.ts checks that exp.ts holds exactly these.
//
// Method (near-minimax by Chebyshev interpolation, e.g. Trefethen, "Approximation Theory and
// Approximation Practice", ch. 4 and 16: the interpolant at the n+1 Chebyshev points is within a
// factor 2 + (2/π)·log(n+1) of the best polynomial): g(r) ≈ (e^r − 1)/r of degree 5 on
// |r| ≤ H = 1.0001·ln2/2 (the Cody–Waite remainder, with a margin for the rounding of k·ln2), through
// the Chebyshev coefficients at the 6 nodes, converted to the power basis. The kernel evaluates
// expm1(r) = r·g(r) and e^r = 1 + r·g(r) by Estrin's scheme in f64.
// The errors are measured here on 400,001 points of [−H, H], in float64 as the kernel evaluates them:
// degree 5 gives 2^-26.3 relative for expm1 and 2^-27.6 for exp (degree 4: 2^-21.0, too large for a
// 1-ULP f32 result; degree 6: 2^-31.8). An f32 result computed with relative error ε and rounded once
// is within 0.5 + ε·2^24 ULP: ≤ 0.71 ULP from the polynomial for expm1-based kernels, ≤ 0.59 for exp.
//   node -e 'import("./dist/tables/f32-expm1-poly.js").then(m => console.log(m.expm1Poly()))'

import { chebyshevInterpolantSym } from "./chebyshev.js";

export const EXPM1_POLY_DEGREE = 5;
export const EXPM1_POLY_HALF_WIDTH = 1.0001 * (Math.LN2 / 2);

export interface Expm1Poly {
  /** g0..gD, power basis: expm1(r) ≈ r·Σ g_i r^i */
  coef: number[];
  /** max |r·g(r)/expm1(r) − 1| on the sample */
  maxRelExpm1: number;
  /** max |(1 + r·g(r))/e^r − 1| on the sample */
  maxRelExp: number;
}

/** Estrin's scheme as assembly/f32/exp.ts evaluates it (degree 5 only; Horner otherwise). */
function evalG(c: number[], r: number): number {
  if (c.length === 6) {
    const r2 = r * r, r4 = r2 * r2;
    return (c[0] + r * c[1]) + r2 * (c[2] + r * c[3]) + r4 * (c[4] + r * c[5]);
  }
  let p = c[c.length - 1];
  for (let k = c.length - 2; k >= 0; k--) p = p * r + c[k];
  return p;
}

export function expm1Poly(degree = EXPM1_POLY_DEGREE, h = EXPM1_POLY_HALF_WIDTH): Expm1Poly {
  const g = (r: number) => (r === 0 ? 1 : Math.expm1(r) / r);
  const coef = chebyshevInterpolantSym(g, degree, h);
  let maxRelExpm1 = 0, maxRelExp = 0;
  const M = 200000;
  for (let i = -M; i <= M; i++) {
    const r = (h * i) / M;
    const p = r * evalG(coef, r);
    maxRelExp = Math.max(maxRelExp, Math.abs((1 + p) / Math.exp(r) - 1));
    if (r !== 0) maxRelExpm1 = Math.max(maxRelExpm1, Math.abs(p / Math.expm1(r) - 1));
  }
  return { coef, maxRelExpm1, maxRelExp };
}
