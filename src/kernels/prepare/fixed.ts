// Prepare for the integer `fixed` kernels (assembly/qpwl.ts): all float math happens here, once.
import { INT_RANGE } from "../../quant/dtype.js";
import { clamp, roundHalfAway } from "../../quant/rounding.js";
import { fixedBias, multiplierAt, normalizingShift } from "../../quant/multiplier.js";
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
export const HARDSWISH_PARAM_BYTES = 56;

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
  const k = input.scale / out.scale;
  const slope = input.scale / 6;
  // Full scale of the gate A = K·2^F ≤ 2^43 and |d·gMul| ≤ 2^17·2^44, so every i64 sum stays < 2^62.
  let f = Math.max(1, Math.min(45, 43 - Math.ceil(Math.log2(k))));
  while (f > 1 && k * 2 ** f * slope * 2 > 2 ** 44) f--;
  const a = k * 2 ** f;
  const gShift = Math.max(1, Math.min(Math.floor(Math.log2(2 ** 44 / (a * slope))), Math.floor(Math.log2(2 ** 60 / a))));
  const bytes = new Uint8Array(HARDSWISH_PARAM_BYTES);
  const v = new DataView(bytes.buffer);
  v.setInt32(0, input.zeroPoint, true);
  v.setInt32(4, gShift, true);
  v.setBigInt64(8, fixedBias(a * slope, gShift), true);
  v.setBigInt64(16, fixedBias(a / 2, gShift), true);
  v.setBigInt64(24, fixedBias(a, 0), true);
  v.setInt32(32, f, true);
  v.setBigInt64(40, BigInt(out.zeroPoint) << BigInt(f), true);
  v.setInt32(48, min, true);
  v.setInt32(52, max, true);
  return bytes;
}
