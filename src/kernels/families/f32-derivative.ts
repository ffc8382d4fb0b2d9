// f32 derivatives (method accurate, algorithm f64): d/dx of every elementwise op, plus prelu's
// per-channel derivative. One WASM export (assembly/f32/derivative.ts f32_derivative) serves every
// elementwise op: prepare writes {f64 op id @0, f64 a @8, f64 b @16}. Requested with
// prepare({ op, dtype: "f32", derivative: true }) or `qact eval --derivative`.
import { getOp } from "../../ops/index.js";
import { f64Params, num, type KernelSpec, type Params } from "../spec.js";
import { preluParams } from "./f32-rows.js";

/** Op id (the switch of assembly/f32/derivative.ts) and the two params it reads. */
export const DERIVATIVE_OPS: Record<string, { id: number; params: (p: Params) => [number, number] }> = {
  identity: { id: 0, params: () => [0, 0] },
  step: { id: 1, params: () => [0, 0] },
  relu: { id: 2, params: () => [0, 0] },
  relu6: { id: 3, params: () => [0, 0] },
  leaky_relu: { id: 4, params: (p) => [num(p.alpha), 0] },
  elu: { id: 5, params: (p) => [num(p.alpha), 0] },
  selu: { id: 6, params: (p) => [num(p.alpha), num(p.scale)] },
  celu: { id: 7, params: (p) => [num(p.alpha), 0] },
  sigmoid: { id: 8, params: () => [0, 0] },
  hard_sigmoid: { id: 9, params: (p) => [num(p.alpha), num(p.beta)] },
  tanh: { id: 10, params: () => [0, 0] },
  hard_tanh: { id: 11, params: (p) => [num(p.min_val), num(p.max_val)] },
  silu: { id: 12, params: () => [0, 0] },
  hardswish: { id: 13, params: () => [0, 0] },
  gelu: { id: 14, params: () => [0, 0] },
  gelu_tanh: { id: 15, params: () => [0, 0] },
  mish: { id: 16, params: () => [0, 0] },
  softplus: { id: 17, params: (p) => [num(p.beta), 0] },
};

export function f32DerivativeKernels(): KernelSpec[] {
  const elementwise: KernelSpec[] = Object.entries(DERIVATIVE_OPS).map(([name, d]) => ({
    op: getOp(name), dtype: "f32", method: "accurate", derivative: true, exportName: "f32_derivative",
    algorithm: { simd: "f64", scalar: "f64" }, prepare: (k) => f64Params(d.id, ...d.params(k.params)),
  }));
  return [
    ...elementwise,
    {
      op: getOp("prelu"), dtype: "f32", method: "accurate", derivative: true, exportName: "f32_prelu_derivative",
      shape: "channels", algorithm: { simd: "select", scalar: "select" }, prepare: (k) => preluParams(k.params),
    },
  ];
}
