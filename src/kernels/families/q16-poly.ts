// int16, method poly: 128-segment piecewise cubic (Chebyshev-node fits, Horner in i32 lanes) with the
// exact tails of the int16 lut (assembly/q16/poly.ts; coefficients built by src/tables/poly16.ts).
import { getOp } from "../../ops/index.js";
import type { KernelSpec } from "../spec.js";
import { LUT16_TAILS } from "../../tables/lut16.js";
import { buildPoly16 } from "../../tables/poly16.js";

export function q16PolyKernels(): KernelSpec[] {
  return Object.keys(LUT16_TAILS).map((name) => ({
    op: getOp(name), dtype: "int16", method: "poly", exportName: "i16_poly3",
    algorithm: { simd: "p3s128", scalar: "p3s128" },
    prepare: (k) => buildPoly16(k.op, k.params, k.input!, k.output!).bytes,
  }));
}
