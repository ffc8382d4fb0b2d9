// int16 `table` tables (the only producer; the kernel is assembly/q16/table.ts): the float64 reference
// run on every one of the 65,536 input codes, correctly rounded (ties settled in high precision,
// accuracy/reference.ts) and saturated, as the int8 `lut` does for its 256 codes. The constant runs at
// both ends (where the output has saturated or reached a constant asymptote) are dropped when that leaves
// at most 49,152 codes: the kernel then clamps the code into [lo, hi] first. Built in prepare; nothing is
// committed as generated data.
// Layout in WASM memory: 0: i32 lo · 4: i32 hi · 8..15: 0 · 16: (hi − lo + 1) i16 outputs, entry j for
// input code lo + j.
import type { OpDescriptor } from "../ops/index.js";
import { refCodes } from "../accuracy/reference.js";
import type { Params, QuantParams } from "../types.js";

export const TABLE16_HEADER = 16;

/** Outputs of all 65,536 codes in code order (index 0 = code −32768). */
export function buildTable16ByCode(op: OpDescriptor, p: Params, input: QuantParams, output: QuantParams): Int16Array {
  return refCodes(op, p, input, output, "int16") as Int16Array;
}

/** Trimming keeps at most this many codes; a table that would keep more keeps all 65,536 (≤ 32 KiB more),
 *  for which the SIMD kernel reads the codes straight from the input instead of clamping them first
 *  (1.2–1.6× faster on Gaussian codes, 0.87–1.04× on uniformly spread ones: assembly/q16/table.ts). */
export const TABLE16_TRIM_MAX = 49152;

/** The params block: header and the entries of codes lo..hi (constant ends dropped, see TABLE16_TRIM_MAX). */
export function table16Layout(byCode: Int16Array): Uint8Array {
  let lo = 0, hi = 65535;
  while (lo < hi && byCode[lo + 1] === byCode[0]) lo++;
  while (hi > lo && byCode[hi - 1] === byCode[65535]) hi--;
  if (hi - lo + 1 > TABLE16_TRIM_MAX) [lo, hi] = [0, 65535];
  const count = hi - lo + 1;
  const bytes = new Uint8Array(TABLE16_HEADER + 2 * count);
  const v = new DataView(bytes.buffer);
  v.setInt32(0, lo - 32768, true);
  v.setInt32(4, hi - 32768, true);
  new Int16Array(bytes.buffer, TABLE16_HEADER, count).set(byCode.subarray(lo, hi + 1));
  return bytes;
}
