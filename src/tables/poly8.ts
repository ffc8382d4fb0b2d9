// int8 `poly` coefficients (the only producer; the kernel is assembly/q8/poly.ts). Built in prepare
// for the given op, params and quantization; nothing is committed as generated data.
//
// Method. The exact reference (float64, in output steps) is known at each of the 256 input codes.
// Codes below qa all round to the same output as code −128, codes above qb to the same as code 127:
// those are the constant tails. [qa, qb] is cut into at most 8 segments [start_s, start_s + n_s) chosen
// greedily from the left: each segment is the longest run of codes on which a polynomial of degree
// ≤ 3 in t = (q − start_s)·inv_s / 2^15 (inv_s = ⌊2^15 / n_s⌋, so t ∈ [0, 1)) stays within TAU LSB of
// the reference (least squares, then Lawson iterations towards minimax on those codes); TAU is the
// smallest of TAUS that needs ≤ 8 segments. Greedy cuts land on kinks (elu at 0, hardswish at ±3,
// output saturation), which equal-width segments could not follow. Coefficients are stored as Q.F
// output steps in i16 (F ≤ 7, the largest that keeps every |coefficient| < 2^15); prepare then
// re-centres each segment's constant term on the error band of the quantized coefficients (computed
// with the kernel's own integer arithmetic, mirrored bit for bit by simulatePoly8 below).
//
// Layout (136 bytes): c0[8], c1[8], c2[8], c3[8], start[8], inv[8] as i16 (16 bytes each, so one
// i8x16.swizzle fetches a value for 8 lanes), bounds[8] as i16 (start of segments 1..7, 32767 when
// unused), then i32 qa, qb, F, left code, right code, pad.
import type { OpDescriptor } from "../ops/index.js";
import { refPoint } from "../accuracy/reference.js";
import { clamp } from "../quant/rounding.js";
import type { Params, QuantParams } from "../types.js";

export const POLY8_BYTES = 136;
export const POLY8_SEGMENTS = 8;
/** fit tolerances tried in order (LSB against the unrounded reference) */
const TAUS = [0.15, 0.25, 0.32, 0.4, 0.45];

export interface Poly8 {
  /** fit tolerance reached (Infinity: no tolerance of TAUS fitted in 8 segments) and segments used */
  tau: number;
  segments: number;
  qa: number;
  qb: number;
  F: number;
  left: number;
  right: number;
  start: Int16Array;
  inv: Int16Array;
  /** bounds[k] = start of segment k + 1 (32767 when unused) */
  bounds: Int16Array;
  /** coef[j][s]: coefficient of t^j in segment s (Q.F) */
  coef: Int16Array[];
}

const sat16 = (v: number) => (v > 32767 ? 32767 : v < -32768 ? -32768 : v);
/** i16x8.q15mulr_sat_s: (a·b + 2^14) >> 15, saturated. */
const q15mulr = (a: number, b: number) => sat16((a * b + 16384) >> 15);
/** i16x8.mul: the low 16 bits, as a signed value. */
const mul16 = (a: number, b: number) => (Math.imul(a, b) << 16) >> 16;

function segmentOf(q: number, k: Poly8): number {
  let s = 0;
  for (let i = 0; i < 7; i++) if (q >= k.bounds[i]) s++;
  return s;
}

/** acc of the Horner evaluation (Q.F) for a code inside [qa, qb]. */
function hornerAcc(q: number, k: Poly8): number {
  const s = segmentOf(q, k);
  const t = mul16(q - k.start[s], k.inv[s]);
  let acc = k.coef[3][s];
  acc = sat16(q15mulr(acc, t) + k.coef[2][s]);
  acc = sat16(q15mulr(acc, t) + k.coef[1][s]);
  return sat16(q15mulr(acc, t) + k.coef[0][s]);
}

/** The kernel's integer arithmetic for one code (mirrors assembly/q8/poly.ts exactly). */
export function simulatePoly8(q: number, k: Poly8): number {
  if (q < k.qa) return k.left;
  if (q > k.qb) return k.right;
  const y = sat16(hornerAcc(q, k) + (k.F > 0 ? 1 << (k.F - 1) : 0)) >> k.F;
  return clamp(y, -128, 127);
}

