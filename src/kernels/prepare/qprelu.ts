// Prepare for PRELU `fixed` (assembly/qprelu.ts): one pwl2 block per channel, slopes 1 (x ≥ 0)
// and alpha[c] (x < 0), no offset, no clamps beyond the output type.
import { preparePwl2, PWL2_PARAM_BYTES } from "./fixed.js";
import type { QuantParams } from "../../types.js";

/** Lanes of the int16 SIMD lane table (assembly/qprelu.ts): lcm(channels, 8) up to this many, else none. */
const PRELU_LANES_MAX = 512;

export function preparePreluFixed(alpha: number | number[], input: QuantParams, output: QuantParams, dtype: "int8" | "int16"): Uint8Array {
  const alphas = Array.isArray(alpha) ? alpha : [alpha];
  // int16 with several channels: room for the lane table the SIMD kernel fills on its first call
  // (16-byte header {i32 state = 0, i32 lanes} + six i32 arrays), zeros but for the lane count
  let lanes = alphas.length;
  while (lanes % 8) lanes += alphas.length;
  if (lanes > PRELU_LANES_MAX) lanes = 0;
  const table = dtype === "int16" && alphas.length > 1 ? 16 + 24 * lanes : 0;
  const bytes = new Uint8Array(PWL2_PARAM_BYTES * alphas.length + table);
  if (table) new DataView(bytes.buffer).setInt32(PWL2_PARAM_BYTES * alphas.length + 4, lanes, true);
  alphas.forEach((a, c) => {
    bytes.set(preparePwl2({ slopePos: 1, slopeNeg: a, offset: 0, yMin: -Infinity, yMax: Infinity }, input, output, dtype), c * PWL2_PARAM_BYTES);
  });
  return bytes;
}
