// Test vectors published in TensorFlow Lite Micro's own kernel tests (tensorflow/tflite-micro,
// tensorflow/lite/micro/kernels/{logistic,tanh,activations}_test.cc). The float inputs and goldens
// are TFLM's; so are the quantization parameters and tolerances (in output codes) of each case.
// TFLM quantizes both through tflite::Quantize (float32 round(x / scale) + zero point, clamped).

const lin = (from: number, to: number, n: number) =>
  Array.from({ length: n }, (_, i) => Number((from + ((to - from) * i) / (n - 1)).toFixed(10)));

export interface TflmVector {
  name: string;
  op: "sigmoid" | "tanh" | "relu" | "relu6";
  dtype: "int8" | "int16";
  input: number[];
  golden: number[];
  inScale: number;
  inZp: number;
  outScale: number;
  outZp: number;
  /** |expected code − output code| allowed by the TFLM test (0: exact) */
  tolerance: number;
}

const sig = (x: number) => 1 / (1 + Math.exp(-x));

export const TFLM_VECTORS: TflmVector[] = [
  { // logistic_test.cc LogisticQuantizedInt8BasicShouldMatchGolden
    name: "LogisticQuantizedInt8Basic", op: "sigmoid", dtype: "int8",
    input: [1, 2, 3, 4, 5, -1, -2, -3, -4, -5],
    golden: [0.73105858, 0.88079708, 0.95257413, 0.98201379, 0.99330715, 0.26894142, 0.11920292, 0.04742587, 0.01798621, 0.00669285],
    inScale: 0.1, inZp: 0, outScale: 1 / 255, outZp: -128, tolerance: 1,
  },
  { // logistic_test.cc LogisticQuantizedInt8WideRangeShouldMatchGolden
    name: "LogisticQuantizedInt8WideRange", op: "sigmoid", dtype: "int8",
    input: [1, 2, 3, 4, 93, -1, -2, -3, -4, -93],
    golden: [0.73105858, 0.88079708, 0.95257413, 0.98201379, 1.0, 0.26894142, 0.11920292, 0.04742587, 0.01798621, 0.0],
    inScale: 1.0, inZp: 0, outScale: 1 / 255, outZp: -128, tolerance: 1,
  },
  { // logistic_test.cc LogisticQuantizedInt16ShouldMatchGolden: 177 inputs −20..20 step 40/176;
    // the published goldens are sigmoid of those inputs to 10 decimals (recomputed here)
    name: "LogisticQuantizedInt16", op: "sigmoid", dtype: "int16",
    input: lin(-20, 20, 177), golden: lin(-20, 20, 177).map(sig),
    inScale: 32 / 65536, inZp: 0, outScale: 2 / 65536, outZp: 0, tolerance: 16,
  },
  { // tanh_test.cc SimpleTestTanhUInt8 (int8): the array holds 90 floats of which 89 are listed,
    // −8..8 step 2/11 (the 90th is the zero fill); goldens tanh(x) to 10 decimals (recomputed here)
    name: "SimpleTestTanhInt8", op: "tanh", dtype: "int8",
    input: [...lin(-8, 8, 89), 0], golden: [...lin(-8, 8, 89), 0].map(Math.tanh),
    inScale: 16 / 256, inZp: 0, outScale: 1.99999955 / 256, outZp: 0, tolerance: 2,
  },
  { // tanh_test.cc TestTanhInt16WideRange: 177 inputs −20..20, goldens tanh(x)
    name: "TestTanhInt16WideRange", op: "tanh", dtype: "int16",
    input: lin(-20, 20, 177), golden: lin(-20, 20, 177).map(Math.tanh),
    inScale: 32 / 65536, inZp: 0, outScale: 2 / 65536, outZp: 0, tolerance: 16,
  },
  { // activations_test.cc SimpleReluTestInt8 (exact)
    name: "SimpleReluTestInt8", op: "relu", dtype: "int8",
    input: [1, 2, 3, 4, 5, -1, -2, -3, -4, -5], golden: [1, 2, 3, 4, 5, 0, 0, 0, 0, 0],
    inScale: 0.5, inZp: 0, outScale: 0.5, outZp: 0, tolerance: 0,
  },
  { // activations_test.cc SimpleRelu6TestInt8 (exact)
    name: "SimpleRelu6TestInt8", op: "relu6", dtype: "int8",
    input: [4, 5, 6, 7, 8, -1, -2, -3, -4, -5], golden: [4, 5, 6, 6, 6, 0, 0, 0, 0, 0],
    inScale: 0.5, inZp: 127, outScale: 0.5, outZp: 127, tolerance: 0,
  },
  { // activations_test.cc SimpleRelu6TestInt16 (exact)
    name: "SimpleRelu6TestInt16", op: "relu6", dtype: "int16",
    input: [4, 5, 6, 7, 8, -1, -2, -3, -4, -5], golden: [4, 5, 6, 6, 6, 0, 0, 0, 0, 0],
    inScale: 0.5, inZp: 0, outScale: 0.5, outZp: 0, tolerance: 0,
  },
];