/** Weighted least-squares polynomial of degree ≤ deg through (t, r) with weights w. */
function fitWeighted(ts: number[], rs: number[], ws: number[], deg: number): number[] {
  const n = deg + 1;
  const A = Array.from({ length: n }, () => new Float64Array(n + 1));
  for (let i = 0; i < ts.length; i++) {
    const pw = [1];
    for (let j = 1; j < n; j++) pw.push(pw[j - 1] * ts[i]);
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) A[a][b] += ws[i] * pw[a] * pw[b];
      A[a][n] += ws[i] * pw[a] * rs[i];
    }
  }
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r][c]) > Math.abs(A[piv][c])) piv = r;
    [A[c], A[piv]] = [A[piv], A[c]];
    if (Math.abs(A[c][c]) < 1e-300) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = A[r][c] / A[c][c];
      for (let k = c; k <= n; k++) A[r][k] -= f * A[c][k];
    }
  }
  const c = A.map((row, i) => (Math.abs(row[i]) < 1e-300 ? 0 : row[n] / row[i]));
  while (c.length < 4) c.push(0);
  return c;
}

const evalPoly = (c: number[], t: number) => c[0] + t * (c[1] + t * (c[2] + t * c[3]));

/** Near-minimax polynomial of degree deg on discrete points (least squares, then Lawson reweighting). */
function fitMinimax(ts: number[], rs: number[], deg: number): { c: number[]; err: number } {
  const ws = ts.map(() => 1);
  let best: number[] = [], bestErr = Infinity;
  for (let it = 0; it < 16; it++) {
    const c = fitWeighted(ts, rs, ws, deg);
    const errs = ts.map((t, i) => Math.abs(evalPoly(c, t) - rs[i]));
    const m = Math.max(...errs);
    if (m < bestErr) {
      bestErr = m;
      best = c;
    }
    if (m < 1e-9) break;
    const sum = errs.reduce((a, e, i) => a + ws[i] * e, 0) || 1;
    for (let i = 0; i < ws.length; i++) ws[i] = (ws[i] * errs[i]) / sum + 1e-12;
  }
  return { c: best, err: bestErr };
}

const invOf = (n: number) => (n > 1 ? Math.floor(32768 / n) : 0);

/** Error of value y at a code whose unrounded output is r: saturated codes (r ≤ −128 or r ≥ 127) only
 *  need y on the saturated side (the kernel clamps), the others need y close to r. */
const errAt = (y: number, r: number) => (r <= -128 ? Math.max(0, y + 128) : r >= 127 ? Math.max(0, 127 - y) : Math.abs(y - r));

/** The lowest-degree fit within tau on codes [a, a + n), or undefined. Saturated codes are one-sided
 *  constraints: their fitting target follows the fit beyond the saturation level (a few rounds). */
function fitSegment(a: number, n: number, steps: Float64Array, tau: number): number[] | undefined {
  const inv = invOf(n);
  const ts: number[] = [], rs: number[] = [];
  for (let q = a; q < a + n; q++) {
    ts.push(((q - a) * inv) / 32768);
    rs.push(steps[q + 128]);
  }
  const sat = rs.some((r) => r <= -128 || r >= 127);
  for (let deg = 0; deg <= Math.min(3, n - 1); deg++) {
    let target = rs.map((r) => clamp(r, -128, 127));
    for (let round = 0; round < (sat ? 4 : 1); round++) {
      const f = fitMinimax(ts, target, deg);
      const err = Math.max(...ts.map((t, i) => errAt(evalPoly(f.c, t), rs[i])));
      if (err <= tau) return f.c;
      target = ts.map((t, i) => {
        const y = evalPoly(f.c, t);
        return rs[i] <= -128 ? Math.min(y, -128 - tau / 2) : rs[i] >= 127 ? Math.max(y, 127 + tau / 2) : rs[i];
      });
    }
  }
  return undefined;
}

/** Greedy segmentation of [qa, qb] at tolerance tau (each segment as long as a fit allows: doubling then
 *  bisection on its length). */
function segment(qa: number, qb: number, steps: Float64Array, tau: number, maxSegs: number): { a: number; n: number; c: number[] }[] | undefined {
  const segs: { a: number; n: number; c: number[] }[] = [];
  let a = qa;
  while (a <= qb) {
    if (segs.length === maxSegs) return undefined;
    const room = qb - a + 1;
    let good = 1, c = fitSegment(a, 1, steps, tau) ?? [clamp(steps[a + 128], -128, 127), 0, 0, 0];
    let bad = room + 1;
    for (let n = 4; n < bad; n *= 2) {
      const f = fitSegment(a, Math.min(n, room), steps, tau);
      if (!f) { bad = Math.min(n, room); break; }
      good = Math.min(n, room);
      c = f;
      if (good === room) break;
    }
    while (bad - good > 1) {
      const mid = (good + bad) >> 1;
      const f = fitSegment(a, mid, steps, tau);
      if (f) { good = mid; c = f; } else bad = mid;
    }
    segs.push({ a, n: good, c });
    a += good;
  }
  return segs;
}

