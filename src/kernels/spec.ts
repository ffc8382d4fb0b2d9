// What a kernel is: (op, dtype, method) → a WASM export, its calling shape, and a prepare function
// that turns validated params and quantization into the bytes the export reads.
import type { OpDescriptor } from "../ops/index.js";
import type { DType, Method, Params, QuantParams } from "../types.js";

export type Isa = "simd" | "scalar";
/** A WASM build: an instruction set, or the relaxed-SIMD build, which runs the SIMD algorithms. */
export type Engine = Isa | "relaxed";

export interface PrepareInput {
  op: OpDescriptor;
  params: Params;
  dtype: DType;
  /** output dtype (differs from dtype only for kernels that declare outDtypes) */
  outDtype: DType;
  /** present for int8/int16 */
  input?: QuantParams;
  output?: QuantParams;
}

/**
 * How the export is called (the ABI, docs/abi.md):
 * - elementwise: fn(inPtr, outPtr, n, paramsPtr)
 * - rows:        fn(inPtr, outPtr, rows, rowLength, paramsPtr)     softmax, log_softmax
 * - channels:    fn(inPtr, outPtr, n, channels, paramsPtr)         prelu (channel = last axis)
 * - groups:      fn(inPtr, outPtr, nOut, k, paramsPtr)             maxout (n = nOut·k)
 */
export type KernelShape = "elementwise" | "rows" | "channels" | "groups";

export interface KernelSpec {
  op: OpDescriptor;
  dtype: DType;
  method: Method;
  /** the WASM export */
  exportName: string;
  /** calling convention; default elementwise */
  shape?: KernelShape;
  /** output dtypes this kernel can produce (default: [dtype]); the first is the default */
  outDtypes?: DType[];
  /** true when prepare works for any elementwise op with a float64 reference: the kernel is then
   *  offered to user-defined ops too (registry genericKernelsFor) */
  anyOp?: boolean;
  /** true for the kernels that return d/dx of the op (prepare({..., derivative: true})) */
  derivative?: boolean;
  /** algorithm part of the name, per instruction set */
  algorithm: Record<Isa, string>;
  /** bytes the export reads at paramsPtr (8-byte aligned when written) */
  prepare(k: PrepareInput): Uint8Array;
  /** output quantization used when the caller gives none (default: the op's conventional one);
   *  for kernels whose reference fixes it, e.g. TFLM softmax 1/256 with zero point −128 */
  defaultOutput?(input: QuantParams, outDtype: DType, params: Params): QuantParams;
}

export const DTYPE_PREFIX: Record<DType, string> = { f32: "f32", int8: "i8", int16: "i16" };

export function kernelName(spec: KernelSpec, isa: Engine): string {
  const op = spec.derivative ? `${spec.op.name}_grad` : spec.op.name;
  return `${DTYPE_PREFIX[spec.dtype]}_${op}__${isa}_${spec.method}_${spec.algorithm[isa === "relaxed" ? "simd" : isa]}`;
}

/** A params block of little-endian float64 values (at least 8 bytes). */
export function f64Params(...values: number[]): Uint8Array {
  const b = new Uint8Array(Math.max(8, values.length * 8));
  const v = new DataView(b.buffer);
  values.forEach((x, i) => v.setFloat64(i * 8, x, true));
  return b;
}

export const num = (v: unknown) => v as number;

export type { Params, QuantParams, Method };
