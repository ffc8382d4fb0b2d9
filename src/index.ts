// Public API of qact.
export { load, Runtime, Kernel, Tensor, checkIntValues } from "./runtime/runtime.js";
export type { LoadOptions, PrepareOptions } from "./runtime/runtime.js";
export { hostSupportsSimd, chooseEngine, type Engine } from "./runtime/load.js";
export { OPS, getOp, findOp, resolveParams } from "./ops/index.js";
export type { OpDescriptor, ParamSpec, OpKind, OpProperties } from "./ops/index.js";
export { KERNELS, findKernel, kernelName, type KernelSpec, type Isa } from "./kernels/registry.js";
export { QactError } from "./errors.js";
export { quantize, dequantize, validateQuant } from "./quant/params.js";
export { defaultInputQuant, defaultOutputQuant } from "./quant/defaults.js";
export { measureQuantized, measureF32, type QuantMetrics, type F32Metrics } from "./accuracy/metrics.js";
export type { DType, Method, QuantParams, Params } from "./types.js";
export { evaluateRowKernel, evaluationRows, type RowMetrics } from "./accuracy/rows.js";
