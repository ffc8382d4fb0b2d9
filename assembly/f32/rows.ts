// f32 ops along the last axis: softmax, log_softmax (rows), maxout (groups), prelu (channels).
//
// softmax / log_softmax, method accurate, algorithm f64exp: per row of length L
//   1. m = max(row) with f32 max (NaN-propagating: any NaN gives m = NaN);
//   2. special rows (docs/semantics.md "Row ops and derivatives"): m NaN or m = −Inf (a row of only
//      −Inf) → the row is NaN; m = +Inf → the k entries equal to +Inf get 1/k (log_softmax −log k),
//      the others 0 (−Inf);
//   3. z_i = beta·(x_i − m) in float64 and e^z_i (e^z = 0 where Math.exp underflows to 0:
//      z < −745.13), summed in float64 in 4 interleaved partial sums (element i goes to sum i mod 4;
//      total (s0 + s2) + (s1 + s3)) in BOTH builds. softmax: sum over the row, and f32(e^z_i) is
//      stored in the output; log_softmax: c = count of x_i = m (each e^0 = 1 exactly) and
//      rest = Σ_{x_i ≠ m} e^z_i;
//   4. softmax: y_i = f32(e_i · (1/sum)) in float64. log_softmax: y_i = f32(z_i − ls) with
//      ls = c = 1 ? log1p(rest) : log(c + rest) (log1p keeps rows with one dominant logit exact).
//   e^z is assembly/f64/math.ts exp64_nonpositive (relative error < 2^-32).
//   Error bounds: log_softmax rounds once: ≤ 0.5 ULP + 2^-8. softmax rounds e^z to f32 (relative
//   error ≤ 2^-24, i.e. ≤ 1 ULP of y once scaled) and then y: ≤ 1.5 ULP + 2^-7. Measured on the
//   stated rows (seeded random rows of lengths 1..4096, one-hot, all-equal, huge and tiny logits,
//   −Inf entries; beta 1, 0.5, 3.7): softmax maxUlp 1.44, log_softmax maxUlp 0.50
//   (npm run test:f32-full; npx vitest run test/kernels/f32-rows.test.ts on fewer rows).
//   Speed (npm run bench -- --filter softmax: n = 2^20, rows of 1024, zero-copy, ratio to the plain
//   JS loop with Math.exp in the same run, 2-core EPYC under load): computing e^z twice in float64
//   (0.5 ULP) gave 1.2×; storing f32(e^z) and exponentiating once gave 2.0×; Estrin's scheme, a fast
//   path without underflow masks when beta·(min − max) ≥ −707 (same bits) and 8/16-wide steps gave
//   5.0–7.6× over four runs (docs/semantics.md); the figure moves with the machine's load.
//   SIMD: f32x4.max for the row max and f64x2 lanes for exp/sum/scale; the scalar build does the
//   same float64 operations in the same order, so the builds agree bit for bit.
//
// maxout, method accurate, algorithm max (SIMD: shuf for k = 2): y_j = max(x_jk … x_jk+k−1) with f32
//   max (exact: NaN in a group → NaN, max(−0, +0) = +0 like Math.max); NaN outputs are written as
//   the canonical quiet NaN 0x7fc00000 so the builds agree bit for bit.
//
// prelu, method accurate, algorithm f64mul: y = x < 0 ? f32(alpha_c · x) : x, alpha_c in float64
//   (correctly rounded product, as f32_leaky_relu). Params: {i32 period @0, i32 lanes @4,
//   alpha[period] @8} where prepare repeats the per-channel alphas to period = lcm(channels, 4), so
//   every SIMD step of 4 elements reads 4 consecutive alphas without a modulo. lanes = 64: the alphas
//   are f64 and the product is taken in f64x2 lanes; lanes = 32: every alpha is an f32 value, stored
//   as f32, and f32x4.mul gives the same bits (the exact product of two f32 has ≤ 48 significant bits,
//   so f64 holds it exactly and both paths round that exact value once to f32, subnormals and
//   overflow included). The f32 path, 4 vectors per step when the period is a multiple of 16:
//   6.5 vs 2.9 G elem/s for the f64 path (64 channels 0.05 + i/256 as f64 and as Math.fround values,
//   n = 2^20 zero-copy tensors, medians of 25 interleaved Kernel.run calls); 4.8 G with 1 vector per step.
//
// Params: softmax/log_softmax {f64 beta @0}; maxout none; prelu above.
import { EXP_ARG_MIN, EXP_NORMAL_MIN, EXP_ZERO_BELOW, exp64_nonpositive, f64x2_exp_nonpositive, f64x2_exp_normal } from "../f64/math";

