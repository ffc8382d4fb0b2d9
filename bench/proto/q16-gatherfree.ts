// Speed-only prototypes for issue 3 (int16 sigmoid/tanh at ≥ 4× TFLM's int16 LOGISTIC/TANH in the scalar
// build): how fast a gather-free int16 evaluation can be in the SIMD build, before any accuracy work.
// NOT kernels: no build includes this file; bench/q16-gatherfree.mjs compiles it on the fly (once as SIMD128,
// once with relaxed-SIMD substitutions) and times it against `tflm` (scalar build) and the `lut` kernel
// (SIMD build) in one process. The coefficient planes are arbitrary bytes, so the outputs mean nothing; each
// loop does the work a real kernel of that shape would do per 16 codes (input zero point 0, |q| by abs, the
// sign applied at the end):
//   gf_poly  16 segments of 2^m codes (i = |q|·2^(12−m) >> 12, τ in Q15), each coefficient picked per lane by
//            i8x16.swizzle from byte planes held in registers; Horner c4 → c1 in i16x8 with q15mulr_sat_s, the
//            last step c0 + A1·τ exact in i32x4 (extmul), c0 a 32-bit coefficient from 4 byte planes. Shape only:
//            A1 in i16 leaves ≥ 1/8 LSB of rounding error for tanh, see the note in docs/bench-quantized.md.
//   gf_acc   a shape that keeps the arithmetic error small: centred τ ∈ [−1, 1), Horner c4 → c2 in i16x8, then c1·τ
//            and A2·τ² exact in i32x4 (extmul) and c0 from hi/lo i16 planes by one i32x4.dot. Its error with real
//            coefficients: bench/proto/q16-acc-mirror.mjs (degree 4: 0.52 / 0.54 LSB at TFLM's quantizations, up to
//            1.24 at others; degree 5, one more plane pair and Horner step: ≤ 0.77 everywhere measured).
//   gf_noc0  gf_poly without c0 (4 planes, 8 shuffles): a lower bound for any 16-segment quartic of this shape.
//   gf_full  no arithmetic: a direct 65,536-entry i16 table (128 KiB), one scalar load per code.
// What V8 (node 20, x64) emits, read with `node --print-wasm-code --no-liftoff`: i8x16.swizzle with a non-constant
// index is 3 instructions (address of the 0x70 constant, vpaddusb, vpshufb); i16x8.q15mulr_sat_s is 5 (the 0x8000
// splat rebuilt by vpcmpeqd + vpsllw at every use, vpmulhrsw, vpcmpeqw, vpxor); their relaxed forms are 1–2.
// Figures: docs/bench-quantized.md (int16 section), command: node --experimental-wasm-relaxed-simd bench/q16-gatherfree.mjs

