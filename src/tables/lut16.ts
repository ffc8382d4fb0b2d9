// int16 `lut` tables (the only producer; the kernel is assembly/q16/lut.ts). Built in prepare from the
// float64 reference for the given params and quantization; nothing is committed as generated data.
//
// Method. The input codes are split in three ranges:
//   q < qa        left tail:  the op's limit at −∞ (a constant code), e.g. 0 for sigmoid, −alpha for elu;
//   q > qb        right tail: the op's asymptote at +∞, a constant (sigmoid, tanh: 1) or a line
//                 slope·x (silu, gelu, …: x; selu: scale·x), evaluated by the pwl2 fixed-point code;
//   qa ≤ q ≤ qb   the table: 512 segments over [qa, qb] in code space.
// qa and qb are where the op meets its tails to within TAIL_EPS output steps (found by search on the
// float64 reference), clipped to the int16 code range, so the table always spends its 512 segments
// on the part of the input range where the function is not yet its asymptote, whatever the scale.
//
// The table has 513 nodes (values at the segment ends) plus, per segment, a bias correction at the
// segment midpoint: B = f(mid) − (E_i + E_i+1)/2. The kernel evaluates
//   y = E_i + D_i·t + B_i·4t(1 − t),  t ∈ [0, 1] the position inside the segment, D_i = E_i+1 − E_i,
// i.e. the parabola through both nodes and the midpoint (the midpoint correction removes the
// h²·f''/8 interpolation error that plain linear interpolation leaves; what remains is O(h³·f''')).
// Node values are in output steps with `k` fraction bits (k chosen so every D and B fits an i16).
//
// Record layout in WASM memory (after a 64-byte header), one 8-byte record per segment:
//   i32 E_i (Q.k output steps, output zero point included) · i16 D_i · i16 B_i
// 512 records = 4096 bytes (the 513th node is E_511 + D_511). Header (bytes):
//   0 qa · 4 span = max(1, qb − qa) · 8 M (position multiplier, Q15 segments per code) · 12 k
//   16 left-tail code · 20 qb · 24 right tail kind · 28 right-tail constant code · 32..63 the line:
//   kind 0 constant (also used from where the output saturates); kind 2 line slope·x in i32 (zp, mh, ml,
//   s2, C; when one input step is ≤ 16 output steps); kind 1 the same line by the pwl2 params of
//   assembly/qpwl.ts (i64, any slope)
// Accuracy: see assembly/q16/lut.ts (measured by test/kernels/q16-lut.test.ts).
import { QactError, show } from "../errors.js";
import type { OpDescriptor } from "../ops/index.js";
import { preparePwl2 } from "../kernels/prepare/fixed.js";
import { clamp, roundHalfAway } from "../quant/rounding.js";
import type { Params, QuantParams } from "../types.js";

export const LUT16_SEGMENTS = 512;
/** bits of the position inside a segment */
export const LUT16_T_BITS = 15;
export const LUT16_HEADER_BYTES = 64;
export const LUT16_RECORD_BYTES = 8;
export const LUT16_BYTES = LUT16_HEADER_BYTES + LUT16_SEGMENTS * LUT16_RECORD_BYTES;
/** A tail is used where the op is within this many output steps of its asymptote. */
export const TAIL_EPS = 2 ** -10;
/** Smallest number of fraction bits of the node values that keeps the arithmetic error ≤ 0.25 LSB. */
const MIN_FRACTION_BITS = 4;

/** The asymptotes of an op: y → left as x → −∞; y → slope·x + offset as x → +∞. */
export interface Tails {
  left: number;
  right: { slope: number; offset: number };
  /** x from which the right tail is exact (elu, selu: 0); otherwise found by search */
  exactRightFrom?: number;
  /** the smooth branch the table interpolates when it differs from the op past exactRightFrom (the last
   *  node may lie up to one segment beyond qb; interpolating through the kink at 0 would cost ~2 LSB) */
  tableFn?: (x: number) => number;
}

