// int16 `poly` coefficients (the only producer; the kernel is assembly/q16/poly.ts). Built in prepare
// for the given op, params and quantization; nothing is committed as generated data.
//
// Method. The same tails and table domain [qa, qb] as the int16 `lut` (int16Domain in ./lut16.ts), cut
// into 128 segments instead of 512. On each segment the op (in output steps, as a function of the position
// t ∈ [0, 1] inside the segment) is interpolated by a cubic at the 4 Chebyshev nodes of [0, 1] (within a
// small factor of the minimax cubic; the interpolation error is ≤ (h/2)^4·max|f''''|/(2^3·4!) for a
// segment of width h), converted to the power basis and stored as Q.k output steps in i32, k the largest
// that keeps |c1| + |c2| + |c3| < 0.9·2^19 so every Horner product (accumulator × t, t ≤ 2^12) fits in i32.
//
// Layout: the 64-byte header of int16Domain, then 128 records of 16 bytes: i32 c0, c1, c2, c3
// (one v128.load per lane in the SIMD build). 2112 bytes.
import { QactError, show } from "../errors.js";
import type { OpDescriptor } from "../ops/index.js";
import { roundHalfAway } from "../quant/rounding.js";
import type { Params, QuantParams } from "../types.js";
import { int16Domain, LUT16_HEADER_BYTES } from "./lut16.js";

export const POLY16_SEGMENTS = 128;
export const POLY16_RECORD_BYTES = 16;
export const POLY16_BYTES = LUT16_HEADER_BYTES + POLY16_SEGMENTS * POLY16_RECORD_BYTES;
const MIN_FRACTION_BITS = 4;
/** bits of the position inside a segment: 12 (not 15 as in the lut) leaves 19 bits for the Horner
 *  accumulator in an i32 product; a segment holds at most 2^16/128 = 512 codes, so t stays exact. */
export const POLY16_T_BITS = 12;
const ACC_LIMIT = 0.9 * 2 ** 19;

/** Chebyshev nodes of [0, 1] for a cubic. */
const NODES = [0, 1, 2, 3].map((j) => (1 - Math.cos(((2 * j + 1) * Math.PI) / 8)) / 2);

/** Power-basis coefficients of the cubic through (NODES[j], ys[j]) (4×4 Vandermonde solve). */
function cubicThrough(ys: number[]): number[] {
  const A = NODES.map((t, i) => [1, t, t * t, t * t * t, ys[i]]);
  for (let c = 0; c < 4; c++) {
    let piv = c;
    for (let r = c + 1; r < 4; r++) if (Math.abs(A[r][c]) > Math.abs(A[piv][c])) piv = r;
    [A[c], A[piv]] = [A[piv], A[c]];
    for (let r = 0; r < 4; r++) {
      if (r === c) continue;
      const f = A[r][c] / A[c][c];
      for (let k = c; k <= 4; k++) A[r][k] -= f * A[c][k];
    }
  }
  return A.map((row, i) => row[4] / row[i]);
}

export interface Poly16Table {
  bytes: Uint8Array;
  qa: number;
  qb: number;
  fractionBits: number;
}

export function buildPoly16(op: OpDescriptor, p: Params, input: QuantParams, output: QuantParams): Poly16Table {
  const { qa, qb, steps, codeAt, writeHeader, lastSegment } = int16Domain(op, p, input, output, POLY16_SEGMENTS, POLY16_T_BITS);
  const coef: number[][] = [];
  let maxHigh = 1, maxC0 = 1;
  // segments no code reaches stay 0 (their nodes may lie far outside the input range)
  for (let i = 0; i <= lastSegment; i++) {
    const ys = NODES.map((t) => steps(codeAt(i + t)));
    // a segment whose samples all lie beyond the int16 range by more than their spread saturates:
    // it becomes that saturated constant (the op is smooth, so it cannot come back inside the segment)
    const lo = Math.min(...ys), hi = Math.max(...ys);
    if (lo > 32768 + (hi - lo)) ys.fill(32769);
    else if (hi < -32769 - (hi - lo)) ys.fill(-32769);
    const c = cubicThrough(ys);
    coef.push(c);
    maxHigh = Math.max(maxHigh, Math.abs(c[1]) + Math.abs(c[2]) + Math.abs(c[3]) + 3);
    maxC0 = Math.max(maxC0, Math.abs(c[0]) + 1);
  }
  const k = Math.min(16, Math.floor(Math.log2(ACC_LIMIT / maxHigh)), Math.floor(Math.log2(2 ** 29 / maxC0)));
  if (!(k >= MIN_FRACTION_BITS)) {
    const minOut = (output.scale * maxHigh * 2 ** MIN_FRACTION_BITS) / ACC_LIMIT;
    throw new QactError("out-scale", `out-scale must be ≥ ${minOut.toPrecision(3)} for the int16 poly of ${op.name} at in-scale ${show(input.scale)}: ` +
      `one segment would span more than ${Math.floor(ACC_LIMIT / 2 ** MIN_FRACTION_BITS)} output steps (got ${show(output.scale)})`);
  }
  const bytes = new Uint8Array(POLY16_BYTES);
  const v = new DataView(bytes.buffer);
  coef.forEach((c, i) => c.forEach((x, j) => v.setInt32(LUT16_HEADER_BYTES + i * POLY16_RECORD_BYTES + j * 4, roundHalfAway(x * 2 ** k), true)));
  writeHeader(v, k);
  return { bytes, qa, qb, fractionBits: k };
}
