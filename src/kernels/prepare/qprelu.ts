// Prepare for PRELU `fixed` (assembly/qprelu.ts): one pwl2 block per channel, slopes 1 (x ≥ 0)
// and alpha[c] (x < 0), no offset, no clamps beyond the output type.
import { preparePwl2, PWL2_PARAM_BYTES } from "./fixed.js";
import type { QuantParams } from "../../types.js";

export function preparePreluFixed(alpha: number | number[], input: QuantParams, output: QuantParams, dtype: "int8" | "int16"): Uint8Array {
  const alphas = Array.isArray(alpha) ? alpha : [alpha];
  const bytes = new Uint8Array(PWL2_PARAM_BYTES * alphas.length);
  alphas.forEach((a, c) => {
    bytes.set(preparePwl2({ slopePos: 1, slopeNeg: a, offset: 0, yMin: -Infinity, yMax: Infinity }, input, output, dtype), c * PWL2_PARAM_BYTES);
  });
  return bytes;
}
