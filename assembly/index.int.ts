// Entry of the integer-only build (build/qact.int.wasm, scalar, for FPU-less microcontrollers): the
// eval code of every integer kernel and nothing else, so the module contains no f32/f64 instruction
// (checked by test/build-int.test.ts with wabt). Same ABI and params layouts as assembly/index.ts;
// the params/tables are the bytes the TypeScript prepare writes (firmware can load them as they are).
export { i8_lut256 } from "./lut";
export { i8_pwl2, i8_hardswish } from "./q8/pwl";
export { i16_pwl2, i16_hardswish } from "./q16/pwl";
export { i16_lut513 } from "./q16/lut";
export { i8_poly3 } from "./q8/poly";
export { i16_poly3 } from "./q16/poly";

/** First byte the host may use (16-byte aligned, above static data). */
export function heap_base(): usize {
  return (__heap_base + 15) & ~15;
}
