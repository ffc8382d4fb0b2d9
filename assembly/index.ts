// The module's exports: the C-like ABI. Every kernel is (inPtr, outPtr, n, paramsPtr): n elements
// of the kernel's dtype at inPtr are read and written to outPtr (in place allowed: inPtr == outPtr);
// paramsPtr points to the params/table block written by prepare (layouts in each kernel's source
// and in docs/abi.md). Memory below heap_base() is the module's static data; the host owns the rest.
export { i8_lut256 } from "./lut";
export { i8_lut256_trim } from "./q8/lut-trim";
export {
  i8_tflm_logistic, i8_tflm_tanh, i16_tflm_logistic, i16_tflm_tanh, i8_tflm_requant2, i16_tflm_requant2,
  i8_tflm_clamp, i16_tflm_clamp, i8_tflm_hardswish,
} from "./tflm/elementwise";
export { i8_tflm_prelu, i16_tflm_prelu } from "./tflm/prelu";
export { i8_tflm_softmax, i8_tflm_log_softmax, i16_tflm_softmax } from "./tflm/softmax";
export { i8_softmax_exp256, i16_softmax_exp2x256, i8_log_softmax_exp256 } from "./qrows/softmax";
export { i8_prelu_pwl2, i16_prelu_pwl2 } from "./qprelu";
export { i8_pwl2, i8_hardswish } from "./q8/pwl";
export { i16_pwl2, i16_hardswish } from "./q16/pwl";
export { i16_lut513 } from "./q16/lut";
export { i16_table } from "./q16/table";
export { i8_poly3 } from "./q8/poly";
export { i16_poly3 } from "./q16/poly";
export {
  f32_identity, f32_relu, f32_relu6, f32_hard_tanh, f32_step, f32_leaky_relu, f32_hard_sigmoid,
  f32_hardswish,
} from "./f32/pwl";
export { f32_sigmoid, f32_silu, f32_gelu_tanh } from "./f32/sigmoid";
export { f32_tanh, f32_mish } from "./f32/tanh";
export { f32_elu, f32_selu, f32_celu, f32_softplus } from "./f32/elu";
export { f32_gelu } from "./f32/gelu";
export { f32_sigmoid_fast, f32_silu_fast, f32_tanh_fast } from "./f32/fast";

/** First byte the host may use (8-byte aligned, above static data). */
export function heap_base(): usize {
  return (__heap_base + 15) & ~15;
}
export { f32_softmax, f32_log_softmax, f32_maxout, f32_prelu } from "./f32/rows";
export { f32_derivative, f32_prelu_derivative } from "./f32/derivative";
export { f64_erfc, f64_exp_nonpositive } from "./f64/math";
