// What the model readers report: every activation op with its quantization.
import type { Params, QuantParams } from "../types.js";

/** A tensor's element type as the model states it (only int8/int16 have qact kernels). */
export type ModelDType = "int8" | "int16" | "uint8" | "uint16" | "int32" | "float32" | "float16" | "other";

export interface TensorQuant {
  dtype: ModelDType;
  /** per-tensor quantization; undefined for float tensors */
  quant?: QuantParams;
  /** set when the tensor has per-channel (more than one) scales: qact reports the first */
  perChannel?: number;
  name?: string;
}

export interface ActivationSite {
  /** qact's canonical op name */
  op: string;
  /** the model's own op name (LOGISTIC, Sigmoid, …) */
  modelOp: string;
  /** where: "subgraph 0, operator 3" / "node 5 (name)" */
  where: string;
  params: Params;
  input: TensorQuant;
  output: TensorQuant;
  /** true when both sides are int8 or int16 with per-tensor scale and zero point */
  quantized: boolean;
  notes: string[];
}

export interface ModelReport {
  format: "tflite" | "onnx";
  /** TFLite schema version / ONNX IR version and opsets */
  version: string;
  activations: ActivationSite[];
}
