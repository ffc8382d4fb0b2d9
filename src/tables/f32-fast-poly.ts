// The polynomials of the f32 `fast` kernels (assembly/f32/sigmoid-fast.ts: sigmoid, silu;
// assembly/f32/tanh-fast.ts: tanh): the only producer of their coefficients;
// test/kernels/f32-smooth-poly.test.ts checks that the kernels hold exactly these.
//
// Both interpolate at the Chebyshev nodes on |r| ≤ ln2/2 (./chebyshev.ts), rounded to f32:
// - sigmoid/silu: q(r) ≈ (e^r − 1)/r of degree 5 (e^r ≈ 1 + r·q(r)); the degree-0 and -1 coefficients
//   round to exactly 1 and 1/2, the kernel holds K3..K6 (the r² … r⁵ terms): relative error of
//   1 + r·q 2^-26.5 (degree 4: 2^-22.2, too coarse next to the f32 roundings).
// - tanh: h(r) ≈ (expm1(r) − r)/r² of degree 4 (expm1(r) ≈ r + r²·h(r)); the degree-0 coefficient
//   rounds to exactly 1/2, the kernel holds H3..H6: relative error of r + r²·h 2^-25.3.
// The relative errors are measured here on 400,001 points in f64 with the f32 coefficients.
//   node -e 'import("./dist/tables/f32-fast-poly.js").then(m => console.log(m.sigmoidFastPoly(), m.tanhFastPoly()))'
import { chebyshevInterpolantSym } from "./chebyshev.js";
import { expTail } from "./f32-expm1f-poly.js";

export const FAST_POLY_HALF_WIDTH = Math.LN2 / 2;

export interface FastPoly {
  /** power-basis coefficients rounded to f32 */
  coef: number[];
  /** max relative error of the approximated exp / expm1 on the sample */
  maxRel: number;
}

function maxRel(approx: (r: number) => number, exact: (r: number) => number, h: number): number {
  let worst = 0;
  const M = 200000;
  for (let i = -M; i <= M; i++) {
    const r = (h * i) / M;
    if (r !== 0) worst = Math.max(worst, Math.abs(approx(r) / exact(r) - 1));
  }
  return worst;
}

const horner = (c: number[], r: number) => c.reduceRight((acc, v) => acc * r + v, 0);

/** sigmoid/silu: e^r ≈ 1 + r·q(r), coef = q0..q5 (q0 = 1, q1 = 1/2). */
export function sigmoidFastPoly(degree = 5, h = FAST_POLY_HALF_WIDTH): FastPoly {
  const coef = chebyshevInterpolantSym((r) => expTail(r, 1), degree, h).map(Math.fround);
  return { coef, maxRel: maxRel((r) => 1 + r * horner(coef, r), Math.exp, h) };
}

/** tanh: expm1(r) ≈ r + r²·h(r), coef = h0..h4 (h0 = 1/2). */
export function tanhFastPoly(degree = 4, h = FAST_POLY_HALF_WIDTH): FastPoly {
  const coef = chebyshevInterpolantSym((r) => expTail(r, 2), degree, h).map(Math.fround);
  return { coef, maxRel: maxRel((r) => r + r * r * horner(coef, r), Math.expm1, h) };
}
