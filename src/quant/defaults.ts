// Default quantization when the user gives none: the input covers the op's default domain; the
// output takes the conventional fixed range of bounded ops (int8 sigmoid: 1/256 with zero point
// −128; int16 sigmoid/tanh: 2^-15) and otherwise the input's quantization.
import type { OpDescriptor } from "../ops/index.js";
import type { Params, QuantParams } from "../types.js";
import { INT_RANGE } from "./dtype.js";
import { clamp, roundHalfAway } from "./rounding.js";

export function defaultInputQuant(op: OpDescriptor, dtype: "int8" | "int16"): QuantParams {
  const [lo, hi] = op.domain;
  if (dtype === "int16") return { scale: Math.max(-lo, hi) / 32768, zeroPoint: 0 };
  const scale = (hi - lo) / 256;
  return { scale, zeroPoint: clamp(roundHalfAway(-128 - lo / scale), -128, 127) };
}

export function defaultOutputQuant(op: OpDescriptor, dtype: "int8" | "int16", p: Params, input: QuantParams): QuantParams {
  const [lo, hi] = op.range(p);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return input;
  if (dtype === "int16") return { scale: Math.max(-lo, hi) / 32768, zeroPoint: 0 };
  const scale = (hi - lo) / 256;
  const { min, max } = INT_RANGE.int8;
  return { scale, zeroPoint: clamp(roundHalfAway(min - lo / scale), min, max) };
}
