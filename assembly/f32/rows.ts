// f32 ops along the last axis: softmax, log_softmax (rows), maxout (groups), prelu (channels).
//
// softmax / log_softmax, method accurate, algorithm f64exp: per row of length L
//   1. m = max(row) with f32 max (NaN-propagating: any NaN gives m = NaN);
//   2. special rows (docs/semantics.md "Row ops and derivatives"): m NaN or m = −Inf (a row of only
//      −Inf) → the row is NaN; m = +Inf → the k entries equal to +Inf get 1/k (log_softmax −log k),
//      the others 0 (−Inf);
//   3. z_i = beta·(x_i − m) in float64; c = count of x_i = m (each has e^z = 1 exactly) and
//      rest = Σ_{x_i ≠ m} e^z_i (0 where Math.exp underflows to 0: z < −745.13), accumulated in float64 in 4 interleaved partial sums
//      (element i goes to sum i mod 4; total (s0 + s2) + (s1 + s3)) in BOTH builds;
//   4. softmax: y_i = f32(e^z_i · (1/(c + rest))); log_softmax: y_i = f32(z_i − ls) with
//      ls = c = 1 ? log1p(rest) : log(c + rest) (log1p keeps rows with one dominant logit exact).
//   e^z is assembly/f64/math.ts exp64_nonpositive (relative error < 2^-44), so each output is the
//   float64 value rounded once to f32. Measured: softmax and log_softmax maxUlp ≤ 0.51 on the stated
//   rows (seeded random rows of lengths 1..4096, one-hot, all-equal, huge and tiny logits, −Inf
//   entries): npx vitest run test/kernels/f32-rows.test.ts
//   SIMD: f32x4.max for the row max and f64x2 lanes for exp/sum/scale; the scalar build does the
//   same float64 operations in the same order, so the builds agree bit for bit.
//   Speed: npm run bench -- --filter softmax (ratio to the plain JS loop with Math.exp in the same
//   run; figures in docs/semantics.md).
//
// maxout, method accurate, algorithm max (SIMD: shuf for k = 2): y_j = max(x_jk … x_jk+k−1) with f32
//   max (exact: NaN in a group → NaN, max(−0, +0) = +0 like Math.max); NaN outputs are written as
//   the canonical quiet NaN 0x7fc00000 so the builds agree bit for bit.
//
// prelu, method accurate, algorithm f64mul: y = x < 0 ? f32(alpha_c · x) : x, alpha_c in float64
//   (correctly rounded product, as f32_leaky_relu). Params: {i32 period @0, f64 alpha[period] @8}
//   where prepare repeats the per-channel alphas to period = lcm(channels, 4), so every SIMD step of
//   4 elements reads 4 consecutive alphas without a modulo.
//
// Params: softmax/log_softmax {f64 beta @0}; maxout none; prelu above.
import { EXP_ARG_MIN, EXP_ZERO_BELOW, exp64_nonpositive, f64x2_exp_nonpositive } from "../f64/math";

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

