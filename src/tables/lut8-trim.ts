// int8 `lut`, trimmed: the params block of i8_lut256_trim (assembly/q8/lut-trim.ts). The exact
// 256-entry table (src/tables/lut8.ts) comes first and stays the truth; prepare then looks for the
// cheapest "window" form that reproduces it on every one of the 256 codes:
//
//   d = i8(x − zp)                      (wrapping)      fold: d = i8(|d|)   (|−128| stays −128 = u8 128)
//   w = W[u8(d)] if u8(d) < 16·K else 0  (K swizzles of 16-byte sub-tables, K ≤ 8)
//   g = i8(w + c0)
//   post none: y = g
//        odd:  n = (x > r) ? −1 : 0;  y = i8(sat8((g ^ n) − n) + c1)      (= c1 − g for x > r, clamped)
//        ramp: y = i8(g + max(x, r))
//        step: y = i8(g + ((x > r) ? c1 : 0))
//
// Every candidate is checked code by code by simulateTrim (the kernel's integer semantics, written
// once more in TypeScript); only a candidate equal to the exact table on all 256 codes is used, so
// the kernel keeps 0 mismatches by construction. Nothing found with K ≤ 8 → K = 0: the kernel runs
// the plain 16-swizzle lookup on the table at offset 0.
//
// Layout (400 bytes): [0, 256) the exact table in kernel order (index = raw byte of the input code,
// as i8_lut256); [256] K (0 = plain); [257] fold (0/1); [258] post (0 none, 1 odd, 2 ramp, 3 step);
// [259] zp (i8); [260] c0 (i8); [261] r (i8); [262] c1 (i8); [263, 272) zero; [272, 400) W, K·16 bytes
// used, the rest zero.

export const LUT8_TRIM_BYTES = 400;
export const TRIM_MAX_K = 8;
/** K values the kernel has a loop for (code size): fold forms 3..8, window forms 2, 4, 6, 8. */
export const TRIM_KS = { fold: [3, 4, 5, 6, 7, 8], window: [2, 4, 6, 8] };
export type TrimPost = "none" | "odd" | "ramp" | "step"; // "none" is K = 0 (plain lookup) only
const POST_CODE: Record<TrimPost, number> = { none: 0, odd: 1, ramp: 2, step: 3 };

export interface TrimForm {
  /** sub-tables (0 = plain 16-swizzle lookup) */
  K: number;
  fold: boolean;
  post: TrimPost;
  zp: number;
  c0: number;
  r: number;
  c1: number;
  /** window table, 16·K signed entries */
  W: Int8Array;
}

const i8 = (v: number) => (((v & 0xff) << 24) >> 24);
const sat8 = (v: number) => (v > 127 ? 127 : v < -128 ? -128 : v);

/** The kernel's output for input code x (the integer semantics of the SIMD loop). */
export function simulateTrim(f: TrimForm, x: number): number {
  let d = i8(x - f.zp);
  if (f.fold) d = i8(Math.abs(d));
  const u = d & 0xff;
  const w = u < 16 * f.K ? f.W[u] : 0;
  const g = i8(w + f.c0);
  switch (f.post) {
    case "none": return g;
    case "odd": { const n = x > f.r ? -1 : 0; return i8(sat8((g ^ n) - n) + f.c1); }
    case "ramp": return i8(g + Math.max(x, f.r));
    case "step": return i8(g + (x > f.r ? f.c1 : 0));
  }
}

/** g values (i8) that give output y at input x after the post-step. */
function gFor(post: TrimPost, x: number, y: number, r: number, c1: number): number[] {
  switch (post) {
    case "none": return [y];
    case "ramp": return [i8(y - Math.max(x, r))];
    case "step": return [i8(y - (x > r ? c1 : 0))];
    case "odd": {
      const v = i8(y - c1);
      if (!(x > r)) return [v];
      if (v === 127) return [-127, -128];
      return v === -128 ? [] : [-v];
    }
  }
}

/** Estimated cost in WASM SIMD instructions per 16 codes (see the kernel header). */
export function trimCost(f: Pick<TrimForm, "K" | "fold" | "post">): number {
  if (f.K === 0) return 63;
  const post = { none: 0, odd: 4, ramp: 2, step: 3 }[f.post];
  return 4 * f.K + 1 + (f.fold ? 1 : 0) + post;
}

/** Finds W and c0 for a fixed (fold, post, zp, r, c1) and K, or undefined. */
function solve(byCode: Int8Array, K: number, fold: boolean, post: TrimPost, zp: number, r: number, c1: number): TrimForm | undefined {
  const n = 16 * K;
  const win: (number[] | undefined)[] = new Array(n);
  let tail: number[] | undefined;
  for (let x = -128; x <= 127; x++) {
    let d = i8(x - zp);
    if (fold) d = i8(Math.abs(d));
    const u = d & 0xff;
    const c = gFor(post, x, byCode[x + 128], r, c1);
    if (u < n) {
      const prev = win[u];
      win[u] = prev === undefined ? c : prev.filter((v) => c.includes(v));
      if (win[u]!.length === 0) return undefined;
    } else {
      tail = tail === undefined ? c : tail.filter((v) => c.includes(v));
      if (tail.length === 0) return undefined;
    }
  }
  const c0 = tail === undefined ? 0 : tail[0];
  const W = new Int8Array(n);
  for (let u = 0; u < n; u++) W[u] = win[u] === undefined ? 0 : i8(win[u]![0] - c0);
  return { K, fold, post, zp, c0, r, c1, W };
}

