// Model files → activation ops with quantization (TFLite FlatBuffers, ONNX QDQ), and budget rows.
import { extname } from "node:path";
import { QactError } from "../errors.js";
import { readTflite } from "./tflite.js";
import { readOnnx } from "./onnx.js";
import type { ModelReport } from "./types.js";

export { readTflite } from "./tflite.js";
export { readOnnx } from "./onnx.js";
export type { ModelReport, ActivationSite, TensorQuant, ModelDType } from "./types.js";

/** Reads a model by its content (TFLite's "TFL3" identifier) or extension (.onnx). */
export function readModel(bytes: Uint8Array, source: string): ModelReport {
  const ext = extname(source).toLowerCase();
  const isTflite = bytes.length >= 8 && String.fromCharCode(...bytes.subarray(4, 8)) === "TFL3";
  let report: ModelReport;
  if (isTflite || ext === ".tflite") report = readTflite(bytes, source);
  else if (ext === ".onnx" || ext === "") report = readOnnx(bytes, source);
  else throw new QactError("model", `${source}: unknown model format ${JSON.stringify(ext)} (supported: .tflite, .onnx)`);
  return report;
}

/** The report, or an error when the model has no quantized activation op. */
export function requireQuantizedActivations(r: ModelReport, source: string): ModelReport {
  if (r.activations.length === 0) {
    throw new QactError("model", `${source} has no activation ops (looked for sigmoid/logistic, tanh, hard_swish, relu, relu6, leaky_relu, prelu, elu, gelu, softmax, log_softmax)`);
  }
  if (!r.activations.some((a) => a.quantized)) {
    throw new QactError("model", `${source} has ${r.activations.length} activation op(s) but none is quantized to int8/int16 with per-tensor scale and zero point`);
  }
  return r;
}
