// Error of the gf_acc shape (bench/proto/q16-gatherfree.ts) with real coefficients: a float64 fit per segment,
// coefficients quantized greedily (c1 first, then from the highest degree down, the others refitted after each step), then the
// integers the SIMD loop would compute, mirrored here exactly (q15mulr with its rounding and saturation, exact
// i32 products, floor shifts), over all 65,536 codes, against the float64 reference clamped to int16. Cases:
// TFLM's default quantizations and the 24 seeded quantizations of the int16 accuracy tests (src/accuracy/sweeps.ts).
//
// Shape (per code q, input zero point z, output 2^-15): d = |q − z| ≤ cap (codes beyond cap saturate), 16 segments
// of 2^m codes, i = d >> m, τ = ((d mod 2^m) << (16 − m)) − 2^15 (centred, Q15). With c_j the segment's
// coefficients of G(τ) = 2^15·(σ − ½) or 2^15·tanh (in LSB):
//   A2 = c2 + q15(c3 + q15(c4, τ), τ)            i16, c2..c4 in Q(kh) (degree 4; --degree n: Horner from c_n)
//   S  = C0 + (c1·τ >> (k1 + 2)) + (A2·q15(τ, τ) >> (kh + 2))   i32 in Q13, c1 in Q(k1), C0 = (c0 − ½)·2^13
//   H  = S >> 13 (= round(G) − 1);  y = q ≥ z ? Kpos +sat H : Kneg − H   (sigmoid 16385/16383, tanh 1/−1)
//
//   node bench/proto/q16-acc-mirror.mjs [--degree 4]
import { int16Sweep } from "../../dist/accuracy/sweeps.js";

const args = process.argv.slice(2);
const DEG = Number(args[args.indexOf("--degree") + 1] || 4);
const sigmoid = (x) => 1 / (1 + Math.exp(-x));
const OPS = {
  sigmoid: { G: (u) => 32768 * (sigmoid(u) - 0.5), full: (x) => 32768 * sigmoid(x), top: 16383.9, kpos: 16385, kneg: 16383 },
  tanh: { G: (u) => 32768 * Math.tanh(u), full: (x) => 32768 * Math.tanh(x), top: 32767.9, kpos: 1, kneg: -1 },
};
const q15 = (a, b) => Math.min(32767, Math.floor((a * b + 16384) / 32768));
const wrap16 = (v) => ((v + 32768) & 0xffff) - 32768;

/** least squares: coefficients of 1, x, …, x^n (with `fixed` coefficients given) through (xs, ys) */
function lsq(xs, ys, n, fixed) {
  const free = [];
  for (let j = 0; j <= n; j++) if (fixed[j] === undefined) free.push(j);
  const k = free.length;
  const A = Array.from({ length: k }, () => new Float64Array(k + 1));
  xs.forEach((x, r) => {
    let rest = ys[r];
    for (let j = 0; j <= n; j++) if (fixed[j] !== undefined) rest -= fixed[j] * x ** j;
    const row = free.map((j) => x ** j);
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) A[a][b] += row[a] * row[b];
      A[a][k] += row[a] * rest;
    }
  });
  for (let c = 0; c < k; c++) {
    let p = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(A[r][c]) > Math.abs(A[p][c])) p = r;
    [A[c], A[p]] = [A[p], A[c]];
    if (Math.abs(A[c][c]) < 1e-300) continue;
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const f = A[r][c] / A[c][c];
      for (let b = c; b <= k; b++) A[r][b] -= f * A[c][b];
    }
  }
  const out = fixed.slice();
  free.forEach((j, a) => (out[j] = Math.abs(A[a][a]) < 1e-300 ? 0 : A[a][k] / A[a][a]));
  return out;
}