const num = (v: unknown) => v as number;

/** The ops with an int16 lut kernel and their tails (from their formulas, for the given params). */
export const LUT16_TAILS: Record<string, (p: Params) => Tails> = {
  sigmoid: () => ({ left: 0, right: { slope: 0, offset: 1 } }),
  tanh: () => ({ left: -1, right: { slope: 0, offset: 1 } }),
  silu: () => ({ left: 0, right: { slope: 1, offset: 0 } }),
  gelu: () => ({ left: 0, right: { slope: 1, offset: 0 } }),
  gelu_tanh: () => ({ left: 0, right: { slope: 1, offset: 0 } }),
  softplus: () => ({ left: 0, right: { slope: 1, offset: 0 } }),
  mish: () => ({ left: 0, right: { slope: 1, offset: 0 } }),
  elu: (p) => ({
    left: -num(p.alpha), right: { slope: 1, offset: 0 }, exactRightFrom: 0,
    tableFn: (x) => num(p.alpha) * Math.expm1(x),
  }),
  selu: (p) => ({
    left: -num(p.scale) * num(p.alpha), right: { slope: num(p.scale), offset: 0 }, exactRightFrom: 0,
    tableFn: (x) => num(p.scale) * num(p.alpha) * Math.expm1(x),
  }),
};

/**
 * The x beyond which |f(x) − tail(x)| < eps (in real units), searching outward from x = ±1 by doubling
 * then bisecting. Assumes (true for every op of LUT16_TAILS) that the gap decays monotonically beyond |x| = 1.
 */
export function tailBound(f: (x: number) => number, tail: (x: number) => number, side: -1 | 1, eps: number): number {
  const far = (x: number) => !(Math.abs(f(x) - tail(x)) >= eps); // NaN (inf − inf) counts as reached
  let inner = 1, outer = 1;
  while (!far(side * outer)) {
    inner = outer;
    outer *= 2;
    if (outer > 2 ** 40) return side * outer;
  }
  if (outer === 1) return side;
  for (let i = 0; i < 60; i++) {
    const mid = (inner + outer) / 2;
    if (far(side * mid)) outer = mid;
    else inner = mid;
  }
  return side * outer;
}

export interface Lut16Table {
  bytes: Uint8Array;
  qa: number;
  qb: number;
  fractionBits: number;
}

/** What the int16 `lut` and `poly` kernels share: the tails, the table domain [qa, qb], the position
 *  multiplier for `segments` segments (position in Q`tBits`), the reference in output steps, and the 64-byte header. */
export interface Int16Domain {
  qa: number;
  qb: number;
  span: number;
  M: number;
  /** the smooth function the segments approximate, in output steps, at a (fractional) input code */
  steps: (c: number) => number;
  /** writes the header (with k fraction bits) into the first 64 bytes of v */
  writeHeader: (v: DataView, k: number) => void;
  /** the input code at a position given in segments from qa */
  codeAt: (segs: number) => number;
  /** the last segment any code evaluates (−1: the table is never used, every code is in a tail) */
  lastSegment: number;
}

