// int8 `lut` kernel, trimmed table (i8_lut256_trim): the same outputs as the 256-entry table, with
// K ≤ 8 swizzles instead of 16 where the table allows it.
// Algorithm (params block and the search: src/tables/lut8-trim.ts, the only producer): prepare builds
// the exact correctly rounded 256-entry table (src/tables/lut8.ts) and looks for the cheapest form
//   d = i8(x − zp), fold: d = |d|;  g = (u8(d) < 16K ? W[u8(d)] : 0) + c0   (K swizzles, OR-ed)
//   fold: two tail steps past the window, g ∓= [dk > s0] + [dk > s1], dk = u8(d) − 16(K−1)
//   post odd (sigmoid, tanh: y(zp+m) = 2c1 − y(zp−m)):  y = sat8(x > r ? −g : g) + c1
//        ramp (gelu, silu, hardswish: y(zp+m) = y(zp−m) + m; elu/relu-like: const left, x + c0 right):
//             y = g + max(x, r), fold: + [(x & fm) == fv] (rounding ties on a regular set of codes)
//        step (two constant tails): y = g + (x > r ? c1 : 0)
// and uses it only if it equals the table on all 256 codes (simulated in TypeScript, the same lane
// arithmetic); otherwise K = 0 and this export runs i8_lut256 on the table at offset 0. So the
// outputs are the table's: 0 mismatches, maxAbsLsb ≤ 0.5, exhaustive over the 256 codes at 99
// quantizations per smooth op (60 random + 30 near-symmetric + 9 edge) and 8 random ones for every
// other elementwise op, both builds: npx vitest run test/kernels/lut8-trim.test.ts test/kernels/lut8.test.ts.
// Scalar build (i8_*__scalar_lut_load): one indexed load from the table (the window is SIMD-only).
// Cost model (WASM SIMD instructions per 16 codes, V8 x64: swizzle = paddusb + pshufb): 4 per
// sub-table, + 2 fold (sub, abs) + 4 tail steps + 3 ramp fix-up, + 4 odd / 2 ramp / 3 step, against
// ~63 for the 16 swizzles of i8_lut256 (src/tables/lut8-trim.ts trimCost).
// Speed, zero copy, n = 2^20, medians of 21 calls interleaved with i8_lut256 in one process, two runs
// (node bench/lut8-trim.mjs --reps 21; AMD EPYC Zen 4, Node 20), G elem/s plain → trim:
//   default params (bench/run.mjs; the op's default domain, out = the op's conventional range):
//     sigmoid 2.76 → 6.00 (×2.17), 2.83 → 6.09 (×2.15), K=5 fold odd + 2 steps (was K=7, ×1.57)
//     tanh    2.82 → 5.96 (×2.12), 2.81 → 6.05 (×2.15), K=5 fold odd + 2 steps (was K=7, ×1.55)
//     hardswish 2.44 → 6.38 (×2.62), 2.81 → 6.93 (×2.46), K=4 fold ramp + fix-up x & 0xcf == 8
//               (was a K=8 window, ×1.82: the fold broke on rounding ties at codes 8, 24, 40, 56)
//     gelu 2.66 → 10.79 (×4.05), 2.79 → 10.85 (×3.89), K=2 fold ramp + steps (was K=4, ×3.10)
//     silu 2.86 → 8.39 (×2.94), 2.61 → 8.35 (×3.20), K=3 fold ramp + steps (was K=6, ×2.02)
//     elu 2.85 → 10.96 (×3.84), 2.80 → 10.44 (×3.73), K=4 window ramp (unchanged form, ×3.58)
//   other params (same runs): sigmoid in 0.1/10 → 1/256 −128 ×3.39 (K=3); tanh in 0.05/0 → 1/128
//     ×3.14 (K=3); gelu in = out 0.03/−10 ×2.45 (K=4); elu in = out 0.05/5 ×2.77 (K=6 window); no
//     gain (K = 0, plain lookup, ×1.00–1.02) where the non-saturated range spans more than 8
//     sub-tables (sigmoid in 0.03, tanh in 0.02) or where out scale ≠ in scale for hardswish/silu.
//   Where the gain came from (a scratch A/B module, not kept: these loops compiled with the build's
//   options and constant pool, interleaved with i8_lut256 in one process, n = 2^20, medians of 15,
//   splat vs load8_splat; V8's code read with node --print-wasm-code --no-liftoff): V8 sinks
//   i8x16.splat(load<i8>(…)) into the loop and rebuilds each splat (vmovd + vpbroadcastb) at every
//   iteration; v128.load8_splat is a load and stays outside: K=7 fold odd ×1.56 → ×1.86, K=6 fold
//   ramp ×1.99 → ×2.40, K=8 window ramp ×1.66 → ×1.90. The tail steps and the fix-up then cut K.
//   npm run bench -- --filter i8_ --sizes 1048576 (one run, medians of 5, zero-copy, simd): sigmoid
//     4.06 G (relaxed build, same loop: 5.47), tanh 5.96, hardswish 6.79, gelu 10.62, silu 7.25,
//     elu 10.18 (the plain i8_lut256 runs at ~2.8 G: bench:quantized).
// Code size: fold loops K = 2..8 (odd and ramp), window loops K = 2, 4, 6, 8 (ramp and step), 22
// loops; the params are loaded once before the dispatch and shared by all the inlined loops, which
// keeps the minimal 3-kernel SIMD build at 6,773 bytes (budget 8 KiB, docs/sizes.md; loading them in
// each loop made it 8,690).