/** Candidate (fold, post, zp, r, c1) settings for the table; inZp is the input zero point. */
function candidates(byCode: Int8Array, inZp: number): Array<[boolean, TrimPost, number, number, number]> {
  const out: Array<[boolean, TrimPost, number, number, number]> = [];
  const y = (x: number) => byCode[x + 128];
  // odd symmetry around the input zero point (sigmoid, tanh): y(zp + m) = 2·c1 − y(zp − m)
  if (inZp > -128) for (const c1 of new Set([0, y(inZp), y(inZp) - 1, y(inZp) + 1])) out.push([true, "odd", inZp, inZp - 1, i8(c1)]);
  // x/2 + even (hardswish, gelu, silu): y(zp + m) = y(zp − m) + m
  out.push([true, "ramp", inZp, inZp, 0]);
  // window, constant left tail y(−128), right tail y = x + c0 (elu, relu-like): y = W + c0 + max(x, r)
  const r = y(-128) - (y(127) - 127);
  if (r >= -128 && r <= 127) for (let a = -128; a <= 127; a++) out.push([false, "ramp", a, r, 0]);
  return out;
}

/** The cheapest form that reproduces byCode (index 0 = code −128) on every code; K = 0 if none. */
export function findTrim(byCode: Int8Array, inZp: number): TrimForm {
  let best: TrimForm | undefined;
  let bestCost = trimCost({ K: 0, fold: false, post: "none" });
  const cands = candidates(byCode, inZp);
  for (let K = 1; K <= TRIM_MAX_K; K++) {
    for (const [fold, post, zp, r, c1] of cands) {
      if (!TRIM_KS[fold ? "fold" : "window"].includes(K)) continue;
      if (trimCost({ K, fold, post }) >= bestCost) continue;
      const f = solve(byCode, K, fold, post, zp, r, c1);
      if (f) { best = f; bestCost = trimCost(f); }
    }
    // two constant tails (sigmoid-like without symmetry): step at the right edge of the window
    for (let a = -128; a <= 127 && TRIM_KS.window.includes(K); a++) {
      if (trimCost({ K, fold: false, post: "step" }) >= bestCost) break;
      const hi = a + 16 * K; // first code right of the window (if any)
      if (hi > 127) break;
      const f = solve(byCode, K, false, "step", a, hi - 1, i8(byCode[hi + 128] - byCode[a - 1 + 128 < 0 ? 0 : a - 1 + 128]));
      if (f) { best = f; bestCost = trimCost(f); }
    }
  }
  if (!best) return { K: 0, fold: false, post: "none", zp: 0, c0: 0, r: 0, c1: 0, W: new Int8Array(0) };
  for (let x = -128; x <= 127; x++) {
    if (simulateTrim(best, x) !== byCode[x + 128]) {
      throw new Error(`lut8-trim: form ${JSON.stringify({ ...best, W: undefined })} gives ${simulateTrim(best, x)} at code ${x}, table ${byCode[x + 128]}`);
    }
  }
  return best;
}

/** The i8_lut256_trim params block: the exact table in kernel order, the header, the window. */
export function lut8TrimLayout(byCode: Int8Array, inZp: number): Uint8Array {
  const f = findTrim(byCode, inZp);
  return trimBlock(byCode, f);
}

export function trimBlock(byCode: Int8Array, f: TrimForm): Uint8Array {
  const b = new Uint8Array(LUT8_TRIM_BYTES);
  for (let q = -128; q <= 127; q++) b[q & 0xff] = byCode[q + 128] & 0xff;
  b[256] = f.K;
  b[257] = f.fold ? 1 : 0;
  b[258] = POST_CODE[f.post];
  b[259] = f.zp & 0xff;
  b[260] = f.c0 & 0xff;
  b[261] = f.r & 0xff;
  b[262] = f.c1 & 0xff;
  for (let u = 0; u < 16 * f.K; u++) b[272 + u] = f.W[u] & 0xff;
  return b;
}

/** Reads the form back from a params block (for tests and reports). */
export function readTrim(b: Uint8Array): TrimForm {
  const s = (v: number) => i8(v);
  const K = b[256];
  return {
    K, fold: b[257] === 1, post: (["none", "odd", "ramp", "step"] as const)[b[258]], zp: s(b[259]), c0: s(b[260]), r: s(b[261]), c1: s(b[262]),
    W: Int8Array.from(b.subarray(272, 272 + 16 * K), s),
  };
}
