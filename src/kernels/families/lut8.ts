// int8, method lut: every elementwise op through one 256-entry table kernel (assembly/lut.ts).
import { OPS } from "../../ops/index.js";
import type { KernelSpec } from "../spec.js";
import { buildLut8ByCode } from "../../tables/lut8.js";
import { lut8TrimLayout } from "../../tables/lut8-trim.js";

export function lut8Kernels(): KernelSpec[] {
  return OPS.filter((op) => op.kind === "elementwise").map((op) => ({
    op, dtype: "int8", method: "lut", exportName: "i8_lut256_trim", anyOp: true,
    algorithm: { simd: "trim", scalar: "load" },
    prepare: (k) => lut8TrimLayout(buildLut8ByCode(k.op, k.params, k.input!, k.output!), k.input!.zeroPoint),
  }));
}