/** tflite::Quantize as TFLM's tests use it: float32 x / scale, rounded half away, plus the zero
 *  point, clamped to the type. */
export function tfliteQuantize(values: number[], scale: number, zp: number, dtype: "int8" | "int16"): number[] {
  const [lo, hi] = dtype === "int8" ? [-128, 127] : [-32768, 32767];
  const f = Math.fround;
  return values.map((v) => {
    const s = f(f(v) / f(scale));
    const r = s < 0 ? -Math.round(-s) : Math.round(s);
    return Math.min(hi, Math.max(lo, r + zp));
  });
}

/** softmax_test.cc: the 4-D input (shape [2,3,4,5], rows of 5 along the last axis); its first 60
 *  values are the 3-D test's input. The goldens there are softmax of each row to 9 decimals; the
 *  tests recompute them in float64 (src/ops/catalog/rows.ts). */
export const TFLM_SOFTMAX_4D: number[] = [
  3, 6, -5, 4, -9, -10, -10, -8, 2, 2, 8, -5, -8, 5, -6, -8, 6, 1, -10, -8,
  7, 6, -10, -4, -5, 2, 7, 9, -9, 7, -4, -2, 8, 2, 2, 3, 6, 6, 2, 4,
  9, 7, -7, 0, 4, -3, 8, 8, -3, -4, -9, -9, 4, -8, -1, -10, -2, 6, -7, 0,
  -9, -8, 6, -1, -5, -10, -5, -10, 7, -2, -5, -4, 1, 2, 2, -2, -2, 1, 1, -4,
  -8, -3, 1, 1, -1, -2, 6, -1, -5, 6, -7, 8, 9, 0, 9, -9, -5, -2, 0, 8,
  4, 2, -3, 5, 8, -1, 1, -4, -9, 7, 3, -8, 0, 9, -4, 8, -1, 9, -9, 1,
];

/** softmax_test.cc quantized cases: input scale 0.1, zero point 0, rows of 5; tolerance in output
 *  codes (int8 → int8: 1; int16: 1 for the 1-D and 2-D cases, 7 for 3-D and 4-D). */
export const TFLM_SOFTMAX_CASES: Array<{ name: string; input: number[]; tolInt8: number; tolInt16: number }> = [
  { name: "1D", input: [1, 2, 3, 4, 5], tolInt8: 1, tolInt16: 1 },
  { name: "2D", input: [1, 2, 3, 4, 5, -1, -2, -3, -4, -5], tolInt8: 1, tolInt16: 1 },
  { name: "3D", input: TFLM_SOFTMAX_4D.slice(0, 60), tolInt8: 1, tolInt16: 7 },
  { name: "4D", input: TFLM_SOFTMAX_4D, tolInt8: 1, tolInt16: 7 },
];