const HDR: usize = 256;
const WIN: usize = 272;

// Post-steps (byte 258 of the params block; src/tables/lut8-trim.ts is the only producer).
const NONE: i32 = 0;
const ODD: i32 = 1;
const RAMP: i32 = 2;
const STEP: i32 = 3;

// Every per-call constant is a v128.load8_splat from the params block, not i8x16.splat(load<i8>):
// V8 sinks a pure splat into the loop and rebuilds it (vmovd + vpbroadcastb) at every iteration, a
// load stays outside (the A/B in the header: K=7 fold odd ×1.56 → ×1.86 from this alone). The loads
// are made once in i8_lut256_trim and shared by all the inlined loops (code size).
// @ts-ignore: decorator
@inline function trimLoop(inPtr: usize, outPtr: usize, n: i32, K: i32, FOLD: bool, POST: i32,
  zp: v128, c0: v128, r: v128, c1: v128, s0: v128, s1: v128, fm: v128, fv: v128, t0: v128, t1: v128, t2: v128, t3: v128, t4: v128, t5: v128, t6: v128, t7: v128): i32 {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const step = i8x16.splat(16);
    for (; i + 16 <= n; i += 16) {
      const x = v128.load(inPtr + i);
      let d = i8x16.sub(x, zp);
      if (FOLD) d = i8x16.abs(d);
      let w = i8x16.swizzle(t0, d);
      if (K > 1) { d = i8x16.sub(d, step); w = v128.or(w, i8x16.swizzle(t1, d)); }
      if (K > 2) { d = i8x16.sub(d, step); w = v128.or(w, i8x16.swizzle(t2, d)); }
      if (K > 3) { d = i8x16.sub(d, step); w = v128.or(w, i8x16.swizzle(t3, d)); }
      if (K > 4) { d = i8x16.sub(d, step); w = v128.or(w, i8x16.swizzle(t4, d)); }
      if (K > 5) { d = i8x16.sub(d, step); w = v128.or(w, i8x16.swizzle(t5, d)); }
      if (K > 6) { d = i8x16.sub(d, step); w = v128.or(w, i8x16.swizzle(t6, d)); }
      if (K > 7) { d = i8x16.sub(d, step); w = v128.or(w, i8x16.swizzle(t7, d)); }
      let y = i8x16.add(w, c0);
      if (FOLD) {
        // two tail steps on dk = |x − zp| − 16(K−1) (no wrap for K ≥ 2): −1 each where dk > s (odd),
        // +1 each (ramp); s = 127 never fires
        const m = i8x16.add(i8x16.gt_s(d, s0), i8x16.gt_s(d, s1));
        y = POST == ODD ? i8x16.add(y, m) : i8x16.sub(y, m);
      }
      if (POST == ODD) {
        const neg = i8x16.gt_s(x, r);
        y = i8x16.add(i8x16.sub_sat_s(v128.xor(y, neg), neg), c1);
      } else if (POST == RAMP) {
        y = i8x16.add(y, i8x16.max_s(x, r));
        // fold: +1 on the codes x with (x & fm) == fv (rounding ties of the odd part; fm 0, fv 1: none)
        if (FOLD) y = i8x16.sub(y, i8x16.eq(v128.and(x, fm), fv));
      } else if (POST == STEP) {
        y = i8x16.add(y, v128.and(i8x16.gt_s(x, r), c1));
      }
      v128.store(outPtr + i, y);
    }
  }
  return i;
}

