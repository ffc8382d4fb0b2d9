import { QactError, show } from "../errors.js";
import type { DType, QuantParams } from "../types.js";
import { INT_RANGE, isIntDType } from "./dtype.js";
import { clamp, roundHalfAway } from "./rounding.js";

/** Checks a quantization's scale and zero point; `field` is the name used in messages (e.g. "in-scale"). */
export function validateQuant(dtype: DType, q: Partial<QuantParams> | undefined, prefix: "in" | "out"): QuantParams {
  if (!isIntDType(dtype)) throw new QactError(`${prefix}-scale`, `${prefix}put quantization applies to int8/int16 only (dtype is ${dtype})`);
  if (q === undefined || q.scale === undefined) {
    throw new QactError(`${prefix}-scale`, `${prefix}-scale is required for dtype ${dtype}: a finite number > 0`);
  }
  const { scale } = q;
  if (typeof scale !== "number" || !Number.isFinite(scale) || scale <= 0) {
    throw new QactError(`${prefix}-scale`, `${prefix}-scale must be a finite number > 0 (got ${show(scale)})`);
  }
  if (scale < 1e-30 || scale > 1e30) {
    throw new QactError(`${prefix}-scale`, `${prefix}-scale must be in [1e-30, 1e30] (got ${show(scale)})`);
  }
  const zeroPoint = q.zeroPoint ?? 0;
  const { min, max } = INT_RANGE[dtype];
  if (typeof zeroPoint !== "number" || !Number.isInteger(zeroPoint) || zeroPoint < min || zeroPoint > max) {
    throw new QactError(`${prefix}-zp`, `${prefix}-zp must be an integer in [${min}, ${max}] for ${dtype} (got ${show(zeroPoint)})`);
  }
  return { scale, zeroPoint };
}

/** The real value of a code: scale · (q − zeroPoint), exact in float64. */
export function dequantize(q: number, p: QuantParams): number {
  return p.scale * (q - p.zeroPoint);
}

/** real → output steps (unrounded): real / scale + zeroPoint. */
export function toSteps(real: number, p: QuantParams): number {
  return real / p.scale + p.zeroPoint;
}

/** Correctly rounded, saturated code of a real value. */
export function quantize(real: number, p: QuantParams, dtype: "int8" | "int16"): number {
  const { min, max } = INT_RANGE[dtype];
  const s = toSteps(real, p);
  if (Number.isNaN(s)) return p.zeroPoint;
  return clamp(roundHalfAway(s), min, max);
}
