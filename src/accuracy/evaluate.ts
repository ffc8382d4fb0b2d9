// Exhaustive evaluation of a prepared kernel: every int8/int16 code, or an f32 sample of the op's
// domain plus the special values, run through the kernel and measured against float64.
import type { Kernel } from "../runtime/runtime.js";
import { allCodes } from "../quant/dtype.js";
import { measureF32, measureQuantized, type F32Metrics, type QuantMetrics } from "./metrics.js";
import { sampleF32 } from "./f32space.js";
import { evaluateRowKernel, rowMetricsAsQuant } from "./rows.js";

export type KernelMetrics = ({ kind: "quant" } & QuantMetrics) | ({ kind: "f32"; sample: string } & F32Metrics);

/** Default f32 sample: 2^20 values evenly spaced (in f32 order) over the op's domain, plus specials. */
export const F32_SAMPLE_COUNT = 1 << 20;

export function evaluateKernel(k: Kernel, f32Count = F32_SAMPLE_COUNT): KernelMetrics {
  // quantized row kernels (softmax, log_softmax): the row evaluator's rows (src/accuracy/rows.ts)
  if (k.spec.shape === "rows" && k.dtype !== "f32") return { kind: "quant", ...rowMetricsAsQuant(evaluateRowKernel(k), k) };
  if (k.dtype === "f32") {
    const [lo, hi] = k.op.domain;
    const xs = sampleF32(lo, hi, f32Count);
    const ys = k.run(xs);
    const m = measureF32((x) => k.op.ref!(x, k.params), xs, ys);
    return { kind: "f32", sample: `${xs.length} f32 evenly spaced in [${lo}, ${hi}] + specials`, ...m };
  }
  const codes = allCodes(k.dtype);
  const ys = k.run(codes);
  return { kind: "quant", ...measureQuantized(k.op, k.params, codes, ys, k.input!, k.output!, k.dtype) };
}
