// int16, method lut: interpolated 512-segment table with midpoint bias correction and exact tails
// (assembly/q16/lut.ts; tables built by src/tables/lut16.ts).
import { getOp } from "../../ops/index.js";
import type { KernelSpec } from "../spec.js";
import { buildLut16, LUT16_TAILS } from "../../tables/lut16.js";

export function q16LutKernels(): KernelSpec[] {
  return Object.keys(LUT16_TAILS).map((name) => ({
    op: getOp(name), dtype: "int16", method: "lut", exportName: "i16_lut513",
    algorithm: { simd: "lut513", scalar: "lut513" },
    prepare: (k) => buildLut16(k.op, k.params, k.input!, k.output!).bytes,
  }));
}
