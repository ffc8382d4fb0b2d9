// int8, method lut: every elementwise op through one 256-entry table kernel (assembly/lut.ts).
import { OPS } from "../../ops/index.js";
import type { KernelSpec } from "../spec.js";
import { buildLut8ByCode, lut8KernelLayout } from "../../tables/lut8.js";

export function lut8Kernels(): KernelSpec[] {
  return OPS.filter((op) => op.kind === "elementwise").map((op) => ({
    op, dtype: "int8", method: "lut", exportName: "i8_lut256",
    algorithm: { simd: "swizzle", scalar: "load" },
    prepare: (k) => lut8KernelLayout(buildLut8ByCode(k.op, k.params, k.input!, k.output!)),
  }));
}
