// f32, method accurate: the piecewise-linear family (assembly/f32/pwl.ts).
import { getOp } from "../../ops/index.js";
import { f64Params, num, type KernelSpec, type Params } from "../spec.js";

const F32_PWL: Record<string, { algo: string; prepare: (p: Params) => Uint8Array }> = {
  identity: { algo: "copy", prepare: () => f64Params() },
  step: { algo: "cmp", prepare: () => f64Params() },
  relu: { algo: "andnot", prepare: () => f64Params() },
  relu6: { algo: "pminandnot", prepare: () => f64Params() },
  hard_tanh: {
    algo: "pminmax",
    prepare: (p) => {
      const b = new Uint8Array(8), v = new DataView(b.buffer);
      v.setFloat32(0, num(p.min_val), true);
      v.setFloat32(4, num(p.max_val), true);
      return b;
    },
  },
  // {f64 alpha @0, f64 isF32 @8}: an f32 alpha takes the f32-lane path (assembly/f32/pwl.ts)
  leaky_relu: { algo: "f64mul", prepare: (p) => f64Params(num(p.alpha), Math.fround(num(p.alpha)) === num(p.alpha) ? 1 : 0) },
  hard_sigmoid: { algo: "f64", prepare: (p) => f64Params(num(p.alpha), num(p.beta)) },
  hardswish: { algo: "f64", prepare: () => f64Params() },
};

export function f32PwlKernels(): KernelSpec[] {
  return Object.entries(F32_PWL).map(([name, k]) => ({
    op: getOp(name), dtype: "f32", method: "accurate", exportName: `f32_${name}`,
    algorithm: { simd: k.algo, scalar: k.algo }, prepare: (x) => k.prepare(x.params),
  }));
}