// K variants compiled (each is its own loop; code size: docs/sizes.md): fold forms K = 2..8, window
// forms K = 2, 4, 6, 8 (src/tables/lut8-trim.ts picks only these).
// @ts-ignore: decorator
@inline function foldK(inPtr: usize, outPtr: usize, n: i32, K: i32, POST: i32,
  zp: v128, c0: v128, r: v128, c1: v128, s0: v128, s1: v128, fm: v128, fv: v128, t0: v128, t1: v128, t2: v128, t3: v128, t4: v128, t5: v128, t6: v128, t7: v128): i32 {
  switch (K) {
    case 2: return trimLoop(inPtr, outPtr, n, 2, true, POST, zp, c0, r, c1, s0, s1, fm, fv, t0, t1, t2, t3, t4, t5, t6, t7);
    case 3: return trimLoop(inPtr, outPtr, n, 3, true, POST, zp, c0, r, c1, s0, s1, fm, fv, t0, t1, t2, t3, t4, t5, t6, t7);
    case 4: return trimLoop(inPtr, outPtr, n, 4, true, POST, zp, c0, r, c1, s0, s1, fm, fv, t0, t1, t2, t3, t4, t5, t6, t7);
    case 5: return trimLoop(inPtr, outPtr, n, 5, true, POST, zp, c0, r, c1, s0, s1, fm, fv, t0, t1, t2, t3, t4, t5, t6, t7);
    case 6: return trimLoop(inPtr, outPtr, n, 6, true, POST, zp, c0, r, c1, s0, s1, fm, fv, t0, t1, t2, t3, t4, t5, t6, t7);
    case 7: return trimLoop(inPtr, outPtr, n, 7, true, POST, zp, c0, r, c1, s0, s1, fm, fv, t0, t1, t2, t3, t4, t5, t6, t7);
    default: return trimLoop(inPtr, outPtr, n, 8, true, POST, zp, c0, r, c1, s0, s1, fm, fv, t0, t1, t2, t3, t4, t5, t6, t7);
  }
}

// @ts-ignore: decorator
@inline function windowK(inPtr: usize, outPtr: usize, n: i32, K: i32, POST: i32,
  zp: v128, c0: v128, r: v128, c1: v128, s0: v128, s1: v128, fm: v128, fv: v128, t0: v128, t1: v128, t2: v128, t3: v128, t4: v128, t5: v128, t6: v128, t7: v128): i32 {
  switch (K) {
    case 2: return trimLoop(inPtr, outPtr, n, 2, false, POST, zp, c0, r, c1, s0, s1, fm, fv, t0, t1, t2, t3, t4, t5, t6, t7);
    case 4: return trimLoop(inPtr, outPtr, n, 4, false, POST, zp, c0, r, c1, s0, s1, fm, fv, t0, t1, t2, t3, t4, t5, t6, t7);
    case 6: return trimLoop(inPtr, outPtr, n, 6, false, POST, zp, c0, r, c1, s0, s1, fm, fv, t0, t1, t2, t3, t4, t5, t6, t7);
    default: return trimLoop(inPtr, outPtr, n, 8, false, POST, zp, c0, r, c1, s0, s1, fm, fv, t0, t1, t2, t3, t4, t5, t6, t7);
  }
}

export function i8_lut256_trim(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const K = <i32>load<u8>(p + HDR);
    const fold = load<u8>(p + HDR + 1) != 0;
    const post = <i32>load<u8>(p + HDR + 2);
    if (K == 0) {
      i8_lut256(inPtr, outPtr, n, p);
      return;
    }
    // loaded once for every loop (see trimLoop); W is always 128 bytes, the unused part zero
    const zp = v128.load8_splat(p, HDR + 3), c0 = v128.load8_splat(p, HDR + 4);
    const r = v128.load8_splat(p, HDR + 5), c1 = v128.load8_splat(p, HDR + 6);
    const s0 = v128.load8_splat(p, HDR + 7), s1 = v128.load8_splat(p, HDR + 8);
    const fm = v128.load8_splat(p, HDR + 9), fv = v128.load8_splat(p, HDR + 10);
    const t0 = v128.load(p, WIN), t1 = v128.load(p, WIN + 16), t2 = v128.load(p, WIN + 32), t3 = v128.load(p, WIN + 48);
    const t4 = v128.load(p, WIN + 64), t5 = v128.load(p, WIN + 80), t6 = v128.load(p, WIN + 96), t7 = v128.load(p, WIN + 112);
    if (fold) i = post == ODD ? foldK(inPtr, outPtr, n, K, ODD, zp, c0, r, c1, s0, s1, fm, fv, t0, t1, t2, t3, t4, t5, t6, t7) : foldK(inPtr, outPtr, n, K, RAMP, zp, c0, r, c1, s0, s1, fm, fv, t0, t1, t2, t3, t4, t5, t6, t7);
    else i = post == RAMP ? windowK(inPtr, outPtr, n, K, RAMP, zp, c0, r, c1, s0, s1, fm, fv, t0, t1, t2, t3, t4, t5, t6, t7) : windowK(inPtr, outPtr, n, K, STEP, zp, c0, r, c1, s0, s1, fm, fv, t0, t1, t2, t3, t4, t5, t6, t7);
  }
  for (; i < n; i++) store<u8>(outPtr + i, load<u8>(p + <usize>load<u8>(inPtr + i)));
}

import { i8_lut256 } from "../lut";
