// Generates the polynomial of assembly/f64/math.ts exp64_nonpositive / f64x2_exp_nonpositive:
// e^r ≈ 1 + r·g(r) on |r| ≤ ln2/2, g of degree 6 interpolating (e^r − 1)/r at the 7 Chebyshev nodes
// (near-minimax), converted to monomial coefficients; prints them and the max relative error of
// 1 + r·g(r) against Math.exp on 400,001 points (float64 Horner, as the kernel evaluates it).
//   node scripts/exp-poly.mjs
const D = 6;
const a = Math.LN2 / 2;
const N = D + 1;
const g = (r) => (r === 0 ? 1 : Math.expm1(r) / r);
const nodes = Array.from({ length: N }, (_, k) => Math.cos((Math.PI * (k + 0.5)) / N));
const cheb = Array.from({ length: N }, (_, j) => (2 / N) * nodes.reduce((s, t) => s + g(a * t) * Math.cos(j * Math.acos(t)), 0));
cheb[0] /= 2;
let Tprev = [1], Tcur = [0, 1];
const mono = new Array(N).fill(0);
mono[0] += cheb[0];
for (let j = 1; j < N; j++) {
  Tcur.forEach((v, i) => (mono[i] += cheb[j] * v));
  const Tnext = new Array(Tcur.length + 1).fill(0);
  Tcur.forEach((v, i) => (Tnext[i + 1] += 2 * v));
  Tprev.forEach((v, i) => (Tnext[i] -= v));
  [Tprev, Tcur] = [Tcur, Tnext];
}
const coef = mono.map((v, i) => v / a ** i);
let worst = 0;
for (let i = -200000; i <= 200000; i++) {
  const r = (a * i) / 200000;
  let p = coef[D];
  for (let k = D - 1; k >= 0; k--) p = p * r + coef[k];
  worst = Math.max(worst, Math.abs((1 + r * p) / Math.exp(r) - 1));
}
coef.forEach((c, i) => console.log(`const G${i}: f64 = ${c};`));
console.log(`// max relative error of 1 + r·g(r) on |r| ≤ ln2/2: ${worst.toExponential(3)} (2^${Math.log2(worst).toFixed(2)})`);
