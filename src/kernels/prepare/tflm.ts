// Prepare for the bit-exact `tflm` kernels (assembly/tflm/): TFLM's Prepare steps reproduced in
// TypeScript — the same float32 scale arithmetic (TFLite stores scales as float32, so every scale is
// read through Math.fround and float products are rounded to float32 where TFLM computes in float),
// the same double-precision QuantizeMultiplier / frexp, and the same parameter checks, reported as
// QactError. Sources (tensorflow/tflite-micro): micro/kernels/{logistic_common,tanh,
// activations_common,leaky_relu_common,hard_swish_common}.cc, kernels/internal/quantization_util.cc,
// micro/micro_utils.h (FloatToQuantizedType).
import { QactError } from "../../errors.js";
import { INT_RANGE } from "../../quant/dtype.js";
import { roundHalfAway } from "../../quant/rounding.js";
import type { QuantParams } from "../../types.js";
import { TFLM_SIGMOID_TABLE_U16 } from "../../tables/tflm-sigmoid.js";
import { genLutInt16, tflmEluTableQ8 } from "../../tables/tflm-luts.js";

const f32 = Math.fround;

/** C frexp for finite x ≠ 0: x = q·2^e with 0.5 ≤ |q| < 1. */
export function frexp(x: number): { q: number; e: number } {
  if (x === 0 || !Number.isFinite(x)) return { q: x, e: 0 };
  let e = Math.max(-1073, Math.floor(Math.log2(Math.abs(x))) + 1);
  let q = x / 2 ** e;
  while (Math.abs(q) >= 1) { q /= 2; e++; }
  while (Math.abs(q) < 0.5) { q *= 2; e--; }
  return { q, e };
}

/** TFLite QuantizeMultiplier: d ≈ m·2^(shift − 31), m in [2^30, 2^31); shift < −31 → (0, 0). */
export function quantizeMultiplier(d: number): { multiplier: number; shift: number } {
  if (d === 0) return { multiplier: 0, shift: 0 };
  let { q, e } = frexp(d);
  let m = roundHalfAway(q * 2 ** 31);
  if (m === 2 ** 31) { m /= 2; e++; }
  if (e < -31) return { multiplier: 0, shift: 0 };
  return { multiplier: m, shift: e };
}

/** TFLite CalculateInputRadius(integerBits, leftShift, 31). */
export function calculateInputRadius(integerBits: number, leftShift: number): number {
  return Math.floor(((2 ** integerBits - 1) * 2 ** (31 - integerBits)) / 2 ** leftShift);
}

/** TFLite CheckedLog2 (float32 arithmetic): the rounded log2 and whether x is a power of two. */
export function checkedLog2(x: number): { log2: number; pot: boolean } {
  const xLog2 = f32(f32(Math.log(f32(x))) * f32(1 / f32(Math.log(2))));
  const rounded = f32(roundHalfAway(xLog2));
  return { log2: rounded, pot: Math.abs(f32(xLog2 - rounded)) < f32(1e-3) };
}

function bytesOf(i32s: number[], extra = 0): { bytes: Uint8Array; view: DataView } {
  const bytes = new Uint8Array(Math.max(8, i32s.length * 4 + extra));
  const view = new DataView(bytes.buffer);
  i32s.forEach((v, i) => view.setInt32(i * 4, v, true));
  return { bytes, view };
}

/** int8 LOGISTIC / TANH (gemmlowp): i32 inZp, radius, multiplier, leftShift. */
export function prepareGemmlowpQ8(op: "sigmoid" | "tanh", input: QuantParams, output: QuantParams): Uint8Array {
  // TFLM checks only the output zero point of int8 LOGISTIC (−128). It writes codes on the scale
  // 1/256 (LOGISTIC) and 1/128 with zero point 0 (TANH) whatever the output tensor says; its own
  // tests use 1/255 and 1.99999955/256. We accept what TFLM accepts; the defaults are the exact
  // scales, and a different out-scale shows up as error in `qact eval`/report measurements.
  if (op === "sigmoid" && output.zeroPoint !== -128) {
    throw new QactError("out-zp", `tflm int8 sigmoid needs out-zp -128 (TFLM rejects others; got ${output.zeroPoint})`);
  }
  const real = f32(input.scale) * 2 ** (31 - 4);
  const { q, e } = frexp(real);
  if (e < 0) {
    throw new QactError("in-scale", `tflm int8 ${op} needs in-scale ≥ 2^-28 (TFLM's input radius is undefined below; got ${input.scale})`);
  }
  return bytesOf([input.zeroPoint, calculateInputRadius(4, e), roundHalfAway(q * 2 ** 31), e]).bytes;
}