function build(opName, s, z) {
  const op = OPS[opName];
  const D = Math.max(32767 - z, z + 32768);
  let cap = D;
  for (let lo = 0, hi = D; ; ) { // first d with G(s·d) ≥ top (G rises with d)
    if (op.G(s * D) < op.top) break;
    if (hi - lo <= 1) { cap = op.G(s * lo) >= op.top ? lo : hi; break; }
    const mid = (lo + hi) >> 1;
    if (op.G(s * mid) >= op.top) hi = mid; else lo = mid;
  }
  let m = 0;
  while (16 * 2 ** m <= cap) m++;
  // a zero point of 0 reaches d = 32768 by one code only (q = −32768): where G is flat there (< 0.02 LSB from the
  // code before, as at TFLM's quantizations) that code is evaluated at 32767 and the segments halve
  if (cap === 16 * 2 ** (m - 1) && op.G(s * cap) - op.G(s * (cap - 1)) < 0.02) { cap--; m--; }
  const tauOf = (d) => ((d % 2 ** m) * 2 ** (16 - m)) - 32768;
  const segs = [];
  for (let i = 0; i < 16; i++) {
    const d0 = i * 2 ** m;
    if (d0 > cap) { segs.push(null); continue; }
    const xs = [], ys = [];
    // the whole segment, also past cap (G is smooth there): a fit to a few end codes alone is ill-conditioned
    for (let d = d0; d < d0 + 2 ** m; d++) { xs.push(tauOf(d) / 32768); ys.push(op.G(s * d)); }
    const n = Math.min(DEG, xs.length - 1);
    segs.push({ xs, ys, n, c: lsq(xs, ys, n, Array(n + 1).fill(undefined)) });
  }
  const live = segs.filter(Boolean);
  // units: c2..c4 (and the Horner partial sums) in Q(kh), c1 in Q(k1)
  const maxHigh = Math.max(1, ...live.map((g) => g.c.slice(2).reduce((a, v) => a + Math.abs(v), 0)));
  const kh = Math.min(12, Math.floor(Math.log2(30000 / maxHigh)));
  const maxC1 = Math.max(1, ...live.map((g) => Math.abs(g.c[1] ?? 0)));
  const k1 = Math.min(12, Math.floor(Math.log2(30000 / (maxC1 * 1.05))));
  for (const g of live) {
    const fixed = Array(g.n + 1).fill(undefined);
    for (const j of [1, ...Array.from({ length: g.n - 1 }, (_, a) => g.n - a)].filter((j) => j <= g.n)) {
      const c = lsq(g.xs, g.ys, g.n, fixed);
      const unit = j >= 2 ? 2 ** -kh : 2 ** -k1;
      fixed[j] = Math.round(c[j] / unit) * unit;
    }
    const c = lsq(g.xs, g.ys, g.n, fixed);
    g.C = [Math.round((c[0] - 0.5) * 8192), ...fixed.slice(1).map((v, j) => Math.round(v / (j + 1 >= 2 ? 2 ** -kh : 2 ** -k1)))];
    while (g.C.length < DEG + 1) g.C.push(0);
  }
  const codes = (q) => {
    const d = Math.min(Math.abs(q - z), cap), i = d >> m, g = segs[i], t = tauOf(d);
    const [C0, c1] = g.C;
    if (g.C.slice(1).some((v) => Math.abs(v) > 32767)) throw new Error("coefficient beyond i16");
    let a2 = g.C[DEG];
    for (let j = DEG - 1; j >= 2; j--) a2 = wrap16(g.C[j] + q15(a2, t)); // Horner c_n → c2 in i16
    const t2 = q15(t, t);
    const S = C0 + Math.floor((c1 * t) / 2 ** (k1 + 2)) + Math.floor((a2 * t2) / 2 ** (kh + 2));
    const H = Math.max(-32768, Math.min(32767, Math.floor(S / 8192)));
    return q >= z ? Math.min(32767, op.kpos + H) : wrap16(op.kneg - H);
  };
  let worst = 0, worstFloat = 0;
  for (let d = 0; d <= cap; d++) { // the quantized coefficients evaluated in float64: fit + quantization error only
    const g = segs[d >> m], x = tauOf(d) / 32768;
    let hi = 0;
    for (let j = DEG; j >= 2; j--) hi = hi * x + g.C[j];
    const v = g.C[0] / 8192 + 0.5 + g.C[1] * 2 ** -k1 * x + hi * 2 ** -kh * x * x;
    worstFloat = Math.max(worstFloat, Math.abs(v - op.G(s * d)));
  }
  for (let q = -32768; q <= 32767; q++) {
    const ref = Math.max(-32768, Math.min(32767, op.full(s * (q - z))));
    worst = Math.max(worst, Math.abs(codes(q) - ref));
  }
  return { worst, worstFloat, m, cap, kh, k1 };
}

for (const opName of ["sigmoid", "tanh"]) {
  const cases = [{ input: { scale: opName === "sigmoid" ? 2 ** -12 : 2 ** -13, zeroPoint: 0 }, tag: "tflm default" },
    ...int16Sweep(opName, 24, 0x1600 + opName.length * 31 + opName.charCodeAt(1)).map((c, j) => ({ ...c, tag: `sweep ${j}` }))];
  let all = 0;
  for (const c of cases) {
    const r = build(opName, c.input.scale, c.input.zeroPoint);
    all = Math.max(all, r.worst);
    console.log(`${opName} ${c.tag.padEnd(12)} in ${c.input.scale.toExponential(3)}/${c.input.zeroPoint}: maxAbsLsb ${r.worst.toFixed(3)} (fit + quantization ${r.worstFloat.toFixed(3)}; m ${r.m}, cap ${r.cap}, kh ${r.kh}, k1 ${r.k1})`);
  }
  console.log(`${opName}: worst ${all.toFixed(3)} over ${cases.length} quantizations, degree ${DEG}`);
}