const CANONICAL_NAN: f32 = reinterpret<f32>(0x7fc00000);

// @ts-ignore: decorator
@inline function f32x4_lowToF64x2(x: v128): v128 {
  return f64x2.promote_low_f32x4(x);
}
// @ts-ignore: decorator
@inline function f32x4_highToF64x2(x: v128): v128 {
  return f64x2.promote_low_f32x4(v128.shuffle<f32>(x, x, 2, 3, 0, 1));
}
// @ts-ignore: decorator
@inline function f32x4_fromF64x2Pair(lo: v128, hi: v128): v128 {
  return v128.shuffle<f32>(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5);
}

/** max of a row of f32 (NaN if any entry is NaN); the SIMD build also leaves the row min in ROW_MIN. */
let ROW_MIN: f32 = 0;
function rowMax(row: usize, len: i32): f32 {
  let m: f32 = -Infinity;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    let vm = f32x4.splat(-Infinity), vn = f32x4.splat(Infinity);
    for (; i + 4 <= len; i += 4) {
      const x = v128.load(row + (<usize>i << 2));
      vm = f32x4.max(vm, x);
      vn = f32x4.min(vn, x);
    }
    m = max<f32>(max<f32>(f32x4.extract_lane(vm, 0), f32x4.extract_lane(vm, 1)),
      max<f32>(f32x4.extract_lane(vm, 2), f32x4.extract_lane(vm, 3)));
    let n = min<f32>(min<f32>(f32x4.extract_lane(vn, 0), f32x4.extract_lane(vn, 1)),
      min<f32>(f32x4.extract_lane(vn, 2), f32x4.extract_lane(vn, 3)));
    for (let j = i; j < len; j++) n = min<f32>(n, load<f32>(row + (<usize>j << 2)));
    ROW_MIN = n;
  }
  for (; i < len; i++) m = max<f32>(m, load<f32>(row + (<usize>i << 2)));
  return m;
}

/**
 * Handles the special rows (m NaN, −Inf or +Inf) and returns true, or returns false for a row with
 * a finite max. log: log_softmax values instead of softmax.
 */
function specialRow(row: usize, out: usize, len: i32, m: f32, log: bool): bool {
  if (m != m || m == -Infinity) {
    for (let i = 0; i < len; i++) store<f32>(out + (<usize>i << 2), CANONICAL_NAN);
    return true;
  }
  if (m != Infinity) return false;
  let k = 0;
  for (let i = 0; i < len; i++) if (load<f32>(row + (<usize>i << 2)) == Infinity) k++;
  const hit: f32 = log ? (k == 1 ? <f32>0 : <f32>(-Math.log(<f64>k))) : <f32>(1.0 / <f64>k); // +0 for k = 1, as the reference
  const miss: f32 = log ? -Infinity : 0;
  for (let i = 0; i < len; i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, load<f32>(row + o) == Infinity ? hit : miss);
  }
  return true;
}

/** e^z for z ≤ 0: 0 below EXP_ZERO_BELOW (where Math.exp is 0), else exp64 of z clamped ≥ −746. */
// @ts-ignore: decorator
@inline function expZ(z: f64): f64 {
  const e = exp64_nonpositive(z < EXP_ARG_MIN ? EXP_ARG_MIN : z);
  return z < EXP_ZERO_BELOW ? 0.0 : e;
}
/** The same on two lanes. */
// @ts-ignore: decorator
@inline function f64x2_expZ(z: v128): v128 {
  const e = f64x2_exp_nonpositive(f64x2.pmax(z, f64x2.splat(EXP_ARG_MIN)));
  return v128.andnot(e, f64x2.lt(z, f64x2.splat(EXP_ZERO_BELOW)));
}

/** softmax fast path, 16 then 8 elements per step (16: ~10% faster than 8 alone in an interleaved
 *  A/B run of the two builds at n = 2^20): stores f32(e^z) and returns the (s0, s1) sums; the (s2, s3)
 *  sums go to STEP8_S2, STEP8_S3 and the next index to STEP8_I. */