/** int16 LOGISTIC / TANH (table): i32 multiplier, rightShift, then 256 u16 table entries. */
export function prepareTableQ16(op: "sigmoid" | "tanh", input: QuantParams, output: QuantParams): Uint8Array {
  if (input.zeroPoint !== 0) throw new QactError("in-zp", `tflm int16 ${op} needs in-zp 0 (TFLM rejects others; got ${input.zeroPoint})`);
  if (output.zeroPoint !== 0) throw new QactError("out-zp", `tflm int16 ${op} needs out-zp 0 (TFLM rejects others; got ${output.zeroPoint})`);
  const outLog = checkedLog2(output.scale);
  if (!outLog.pot || outLog.log2 !== -15) {
    throw new QactError("out-scale", `tflm int16 ${op} needs out-scale 2^-15 = ${2 ** -15} (TFLM rejects others; got ${output.scale})`);
  }
  const inLog = checkedLog2(input.scale);
  let shift = 12 + inLog.log2;
  let multiplier: number;
  const potShifts = op === "sigmoid" ? [0] : [0, 1];
  if (inLog.pot && potShifts.includes(shift)) {
    multiplier = 3 << shift; // TFLM's power-of-two case: input_multiplier = 3 << shift, shift 0
    shift = 0;
  } else {
    let m = f32(input.scale) * 4096 * 3;
    shift = 0;
    while (m <= 32767 / 2 && shift <= 30) { shift++; m *= 2; }
    multiplier = Math.trunc(m);
    if (multiplier > 32767) {
      throw new QactError("in-scale", `tflm int16 ${op} needs in-scale ≤ ${32767 / 12288} (TFLM's multiplier exceeds int16 above; got ${input.scale})`);
    }
  }
  const { bytes, view } = bytesOf([multiplier, shift], 512);
  TFLM_SIGMOID_TABLE_U16.forEach((v, k) => view.setUint16(8 + 2 * k, v, true));
  return bytes;
}

/** RELU (int8/int16): TFLM ReluQuantized params — i32 inZp, outZp, mul, shift, mul, shift, lo, hi. */
export function prepareRelu(input: QuantParams, output: QuantParams, dtype: "int8" | "int16"): Uint8Array {
  if (dtype === "int16") zeroPointsZero("relu", input, output);
  const { min, max } = INT_RANGE[dtype];
  const { multiplier, shift } = quantizeMultiplier(f32(input.scale) / f32(output.scale));
  // act_min = 0: zero point + (int)roundf(0 / scale) = the output zero point
  const lo = Math.max(min, output.zeroPoint);
  return bytesOf([input.zeroPoint, output.zeroPoint, multiplier, shift, multiplier, shift, lo, max]).bytes;
}

/** LEAKY_RELU (int8/int16): identity and alpha multipliers, clamped to the type range. */
export function prepareLeakyRelu(alpha: number, input: QuantParams, output: QuantParams, dtype: "int8" | "int16"): Uint8Array {
  const { min, max } = INT_RANGE[dtype];
  const a = quantizeMultiplier(f32(f32(f32(input.scale) * f32(alpha)) / f32(output.scale)));
  const id = quantizeMultiplier(f32(f32(input.scale) / f32(output.scale)));
  return bytesOf([input.zeroPoint, output.zeroPoint, id.multiplier, id.shift, a.multiplier, a.shift, min, max]).bytes;
}

/** RELU6 (int8/int16): TFLM clamps the input codes to [zero point, code of 6] and does not
 *  requantize: the output codes are on the input's quantization whatever the output tensor says
 *  (TFLM does not check it). The default output quantization is therefore the input's. */
export function prepareRelu6(input: QuantParams, dtype: "int8" | "int16"): Uint8Array {
  const { min, max } = INT_RANGE[dtype];
  const six = Math.min(max, Math.max(min, roundHalfAway(f32(6 / f32(input.scale))) + input.zeroPoint));
  return bytesOf([input.zeroPoint, six]).bytes;
}

/** TFLM DownScaleInt32ToInt16Multiplier. */
function downScaleToInt16(m: number): number {
  return m >= 2 ** 31 - 1 - 2 ** 15 ? 32767 : Math.floor((m + 2 ** 15) / 2 ** 16);
}

