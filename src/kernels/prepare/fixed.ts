// Prepare for the integer `fixed` kernels (assembly/qpwl.ts): all float math happens here, once.
import { INT_RANGE } from "../../quant/dtype.js";
import { clamp, roundHalfAway } from "../../quant/rounding.js";
import { fixedBias, multiplierAt, normalizingShift, quantizeMultiplier } from "../../quant/multiplier.js";
import type { QuantParams } from "../../types.js";

/** A two-slope piecewise-linear function of the real input: y = (x < 0 ? slopeNeg : slopePos)·x + offset,
 *  clamped to [yMin, yMax] (±Infinity for none). */
export interface Pwl2 {
  slopePos: number;
  slopeNeg: number;
  offset: number;
  yMin: number;
  yMax: number;
}

export const PWL2_PARAM_BYTES = 32;
export const HARDSWISH_PARAM_BYTES = 48;

function outClamp(y: number, out: QuantParams, dtype: "int8" | "int16", fallback: number): number {
  const { min, max } = INT_RANGE[dtype];
  return Number.isFinite(y) ? clamp(roundHalfAway(y / out.scale + out.zeroPoint), min, max) : fallback;
}

/** Params block of i8_pwl2 / i16_pwl2 (layout: assembly/qpwl.ts). */
export function preparePwl2(f: Pwl2, input: QuantParams, out: QuantParams, dtype: "int8" | "int16"): Uint8Array {
  const { min, max } = INT_RANGE[dtype];
  const kPos = (f.slopePos * input.scale) / out.scale;
  const kNeg = (f.slopeNeg * input.scale) / out.scale;
  const bias = f.offset / out.scale + out.zeroPoint;
  // shift ≥ 1 (the rounding needs a half), and |bias| · 2^shift < 2^61 so the i64 sum cannot overflow.
  const maxShift = Math.min(62, 61 - Math.ceil(Math.log2(Math.abs(bias) + 1)));
  const shift = Math.max(1, Math.min(maxShift, normalizingShift(Math.max(Math.abs(kPos), Math.abs(kNeg)))));
  const bytes = new Uint8Array(PWL2_PARAM_BYTES);
  const v = new DataView(bytes.buffer);
  v.setInt32(0, input.zeroPoint, true);
  v.setInt32(4, multiplierAt(kPos, shift), true);
  v.setInt32(8, multiplierAt(kNeg, shift), true);
  v.setInt32(12, shift, true);
  v.setBigInt64(16, fixedBias(bias, shift), true);
  v.setInt32(24, outClamp(f.yMin, out, dtype, min), true);
  v.setInt32(28, outClamp(f.yMax, out, dtype, max), true);
  return bytes;
}

/** Params block of i8_hardswish / i16_hardswish (layout and steps: assembly/qpwl.ts). */
export function prepareHardswish(input: QuantParams, out: QuantParams, dtype: "int8" | "int16"): Uint8Array {
  const { min, max } = INT_RANGE[dtype];
  // h = (x/6 + 1/2) in Q0.30: hMul = sx/6 · 2^(30 + hShift), hShift in [1, 31] (hBias = 2^(29+hShift) < 2^61).
  const hShift = Math.max(1, Math.min(31, normalizingShift(input.scale / 6) - 30));
  const hMul = multiplierAt((input.scale / 6) * 2 ** 30, hShift);
  // d·h < 2^(8+30) (int8) or 2^(16+30) (int16): shifting by 7 / 15 leaves a value that fits int32.
  const prodShift = dtype === "int8" ? 7 : 15;
  // y = prod · 2^(prodShift − 30) · sx/so + zo; outShift ≤ 46 keeps |outBias| < 2^61.
  const k = (input.scale / out.scale) * 2 ** (prodShift - 30);
  const outM = quantizeMultiplier(k, 1, 46);
  const bytes = new Uint8Array(HARDSWISH_PARAM_BYTES);
  const v = new DataView(bytes.buffer);
  v.setInt32(0, input.zeroPoint, true);
  v.setInt32(4, hMul, true);
  v.setInt32(8, hShift, true);
  v.setInt32(12, prodShift, true);
  v.setBigInt64(16, 1n << BigInt(29 + hShift), true);
  v.setInt32(24, outM.m, true);
  v.setInt32(28, outM.shift, true);
  v.setBigInt64(32, BigInt(out.zeroPoint) << BigInt(outM.shift), true);
  v.setInt32(40, min, true);
  v.setInt32(44, max, true);
  return bytes;
}
