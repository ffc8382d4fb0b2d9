// int8/int16 softmax and log_softmax, method `accurate` (assembly/qrows/softmax.ts).
import { getOp } from "../../ops/index.js";
import { num, type KernelSpec } from "../spec.js";
import { prepareSoftmaxAccurate, prepareLogSoftmaxAccurate } from "../prepare/qsoftmax.js";

export function qSoftmaxKernels(): KernelSpec[] {
  return [
    {
      op: getOp("softmax"), dtype: "int8", method: "accurate", exportName: "i8_softmax_exp256", shape: "rows",
      outDtypes: ["int8", "int16"], algorithm: { simd: "exp256recip", scalar: "exp256recip" },
      prepare: (k) => prepareSoftmaxAccurate(num(k.params.beta), k.input!, k.output!, "int8", k.outDtype as "int8" | "int16"),
      defaultOutput: (_i, outDtype) => (outDtype === "int16" ? { scale: 1 / 65536, zeroPoint: -32768 } : { scale: 1 / 256, zeroPoint: -128 }),
    },
    {
      op: getOp("softmax"), dtype: "int16", method: "accurate", exportName: "i16_softmax_exp2x256", shape: "rows",
      algorithm: { simd: "exp2x256recip", scalar: "exp2x256recip" },
      prepare: (k) => prepareSoftmaxAccurate(num(k.params.beta), k.input!, k.output!, "int16", "int16"),
      defaultOutput: () => ({ scale: 1 / 32768, zeroPoint: 0 }),
    },
    {
      op: getOp("log_softmax"), dtype: "int8", method: "accurate", exportName: "i8_log_softmax_exp256", shape: "rows",
      algorithm: { simd: "exp256log257", scalar: "exp256log257" },
      prepare: (k) => prepareLogSoftmaxAccurate(num(k.params.beta), k.input!, k.output!),
      defaultOutput: () => ({ scale: 16 / 256, zeroPoint: 127 }),
    },
  ];
}
