export type DType = "f32" | "int8" | "int16";
export const DTYPES: readonly DType[] = ["f32", "int8", "int16"];

export type Method = "accurate" | "fast" | "lut" | "fixed" | "poly" | "table" | "tflm";
export const METHODS: readonly Method[] = ["accurate", "fast", "lut", "fixed", "poly", "table", "tflm"];

/** Affine quantization: real = scale · (q − zeroPoint). */
export interface QuantParams {
  scale: number;
  zeroPoint: number;
}

/** Op parameters after defaults and validation (per-channel params are arrays). */
export type Params = Record<string, number | number[]>;

export type TypedArrayOf<D extends DType> = D extends "f32" ? Float32Array : D extends "int8" ? Int8Array : Int16Array;
export type AnyTypedArray = Float32Array | Int8Array | Int16Array;
