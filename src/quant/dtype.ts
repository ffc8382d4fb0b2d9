import type { DType, AnyTypedArray } from "../types.js";

export interface IntRange {
  min: number;
  max: number;
}

export const INT_RANGE: Record<"int8" | "int16", IntRange> = {
  int8: { min: -128, max: 127 },
  int16: { min: -32768, max: 32767 },
};

export const BYTES_PER_ELEMENT: Record<DType, number> = { f32: 4, int8: 1, int16: 2 };

export function isIntDType(d: DType): d is "int8" | "int16" {
  return d === "int8" || d === "int16";
}

export function typedArrayCtor(d: DType): Float32ArrayConstructor | Int8ArrayConstructor | Int16ArrayConstructor {
  return d === "f32" ? Float32Array : d === "int8" ? Int8Array : Int16Array;
}

export function dtypeOfArray(a: unknown): DType | undefined {
  if (a instanceof Float32Array) return "f32";
  if (a instanceof Int8Array) return "int8";
  if (a instanceof Int16Array) return "int16";
  return undefined;
}

export function newTypedArray(d: DType, n: number): AnyTypedArray {
  return new (typedArrayCtor(d))(n);
}

/** Every code of an integer dtype, from min to max. */
export function allCodes(d: "int8" | "int16"): Int8Array | Int16Array {
  const { min, max } = INT_RANGE[d];
  const a = d === "int8" ? new Int8Array(max - min + 1) : new Int16Array(max - min + 1);
  for (let i = 0; i < a.length; i++) a[i] = min + i;
  return a;
}
