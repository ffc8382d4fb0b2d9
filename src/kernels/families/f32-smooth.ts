// f32, method accurate: the smooth family (assembly/f32/sigmoid.ts, tanh.ts, elu.ts): each op is
// evaluated in float64 lanes and rounded once to f32 (algorithm `f64`), except elu and celu at
// alpha = 1, whose kernels switch to an f32-lane expm1 at run time under the same name
// (assembly/f32/elu.ts). Measured accuracy over all 2^32 inputs: docs/accuracy.md, "f32 smooth kernels".
import { getOp } from "../../ops/index.js";
import { f64Params, num, type KernelSpec, type Params } from "../spec.js";

const F32_SMOOTH: Record<string, (p: Params) => Uint8Array> = {
  sigmoid: () => f64Params(),
  tanh: () => f64Params(),
  silu: () => f64Params(),
  gelu_tanh: () => f64Params(),
  mish: () => f64Params(),
  elu: (p) => f64Params(num(p.alpha)),
  selu: (p) => f64Params(num(p.alpha), num(p.scale)),
  celu: (p) => f64Params(num(p.alpha)),
  softplus: (p) => f64Params(num(p.beta)),
  gelu: () => f64Params(),
};

// method fast: f32 lanes, one division per element (assembly/f32/sigmoid-fast.ts, tanh-fast.ts); ≥ 1.5× `accurate`
// in the benchmark, as design.md asks of a fast method.
const F32_SMOOTH_FAST: Record<string, string> = { sigmoid: "rr2_p6_div", silu: "rr2_p6_div", tanh: "expm1_rr2_p6_div" };

export function f32SmoothKernels(): KernelSpec[] {
  return [
    ...Object.entries(F32_SMOOTH).map(([name, prepare]): KernelSpec => ({
      op: getOp(name), dtype: "f32", method: "accurate", exportName: `f32_${name}`,
      algorithm: { simd: "f64", scalar: "f64" }, prepare: (x) => prepare(x.params),
    })),
    ...Object.entries(F32_SMOOTH_FAST).map(([name, algo]): KernelSpec => ({
      op: getOp(name), dtype: "f32", method: "fast", exportName: `f32_${name}_fast`,
      algorithm: { simd: algo, scalar: algo }, prepare: () => f64Params(),
    })),
  ];
}