// @ts-ignore: decorator
@inline function planeI16(tlo: v128, thi: v128, idx: v128, half: i32): v128 {
  const lo = i8x16.swizzle(tlo, idx), hi = i8x16.swizzle(thi, idx);
  return half == 0 ? i8x16.shuffle(lo, hi, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23)
    : i8x16.shuffle(lo, hi, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
}

// @ts-ignore: decorator
@inline function i32From4Planes(b0: v128, b1: v128, b2: v128, b3: v128, idx: v128, quarter: i32): v128 {
  const p0 = i8x16.swizzle(b0, idx), p1 = i8x16.swizzle(b1, idx), p2 = i8x16.swizzle(b2, idx), p3 = i8x16.swizzle(b3, idx);
  const w01 = quarter < 2 ? i8x16.shuffle(p0, p1, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23)
    : i8x16.shuffle(p0, p1, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  const w23 = quarter < 2 ? i8x16.shuffle(p2, p3, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23)
    : i8x16.shuffle(p2, p3, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  return (quarter & 1) == 0 ? i8x16.shuffle(w01, w23, 0, 1, 16, 17, 2, 3, 18, 19, 4, 5, 20, 21, 6, 7, 22, 23)
    : i8x16.shuffle(w01, w23, 8, 9, 24, 25, 10, 11, 26, 27, 12, 13, 28, 29, 14, 15, 30, 31);
}

/** sigmoid's sign step: 16384 ± G (tanh's costs the same: ±G) */
// @ts-ignore: decorator
@inline function signed(y: v128, q: v128): v128 {
  const h = i16x8.splat(16384);
  return v128.bitselect(i16x8.sub(h, y), i16x8.add_sat_s(h, y), i16x8.shr_s(q, 15));
}

// params at p: 12 planes of 16 bytes (c4 lo/hi, c3, c2, c1, then c0's 4 bytes), i32 m at 192, i32 cap at 196
export function gf_poly(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  const c4l = v128.load(p), c4h = v128.load(p, 16), c3l = v128.load(p, 32), c3h = v128.load(p, 48);
  const c2l = v128.load(p, 64), c2h = v128.load(p, 80), c1l = v128.load(p, 96), c1h = v128.load(p, 112);
  const b0 = v128.load(p, 128), b1 = v128.load(p, 144), b2 = v128.load(p, 160), b3 = v128.load(p, 176);
  const m = load<i32>(p, 192), cap = i16x8.splat(<i16>load<i32>(p, 196)), mulv = i16x8.splat(<i16>(<i32>1 << (12 - m)));
  for (let i = 0; i + 16 <= n; i += 16) {
    const q0 = v128.load(inPtr + (<usize>i << 1)), q1 = v128.load(inPtr + (<usize>i << 1), 16);
    const e0 = i16x8.mul(i16x8.min_u(i16x8.abs(q0), cap), mulv), e1 = i16x8.mul(i16x8.min_u(i16x8.abs(q1), cap), mulv);
    const idx = i8x16.narrow_i16x8_u(i16x8.shr_u(e0, 12), i16x8.shr_u(e1, 12));
    const t0 = i16x8.shr_u(i16x8.shl(e0, 4), 1), t1 = i16x8.shr_u(i16x8.shl(e1, 4), 1);
    let a0 = planeI16(c4l, c4h, idx, 0), a1 = planeI16(c4l, c4h, idx, 1);
    a0 = i16x8.add(i16x8.q15mulr_sat_s(a0, t0), planeI16(c3l, c3h, idx, 0));
    a1 = i16x8.add(i16x8.q15mulr_sat_s(a1, t1), planeI16(c3l, c3h, idx, 1));
    a0 = i16x8.add(i16x8.q15mulr_sat_s(a0, t0), planeI16(c2l, c2h, idx, 0));
    a1 = i16x8.add(i16x8.q15mulr_sat_s(a1, t1), planeI16(c2l, c2h, idx, 1));
    a0 = i16x8.add(i16x8.q15mulr_sat_s(a0, t0), planeI16(c1l, c1h, idx, 0));
    a1 = i16x8.add(i16x8.q15mulr_sat_s(a1, t1), planeI16(c1l, c1h, idx, 1));
    const g0 = i32x4.shr_s(i32x4.add(i32From4Planes(b0, b1, b2, b3, idx, 0), i32x4.extmul_low_i16x8_s(a0, t0)), 12);
    const g1 = i32x4.shr_s(i32x4.add(i32From4Planes(b0, b1, b2, b3, idx, 1), i32x4.extmul_high_i16x8_s(a0, t0)), 12);
    const g2 = i32x4.shr_s(i32x4.add(i32From4Planes(b0, b1, b2, b3, idx, 2), i32x4.extmul_low_i16x8_s(a1, t1)), 12);
    const g3 = i32x4.shr_s(i32x4.add(i32From4Planes(b0, b1, b2, b3, idx, 3), i32x4.extmul_high_i16x8_s(a1, t1)), 12);
    v128.store(outPtr + (<usize>i << 1), signed(i16x8.narrow_i32x4_s(g0, g1), q0));
    v128.store(outPtr + (<usize>i << 1), signed(i16x8.narrow_i32x4_s(g2, g3), q1), 16);
  }
}

export function gf_noc0(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  const c4l = v128.load(p), c4h = v128.load(p, 16), c3l = v128.load(p, 32), c3h = v128.load(p, 48);
  const c2l = v128.load(p, 64), c2h = v128.load(p, 80), c1l = v128.load(p, 96), c1h = v128.load(p, 112);
  const m = load<i32>(p, 192), cap = i16x8.splat(<i16>load<i32>(p, 196)), mulv = i16x8.splat(<i16>(<i32>1 << (12 - m)));
  for (let i = 0; i + 16 <= n; i += 16) {
    const q0 = v128.load(inPtr + (<usize>i << 1)), q1 = v128.load(inPtr + (<usize>i << 1), 16);
    const e0 = i16x8.mul(i16x8.min_u(i16x8.abs(q0), cap), mulv), e1 = i16x8.mul(i16x8.min_u(i16x8.abs(q1), cap), mulv);
    const idx = i8x16.narrow_i16x8_u(i16x8.shr_u(e0, 12), i16x8.shr_u(e1, 12));
    const t0 = i16x8.shr_u(i16x8.shl(e0, 4), 1), t1 = i16x8.shr_u(i16x8.shl(e1, 4), 1);
    let a0 = planeI16(c4l, c4h, idx, 0), a1 = planeI16(c4l, c4h, idx, 1);
    a0 = i16x8.add(i16x8.q15mulr_sat_s(a0, t0), planeI16(c3l, c3h, idx, 0));
    a1 = i16x8.add(i16x8.q15mulr_sat_s(a1, t1), planeI16(c3l, c3h, idx, 1));
    a0 = i16x8.add(i16x8.q15mulr_sat_s(a0, t0), planeI16(c2l, c2h, idx, 0));
    a1 = i16x8.add(i16x8.q15mulr_sat_s(a1, t1), planeI16(c2l, c2h, idx, 1));
    a0 = i16x8.add(i16x8.q15mulr_sat_s(a0, t0), planeI16(c1l, c1h, idx, 0));
    a1 = i16x8.add(i16x8.q15mulr_sat_s(a1, t1), planeI16(c1l, c1h, idx, 1));
    const g0 = i32x4.shr_s(i32x4.extmul_low_i16x8_s(a0, t0), 12), g1 = i32x4.shr_s(i32x4.extmul_high_i16x8_s(a0, t0), 12);
    const g2 = i32x4.shr_s(i32x4.extmul_low_i16x8_s(a1, t1), 12), g3 = i32x4.shr_s(i32x4.extmul_high_i16x8_s(a1, t1), 12);
    v128.store(outPtr + (<usize>i << 1), signed(i16x8.narrow_i32x4_s(g0, g1), q0));
    v128.store(outPtr + (<usize>i << 1), signed(i16x8.narrow_i32x4_s(g2, g3), q1), 16);
  }
}

export function gf_acc(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  const c4l = v128.load(p), c4h = v128.load(p, 16), c3l = v128.load(p, 32), c3h = v128.load(p, 48);
  const c2l = v128.load(p, 64), c2h = v128.load(p, 80), c1l = v128.load(p, 96), c1h = v128.load(p, 112);
  const b0 = v128.load(p, 128), b1 = v128.load(p, 144), b2 = v128.load(p, 160), b3 = v128.load(p, 176);
  const m = load<i32>(p, 192), cap = i16x8.splat(<i16>load<i32>(p, 196)), mulv = i16x8.splat(<i16>(<i32>1 << (12 - m)));
  const flip = i16x8.splat(-32768), k14 = i32x4.splat(0x00014000);
  for (let i = 0; i + 16 <= n; i += 16) {
    const q0 = v128.load(inPtr + (<usize>i << 1)), q1 = v128.load(inPtr + (<usize>i << 1), 16);
    const e0 = i16x8.mul(i16x8.min_u(i16x8.abs(q0), cap), mulv), e1 = i16x8.mul(i16x8.min_u(i16x8.abs(q1), cap), mulv);
    const idx = i8x16.narrow_i16x8_u(i16x8.shr_u(e0, 12), i16x8.shr_u(e1, 12));
    const t0 = v128.xor(i16x8.shl(e0, 4), flip), t1 = v128.xor(i16x8.shl(e1, 4), flip); // centred τ in Q15
    let a0 = planeI16(c4l, c4h, idx, 0), a1 = planeI16(c4l, c4h, idx, 1);
    a0 = i16x8.add(i16x8.q15mulr_sat_s(a0, t0), planeI16(c3l, c3h, idx, 0));
    a1 = i16x8.add(i16x8.q15mulr_sat_s(a1, t1), planeI16(c3l, c3h, idx, 1));
    a0 = i16x8.add(i16x8.q15mulr_sat_s(a0, t0), planeI16(c2l, c2h, idx, 0));
    a1 = i16x8.add(i16x8.q15mulr_sat_s(a1, t1), planeI16(c2l, c2h, idx, 1));
    const u0 = i16x8.q15mulr_sat_s(t0, t0), u1 = i16x8.q15mulr_sat_s(t1, t1);
    const k0 = planeI16(c1l, c1h, idx, 0), k1 = planeI16(c1l, c1h, idx, 1);
    const h0 = planeI16(b0, b1, idx, 0), h1 = planeI16(b0, b1, idx, 1), l0 = planeI16(b2, b3, idx, 0), l1 = planeI16(b2, b3, idx, 1);
    // c0 = hi·2^14 + lo: one dot per 4 lanes on (hi, lo) pairs
    const f0 = i32x4.dot_i16x8_s(i8x16.shuffle(h0, l0, 0, 1, 16, 17, 2, 3, 18, 19, 4, 5, 20, 21, 6, 7, 22, 23), k14);
    const f1 = i32x4.dot_i16x8_s(i8x16.shuffle(h0, l0, 8, 9, 24, 25, 10, 11, 26, 27, 12, 13, 28, 29, 14, 15, 30, 31), k14);
    const f2 = i32x4.dot_i16x8_s(i8x16.shuffle(h1, l1, 0, 1, 16, 17, 2, 3, 18, 19, 4, 5, 20, 21, 6, 7, 22, 23), k14);
    const f3 = i32x4.dot_i16x8_s(i8x16.shuffle(h1, l1, 8, 9, 24, 25, 10, 11, 26, 27, 12, 13, 28, 29, 14, 15, 30, 31), k14);
    const g0 = i32x4.shr_s(i32x4.add(i32x4.add(f0, i32x4.shr_s(i32x4.extmul_low_i16x8_s(a0, u0), 4)), i32x4.extmul_low_i16x8_s(k0, t0)), 12);
    const g1 = i32x4.shr_s(i32x4.add(i32x4.add(f1, i32x4.shr_s(i32x4.extmul_high_i16x8_s(a0, u0), 4)), i32x4.extmul_high_i16x8_s(k0, t0)), 12);
    const g2 = i32x4.shr_s(i32x4.add(i32x4.add(f2, i32x4.shr_s(i32x4.extmul_low_i16x8_s(a1, u1), 4)), i32x4.extmul_low_i16x8_s(k1, t1)), 12);
    const g3 = i32x4.shr_s(i32x4.add(i32x4.add(f3, i32x4.shr_s(i32x4.extmul_high_i16x8_s(a1, u1), 4)), i32x4.extmul_high_i16x8_s(k1, t1)), 12);
    v128.store(outPtr + (<usize>i << 1), signed(i16x8.narrow_i32x4_s(g0, g1), q0));
    v128.store(outPtr + (<usize>i << 1), signed(i16x8.narrow_i32x4_s(g2, g3), q1), 16);
  }
}

/** the direct table: 65,536 i16 outputs, indexed by the code (table at p, code 0 at p + 65536) */
export function gf_full(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  const t = p + 65536;
  for (let i = 0; i < n; i++) {
    store<i16>(outPtr + (<usize>i << 1), load<i16>(t + (<usize>(<i32>load<i16>(inPtr + (<usize>i << 1))) << 1)));
  }
}
