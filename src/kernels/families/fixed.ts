// int8/int16, method fixed: piecewise-linear ops in integer arithmetic (assembly/qpwl.ts).
import { getOp } from "../../ops/index.js";
import { DTYPE_PREFIX, num, type KernelSpec, type Params } from "../spec.js";
import { preparePwl2, prepareHardswish, type Pwl2 } from "../prepare/fixed.js";

/** Piecewise-linear ops as two slopes, an offset and clamps. */
const PWL2: Record<string, (p: Params) => Pwl2> = {
  identity: () => ({ slopePos: 1, slopeNeg: 1, offset: 0, yMin: -Infinity, yMax: Infinity }),
  relu: () => ({ slopePos: 1, slopeNeg: 0, offset: 0, yMin: 0, yMax: Infinity }),
  relu6: () => ({ slopePos: 1, slopeNeg: 0, offset: 0, yMin: 0, yMax: 6 }),
  leaky_relu: (p) => ({ slopePos: 1, slopeNeg: num(p.alpha), offset: 0, yMin: -Infinity, yMax: Infinity }),
  hard_tanh: (p) => ({ slopePos: 1, slopeNeg: 1, offset: 0, yMin: num(p.min_val), yMax: num(p.max_val) }),
  hard_sigmoid: (p) => ({ slopePos: num(p.alpha), slopeNeg: num(p.alpha), offset: num(p.beta), yMin: 0, yMax: 1 }),
};

/** The ops whose `fixed` kernel is the two-slope map (pwl2). */
export const PWL2_OPS: readonly string[] = Object.keys(PWL2);

export function fixedKernels(): KernelSpec[] {
  const ks: KernelSpec[] = [];
  for (const dtype of ["int8", "int16"] as const) {
    const pre = DTYPE_PREFIX[dtype];
    for (const [name, f] of Object.entries(PWL2)) {
      ks.push({
        op: getOp(name), dtype, method: "fixed", exportName: `${pre}_pwl2`,
        algorithm: { simd: "pwl2", scalar: "pwl2" },
        prepare: (k) => preparePwl2(f(k.params), k.input!, k.output!, dtype),
      });
    }
    ks.push({
      op: getOp("hardswish"), dtype, method: "fixed", exportName: `${pre}_hardswish`,
      algorithm: { simd: "gate", scalar: "gate" },
      prepare: (k) => prepareHardswish(k.input!, k.output!, dtype),
    });
  }
  return ks;
}