/** Builds the kernel's coefficients for op at the given params and quantization. */
export function buildPoly8(op: OpDescriptor, p: Params, input: QuantParams, output: QuantParams): Poly8 {
  const code = new Int32Array(256), steps = new Float64Array(256);
  for (let q = -128; q <= 127; q++) {
    const pt = refPoint(op, p, q, input, output, "int8");
    code[q + 128] = pt.code;
    steps[q + 128] = pt.steps;
  }
  let qa = -128, qb = 127;
  while (qa < 127 && code[qa + 128] === code[0]) qa++;
  while (qb > qa && code[qb + 128] === code[255]) qb--;
  let segs: { a: number; n: number; c: number[] }[] | undefined;
  let tauUsed = Infinity;
  for (const tau of TAUS) {
    segs = segment(qa, qb, steps, tau, POLY8_SEGMENTS);
    if (segs) { tauUsed = tau; break; }
  }
  // no tolerance fits in 8 segments: the loosest one, its last segment stretched to qb
  if (!segs) {
    segs = segment(qa, qb, steps, TAUS[TAUS.length - 1], 256)!.slice(0, POLY8_SEGMENTS);
    const last = segs[segs.length - 1];
    const n = qb - last.a + 1;
    const ts: number[] = [], rs: number[] = [];
    for (let q = last.a; q <= qb; q++) {
      ts.push(((q - last.a) * invOf(n)) / 32768);
      rs.push(clamp(steps[q + 128], -128, 127));
    }
    segs[segs.length - 1] = { a: last.a, n, c: fitMinimax(ts, rs, Math.min(3, n - 1)).c };
  }
  // every partial Horner sum is bounded by Σ|c_j| (t < 1): keep it below 2^15 so no i16 add saturates
  let maxC = 1;
  for (const sg of segs) maxC = Math.max(maxC, sg.c.reduce((a, v) => a + Math.abs(v), 0) + 2);
  const F = clamp(Math.floor(Math.log2(30000 / maxC)), 0, 7);
  const S = POLY8_SEGMENTS;
  const k: Poly8 = {
    qa, qb, F, tau: tauUsed, segments: segs.length, left: code[0], right: code[255],
    start: Int16Array.from({ length: S }, (_, s) => (s < segs!.length ? segs![s].a : 0)),
    inv: Int16Array.from({ length: S }, (_, s) => (s < segs!.length ? invOf(segs![s].n) : 0)),
    bounds: Int16Array.from({ length: S }, (_, i) => (i + 1 < segs!.length ? segs![i + 1].a : 32767)),
    coef: [0, 1, 2, 3].map((j) => Int16Array.from({ length: S }, (_, s) => (s < segs!.length ? sat16(Math.round(segs![s].c[j] * 2 ** F)) : 0))),
  };
  // re-centre each segment on the error band of its quantized coefficients
  for (let s = 0; s < segs.length; s++) {
    let lo = Infinity, hi = -Infinity;
    for (let q = segs[s].a; q < segs[s].a + segs[s].n; q++) {
      const r = steps[q + 128];
      if (r <= -128 || r >= 127) continue;
      const err = hornerAcc(q, k) / 2 ** F - r;
      lo = Math.min(lo, err);
      hi = Math.max(hi, err);
    }
    if (lo <= hi) k.coef[0][s] = sat16(k.coef[0][s] - Math.round(((lo + hi) / 2) * 2 ** F));
  }
  return k;
}

/** The params block (layout above). */
export function poly8Bytes(k: Poly8): Uint8Array {
  const b = new Uint8Array(POLY8_BYTES);
  const v = new DataView(b.buffer);
  const tables = [...k.coef, k.start, k.inv, k.bounds];
  tables.forEach((t, j) => t.forEach((x, s) => v.setInt16(j * 16 + s * 2, x, true)));
  [k.qa, k.qb, k.F, k.left, k.right].forEach((x, i) => v.setInt32(112 + i * 4, x, true));
  return b;
}
