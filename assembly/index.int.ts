// Entry of the integer-only build (build/qact.int.wasm, scalar, for FPU-less microcontrollers): the
// eval code of every integer kernel and nothing else, so the module contains no f32/f64 instruction
// (checked by test/build-int.test.ts with wabt). Same ABI and params layouts as assembly/index.ts;
// the params/tables are the bytes the TypeScript prepare writes (firmware can load them as they are).
export { i8_lut256 } from "./lut";
export { i8_lut256_trim } from "./q8/lut-trim";
export { i8_pwl2, i8_hardswish } from "./q8/pwl";
export { i16_pwl2, i16_hardswish } from "./q16/pwl";
export { i16_lut513 } from "./q16/lut";
export { i16_table } from "./q16/table";
export {
  i8_tflm_logistic, i8_tflm_tanh, i16_tflm_logistic, i16_tflm_tanh, i8_tflm_requant2, i16_tflm_requant2,
  i8_tflm_clamp, i16_tflm_clamp, i8_tflm_hardswish,
} from "./tflm/elementwise";
export { i8_tflm_prelu, i16_tflm_prelu } from "./tflm/prelu";
export { i8_tflm_softmax, i8_tflm_log_softmax, i16_tflm_softmax } from "./tflm/softmax";
export { i8_softmax_exp256, i16_softmax_exp2x256, i8_log_softmax_exp256 } from "./qrows/softmax";
export { i8_poly3 } from "./q8/poly";
export { i16_poly3 } from "./q16/poly";
export { i8_prelu_pwl2, i16_prelu_pwl2 } from "./qprelu";

/** First byte the host may use (16-byte aligned, above static data). */
export function heap_base(): usize {
  return (__heap_base + 15) & ~15;
}
