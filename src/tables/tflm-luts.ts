// Tables that TFLM builds at prepare time in float32 and qact reproduces: the int8 ELU table
// (micro/kernels/elu.cc PopulateLookupTable) and the 513-entry int16 tables of int16 SOFTMAX
// (gen_lut in kernels/internal/common.h, called from micro/kernels/softmax_common.cc). This module
// is the only producer; prepare (src/kernels/prepare/tflm.ts) calls it, nothing is committed.
// float32 arithmetic is emulated with Math.fround after every operation; expf as the float32
// rounding of the float64 exp (a correctly rounded expf); a libm whose expf is not correctly
// rounded at some argument could differ from qact by one table entry there.
import { roundHalfAway } from "../quant/rounding.js";
import type { QuantParams } from "../types.js";

const f32 = Math.fround;

/** TFLM gen_lut<float, int16_t, int16_t> (softmax_common.cc): 512 float32 samples of f on
 *  [lo, hi] scaled to [−1, 1] → int16, each corrected by half the interpolation error at the
 *  segment midpoint, plus f(hi) as entry 512. */
export function genLutInt16(fn: (x: number) => number, lo: number, hi: number): Int16Array {
  const steps = 512;
  const step = f32(f32(hi - lo) / steps);
  const halfStep = f32(step / 2);
  const inv = f32(65536 / 2);
  const lut = new Int16Array(steps + 1);
  const rnd = (v: number) => f32(roundHalfAway(v));
  for (let i = 0; i < steps; i++) {
    const at = (x: number) => f32(fn(x));
    const val = at(f32(lo + f32(i * step)));
    const valMid = at(f32(f32(lo + f32(i * step)) + halfStep));
    const valNext = at(f32(lo + f32((i + 1) * step)));
    const sample = rnd(f32(val * inv));
    const midInterp = rnd(f32(f32(f32(valNext * inv) + rnd(f32(val * inv))) / 2));
    const mid = rnd(f32(valMid * inv));
    const bias = rnd(f32(f32(midInterp - mid) / 2));
    lut[i] = Math.min(32767, Math.max(-32768, f32(sample - bias)));
  }
  lut[steps] = Math.min(32767, Math.max(-32768, rnd(f32(f32(fn(hi)) * inv))));
  return lut;
}

/** int8 ELU table as TFLM's PopulateLookupTable builds it (float32 arithmetic, expf(x) − 1 for
 *  x < 0, roundf, plus the zero point, clamped), in the u8-index order of i8_lut256. */
export function tflmEluTableQ8(input: QuantParams, output: QuantParams): Uint8Array {
  const inScale = f32(input.scale);
  const inverse = f32(1 / f32(output.scale));
  const t = new Uint8Array(256);
  for (let q = -128; q <= 127; q++) {
    const x = f32(inScale * (q - input.zeroPoint));
    const y = x < 0 ? f32(f32(Math.exp(x)) - 1) : x;
    const r = f32(roundHalfAway(f32(y * inverse)));
    const v = Math.trunc(f32(r + output.zeroPoint));
    t[q & 0xff] = Math.max(-128, Math.min(127, v)) & 0xff;
  }
  return t;
}
