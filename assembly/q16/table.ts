// int16 direct table kernel, method `table` (i16_table): any elementwise op, one entry per input code.
// Algorithm (table and trimming: src/tables/table16.ts, the only producer): prepare runs the float64
// reference on every input code (correctly rounded, ties settled in high precision, as the int8 `lut`)
// and drops the constant runs at both ends (saturated outputs) when at most 49,152 codes remain, keeping
// codes lo..hi (else all 65,536); the kernel reads
//   y = T[clamp(q, lo, hi) − lo]
// So the outputs are the reference's correctly rounded codes: 0 mismatches, maxAbsLsb ≤ 0.5, exhaustive
// over all 65,536 codes (npx vitest run test/kernels/q16-table.test.ts). Table: 2 bytes per kept code,
// at most 131,072 (+ 16 header).
// SIMD build (`gather`): eight scalar i16 codes per vector, each one's entry inserted by v128.load16_lane,
// in two chains of four (lanes 0–3 and 4–7) joined by one i64x2 shuffle. A full table (lo = −32768,
// hi = 32767) reads the codes straight from the input; a trimmed one clamps them in i16x8 lanes first and
// reads them back from a 16-byte scratch (cheaper than eight extract_lane). Scalar build (`load`): clamp
// and one indexed load per code.
// Measured choices. The full table's loop against the clamping one on the same table (node
// bench/q16-table-ab.mjs, two runs of three rounds): 0.87–1.00× on codes spread uniformly (the pattern of
// bench/int16-vs-tflm.mjs), 0.99–1.04× with the golden-ratio stride of bench/run.mjs, 1.22–1.58× on Gaussian
// codes (σ = 4,096 codes, the shape of real activations), hence a full table where trimming would keep more
// than 49,152 codes. Prototype loops in one process (three rounds, CPU-time medians, n = 2^20): two chains
// instead of one chain of eight 1.02× / 1.03× / 1.09× on the three patterns; the same table read by a
// scalar loop two codes at a time 0.63×, sixteen codes per iteration 0.86×. Not adopted: an odd-symmetric
// form keeping half the entries for sigmoid/tanh ran 0.91–0.98× (its select costs more than the smaller
// working set saves).
// Speed against TFLM: docs/bench-quantized.md ("int16 `table`") and docs/performance.md.

const OFFSETS: usize = memory.data(16, 16);
const LO = 0, HI = 4, TABLE = 16;

/** Eight table entries for the eight i16 codes stored at src (already within [lo, hi]); t0 = the address of
 *  the entry of code 0 (may lie outside the table: only t0 + 2·code is read). Two chains of four lane
 *  inserts (lanes 0–3 and 4–7), joined by one shuffle. */
// @ts-ignore: decorator
@inline function gather8(t0: usize, src: usize): v128 {
  let a = v128.load16_splat(t0 + (<usize>(<i32>load<i16>(src, 0)) << 1));
  let b = v128.load16_splat(t0 + (<usize>(<i32>load<i16>(src, 8)) << 1));
  a = v128.load16_lane(t0 + (<usize>(<i32>load<i16>(src, 2)) << 1), a, 1);
  b = v128.load16_lane(t0 + (<usize>(<i32>load<i16>(src, 10)) << 1), b, 1);
  a = v128.load16_lane(t0 + (<usize>(<i32>load<i16>(src, 4)) << 1), a, 2);
  b = v128.load16_lane(t0 + (<usize>(<i32>load<i16>(src, 12)) << 1), b, 2);
  a = v128.load16_lane(t0 + (<usize>(<i32>load<i16>(src, 6)) << 1), a, 3);
  b = v128.load16_lane(t0 + (<usize>(<i32>load<i16>(src, 14)) << 1), b, 3);
  return i64x2.shuffle(a, b, 0, 2);
}

export function i16_table(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  const lo = load<i32>(p, LO), hi = load<i32>(p, HI);
  const t0 = p + TABLE - (<usize>lo << 1); // entry of code q at t0 + 2q
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    if (lo == -32768 && hi == 32767) {
      // every code has its entry: the codes are read straight from the input, no clamp
      for (; i + 8 <= n; i += 8) v128.store(outPtr + (<usize>i << 1), gather8(t0, inPtr + (<usize>i << 1)));
    } else {
      const vlo = i16x8.splat(<i16>lo), vhi = i16x8.splat(<i16>hi);
      for (; i + 8 <= n; i += 8) {
        v128.store(OFFSETS, i16x8.min_s(i16x8.max_s(v128.load(inPtr + (<usize>i << 1)), vlo), vhi));
        v128.store(outPtr + (<usize>i << 1), gather8(t0, OFFSETS));
      }
    }
  }
  for (; i < n; i++) {
    let q = <i32>load<i16>(inPtr + (<usize>i << 1));
    q = q < lo ? lo : q > hi ? hi : q;
    store<i16>(outPtr + (<usize>i << 1), load<i16>(t0 + (<usize>q << 1)));
  }
}
