// int8 `lut` kernel, trimmed table (i8_lut256_trim): the same outputs as the 256-entry table, with
// K ≤ 8 swizzles instead of 16 where the table allows it.
// HEADER-PLACEHOLDER

const HDR: usize = 256;
const WIN: usize = 272;

// Post-steps (byte 258 of the params block; src/tables/lut8-trim.ts is the only producer).
const NONE: i32 = 0;
const ODD: i32 = 1;
const RAMP: i32 = 2;
const STEP: i32 = 3;

// @ts-ignore: decorator
@inline function trimLoop(inPtr: usize, outPtr: usize, n: i32, p: usize, K: i32, FOLD: bool, POST: i32): i32 {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const zp = i8x16.splat(load<i8>(p + HDR + 3));
    const c0 = i8x16.splat(load<i8>(p + HDR + 4));
    const r = i8x16.splat(load<i8>(p + HDR + 5));
    const c1 = i8x16.splat(load<i8>(p + HDR + 6));
    const t0 = v128.load(p + WIN, 0);
    const t1 = K > 1 ? v128.load(p + WIN, 16) : t0;
    const t2 = K > 2 ? v128.load(p + WIN, 32) : t0;
    const t3 = K > 3 ? v128.load(p + WIN, 48) : t0;
    const t4 = K > 4 ? v128.load(p + WIN, 64) : t0;
    const t5 = K > 5 ? v128.load(p + WIN, 80) : t0;
    const t6 = K > 6 ? v128.load(p + WIN, 96) : t0;
    const t7 = K > 7 ? v128.load(p + WIN, 112) : t0;
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
      if (POST == ODD) {
        const neg = i8x16.gt_s(x, r);
        y = i8x16.add(i8x16.sub_sat_s(v128.xor(y, neg), neg), c1);
      } else if (POST == RAMP) {
        y = i8x16.add(y, i8x16.max_s(x, r));
      } else if (POST == STEP) {
        y = i8x16.add(y, v128.and(i8x16.gt_s(x, r), c1));
      }
      v128.store(outPtr + i, y);
    }
  }
  return i;
}

// K variants compiled (each is its own loop; code size: docs/sizes.md): fold forms K = 3..8, window
// forms K = 2, 4, 6, 8 (src/tables/lut8-trim.ts picks only these).
// @ts-ignore: decorator
@inline function foldK(inPtr: usize, outPtr: usize, n: i32, p: usize, K: i32, POST: i32): i32 {
  switch (K) {
    case 3: return trimLoop(inPtr, outPtr, n, p, 3, true, POST);
    case 4: return trimLoop(inPtr, outPtr, n, p, 4, true, POST);
    case 5: return trimLoop(inPtr, outPtr, n, p, 5, true, POST);
    case 6: return trimLoop(inPtr, outPtr, n, p, 6, true, POST);
    case 7: return trimLoop(inPtr, outPtr, n, p, 7, true, POST);
    default: return trimLoop(inPtr, outPtr, n, p, 8, true, POST);
  }
}

// @ts-ignore: decorator
@inline function windowK(inPtr: usize, outPtr: usize, n: i32, p: usize, K: i32, POST: i32): i32 {
  switch (K) {
    case 2: return trimLoop(inPtr, outPtr, n, p, 2, false, POST);
    case 4: return trimLoop(inPtr, outPtr, n, p, 4, false, POST);
    case 6: return trimLoop(inPtr, outPtr, n, p, 6, false, POST);
    default: return trimLoop(inPtr, outPtr, n, p, 8, false, POST);
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
    if (fold) i = post == ODD ? foldK(inPtr, outPtr, n, p, K, ODD) : foldK(inPtr, outPtr, n, p, K, RAMP);
    else i = post == RAMP ? windowK(inPtr, outPtr, n, p, K, RAMP) : windowK(inPtr, outPtr, n, p, K, STEP);
  }
  for (; i < n; i++) store<u8>(outPtr + i, load<u8>(p + <usize>load<u8>(inPtr + i)));
}

import { i8_lut256 } from "../lut";
