// int8, method poly: piecewise cubic in i16 lanes, table-free (assembly/q8/poly.ts; coefficients
// built by src/tables/poly8.ts).
import { getOp } from "../../ops/index.js";
import type { KernelSpec } from "../spec.js";
import { buildPoly8, poly8Bytes } from "../../tables/poly8.js";

export const POLY8_OPS = ["sigmoid", "tanh", "silu", "hardswish", "gelu", "elu"];

export function q8PolyKernels(): KernelSpec[] {
  return POLY8_OPS.map((name) => ({
    op: getOp(name), dtype: "int8", method: "poly", exportName: "i8_poly3",
    algorithm: { simd: "p3s8swz", scalar: "p3s8" },
    prepare: (k) => poly8Bytes(buildPoly8(k.op, k.params, k.input!, k.output!)),
  }));
}
