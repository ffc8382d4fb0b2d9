// The one list of kernels. Tests, the benchmark, the CLI and the report enumerate KERNELS; nothing
// else keeps a list. A kernel is (op, dtype, method) → a WASM export plus a prepare function that
// turns validated params and quantization into the bytes the export reads (params or table).
// Kernel names follow docs/naming.md: <i8|i16|f32>_<op>__<simd|scalar>_<method>_<algorithm>.
import { OPS, type OpDescriptor } from "../ops/index.js";
import { QactError, show } from "../errors.js";
import type { DType, Method, Params, QuantParams } from "../types.js";
import { METHODS, DTYPES } from "../types.js";
import { buildLut8ByCode, lut8KernelLayout } from "../tables/lut8.js";
import { preparePwl2, prepareHardswish, type Pwl2 } from "./prepare/fixed.js";

export type Isa = "simd" | "scalar";

export interface PrepareInput {
  op: OpDescriptor;
  params: Params;
  dtype: DType;
  /** present for int8/int16 */
  input?: QuantParams;
  output?: QuantParams;
}

export interface KernelSpec {
  op: OpDescriptor;
  dtype: DType;
  method: Method;
  /** the WASM export called as (inPtr, outPtr, n, paramsPtr) */
  exportName: string;
  /** algorithm part of the name, per instruction set */
  algorithm: Record<Isa, string>;
  /** bytes the export reads at paramsPtr */
  prepare(k: PrepareInput): Uint8Array;
}

const DTYPE_PREFIX: Record<DType, string> = { f32: "f32", int8: "i8", int16: "i16" };

export function kernelName(spec: KernelSpec, isa: Isa): string {
  return `${DTYPE_PREFIX[spec.dtype]}_${spec.op.name}__${isa}_${spec.method}_${spec.algorithm[isa]}`;
}

const num = (v: unknown) => v as number;

/** Piecewise-linear ops as two slopes, an offset and clamps (for the `fixed` method). */
const PWL2: Record<string, (p: Params) => Pwl2> = {
  identity: () => ({ slopePos: 1, slopeNeg: 1, offset: 0, yMin: -Infinity, yMax: Infinity }),
  relu: () => ({ slopePos: 1, slopeNeg: 0, offset: 0, yMin: 0, yMax: Infinity }),
  relu6: () => ({ slopePos: 1, slopeNeg: 0, offset: 0, yMin: 0, yMax: 6 }),
  leaky_relu: (p) => ({ slopePos: 1, slopeNeg: num(p.alpha), offset: 0, yMin: -Infinity, yMax: Infinity }),
  hard_tanh: (p) => ({ slopePos: 1, slopeNeg: 1, offset: 0, yMin: num(p.min_val), yMax: num(p.max_val) }),
  hard_sigmoid: (p) => ({ slopePos: num(p.alpha), slopeNeg: num(p.alpha), offset: num(p.beta), yMin: 0, yMax: 1 }),
};

function f64Params(...values: number[]): Uint8Array {
  const b = new Uint8Array(Math.max(8, values.length * 8));
  const v = new DataView(b.buffer);
  values.forEach((x, i) => v.setFloat64(i * 8, x, true));
  return b;
}

function buildKernels(): KernelSpec[] {
  const ks: KernelSpec[] = [];
  const opByName = (n: string) => OPS.find((o) => o.name === n)!;
  // f32, method accurate: the piecewise-linear family (assembly/f32/pwl.ts).
  const f32Pwl: Record<string, { algo: string; prepare: (p: Params) => Uint8Array }> = {
    identity: { algo: "copy", prepare: () => f64Params() },
    step: { algo: "cmp", prepare: () => f64Params() },
    relu: { algo: "pmax", prepare: () => f64Params() },
    relu6: { algo: "pminmax", prepare: () => f64Params() },
    hard_tanh: {
      algo: "pminmax",
      prepare: (p) => {
        const b = new Uint8Array(8), v = new DataView(b.buffer);
        v.setFloat32(0, num(p.min_val), true);
        v.setFloat32(4, num(p.max_val), true);
        return b;
      },
    },
    leaky_relu: { algo: "f64mul", prepare: (p) => f64Params(num(p.alpha)) },
    hard_sigmoid: { algo: "f64", prepare: (p) => f64Params(num(p.alpha), num(p.beta)) },
    hardswish: { algo: "f64", prepare: () => f64Params() },
  };
  for (const [name, k] of Object.entries(f32Pwl)) {
    ks.push({
      op: opByName(name), dtype: "f32", method: "accurate", exportName: `f32_${name}`,
      algorithm: { simd: k.algo, scalar: k.algo }, prepare: (x) => k.prepare(x.params),
    });
  }
  // int8/int16, method fixed (assembly/q8/pwl.ts, assembly/q16/pwl.ts).
  for (const dtype of ["int8", "int16"] as const) {
    const pre = DTYPE_PREFIX[dtype];
    for (const [name, f] of Object.entries(PWL2)) {
      ks.push({
        op: opByName(name), dtype, method: "fixed", exportName: `${pre}_pwl2`,
        algorithm: { simd: "pwl2", scalar: "pwl2" },
        prepare: (k) => preparePwl2(f(k.params), k.input!, k.output!, dtype),
      });
    }
    ks.push({
      op: opByName("hardswish"), dtype, method: "fixed", exportName: `${pre}_hardswish`,
      algorithm: { simd: "gate", scalar: "gate" },
      prepare: (k) => prepareHardswish(k.input!, k.output!, dtype),
    });
  }
  // int8, method lut: every elementwise op (assembly/lut.ts).
  for (const op of OPS) {
    if (op.kind !== "elementwise") continue;
    ks.push({
      op, dtype: "int8", method: "lut", exportName: "i8_lut256",
      algorithm: { simd: "swizzle", scalar: "load" },
      prepare: (k) => lut8KernelLayout(buildLut8ByCode(k.op, k.params, k.input!, k.output!)),
    });
  }
  return ks;
}

export const KERNELS: readonly KernelSpec[] = buildKernels();

/** Method used when none is given: the first listed here that the op has in that dtype. */
const DEFAULT_METHOD_ORDER: Record<DType, Method[]> = {
  f32: ["accurate", "fast"],
  int8: ["lut", "fixed", "poly", "tflm"],
  int16: ["lut", "poly", "fixed", "tflm"],
};

export function kernelsFor(op: string, dtype?: DType): KernelSpec[] {
  return KERNELS.filter((k) => k.op.name === op && (dtype === undefined || k.dtype === dtype));
}

/** Finds the kernel, or explains exactly what is available. */
export function findKernel(op: OpDescriptor, dtype: DType, method?: string): KernelSpec {
  if (!DTYPES.includes(dtype)) throw new QactError("dtype", `unknown dtype ${show(dtype)}; valid: ${DTYPES.join(", ")}`);
  if (method !== undefined && !METHODS.includes(method as Method)) {
    throw new QactError("method", `unknown method ${show(method)}; valid: ${METHODS.join(", ")}`);
  }
  const avail = kernelsFor(op.name, dtype);
  if (avail.length === 0) {
    const other = kernelsFor(op.name).map((k) => `${k.dtype}/${k.method}`);
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
    throw new QactError("method", `${op.name} has no ${dtype} method ${show(method)} (available: ${avail.map((a) => a.method).join(", ")})`);
  }
  return k;
}
