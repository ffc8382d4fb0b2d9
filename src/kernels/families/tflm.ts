// Method `tflm`: bit-exact with the TensorFlow Lite Micro reference kernels (assembly/tflm/).
// Scalar code in both builds (see the header of assembly/tflm/elementwise.ts), so the algorithm
// name is the same for simd and scalar.
import { getOp } from "../../ops/index.js";
import { num, type KernelSpec } from "../spec.js";
import type { DType, QuantParams } from "../../types.js";
import {
  prepareGemmlowpQ8, prepareTableQ16, prepareRelu, prepareLeakyRelu, prepareRelu6, prepareHardswishQ8,
  preparePrelu, prepareEluQ8, prepareSoftmaxQ8, prepareSoftmaxQ16, prepareLogSoftmaxQ8,
} from "../prepare/tflm.js";

type IntDType = "int8" | "int16";

function spec(op: string, dtype: IntDType, exportName: string, algo: string,
  prepare: KernelSpec["prepare"], defaultOutput?: KernelSpec["defaultOutput"]): KernelSpec {
  return {
    op: getOp(op), dtype, method: "tflm", exportName, algorithm: { simd: algo, scalar: algo }, prepare,
    ...(defaultOutput ? { defaultOutput } : {}),
  };
}

const fixedOut = (q: QuantParams) => (): QuantParams => q;
/** RELU6 in TFLM keeps the input's codes, so its output quantization is the input's. */
const sameAsInput = (input: QuantParams, _d: DType) => input;

export function tflmKernels(): KernelSpec[] {
  const ks: KernelSpec[] = [
    spec("sigmoid", "int8", "i8_tflm_logistic", "gemmlowp",
      (k) => prepareGemmlowpQ8("sigmoid", k.input!, k.output!), fixedOut({ scale: 1 / 256, zeroPoint: -128 })),
    spec("tanh", "int8", "i8_tflm_tanh", "gemmlowp",
      (k) => prepareGemmlowpQ8("tanh", k.input!, k.output!), fixedOut({ scale: 1 / 128, zeroPoint: 0 })),
    spec("sigmoid", "int16", "i16_tflm_logistic", "lut256",
      (k) => prepareTableQ16("sigmoid", k.input!, k.output!), fixedOut({ scale: 2 ** -15, zeroPoint: 0 })),
    spec("tanh", "int16", "i16_tflm_tanh", "lut256",
      (k) => prepareTableQ16("tanh", k.input!, k.output!), fixedOut({ scale: 2 ** -15, zeroPoint: 0 })),
    spec("hardswish", "int8", "i8_tflm_hardswish", "q15",
      (k) => prepareHardswishQ8(k.input!, k.output!)),
    // ELU: TFLM builds a 256-entry table in float32 at prepare; the eval is the table lookup
    spec("elu", "int8", "i8_lut256", "lut256", (k) => prepareEluQ8(num(k.params.alpha), k.input!, k.output!)),
    // SOFTMAX / LOG_SOFTMAX along rows; the output quantization is fixed by TFLM
    {
      ...spec("softmax", "int8", "i8_tflm_softmax", "gemmlowp",
        (k) => prepareSoftmaxQ8(num(k.params.beta), k.input!, k.output!, k.outDtype as IntDType),
        (_i, outDtype) => (outDtype === "int16" ? { scale: 1 / 65536, zeroPoint: -32768 } : { scale: 1 / 256, zeroPoint: -128 })),
      shape: "rows", outDtypes: ["int8", "int16"],
    },
    {
      ...spec("softmax", "int16", "i16_tflm_softmax", "lut513",
        (k) => prepareSoftmaxQ16(num(k.params.beta), k.input!, k.output!), fixedOut({ scale: 1 / 32768, zeroPoint: 0 })),
      shape: "rows",
    },
    {
      ...spec("log_softmax", "int8", "i8_tflm_log_softmax", "gemmlowp",
        (k) => prepareLogSoftmaxQ8(num(k.params.beta), k.input!, k.output!), fixedOut({ scale: 16 / 256, zeroPoint: 127 })),
      shape: "rows",
    },
  ];
  for (const dtype of ["int8", "int16"] as const) {
    const pre = dtype === "int8" ? "i8" : "i16";
    ks.push(
      spec("relu", dtype, `${pre}_tflm_requant2`, "requant", (k) => prepareRelu(k.input!, k.output!, dtype)),
      spec("relu6", dtype, `${pre}_tflm_clamp`, "clamp", (k) => prepareRelu6(k.input!, dtype), sameAsInput),
      spec("leaky_relu", dtype, `${pre}_tflm_requant2`, "requant2",
        (k) => prepareLeakyRelu(num(k.params.alpha), k.input!, k.output!, dtype)),
      { ...spec("prelu", dtype, `${pre}_tflm_prelu`, "requant2",
        (k) => preparePrelu(k.params.alpha, k.input!, k.output!)), shape: "channels" },
    );
  }
  return ks;
}