/** int8 HARD_SWISH: i32 inZp, outZp, outMul16, outExponent, reluishMul16, reluishExponent. */
export function prepareHardswishQ8(input: QuantParams, output: QuantParams): Uint8Array {
  const hiresInputScale = f32(f32(1 / 128) * f32(input.scale));
  const reluishScale = f32(3 / 32768);
  const out = quantizeMultiplier(f32(hiresInputScale / f32(output.scale)));
  if (out.shift > 0) {
    throw new QactError("out-scale", `tflm int8 hardswish needs out-scale ≥ in-scale/128 (TFLM rejects a positive output exponent; got out-scale ${output.scale}, in-scale ${input.scale})`);
  }
  const rel = quantizeMultiplier(f32(hiresInputScale / reluishScale));
  if (rel.shift > 16) {
    // left shifts of 16 and more overflow TFLM's int16 arithmetic (undefined there); every input
    // code but the zero point saturates long before, so this only rejects absurd scales
    throw new QactError("in-scale", `tflm int8 hardswish needs in-scale < 768 (got ${input.scale})`);
  }
  return bytesOf([input.zeroPoint, output.zeroPoint, downScaleToInt16(out.multiplier), out.shift,
    downScaleToInt16(rel.multiplier), rel.shift]).bytes;
}

function zeroPointsZero(op: string, input: QuantParams, output: QuantParams): void {
  if (input.zeroPoint !== 0) throw new QactError("in-zp", `tflm int16 ${op} needs in-zp 0 (TFLM rejects others; got ${input.zeroPoint})`);
  if (output.zeroPoint !== 0) throw new QactError("out-zp", `tflm int16 ${op} needs out-zp 0 (TFLM rejects others; got ${output.zeroPoint})`);
}

/** The int8 alpha tensor of PRELU: TFLM takes alpha as a quantized int8 tensor; qact quantizes the
 *  real alphas symmetric per tensor (scale max|alpha|/127, zero point 0; scale 1 when all are 0). */
export function preluAlphaQuant(alphas: number[]): { scale: number; zeroPoint: number; codes: number[] } {
  const m = Math.max(...alphas.map(Math.abs));
  const scale = f32(m > 0 ? m / 127 : 1);
  return { scale, zeroPoint: 0, codes: alphas.map((a) => Math.max(-128, Math.min(127, roundHalfAway(f32(f32(a) / scale))))) };
}

/** PRELU (int8/int16 input, int8 alpha): TFLM's CalculatePreluParams (double multipliers). */
export function preparePrelu(alpha: number | number[], input: QuantParams, output: QuantParams): Uint8Array {
  const a = preluAlphaQuant(Array.isArray(alpha) ? alpha : [alpha]);
  const m1 = quantizeMultiplier(f32(input.scale) / f32(output.scale));
  const m2 = quantizeMultiplier((f32(input.scale) * a.scale) / f32(output.scale));
  const { bytes, view } = bytesOf([-input.zeroPoint, -a.zeroPoint, output.zeroPoint, m1.multiplier, m1.shift,
    m2.multiplier, m2.shift, 0], a.codes.length * 4);
  a.codes.forEach((c, i) => view.setInt32(32 + 4 * i, c, true));
  return bytes;
}

/** int8 ELU (TFLM: a 256-entry table built in float32 at prepare, src/tables/tflm-luts.ts).
 *  TFLite's ELU has no alpha, so only alpha = 1 is accepted. */
export function prepareEluQ8(alpha: number, input: QuantParams, output: QuantParams): Uint8Array {
  if (alpha !== 1) throw new QactError("param.alpha", `tflm elu has no alpha (TFLite's ELU is alpha = 1; got ${alpha})`);
  return tflmEluTableQ8(input, output);
}

/** TFLite QuantizeMultiplierGreaterThanOne (CHECK multiplier > 1, shift ≥ 0). */
function quantizeMultiplierGreaterThanOne(d: number, what: string): { multiplier: number; shift: number } {
  const r = quantizeMultiplier(d);
  if (!(d > 1) || r.shift < 0) {
    throw new QactError("in-scale", `${what} needs beta·in-scale > 2^-26 (TFLM aborts below; got beta·in-scale = ${d / 2 ** 26})`);
  }
  return r;
}

/** TFLite PreprocessSoftmaxScaling with 5 integer bits: beta·scale·2^26, capped at 2^31 − 1. */
function softmaxScaling(beta: number, inScale: number, what: string): { multiplier: number; shift: number } {
  const real = Math.min(beta * inScale * 2 ** (31 - 5), 2 ** 31 - 1);
  return quantizeMultiplierGreaterThanOne(real, what);
}

/** int8 SOFTMAX → int8 or int16: i32 inputMultiplier, inputLeftShift, diffMin, outIsInt16. TFLM's
 *  checks: int8 output zero point −128 and scale exactly 1/256 (float32); int16 output zero point
 *  −32768 and scale within 0.1 % of 1/65536. */