let STEP8_I: i32 = 0;
let STEP8_S2: f64 = 0, STEP8_S3: f64 = 0;
// @ts-ignore: decorator
@inline function softmaxStep8(row: usize, out: usize, len: i32, md: f64, vb: v128, BETA1: bool): v128 {
  const vmd = f64x2.splat(md);
  let a01 = f64x2.splat(0), a23 = f64x2.splat(0);
  let i = 0;
  for (; i + 16 <= len; i += 16) {
    const o = <usize>i << 2;
    const x = v128.load(row + o), y = v128.load(row + o, 16), x2 = v128.load(row + o, 32), y2 = v128.load(row + o, 48);
    let zLo = f64x2.sub(f32x4_lowToF64x2(x), vmd), zHi = f64x2.sub(f32x4_highToF64x2(x), vmd);
    let wLo = f64x2.sub(f32x4_lowToF64x2(y), vmd), wHi = f64x2.sub(f32x4_highToF64x2(y), vmd);
    let uLo = f64x2.sub(f32x4_lowToF64x2(x2), vmd), uHi = f64x2.sub(f32x4_highToF64x2(x2), vmd);
    let vLo = f64x2.sub(f32x4_lowToF64x2(y2), vmd), vHi = f64x2.sub(f32x4_highToF64x2(y2), vmd);
    if (!BETA1) {
      zLo = f64x2.mul(vb, zLo); zHi = f64x2.mul(vb, zHi);
      wLo = f64x2.mul(vb, wLo); wHi = f64x2.mul(vb, wHi);
      uLo = f64x2.mul(vb, uLo); uHi = f64x2.mul(vb, uHi);
      vLo = f64x2.mul(vb, vLo); vHi = f64x2.mul(vb, vHi);
    }
    const eLo = f64x2_exp_normal(zLo), eHi = f64x2_exp_normal(zHi);
    const fLo = f64x2_exp_normal(wLo), fHi = f64x2_exp_normal(wHi);
    const gLo = f64x2_exp_normal(uLo), gHi = f64x2_exp_normal(uHi);
    const hLo = f64x2_exp_normal(vLo), hHi = f64x2_exp_normal(vHi);
    v128.store(out + o, f32x4_fromF64x2Pair(eLo, eHi));
    v128.store(out + o, f32x4_fromF64x2Pair(fLo, fHi), 16);
    v128.store(out + o, f32x4_fromF64x2Pair(gLo, gHi), 32);
    v128.store(out + o, f32x4_fromF64x2Pair(hLo, hHi), 48);
    a01 = f64x2.add(f64x2.add(f64x2.add(f64x2.add(a01, eLo), fLo), gLo), hLo);
    a23 = f64x2.add(f64x2.add(f64x2.add(f64x2.add(a23, eHi), fHi), gHi), hHi);
  }
  for (; i + 8 <= len; i += 8) {
    const o = <usize>i << 2;
    const x = v128.load(row + o), y = v128.load(row + o, 16);
    let zLo = f64x2.sub(f32x4_lowToF64x2(x), vmd), zHi = f64x2.sub(f32x4_highToF64x2(x), vmd);
    let wLo = f64x2.sub(f32x4_lowToF64x2(y), vmd), wHi = f64x2.sub(f32x4_highToF64x2(y), vmd);
    if (!BETA1) {
      zLo = f64x2.mul(vb, zLo); zHi = f64x2.mul(vb, zHi);
      wLo = f64x2.mul(vb, wLo); wHi = f64x2.mul(vb, wHi);
    }
    const eLo = f64x2_exp_normal(zLo), eHi = f64x2_exp_normal(zHi);
    const fLo = f64x2_exp_normal(wLo), fHi = f64x2_exp_normal(wHi);
    v128.store(out + o, f32x4_fromF64x2Pair(eLo, eHi));
    v128.store(out + o, f32x4_fromF64x2Pair(fLo, fHi), 16);
    a01 = f64x2.add(f64x2.add(a01, eLo), fLo);
    a23 = f64x2.add(f64x2.add(a23, eHi), fHi);
  }
  STEP8_I = i;
  STEP8_S2 = f64x2.extract_lane(a23, 0);
  STEP8_S3 = f64x2.extract_lane(a23, 1);
  return a01;
}

/**
 * The sum pass. SPLIT (log_softmax): returns rest = Σ_{x ≠ m} e^(beta·(x − m)) and leaves in COUNT
 * the count c of entries equal to m (each e^0 = 1 exactly). Not SPLIT (softmax): returns Σ e^z over
 * the whole row and writes f32(e^z) of every element to out. Partial sums: element i → sum i mod 4,
 * total (s0 + s2) + (s1 + s3), in both builds.
 * SIMD fast path: when beta·(min − m) ≥ EXP_NORMAL_MIN no e^z can underflow, so the masks of
 * f64x2_expZ are skipped and f64x2_exp_normal is used; it returns exactly the same bits there.
 */
