// PRELU (per-channel alpha, last axis), method `fixed`, int8 and int16 (assembly/qprelu.ts).
import { getOp } from "../../ops/index.js";
import type { KernelSpec } from "../spec.js";
import { preparePreluFixed } from "../prepare/qprelu.js";

export function qPreluKernels(): KernelSpec[] {
  return (["int8", "int16"] as const).map((dtype) => ({
    op: getOp("prelu"), dtype, method: "fixed", shape: "channels",
    exportName: dtype === "int8" ? "i8_prelu_pwl2" : "i16_prelu_pwl2",
    algorithm: { simd: "pwl2", scalar: "pwl2" },
    prepare: (k) => preparePreluFixed(k.params.alpha, k.input!, k.output!, dtype),
  }));
}
