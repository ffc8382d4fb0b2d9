// Exhaustive evaluation of a prepared kernel: every int8/int16 code, or an f32 sample of the op's
// domain plus the special values, run through the kernel and measured against float64.
import type { Kernel } from "../runtime/runtime.js";
import { allCodes } from "../quant/dtype.js";
import { measureF32, measureQuantized, type F32Metrics, type QuantMetrics } from "./metrics.js";
import { sampleF32 } from "./f32space.js";
import { measureRows, statedRows } from "./rows-f32.js";
import { evaluateRowKernel, type RowMetrics as QuantRowMetrics } from "./rows-quant.js";

export type KernelMetrics = ({ kind: "quant" } & QuantMetrics) | ({ kind: "quant-rows" } & QuantRowMetrics) | ({ kind: "f32"; sample: string } & F32Metrics);

/** Default f32 sample: 2^20 values evenly spaced (in f32 order) over the op's domain, plus specials. */
export const F32_SAMPLE_COUNT = 1 << 20;

export function evaluateKernel(k: Kernel, f32Count = F32_SAMPLE_COUNT): KernelMetrics {
  if (k.dtype === "f32" && (k.spec.shape === "rows" || k.spec.shape === "groups")) {
    const rows = statedRows(1, { multipleOf: k.spec.shape === "groups" ? (k.params.k as number) : 1 });
    const m = measureRows(k, rows);
    return { kind: "f32", sample: `${m.rows} stated rows (seed 1; lengths 1..4096, one-hot, all-equal, huge, tiny, −Inf entries)`, ...m };
  }
  if (k.dtype === "f32") {
    const [lo, hi] = k.op.domain;
    const xs = sampleF32(lo, hi, f32Count);
    const ys = k.run(xs);
    const f = k.derivative ? k.op.derivative! : k.op.ref!;
    const m = measureF32((x) => f(x, k.params), xs, ys);
    return { kind: "f32", sample: `${xs.length} f32 evenly spaced in [${lo}, ${hi}] + specials`, ...m };
  }
  if (k.spec.shape === "rows") return { kind: "quant-rows", ...evaluateRowKernel(k) };
  const codes = allCodes(k.dtype);
  const ys = k.run(codes);
  return { kind: "quant", ...measureQuantized(k.op, k.params, codes, ys, k.input!, k.output!, k.dtype) };
}
