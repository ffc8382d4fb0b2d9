// int8 `lut` tables: the float64 reference run on every one of the 256 input codes, correctly
// rounded (ties settled in high precision, see accuracy/reference.ts) and saturated.
// Layout in WASM memory: entry k (0..255) holds the output for input code i8(k), i.e. codes
// 0..127 then −128..−1, so the kernel indexes with the input's raw byte. 256 bytes.
import type { OpDescriptor } from "../ops/index.js";
import { refCodes } from "../accuracy/reference.js";
import type { Params, QuantParams } from "../types.js";

export const LUT8_BYTES = 256;

/** Table in input-code order (index 0 = code −128). */
export function buildLut8ByCode(op: OpDescriptor, p: Params, input: QuantParams, output: QuantParams): Int8Array {
  return refCodes(op, p, input, output, "int8") as Int8Array;
}

/** The same table in the kernel's layout (index = raw byte of the input code). */
export function lut8KernelLayout(byCode: Int8Array): Uint8Array {
  const t = new Uint8Array(256);
  for (let q = -128; q <= 127; q++) t[q & 0xff] = byCode[q + 128] & 0xff;
  return t;
}
