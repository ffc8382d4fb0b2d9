// Tails of the int16 `lut` and `poly` kernels (header written by src/tables/lut16.ts int16Domain):
// codes below qa give the left constant; codes above qb the right tail, kind 0 a constant, kind 1 the
// line slope·x by the pwl2 code of ../qpwl.ts (i64), kind 2 the same line in i32 with a split multiplier.
// Why kind 2 exists: i16_lut513 on silu runs at 426 M elem/s with the i32 line against 283 M with the
// i64 line (SIMD build, CPU time, n = 2^20; node bench/q16-tails.mjs).
import { pwl2Scalar, pwl2I32x4 } from "../qpwl";

// ---- header layout (bytes; records follow at LUT16_RECORDS) ----
export const QA: i32 = 0;
export const SPAN: i32 = 4;
export const MUL: i32 = 8;
export const FRAC_BITS: i32 = 12;
export const LEFT: i32 = 16;
export const QB: i32 = 20;
export const RIGHT_KIND: i32 = 24;
export const RIGHT: i32 = 28;
export const RIGHT_PWL2: i32 = 32;
// kind 2 line (i32): y = (d·mh + ((d·ml) >> 15) + C) >> s2, d = q − zp ≥ 1
export const LINE_ZP: i32 = 32;
export const LINE_MH: i32 = 36;
export const LINE_ML: i32 = 40;
export const LINE_S2: i32 = 44;
export const LINE_C: i32 = 48;
export const RECORDS: i32 = 64;
export const T_BITS: i32 = 15;

// @ts-ignore: decorator
@inline function lineScalar(q: i32, p: usize): i32 {
  const d = q - load<i32>(p, LINE_ZP);
  const y = (d * load<i32>(p, LINE_MH) + ((d * load<i32>(p, LINE_ML)) >> 15) + load<i32>(p, LINE_C)) >> load<i32>(p, LINE_S2);
  return y < -32768 ? -32768 : y > 32767 ? 32767 : y;
}

// @ts-ignore: decorator
@inline function lineI32x4(q: v128, p: usize, zp: v128, mh: v128, ml: v128, c: v128): v128 {
  const d = i32x4.sub(q, zp);
  const a = i32x4.add(i32x4.mul(d, mh), i32x4.shr_s(i32x4.mul(d, ml), 15));
  const y = i32x4.shr_s(i32x4.add(a, c), load<i32>(p, LINE_S2));
  return i32x4.min_s(i32x4.max_s(y, i32x4.splat(-32768)), i32x4.splat(32767));
}

/** The right tail of one code (q > qb). */
// @ts-ignore: decorator
@inline export function rightTailScalar(q: i32, p: usize, kind: i32): i32 {
  return kind == 2 ? lineScalar(q, p) : kind == 1 ? pwl2Scalar(q, p + RIGHT_PWL2) : load<i32>(p, RIGHT);
}

/** y where qa ≤ q ≤ qb, the tails elsewhere (i32x4 lanes). The header values come splatted from
 *  the kernel's entry, once per call: the engine cannot hoist loads past the stores of the kernel's loop. */
// @ts-ignore: decorator
@inline export function withTailsI32x4(q: v128, y: v128, p: usize, kind: i32,
  qa: v128, qb: v128, left: v128, right: v128, zp: v128, mh: v128, ml: v128, c: v128): v128 {
  const r = kind == 2 ? lineI32x4(q, p, zp, mh, ml, c) : kind == 1 ? pwl2I32x4(q, p + RIGHT_PWL2) : right;
  const withRight = v128.bitselect(r, y, i32x4.gt_s(q, qb));
  return v128.bitselect(left, withRight, i32x4.lt_s(q, qa));
}

/** True when the tails need no select: each tail is either unreachable by int16 codes (qa = −32768,
 *  qb = 32767: the table covers every code, as at the default quantizations) or a constant the table part
 *  already gives at its end (the table part clamps q − qa into [0, span], so the code at qa, resp. qb = qa + span,
 *  is what every code beyond gets). yqa, yqb: the table part's codes at qa and qb (scalar code). The SIMD
 *  kernels then skip both compare-and-selects. */
// @ts-ignore: decorator
@inline export function tailsFree(p: usize, yqa: i32, yqb: i32): bool {
  const qa = load<i32>(p, QA), qb = load<i32>(p, QB);
  return (qa <= -32768 || yqa == load<i32>(p, LEFT)) &&
    (qb >= 32767 || (load<i32>(p, RIGHT_KIND) == 0 && qb == qa + load<i32>(p, SPAN) && yqb == load<i32>(p, RIGHT)));
}
