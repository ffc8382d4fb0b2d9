// int16 direct table kernel, method `table` (i16_table): any elementwise op, one entry per input code.
// Algorithm (table and trimming: src/tables/table16.ts, the only producer): prepare runs the float64
// reference on every input code (correctly rounded, ties settled in high precision, as the int8 `lut`)
// and drops the constant runs at both ends (saturated outputs), keeping codes lo..hi; the kernel reads
//   y = T[clamp(q, lo, hi) − lo]
// So the outputs are the reference's correctly rounded codes: 0 mismatches, maxAbsLsb ≤ 0.5, exhaustive
// over all 65,536 codes (npx vitest run test/kernels/q16-table.test.ts). Table: 2 bytes per kept code,
// at most 131,072 (+ 16 header).
// SIMD build (`gather`): clamp and offset in i16x8 lanes, the eight u16 offsets stored to a 16-byte
// scratch and read back as scalars (cheaper than eight extract_lane), then eight v128.load16_lane in two
// chains of four (lanes 0–3 and 4–7, joined by one i64x2 shuffle: 1.02–1.03× one chain of eight on codes
// over the whole range, 1.09–1.10× over 8,192–32,768 codes; three rounds each in one process).
// Scalar build (`load`): clamp and one indexed load per code.
// Speed (node bench/int16-vs-tflm.mjs --filter sigmoid|tanh|table --reps 15: CPU-time medians, n = 2^20, codes
// over the whole int16 range, at TFLM's quantization; four runs, docs/bench-quantized.md): sigmoid 1.19–1.52 G
// elem/s, 4.63–5.97× TFLM's int16 LOGISTIC in the scalar build; tanh 1.14–1.51 G, 4.65–5.65× TFLM's TANH
// (the `lut` kernel 2.55–2.75× in the same runs). Why the gather goes through memory: a prototype loop of
// this shape ran 4.75–5.2× TFLM's scalar LOGISTIC, against 3.0–3.1× for the same table read by a scalar
// loop two codes at a time, and 4.1–4.2× with 16 codes per iteration (three rounds in one process).
// Not adopted: an odd-symmetric form keeping half the entries (sigmoid/tanh 65 KB instead of 130 KB) ran
// 0.91–0.98× of this one (its select costs more than the smaller working set saves, three rounds in one
// process on the same codes); extracting the offsets by two i64x2.extract_lane and shifts, 1.03×.

const OFFSETS: usize = memory.data(16, 16);
const LO = 0, HI = 4, TABLE = 16;

// @ts-ignore: decorator
@inline function tableScalar(q: i32, t: usize, lo: i32, hi: i32): i16 {
  q = q < lo ? lo : q > hi ? hi : q;
  return load<i16>(t + (<usize>(q - lo) << 1));
}

export function i16_table(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  const lo = load<i32>(p, LO), hi = load<i32>(p, HI);
  const t = p + TABLE;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const vlo = i16x8.splat(<i16>lo), vhi = i16x8.splat(<i16>hi);
    for (; i + 8 <= n; i += 8) {
      const q = i16x8.min_s(i16x8.max_s(v128.load(inPtr + (<usize>i << 1)), vlo), vhi);
      v128.store(OFFSETS, i16x8.sub(q, vlo)); // q − lo ∈ [0, 65535] as u16
      // two chains of four lane inserts (lanes 0–3 and 4–7), joined by one shuffle
      let a = v128.load16_splat(t + (<usize>load<u16>(OFFSETS, 0) << 1));
      let b = v128.load16_splat(t + (<usize>load<u16>(OFFSETS, 8) << 1));
      a = v128.load16_lane(t + (<usize>load<u16>(OFFSETS, 2) << 1), a, 1);
      b = v128.load16_lane(t + (<usize>load<u16>(OFFSETS, 10) << 1), b, 1);
      a = v128.load16_lane(t + (<usize>load<u16>(OFFSETS, 4) << 1), a, 2);
      b = v128.load16_lane(t + (<usize>load<u16>(OFFSETS, 12) << 1), b, 2);
      a = v128.load16_lane(t + (<usize>load<u16>(OFFSETS, 6) << 1), a, 3);
      b = v128.load16_lane(t + (<usize>load<u16>(OFFSETS, 14) << 1), b, 3);
      v128.store(outPtr + (<usize>i << 1), i64x2.shuffle(a, b, 0, 2));
    }
  }
  for (; i < n; i++) {
    store<i16>(outPtr + (<usize>i << 1), tableScalar(<i32>load<i16>(inPtr + (<usize>i << 1)), t, lo, hi));
  }
}