let COUNT: i32 = 0;
// @ts-ignore: decorator
@inline function rowSum(row: usize, out: usize, len: i32, m: f32, beta: f64, SPLIT: bool): f64 {
  const md = <f64>m;
  let s0: f64 = 0, s1: f64 = 0, s2: f64 = 0, s3: f64 = 0;
  let c = 0;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const vmd = f64x2.splat(md), vb = f64x2.splat(beta), vm = f32x4.splat(m);
    let a01 = f64x2.splat(0), a23 = f64x2.splat(0), vc = i32x4.splat(0);
    if (beta * (<f64>ROW_MIN - md) >= EXP_NORMAL_MIN) {
      if (!SPLIT) {
        // 8 elements per step for more independent work; the sums still take element i then i + 4.
        // beta = 1 skips the multiply (1·d = d exactly, so the bits are the same).
        const sums = beta == 1 ? softmaxStep8(row, out, len, md, vb, true) : softmaxStep8(row, out, len, md, vb, false);
        i = STEP8_I;
        a01 = sums; // a01, a23 were 0: continue from the step's partial sums
        a23 = f64x2.replace_lane(f64x2.splat(STEP8_S2), 1, STEP8_S3);
      }
      for (; i + 4 <= len; i += 4) {
        const o = <usize>i << 2;
        const x = v128.load(row + o);
        const eLo = f64x2_exp_normal(f64x2.mul(vb, f64x2.sub(f32x4_lowToF64x2(x), vmd)));
        const eHi = f64x2_exp_normal(f64x2.mul(vb, f64x2.sub(f32x4_highToF64x2(x), vmd)));
        if (SPLIT) {
          const eq = f32x4.eq(x, vm); // i32 lanes: −1 where x = m
          vc = i32x4.sub(vc, eq);
          a01 = f64x2.add(a01, v128.andnot(eLo, i64x2.extend_low_i32x4_s(eq)));
          a23 = f64x2.add(a23, v128.andnot(eHi, i64x2.extend_high_i32x4_s(eq)));
        } else {
          v128.store(out + o, f32x4_fromF64x2Pair(eLo, eHi));
          a01 = f64x2.add(a01, eLo);
          a23 = f64x2.add(a23, eHi);
        }
      }
    } else {
      for (; i + 4 <= len; i += 4) {
        const o = <usize>i << 2;
        const x = v128.load(row + o);
        const eLo = f64x2_expZ(f64x2.mul(vb, f64x2.sub(f32x4_lowToF64x2(x), vmd)));
        const eHi = f64x2_expZ(f64x2.mul(vb, f64x2.sub(f32x4_highToF64x2(x), vmd)));
        if (SPLIT) {
          const eq = f32x4.eq(x, vm);
          vc = i32x4.sub(vc, eq);
          a01 = f64x2.add(a01, v128.andnot(eLo, i64x2.extend_low_i32x4_s(eq)));
          a23 = f64x2.add(a23, v128.andnot(eHi, i64x2.extend_high_i32x4_s(eq)));
        } else {
          v128.store(out + o, f32x4_fromF64x2Pair(eLo, eHi));
          a01 = f64x2.add(a01, eLo);
          a23 = f64x2.add(a23, eHi);
        }
      }
    }
    s0 = f64x2.extract_lane(a01, 0); s1 = f64x2.extract_lane(a01, 1);
    s2 = f64x2.extract_lane(a23, 0); s3 = f64x2.extract_lane(a23, 1);
    c = i32x4.extract_lane(vc, 0) + i32x4.extract_lane(vc, 1) + i32x4.extract_lane(vc, 2) + i32x4.extract_lane(vc, 3);
  } else {
    for (; i + 4 <= len; i += 4) {
      const o = <usize>i << 2;
      const x0 = load<f32>(row + o, 0), x1 = load<f32>(row + o, 4), x2 = load<f32>(row + o, 8), x3 = load<f32>(row + o, 12);
      const e0 = expZ(beta * (<f64>x0 - md)), e1 = expZ(beta * (<f64>x1 - md));
      const e2 = expZ(beta * (<f64>x2 - md)), e3 = expZ(beta * (<f64>x3 - md));
      if (SPLIT) {
        s0 += x0 == m ? 0.0 : e0;
        s1 += x1 == m ? 0.0 : e1;
        s2 += x2 == m ? 0.0 : e2;
        s3 += x3 == m ? 0.0 : e3;
        c += <i32>(x0 == m) + <i32>(x1 == m) + <i32>(x2 == m) + <i32>(x3 == m);
      } else {
        store<f32>(out + o, <f32>e0, 0); store<f32>(out + o, <f32>e1, 4);
        store<f32>(out + o, <f32>e2, 8); store<f32>(out + o, <f32>e3, 12);
        s0 += e0; s1 += e1; s2 += e2; s3 += e3;
      }
    }
  }
  // tail: element i goes to partial sum i mod 4 (i mod 4 ∈ {0, 1, 2} here)
  for (let j = 0; i < len; i++, j++) {
    const o = <usize>i << 2;
    const x = load<f32>(row + o);
    const e = expZ(beta * (<f64>x - md));
    let t = e;
    if (SPLIT) {
      t = x == m ? 0.0 : e;
      c += <i32>(x == m);
    } else {
      store<f32>(out + o, <f32>e);
    }
    if (j == 0) s0 += t; else if (j == 1) s1 += t; else s2 += t;
  }
  COUNT = c;
  return (s0 + s2) + (s1 + s3);
}