/** max of a row of f32 (NaN if any entry is NaN). */
function rowMax(row: usize, len: i32): f32 {
  let m: f32 = -Infinity;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    let vm = f32x4.splat(-Infinity);
    for (; i + 4 <= len; i += 4) vm = f32x4.max(vm, v128.load(row + (<usize>i << 2)));
    m = max<f32>(max<f32>(f32x4.extract_lane(vm, 0), f32x4.extract_lane(vm, 1)),
      max<f32>(f32x4.extract_lane(vm, 2), f32x4.extract_lane(vm, 3)));
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

/** Scalar step of the sum: e^z for x ≠ m (0 when x = m, whose e^0 = 1 is counted apart). */
// @ts-ignore: decorator
@inline function restTerm(x: f32, m: f32, md: f64, beta: f64): f64 {
  const e = expZ(beta * (<f64>x - md));
  return x == m ? 0.0 : e;
}

/**
 * c = count of entries equal to m and rest = Σ_{x ≠ m} e^(beta·(x − m)) in 4 interleaved partial
 * sums (element i → sum i mod 4; total (s0 + s2) + (s1 + s3)). Returns rest; c goes to COUNT.
 */
let COUNT: i32 = 0;
function rowRest(row: usize, len: i32, m: f32, beta: f64): f64 {
  const md = <f64>m;
  let s0: f64 = 0, s1: f64 = 0, s2: f64 = 0, s3: f64 = 0;
  let c = 0;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const vmd = f64x2.splat(md), vb = f64x2.splat(beta), vm = f32x4.splat(m);
    let a01 = f64x2.splat(0), a23 = f64x2.splat(0), vc = i32x4.splat(0);
    for (; i + 4 <= len; i += 4) {
      const x = v128.load(row + (<usize>i << 2));
      const eq = f32x4.eq(x, vm); // i32 lanes: −1 where x = m
      vc = i32x4.sub(vc, eq);
      const eqLo = i64x2.extend_low_i32x4_s(eq), eqHi = i64x2.extend_high_i32x4_s(eq);
      const zLo = f64x2.mul(vb, f64x2.sub(f32x4_lowToF64x2(x), vmd));
      const zHi = f64x2.mul(vb, f64x2.sub(f32x4_highToF64x2(x), vmd));
      a01 = f64x2.add(a01, v128.andnot(f64x2_expZ(zLo), eqLo));
      a23 = f64x2.add(a23, v128.andnot(f64x2_expZ(zHi), eqHi));
    }
    s0 = f64x2.extract_lane(a01, 0); s1 = f64x2.extract_lane(a01, 1);
    s2 = f64x2.extract_lane(a23, 0); s3 = f64x2.extract_lane(a23, 1);
    c = i32x4.extract_lane(vc, 0) + i32x4.extract_lane(vc, 1) + i32x4.extract_lane(vc, 2) + i32x4.extract_lane(vc, 3);
  } else {
    for (; i + 4 <= len; i += 4) {
      const p = row + (<usize>i << 2);
      const x0 = load<f32>(p, 0), x1 = load<f32>(p, 4), x2 = load<f32>(p, 8), x3 = load<f32>(p, 12);
      s0 += restTerm(x0, m, md, beta);
      s1 += restTerm(x1, m, md, beta);
      s2 += restTerm(x2, m, md, beta);
      s3 += restTerm(x3, m, md, beta);
      c += <i32>(x0 == m) + <i32>(x1 == m) + <i32>(x2 == m) + <i32>(x3 == m);
    }
  }
  // tail: element i goes to partial sum i mod 4 (i mod 4 ∈ {0, 1, 2} here)
  for (let j = 0; i < len; i++, j++) {
    const x = load<f32>(row + (<usize>i << 2));
    const t = restTerm(x, m, md, beta);
    if (j == 0) s0 += t; else if (j == 1) s1 += t; else s2 += t;
    c += <i32>(x == m);
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
    const rest = rowRest(row, len, m, beta);
    const inv = 1.0 / (<f64>COUNT + rest);
    const md = <f64>m;
    let i = 0;
    if (ASC_FEATURE_SIMD) {
      const vmd = f64x2.splat(md), vb = f64x2.splat(beta), vinv = f64x2.splat(inv);
      for (; i + 4 <= len; i += 4) {
        const o = <usize>i << 2;
        const x = v128.load(row + o);
        const zLo = f64x2.mul(vb, f64x2.sub(f32x4_lowToF64x2(x), vmd));
        const zHi = f64x2.mul(vb, f64x2.sub(f32x4_highToF64x2(x), vmd));
        v128.store(out + o, f32x4_fromF64x2Pair(f64x2.mul(f64x2_expZ(zLo), vinv), f64x2.mul(f64x2_expZ(zHi), vinv)));
      }
    }
    for (; i < len; i++) {
      const o = <usize>i << 2;
      store<f32>(out + o, <f32>(expZ(beta * (<f64>load<f32>(row + o) - md)) * inv));
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
    const rest = rowRest(row, len, m, beta);
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
  if (ASC_FEATURE_SIMD) {
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
    const alpha = load<f64>(alphas + (<usize>c << 3));
    store<f32>(outPtr + o, x < 0 ? <f32>(alpha * <f64>x) : x);
    c++;
    if (c == period) c = 0;
  }
}