export function int16Domain(op: OpDescriptor, p: Params, input: QuantParams, output: QuantParams, segments: number,
  tBits = LUT16_T_BITS): Int16Domain {
  const tailsOf = LUT16_TAILS[op.name];
  if (!tailsOf) throw new QactError("op", `${op.name} has no int16 table builder`);
  const tails = tailsOf(p);
  const f = (x: number) => op.ref!(x, p);
  const s = input.scale, zp = input.zeroPoint, os = output.scale, ozp = output.zeroPoint;
  const eps = TAIL_EPS * os;
  const rightTail = (x: number) => tails.right.slope * x + tails.right.offset;
  const xL = tailBound(f, () => tails.left, -1, eps);
  let xR = tails.exactRightFrom ?? tailBound(f, rightTail, 1, eps);
  // right tail kind: 0 constant, 1 line by pwl2 (i64), 2 line in i32 (two 15-bit halves of the multiplier)
  let rightKind = tails.right.slope === 0 ? 0 : 1;
  let rightConst = clamp(roundHalfAway(tails.right.offset / os + ozp), -32768, 32767);
  if (rightKind === 1 && tails.exactRightFrom === undefined && f(xR) / os + ozp >= 32767.5) {
    // the output saturates before the op meets its line: a constant tail from there (every op here
    // with a rising right tail increases on [0, ∞)), so the table does not spend segments on it
    let lo = 0, hi = xR;
    if (f(0) / os + ozp >= 32767.5) hi = 0;
    for (let i = 0; i < 80 && hi > 0; i++) {
      const mid = (lo + hi) / 2;
      if (f(mid) / os + ozp >= 32767.5) hi = mid;
      else lo = mid;
    }
    xR = hi;
    rightKind = 0;
    rightConst = 32767;
  }
  const r = (tails.right.slope * s) / os;
  const s2 = rightKind === 1 ? Math.min(15, Math.floor(Math.log2(2 ** 14 / r))) : 0;
  if (rightKind === 1 && s2 >= 10) rightKind = 2;
  const qa = clamp(Math.ceil(xL / s + zp), -32768, 32768);
  const qb = clamp(Math.floor(xR / s + zp), -32769, 32767);
  const span = Math.max(1, qb - qa);
  // position in Q(tBits) segments: pos = (q − qa)·M ≤ segments·2^tBits ≤ 2^24, so node i sits at code qa + i·2^tBits/M
  // a single table code (qb = qa) needs only node 0: M = 0 puts every code there
  const M = qb > qa ? Math.floor((segments << tBits) / span) : 0;
  const g = tails.tableFn ?? f;
  const steps = (c: number) => g(s * (c - zp)) / os + ozp;
  /** the input code at position `segs` (in segments) from qa */
  const codeAt = (segs: number) => (M > 0 ? qa + (segs * 2 ** tBits) / M : qa);
  const code = (y: number) => clamp(roundHalfAway(y / os + ozp), -32768, 32767);
  const writeHeader = (v: DataView, k: number) => {
    v.setInt32(0, qa, true);
    v.setInt32(4, span, true);
    v.setInt32(8, M, true);
    v.setInt32(12, k, true);
    v.setInt32(16, code(tails.left), true);
    v.setInt32(20, qb, true);
    v.setInt32(24, rightKind, true);
    v.setInt32(28, rightConst, true);
    if (rightKind === 1) {
      const pw = preparePwl2({ slopePos: tails.right.slope, slopeNeg: tails.right.slope, offset: tails.right.offset, yMin: -Infinity, yMax: Infinity },
        input, output, "int16");
      new Uint8Array(v.buffer, v.byteOffset + 32, 32).set(pw);
    } else if (rightKind === 2) {
      // y = (d·mh + ((d·ml) >> 15) + C) >> s2, d = q − zp ≥ 1 (x > xR ≥ 0): m = round(r·2^(s2+15)) < 2^29,
      // |d·mh| < 2^30, d·ml < 2^31, C = ⌊(ozp + 1/2)·2^s2⌋; error ≤ 2^16·2^-(s2+16) + 2^-s2 ≤ 2^-9 LSB.
      const m = Math.round(r * 2 ** (s2 + 15));
      v.setInt32(32, zp, true);
      v.setInt32(36, Math.floor(m / 32768), true);
      v.setInt32(40, m % 32768, true);
      v.setInt32(44, s2, true);
      v.setInt32(48, Math.floor((ozp + 0.5) * 2 ** s2), true);
    }
  };
  // codes qa..qb evaluate d = 0..qb − qa only (span is at least 1 to keep M finite)
  const lastSegment = qb < qa ? -1 : Math.min(segments - 1, Math.floor(((qb - qa) * M) / 2 ** tBits));
  return { qa, qb, span, M, steps, codeAt, writeHeader, lastSegment };
}

