// int8 `lut`, trimmed: the params block of i8_lut256_trim (assembly/q8/lut-trim.ts). The exact
// 256-entry table (src/tables/lut8.ts) comes first and stays the truth; prepare then looks for the
// cheapest "window" form that reproduces it on every one of the 256 codes:
//
//   d = i8(x − zp)                      (wrapping)      fold: d = i8(|d|)   (|−128| stays −128 = u8 128)
//   w = W[u8(d)] if u8(d) < 16·K else 0  (K swizzles of 16-byte sub-tables, K ≤ 8)
//   g = i8(w + c0)
//   fold only, two tail steps: dk = i8(u8(d) − 16(K−1)), m = [dk > s0] + [dk > s1]
//        odd: g = i8(g − m)   ramp: g = i8(g + m)        (s = 127: never; dk is ordered like |x − zp|)
//   post none: y = g
//        odd:  n = (x > r) ? −1 : 0;  y = i8(sat8((g ^ n) − n) + c1)      (= c1 − g for x > r, clamped)
//        ramp: y = i8(g + max(x, r)); fold: y = i8(y + [(x & fm) == fv])   (fm 0, fv 1: never)
//        step: y = i8(g + ((x > r) ? c1 : 0))
//
// The tail steps let the window stop where the function is still changing by a step or two
// (sigmoid/tanh at their defaults: K 7 → 5, silu 6 → 3, gelu 4 → 2); the ramp fix-up is for
// rounding ties that break y(zp + m) = y(zp − m) + m on a regular set of codes (hardswish at 3/64:
// codes 8, 24, 40, 56, i.e. x & 0xcf == 8), which lets hardswish take the fold form (K 4, was a K 8
// window).
//
// Every candidate is checked code by code by simulateTrim (the kernel's integer semantics, written
// once more in TypeScript); only a candidate equal to the exact table on all 256 codes is used, so
// the kernel keeps 0 mismatches by construction. Nothing found with K ≤ 8 → K = 0: the kernel runs
// the plain 16-swizzle lookup on the table at offset 0.
//
// Layout (400 bytes): [0, 256) the exact table in kernel order (index = raw byte of the input code,
// as i8_lut256); [256] K (0 = plain); [257] fold (0/1); [258] post (0 none, 1 odd, 2 ramp, 3 step);
// [259] zp (i8); [260] c0 (i8); [261] r (i8); [262] c1 (i8); [263] s0 (i8); [264] s1 (i8); [265] fm (u8);
// [266] fv (u8); [267, 272) zero; [272, 400) W, K·16 bytes used, the rest zero.

export const LUT8_TRIM_BYTES = 400;
export const TRIM_MAX_K = 8;
/** K values the kernel has a loop for (code size): fold forms 2..8, window forms 2, 4, 6, 8. */
export const TRIM_KS = { fold: [2, 3, 4, 5, 6, 7, 8], window: [2, 4, 6, 8] };
/** Tail steps of the fold forms (the kernel always evaluates two). */
export const TRIM_STEPS = 2;
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
  /** tail step thresholds on dk (fold forms; 127 = unused) */
  s0: number;
  s1: number;
  /** ramp fix-up: +1 where (x & fm) == fv (fold ramp; fm 0, fv 1 = none) */
  fm: number;
  fv: number;
  /** window table, 16·K signed entries */
  W: Int8Array;
}

const i8 = (v: number) => (((v & 0xff) << 24) >> 24);
const sat8 = (v: number) => (v > 127 ? 127 : v < -128 ? -128 : v);
const NO_FIX = { fm: 0, fv: 1 };

