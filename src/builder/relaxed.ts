// build/qact.relaxed.wasm: the SIMD build (after src/builder/pool-constants.ts) with each
// v128.bitselect whose mask is the result of a lane comparison replaced by i8x16.relaxed_laneselect.
//
// Relaxed SIMD leaves a lane's result implementation-defined only when the mask lane is neither all
// zeros nor all ones (x86 blendv reads the top bit of each byte or lane, Arm BSL every bit). A mask
// straight from f32x4.lt, f64x2.ne, i16x8.gt_s, … has every bit of a lane equal, so every host
// computes bitselect's result and the build gives the same bits as the others
// (npm run test:relaxed compares it with the scalar build on every kernel). Masks that reach
// bitselect any other way (locals, constants such as sign masks) are left as bitselect.
// No other relaxed instruction is used: relaxed_swizzle differs between hosts for indices 16..127
// (the 16-swizzle lookup feeds it such indices), relaxed_madd may or may not fuse, relaxed
// min/max/trunc differ on NaN and out-of-range lanes.
// V8 (x64) emits one vblendvps/vpblendvb for relaxed_laneselect against three instructions for
// bitselect (vpand, vpandn, vpor). Measured gain, interleaved in one process
// (node --experimental-wasm-relaxed-simd bench/compare-wasm.mjs build/qact.simd.wasm
// build/qact.relaxed.wasm --filter f32_ --n 262144 --reps 15): B/A 1.24 hardswish, 1.25 step,
// 1.11 silu, 1.08 sigmoid, 1.07 selu/celu/leaky_relu, 0.94–1.03 for the others (noise).

const COMPARISON = /^(f32x4|f64x2|i8x16|i16x8|i32x4|i64x2)\.(eq|ne|lt|le|gt|ge)(_[su])?$/;

export interface RelaxedText {
  text: string;
  /** bitselects replaced */
  replaced: number;
  /** bitselects in the module */
  bitselects: number;
}

/** Rewrites the stack-style module text (one instruction per line) of the SIMD build. */
export function relaxLaneSelects(wat: string): RelaxedText {
  const lines = wat.split("\n");
  let replaced = 0, bitselects = 0;
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() !== "v128.bitselect") continue;
    bitselects++;
    // the instruction just before bitselect pushed its third operand, the mask
    if (COMPARISON.test(lines[i - 1].trim())) {
      lines[i] = lines[i].replace("v128.bitselect", "i8x16.relaxed_laneselect");
      replaced++;
    }
  }
  return { text: lines.join("\n"), replaced, bitselects };
}