export function prepareSoftmaxQ8(beta: number, input: QuantParams, output: QuantParams, outDtype: "int8" | "int16"): Uint8Array {
  if (outDtype === "int8") {
    if (output.zeroPoint !== -128) throw new QactError("out-zp", `tflm softmax int8 → int8 needs out-zp -128 (TFLM rejects others; got ${output.zeroPoint})`);
    if (f32(output.scale) !== 1 / 256) throw new QactError("out-scale", `tflm softmax int8 → int8 needs out-scale 1/256 = 0.00390625 exactly (TFLM rejects others; got ${output.scale})`);
  } else {
    if (output.zeroPoint !== -32768) throw new QactError("out-zp", `tflm softmax int8 → int16 needs out-zp -32768 (TFLM rejects others; got ${output.zeroPoint})`);
    if (Math.abs(f32(output.scale) - f32(1 / 65536)) > f32(0.001 / 65536)) {
      throw new QactError("out-scale", `tflm softmax int8 → int16 needs out-scale 1/65536 ± 0.1 % (TFLM rejects others; got ${output.scale})`);
    }
  }
  const { multiplier, shift } = softmaxScaling(f32(beta), f32(input.scale), "tflm softmax");
  const diffMin = -calculateInputRadius(5, shift);
  return bytesOf([multiplier, shift, diffMin, outDtype === "int16" ? 1 : 0]).bytes;
}

/** int8 LOG_SOFTMAX: i32 inputMultiplier, inputLeftShift, reverseScalingDivisor,
 *  reverseScalingRightShift, diffMin. TFLM's LOG_SOFTMAX has no beta (1) and requires the output
 *  quantization 16/256 with zero point 127. */
export function prepareLogSoftmaxQ8(beta: number, input: QuantParams, output: QuantParams): Uint8Array {
  if (beta !== 1) throw new QactError("param.beta", `tflm log_softmax has no beta (TFLite's LOG_SOFTMAX is beta = 1; got ${beta})`);
  if (f32(output.scale) !== 16 / 256) throw new QactError("out-scale", `tflm log_softmax needs out-scale 16/256 = 0.0625 (TFLM rejects others; got ${output.scale})`);
  if (output.zeroPoint !== 127) throw new QactError("out-zp", `tflm log_softmax needs out-zp 127 (TFLM rejects others; got ${output.zeroPoint})`);
  const { multiplier, shift } = softmaxScaling(1, f32(input.scale), "tflm log_softmax");
  // PreprocessLogSoftmaxScalingExp: reverse divisor (1 << (31 − shift)) / multiplier, a multiplier < 1
  const reverseReal = 2 ** (31 - shift) / multiplier;
  if (shift === 0 || !(reverseReal < 1)) {
    // (1 << 31) overflows TFLM's int arithmetic at shift 0, and its QuantizeMultiplierSmallerThanOneExp
    // aborts on a divisor ≥ 1
    throw new QactError("in-scale", `tflm log_softmax: in-scale ${input.scale} gives input shift ${shift} and reverse divisor ${reverseReal}, which TFLM rejects (needs shift ≥ 1 and divisor < 1)`);
  }
  const reverse = quantizeMultiplier(reverseReal);
  return bytesOf([multiplier, shift, reverse.multiplier, -reverse.shift, -calculateInputRadius(5, shift)]).bytes;
}

/** int16 SOFTMAX: i32 inputMultiplier, inputShift, then the exp and 1/(1+x) tables (513 int16
 *  each). TFLM's checks: output zero point 0, scale within 0.1 % of 1/32768. */
export function prepareSoftmaxQ16(beta: number, input: QuantParams, output: QuantParams): Uint8Array {
  if (output.zeroPoint !== 0) throw new QactError("out-zp", `tflm softmax int16 needs out-zp 0 (TFLM rejects others; got ${output.zeroPoint})`);
  if (Math.abs(f32(output.scale) - f32(1 / 32768)) > f32(0.001 / 32768)) {
    throw new QactError("out-scale", `tflm softmax int16 needs out-scale 1/32768 ± 0.1 % (TFLM rejects others; got ${output.scale})`);
  }
  const { multiplier, shift } = quantizeMultiplier((f32(input.scale) * f32(beta)) / (10 / 65535));
  if (shift > 30) throw new QactError("in-scale", `tflm softmax int16: beta·in-scale too large (got ${beta}·${input.scale})`);
  const exp = genLutInt16((x) => f32(Math.exp(f32(x))), -10, 0);
  const rec = genLutInt16((x) => f32(1 / f32(1 + f32(x))), 0, 1);
  const { bytes, view } = bytesOf([multiplier, shift], 2 * 2 * 513);
  exp.forEach((v, i) => view.setInt16(8 + 2 * i, v, true));
  rec.forEach((v, i) => view.setInt16(8 + 1026 + 2 * i, v, true));
  return bytes;
}