/** Builds the header and the 512 records for op at the given params and quantization. */
export function buildLut16(op: OpDescriptor, p: Params, input: QuantParams, output: QuantParams): Lut16Table {
  const { qa, qb, steps, codeAt, writeHeader, lastSegment } = int16Domain(op, p, input, output, LUT16_SEGMENTS);
  const os = output.scale, s = input.scale;
  const node = new Float64Array(LUT16_SEGMENTS + 1);
  const mid = new Float64Array(LUT16_SEGMENTS);
  // segments no code reaches stay 0 (their nodes may lie far outside the input range)
  for (let i = 0; i <= lastSegment + 1; i++) node[i] = steps(codeAt(i));
  for (let i = 0; i <= lastSegment; i++) mid[i] = steps(codeAt(i + 0.5));
  // per segment: start value, end value, midpoint (records are independent, so a segment can differ
  // from its neighbours). A segment whose three samples all lie beyond the int16 range by more than
  // its own rise saturates: it becomes that saturated constant (the op is smooth, so it cannot come
  // back inside the segment), which keeps huge out-of-range values out of the fixed-point scaling.
  const SAT = 32768;
  const e0 = new Float64Array(LUT16_SEGMENTS), e1 = new Float64Array(LUT16_SEGMENTS), em = new Float64Array(LUT16_SEGMENTS);
  for (let i = 0; i <= lastSegment; i++) {
    e0[i] = node[i]; e1[i] = node[i + 1]; em[i] = mid[i];
    const lo = Math.min(e0[i], e1[i], em[i]), hi = Math.max(e0[i], e1[i], em[i]);
    if (lo > SAT + (hi - lo)) e0[i] = e1[i] = em[i] = SAT + 1;
    else if (hi < -SAT - 1 - (hi - lo)) e0[i] = e1[i] = em[i] = -SAT - 2;
  }
  // fraction bits: |D|, |B| < 2^15 and |E| < 2^30 after scaling by 2^k
  let maxD = 0, maxB = 0, maxE = 0;
  for (let i = 0; i <= lastSegment; i++) {
    maxD = Math.max(maxD, Math.abs(e1[i] - e0[i]) + 1);
    maxB = Math.max(maxB, Math.abs(em[i] - (e0[i] + e1[i]) / 2) + 1);
    maxE = Math.max(maxE, Math.abs(e0[i]) + 1, Math.abs(e1[i]) + 1);
  }
  const k = Math.min(16, Math.floor(Math.log2(32000 / Math.max(maxD, maxB))), Math.floor(Math.log2(2 ** 29 / maxE)));
  if (!(k >= MIN_FRACTION_BITS)) {
    const minOut = (os * Math.max(maxD, maxB) * 2 ** MIN_FRACTION_BITS) / 32000;
    throw new QactError("out-scale", `out-scale must be ≥ ${minOut.toPrecision(3)} for the int16 lut of ${op.name} at in-scale ${show(s)}: ` +
      `one table segment would span more than ${Math.floor(32000 / 2 ** MIN_FRACTION_BITS)} output steps (got ${show(os)})`);
  }
  const bytes = new Uint8Array(LUT16_BYTES);
  const v = new DataView(bytes.buffer);
  for (let i = 0; i <= lastSegment; i++) {
    const o = LUT16_HEADER_BYTES + i * LUT16_RECORD_BYTES;
    const E0 = roundHalfAway(e0[i] * 2 ** k), E1 = roundHalfAway(e1[i] * 2 ** k);
    v.setInt32(o, E0, true);
    v.setInt16(o + 4, E1 - E0, true);
    v.setInt16(o + 6, roundHalfAway(em[i] * 2 ** k - (E0 + E1) / 2), true);
  }
  writeHeader(v, k);
  return { bytes, qa, qb, fractionBits: k };
}
