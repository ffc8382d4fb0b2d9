// Chebyshev interpolation in the power basis: the one method of the polynomial generators of
// src/tables/ (f32-expm1-poly.ts, f32-expm1f-poly.ts, f32-gelu-erfcx.ts, f32-fast-poly.ts).
// The interpolant at the n Chebyshev points of the first kind is within a factor 2 + (2/π)·log(n) of
// the best (minimax) polynomial (Trefethen, "Approximation Theory and Approximation Practice", ch. 4
// and 16): its Chebyshev coefficients by the discrete cosine sums, then Σ c_j·T_j(t) rewritten in
// powers of t with the recurrence T_{j+1} = 2t·T_j − T_{j−1}.

/** Power-basis coefficients p_0..p_degree of the interpolant of f(t) on [−1, 1]. */
export function chebyshevInterpolant(f: (t: number) => number, degree: number): number[] {
  const n = degree + 1;
  const nodes = Array.from({ length: n }, (_, k) => Math.cos((Math.PI * (k + 0.5)) / n));
  const cheb = Array.from({ length: n }, (_, j) => (2 / n) * nodes.reduce((s, t) => s + f(t) * Math.cos(j * Math.acos(t)), 0));
  cheb[0] /= 2;
  const mono = new Array<number>(n).fill(0);
  let tPrev = [1], tCur = [0, 1];
  mono[0] += cheb[0];
  for (let j = 1; j < n; j++) {
    tCur.forEach((v, i) => (mono[i] += cheb[j] * v));
    const tNext = new Array<number>(tCur.length + 1).fill(0);
    tCur.forEach((v, i) => (tNext[i + 1] += 2 * v));
    tPrev.forEach((v, i) => (tNext[i] -= v));
    [tPrev, tCur] = [tCur, tNext];
  }
  return mono;
}

/** The same for g(r) on [−h, h], in powers of r. */
export function chebyshevInterpolantSym(g: (r: number) => number, degree: number, h: number): number[] {
  return chebyshevInterpolant((t) => g(h * t), degree).map((v, i) => v / h ** i);
}