/** Softmax along rows: rows × rowLength f32 at inPtr → outPtr (in place allowed). */
export function f32_softmax(inPtr: usize, outPtr: usize, rows: i32, len: i32, p: usize): void {
  const beta = load<f64>(p, 0);
  for (let r = 0; r < rows; r++) {
    const row = inPtr + (<usize>r * <usize>len << 2), out = outPtr + (<usize>r * <usize>len << 2);
    const m = rowMax(row, len);
    if (specialRow(row, out, len, m, false)) continue;
    const inv = 1.0 / rowSum(row, out, len, m, beta, false); // out now holds f32(e^z)
    let i = 0;
    if (ASC_FEATURE_SIMD) {
      const vinv = f64x2.splat(inv);
      for (; i + 8 <= len; i += 8) {
        const o = <usize>i << 2;
        const e = v128.load(out + o), f = v128.load(out + o, 16);
        v128.store(out + o, f32x4_fromF64x2Pair(f64x2.mul(f32x4_lowToF64x2(e), vinv), f64x2.mul(f32x4_highToF64x2(e), vinv)));
        v128.store(out + o, f32x4_fromF64x2Pair(f64x2.mul(f32x4_lowToF64x2(f), vinv), f64x2.mul(f32x4_highToF64x2(f), vinv)), 16);
      }
      for (; i + 4 <= len; i += 4) {
        const o = <usize>i << 2;
        const e = v128.load(out + o);
        v128.store(out + o, f32x4_fromF64x2Pair(f64x2.mul(f32x4_lowToF64x2(e), vinv), f64x2.mul(f32x4_highToF64x2(e), vinv)));
      }
    }
    for (; i < len; i++) {
      const o = <usize>i << 2;
      store<f32>(out + o, <f32>(<f64>load<f32>(out + o) * inv));
    }
  }
}

/** log_softmax along rows (in place allowed). */
export function f32_log_softmax(inPtr: usize, outPtr: usize, rows: i32, len: i32, p: usize): void {
  const beta = load<f64>(p, 0);
  for (let r = 0; r < rows; r++) {
    const row = inPtr + (<usize>r * <usize>len << 2), out = outPtr + (<usize>r * <usize>len << 2);
    const m = rowMax(row, len);
    if (specialRow(row, out, len, m, true)) continue;
    const rest = rowSum(row, out, len, m, beta, true);
    const ls = COUNT == 1 ? Math.log1p(rest) : Math.log(<f64>COUNT + rest);
    const md = <f64>m;
    let i = 0;
    if (ASC_FEATURE_SIMD) {
      const vmd = f64x2.splat(md), vb = f64x2.splat(beta), vls = f64x2.splat(ls);
      for (; i + 4 <= len; i += 4) {
        const o = <usize>i << 2;
        const x = v128.load(row + o);
        const lo = f64x2.sub(f64x2.mul(vb, f64x2.sub(f32x4_lowToF64x2(x), vmd)), vls);
        const hi = f64x2.sub(f64x2.mul(vb, f64x2.sub(f32x4_highToF64x2(x), vmd)), vls);
        v128.store(out + o, f32x4_fromF64x2Pair(lo, hi));
      }
    }
    for (; i < len; i++) {
      const o = <usize>i << 2;
      store<f32>(out + o, <f32>(beta * (<f64>load<f32>(row + o) - md) - ls));
    }
  }
}

