// The one list of kernels. Tests, the benchmark, the CLI and the report enumerate KERNELS; nothing
// else keeps a list. Each family module (src/kernels/families/) contributes its kernels here.
// Kernel names follow docs/naming.md: <i8|i16|f32>_<op>__<simd|scalar>_<method>_<algorithm>.
import type { OpDescriptor } from "../ops/index.js";
import { QactError, show } from "../errors.js";
import { findOp } from "../ops/index.js";
import type { DType, Method } from "../types.js";
import { METHODS, DTYPES } from "../types.js";
import type { KernelSpec } from "./spec.js";
import { f32PwlKernels } from "./families/f32-pwl.js";
import { fixedKernels } from "./families/fixed.js";
import { lut8Kernels } from "./families/lut8.js";
import { q16LutKernels } from "./families/q16-lut.js";
import { q16TableKernels } from "./families/q16-table.js";
import { tflmKernels } from "./families/tflm.js";
import { qSoftmaxKernels } from "./families/q-softmax.js";
import { qPreluKernels } from "./families/q-prelu.js";
import { f32SmoothKernels } from "./families/f32-smooth.js";
import { f32RowKernels } from "./families/f32-rows.js";
import { f32DerivativeKernels } from "./families/f32-derivative.js";
import { q8PolyKernels } from "./families/q8-poly.js";
import { q16PolyKernels } from "./families/q16-poly.js";

export { kernelName, type KernelSpec, type KernelShape, type Isa, type PrepareInput } from "./spec.js";

export const KERNELS: readonly KernelSpec[] = [
  ...f32PwlKernels(),
  ...fixedKernels(),
  ...lut8Kernels(),
  ...q16LutKernels(),
  ...q16TableKernels(),
  ...tflmKernels(),
  ...qSoftmaxKernels(),
  ...qPreluKernels(),
  ...f32SmoothKernels(),
  ...f32RowKernels(),
  ...f32DerivativeKernels(),
  ...q8PolyKernels(),
  ...q16PolyKernels(),
];

/** Method used when none is given: the first listed here that the op has in that dtype. */
const DEFAULT_METHOD_ORDER: Record<DType, Method[]> = {
  f32: ["accurate", "fast"],
  int8: ["lut", "fixed", "poly", "accurate", "tflm"],
  int16: ["lut", "poly", "fixed", "table", "accurate", "tflm"],
};

/** Kernels of the op (the op's own, or with derivative = true the d/dx kernels). */
export function kernelsFor(op: string, dtype?: DType, derivative = false): KernelSpec[] {
  return KERNELS.filter((k) => k.op.name === op && (dtype === undefined || k.dtype === dtype) && (k.derivative === true) === derivative);
}

/** Finds the kernel, or explains exactly what is available. */
export function findKernel(op: OpDescriptor, dtype: DType, method?: string, derivative = false): KernelSpec {
  if (!DTYPES.includes(dtype)) throw new QactError("dtype", `unknown dtype ${show(dtype)}; valid: ${DTYPES.join(", ")}`);
  if (method !== undefined && !METHODS.includes(method as Method)) {
    throw new QactError("method", `unknown method ${show(method)}; valid: ${METHODS.join(", ")}`);
  }
  const avail = findOp(op.name) === op ? kernelsFor(op.name, dtype, derivative) : genericKernelsFor(op, dtype);
  if (avail.length === 0 && derivative) {
    const other = kernelsFor(op.name, undefined, true).map((k) => k.dtype);
    throw new QactError("derivative", `${op.name} has no ${dtype} derivative kernel` +
      (other.length ? ` (available: ${[...new Set(other)].join(", ")})` : " (derivatives exist for the f32 elementwise ops and prelu)"));
  }
  if (avail.length === 0) {
    const other = (findOp(op.name) === op ? kernelsFor(op.name) : genericKernelsFor(op)).map((k) => `${k.dtype}/${k.method}`);
    throw new QactError("dtype", `${op.name} has no ${dtype} kernel yet` +
      (other.length ? ` (available: ${[...new Set(other)].join(", ")})` : " in this version"));
  }
  if (method === undefined) {
    for (const m of DEFAULT_METHOD_ORDER[dtype]) {
      const k = avail.find((a) => a.method === m);
      if (k) return k;
    }
  }
  const k = avail.find((a) => a.method === method);
  if (!k) {
    const what = derivative ? `the derivative of ${op.name}` : op.name;
    throw new QactError("method", `${what} has no ${dtype} method ${show(method)} (available: ${avail.map((a) => a.method).join(", ")})`);
  }
  return k;
}

/**
 * Kernels for an op that is not in the catalog (a user-defined activation): the families whose prepare
 * works for any elementwise op (KernelSpec.anyOp: int8 lut, int16 table), their spec reused with the op
 * swapped.
 */
export function genericKernelsFor(op: OpDescriptor, dtype?: DType): KernelSpec[] {
  if (op.kind !== "elementwise" || !op.ref) return [];
  const out: KernelSpec[] = [];
  const seen = new Set<string>();
  for (const k of KERNELS) {
    const key = `${k.dtype}/${k.method}/${k.exportName}`;
    if (!k.anyOp || seen.has(key) || (dtype !== undefined && k.dtype !== dtype)) continue;
    seen.add(key);
    out.push({ ...k, op });
  }
  return out;
}