/** The kernel's output for input code x (the integer semantics of the SIMD loop). */
export function simulateTrim(f: TrimForm, x: number): number {
  let d = i8(x - f.zp);
  if (f.fold) d = i8(Math.abs(d));
  const u = d & 0xff;
  const w = u < 16 * f.K ? f.W[u] : 0;
  let g = i8(w + f.c0);
  if (f.fold) {
    const dk = i8(u - 16 * (f.K - 1));
    const m = (dk > f.s0 ? 1 : 0) + (dk > f.s1 ? 1 : 0);
    g = i8(f.post === "odd" ? g - m : g + m);
  }
  switch (f.post) {
    case "none": return g;
    case "odd": { const n = x > f.r ? -1 : 0; return i8(sat8((g ^ n) - n) + f.c1); }
    case "ramp": {
      const y = i8(g + Math.max(x, f.r));
      return f.fold && (x & f.fm) === f.fv ? i8(y + 1) : y;
    }
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
  // fold: sub + abs, two tail steps (4), ramp fix-up (3)
  const fold = f.fold ? 2 + 4 + (f.post === "ramp" ? 3 : 0) : 1;
  return 4 * f.K - 2 + 1 + fold + post;
}

/**
 * Finds W, c0 and the tail steps for a fixed (fold, post, zp, r, c1, fix) and K, or undefined.
 * byCode is the table the window and tails must give before the ramp fix-up.
 */
function solve(byCode: Int8Array, K: number, fold: boolean, post: TrimPost, zp: number, r: number, c1: number,
  fix: { fm: number; fv: number }): TrimForm | undefined {
  const n = 16 * K;
  const win: (number[] | undefined)[] = new Array(n);
  const tail: (number[] | undefined)[] = new Array(256);
  for (let x = -128; x <= 127; x++) {
    let d = i8(x - zp);
    if (fold) d = i8(Math.abs(d));
    const u = d & 0xff;
    const c = gFor(post, x, byCode[x + 128], r, c1);
    const slot = u < n ? win : tail;
    const prev = slot[u];
    slot[u] = prev === undefined ? c : prev.filter((v) => c.includes(v));
    if (slot[u]!.length === 0) return undefined;
  }
  let c0 = 0, s0 = 127, s1 = 127;
  const us: number[] = [];
  for (let u = n; u < 256; u++) if (tail[u] !== undefined) us.push(u);
  if (us.length > 0) {
    if (!fold) {
      // window forms: one constant tail
      let t = tail[us[0]]!;
      for (const u of us) { t = t.filter((v) => tail[u]!.includes(v)); if (t.length === 0) return undefined; }
      c0 = t[0];
    } else {
      // fold forms: a monotone tail with at most TRIM_STEPS unit steps (odd: down, ramp: up), by DP
      const dir = post === "odd" ? -1 : 1;
      type St = { steps: number; prev: number | undefined };
      const states: Map<number, St>[] = [];
      for (let k = 0; k < us.length; k++) {
        const m = new Map<number, St>();
        for (const v of tail[us[k]]!) {
          if (k === 0) { m.set(v, { steps: 0, prev: undefined }); continue; }
          let best: St | undefined;
          for (const [pv, st] of states[k - 1]) {
            const delta = dir * (v - pv);
            if (delta < 0) continue;
            const steps = st.steps + delta;
            if (steps <= TRIM_STEPS && (!best || steps < best.steps)) best = { steps, prev: pv };
          }
          if (best) m.set(v, best);
        }
        if (m.size === 0) return undefined;
        states.push(m);
      }
      // backtrack from the cheapest final value
      let v = [...states[us.length - 1].entries()].sort((a, b) => a[1].steps - b[1].steps)[0][0];
      const vals: number[] = new Array(us.length);
      for (let k = us.length - 1; k >= 0; k--) { vals[k] = v; const p = states[k].get(v)!.prev; if (p !== undefined) v = p; }
      c0 = vals[0];
      const ss: number[] = [];
      for (let k = 1; k < us.length; k++) {
        for (let j = 0; j < dir * (vals[k] - vals[k - 1]); j++) ss.push(us[k] - 1 - 16 * (K - 1));
      }
      if (ss.length > 0) s0 = ss[0];
      if (ss.length > 1) s1 = ss[1];
    }
  }
  const W = new Int8Array(n);
  for (let u = 0; u < n; u++) W[u] = win[u] === undefined ? 0 : i8(win[u]![0] - c0);
  return { K, fold, post, zp, c0, r, c1, s0, s1, fm: fold && post === "ramp" ? fix.fm : 0, fv: fold && post === "ramp" ? fix.fv : 1, W };
}

/**
 * The ramp fix-up for the fold around zp: codes where y(zp + m) = y(zp − m) + m + e with e = ±1 get
 * +1 from the kernel on the side that is one higher; usable when those codes are exactly
 * {x : (x & fm) == fv}. Returns the fix and the table the window must give (the table minus the fix),
 * or undefined when the differences are not all in {−1, 0, 1} or the codes form no such set.
 */
function rampFix(byCode: Int8Array, zp: number): { fm: number; fv: number; table: Int8Array } | undefined {
  const P: number[] = [];
  for (let m = 1; m <= 128; m++) {
    const xl = zp - m, xr = zp + m;
    if (xl < -128 || xr > 127) continue;
    const e = i8(byCode[xr + 128] - byCode[xl + 128] - m);
    if (e === 1) P.push(xr);
    else if (e === -1) P.push(xl);
    else if (e !== 0) return undefined;
  }
  if (P.length === 0) return { ...NO_FIX, table: byCode };
  let diff = 0;
  for (const x of P) diff |= (x ^ P[0]) & 0xff;
  const fm = ~diff & 0xff, fv = P[0] & fm;
  let count = 0;
  for (let x = -128; x <= 127; x++) if ((x & fm) === fv) count++;
  if (count !== P.length) return undefined;
  const table = Int8Array.from(byCode);
  for (const x of P) table[x + 128] = i8(table[x + 128] - 1);
  return { fm, fv, table };
}

type Cand = { fold: boolean; post: TrimPost; zp: number; r: number; c1: number; fix: { fm: number; fv: number }; table: Int8Array };

/** Candidate (fold, post, zp, r, c1, fix) settings for the table; inZp is the input zero point. */
function candidates(byCode: Int8Array, inZp: number): Cand[] {
  const out: Cand[] = [];
  const y = (x: number) => byCode[x + 128];
  // odd symmetry around the input zero point (sigmoid, tanh): y(zp + m) = 2·c1 − y(zp − m)
  if (inZp > -128) for (const c1 of new Set([0, y(inZp), y(inZp) - 1, y(inZp) + 1])) out.push({ fold: true, post: "odd", zp: inZp, r: inZp - 1, c1: i8(c1), fix: NO_FIX, table: byCode });
  // x/2 + even (hardswish, gelu, silu): y(zp + m) = y(zp − m) + m, up to a fix-up on a regular set of codes
  const fix = rampFix(byCode, inZp);
  if (fix) out.push({ fold: true, post: "ramp", zp: inZp, r: inZp, c1: 0, fix: { fm: fix.fm, fv: fix.fv }, table: fix.table });
  // window, constant left tail y(−128), right tail y = x + c0 (elu, relu-like): y = W + c0 + max(x, r)
  const r = y(-128) - (y(127) - 127);
  if (r >= -128 && r <= 127) for (let a = -128; a <= 127; a++) out.push({ fold: false, post: "ramp", zp: a, r, c1: 0, fix: NO_FIX, table: byCode });
  return out;
}

/** The cheapest form that reproduces byCode (index 0 = code −128) on every code; K = 0 if none. */
export function findTrim(byCode: Int8Array, inZp: number): TrimForm {
  let best: TrimForm | undefined;
  let bestCost = trimCost({ K: 0, fold: false, post: "none" });
  const cands = candidates(byCode, inZp);
  for (let K = 1; K <= TRIM_MAX_K; K++) {
    for (const c of cands) {
      if (!TRIM_KS[c.fold ? "fold" : "window"].includes(K)) continue;
      if (trimCost({ K, fold: c.fold, post: c.post }) >= bestCost) continue;
      const f = solve(c.table, K, c.fold, c.post, c.zp, c.r, c.c1, c.fix);
      if (f) { best = f; bestCost = trimCost(f); }
    }
    // two constant tails (sigmoid-like without symmetry): step at the right edge of the window
    for (let a = -128; a <= 127 && TRIM_KS.window.includes(K); a++) {
      if (trimCost({ K, fold: false, post: "step" }) >= bestCost) break;
      const hi = a + 16 * K; // first code right of the window (if any)
      if (hi > 127) break;
      const f = solve(byCode, K, false, "step", a, hi - 1, i8(byCode[hi + 128] - byCode[a - 1 + 128 < 0 ? 0 : a - 1 + 128]), NO_FIX);
      if (f) { best = f; bestCost = trimCost(f); }
    }
  }
  if (!best) return { K: 0, fold: false, post: "none", zp: 0, c0: 0, r: 0, c1: 0, s0: 127, s1: 127, ...NO_FIX, W: new Int8Array(0) };
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
  b[263] = f.s0 & 0xff;
  b[264] = f.s1 & 0xff;
  b[265] = f.fm & 0xff;
  b[266] = f.fv & 0xff;
  for (let u = 0; u < 16 * f.K; u++) b[272 + u] = f.W[u] & 0xff;
  return b;
}

/** Reads the form back from a params block (for tests and reports). */
export function readTrim(b: Uint8Array): TrimForm {
  const s = (v: number) => i8(v);
  const K = b[256];
  return {
    K, fold: b[257] === 1, post: (["none", "odd", "ramp", "step"] as const)[b[258]], zp: s(b[259]), c0: s(b[260]), r: s(b[261]), c1: s(b[262]),
    s0: s(b[263]), s1: s(b[264]), fm: b[265], fv: b[266],
    W: Int8Array.from(b.subarray(272, 272 + 16 * K), s),
  };
}
