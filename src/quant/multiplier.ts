// Fixed-point multipliers: a real factor r ≈ m · 2^-shift with m an int32 in [2^30, 2^31), the
// gemmlowp/TFLite "quantized multiplier" normalisation (relative error ≤ 2^-31), here with the
// shift clamped to a caller's range so the i64 accumulators cannot overflow.
import { roundHalfAway } from "./rounding.js";

const INT32_MAX = 2 ** 31 - 1;

/** Shift that puts |r| · 2^shift into [2^30, 2^31) (any shift for r = 0). */
export function normalizingShift(r: number): number {
  if (r === 0) return 62;
  return 30 - Math.floor(Math.log2(Math.abs(r)));
}

/** m = round(r · 2^shift), saturated to int32 (saturation only happens when the shift was capped
 *  low, where every nonzero input saturates the output anyway). */
export function multiplierAt(r: number, shift: number): number {
  const m = roundHalfAway(r * 2 ** shift);
  return Math.max(-INT32_MAX, Math.min(INT32_MAX, m));
}

/** round(v · 2^shift) as a BigInt (for i64 biases). */
export function fixedBias(v: number, shift: number): bigint {
  return BigInt(roundHalfAway(v * 2 ** shift));
}