/** maxout: nOut groups of k consecutive f32 → nOut maxima (in place allowed: outputs trail inputs). */
export function f32_maxout(inPtr: usize, outPtr: usize, nOut: i32, k: i32, p: usize): void {
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    if (k == 2) {
      const nan = f32x4.splat(CANONICAL_NAN);
      for (; j + 4 <= nOut; j += 4) {
        const a = v128.load(inPtr + (<usize>j << 3)), b = v128.load(inPtr + (<usize>j << 3), 16);
        const y = f32x4.max(v128.shuffle<f32>(a, b, 0, 2, 4, 6), v128.shuffle<f32>(a, b, 1, 3, 5, 7));
        v128.store(outPtr + (<usize>j << 2), v128.bitselect(nan, y, f32x4.ne(y, y)));
      }
    }
  }
  for (; j < nOut; j++) {
    const g = inPtr + (<usize>j * <usize>k << 2);
    let m = load<f32>(g);
    for (let t = 1; t < k; t++) m = max<f32>(m, load<f32>(g + (<usize>t << 2)));
    store<f32>(outPtr + (<usize>j << 2), m != m ? CANONICAL_NAN : m);
  }
}

/** prelu: n f32 whose last axis has `channels` entries; alphas from the params block (see header). */
export function f32_prelu(inPtr: usize, outPtr: usize, n: i32, channels: i32, p: usize): void {
  const period = load<i32>(p, 0);
  const alphas = p + 8;
  let i = 0, c = 0;
  const f32Alphas = load<i32>(p, 4) == 32;
  if (f32Alphas) {
    if (ASC_FEATURE_SIMD) {
      const zero = f32x4.splat(0);
      if (period % 16 == 0) { // 4 vectors per step, as relu (pwl.ts); c stays a multiple of 16
        for (; i + 16 <= n; i += 16) {
          const o = <usize>i << 2, a = alphas + (<usize>c << 2);
          const x0 = v128.load(inPtr + o), x1 = v128.load(inPtr + o, 16), x2 = v128.load(inPtr + o, 32), x3 = v128.load(inPtr + o, 48);
          v128.store(outPtr + o, v128.bitselect(f32x4.mul(v128.load(a), x0), x0, f32x4.lt(x0, zero)));
          v128.store(outPtr + o, v128.bitselect(f32x4.mul(v128.load(a, 16), x1), x1, f32x4.lt(x1, zero)), 16);
          v128.store(outPtr + o, v128.bitselect(f32x4.mul(v128.load(a, 32), x2), x2, f32x4.lt(x2, zero)), 32);
          v128.store(outPtr + o, v128.bitselect(f32x4.mul(v128.load(a, 48), x3), x3, f32x4.lt(x3, zero)), 48);
          c += 16;
          if (c == period) c = 0;
        }
      }
      for (; i + 4 <= n; i += 4) {
        const o = <usize>i << 2;
        const x = v128.load(inPtr + o);
        const ax = f32x4.mul(v128.load(alphas + (<usize>c << 2)), x);
        v128.store(outPtr + o, v128.bitselect(ax, x, f32x4.lt(x, zero)));
        c += 4;
        if (c == period) c = 0;
      }
    }
  } else if (ASC_FEATURE_SIMD) {
    const zero = f32x4.splat(0);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      const x = v128.load(inPtr + o);
      const a = alphas + (<usize>c << 3);
      const ax = f32x4_fromF64x2Pair(f64x2.mul(v128.load(a), f32x4_lowToF64x2(x)), f64x2.mul(v128.load(a, 16), f32x4_highToF64x2(x)));
      v128.store(outPtr + o, v128.bitselect(ax, x, f32x4.lt(x, zero)));
      c += 4;
      if (c == period) c = 0;
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const x = load<f32>(inPtr + o);
    // one tail for both layouts: an f32 alpha widened to f64 gives the f32 path's bits (header)
    const alpha = f32Alphas ? <f64>load<f32>(alphas + (<usize>c << 2)) : load<f64>(alphas + (<usize>c << 3));
    store<f32>(outPtr + o, x < 0 ? <f32>(alpha * <f64>x) : x);
    c++;
    if (c == period) c = 0;
  }
}
