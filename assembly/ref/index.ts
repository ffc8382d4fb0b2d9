// The float64 reference module of `qact sweep` and of `qact check`'s f32 rows (build/qact.ref.wasm;
// never part of the kernel builds; used by src/accuracy/sweep.ts). It evaluates each op's float64
// reference with the same formulas as src/ops/catalog/smooth.ts, using AssemblyScript's NativeMath (musl-derived, < 1 float64 ULP) and
// ../f64/math.ts (erfc64 after FreeBSD s_erf.c, sigmoid64, softplus64; shared with the derivative kernels), and accumulates the f32 metrics of shared/accuracy.md for a block of consecutive f32
// bit patterns against the kernel outputs written at yPtr. test/accuracy/sweep.test.ts checks both
// the references and the metrics against the TypeScript ones (src/ops, src/accuracy/metrics.ts).
import { erfc64, sigmoid64, softplus64 } from "../f64/math";

// op ids (src/accuracy/sweep.ts REF_OPS holds the same order)
const SIGMOID = 0, TANH = 1, SILU = 2, GELU = 3, GELU_TANH = 4, ELU = 5, SELU = 6, CELU = 7, SOFTPLUS = 8, MISH = 9;

const SQRT1_2: f64 = 0.7071067811865476; // Math.SQRT1_2
const GT_K: f64 = 0.7978845608028654; // Math.sqrt(2 / Math.PI)
const GT_C: f64 = 0.044715;

function elu64(x: f64, alpha: f64): f64 {
  return x > 0 ? x : alpha * Math.expm1(x);
}

export function ref(op: i32, x: f64, p0: f64, p1: f64): f64 {
  switch (op) {
    case SIGMOID: return sigmoid64(x);
    case TANH: return Math.tanh(x);
    case ELU: return elu64(x, p0);
    case SELU: return p1 * elu64(x, p0);
    case CELU: return x > 0 ? x : p0 * Math.expm1(x / p0);
    case SOFTPLUS: return softplus64(p0 * x) / p0;
  }
  // the x·g(x) ops: limits −0 at −Inf and +Inf at +Inf
  if (x == -Infinity) return -0.0;
  if (x == Infinity) return Infinity;
  switch (op) {
    case SILU: return x * sigmoid64(x);
    case GELU: return 0.5 * x * erfc64(-x * SQRT1_2);
    case GELU_TANH: return x * sigmoid64(2 * (GT_K * (x + GT_C * x * x * x)));
    case MISH: return x * Math.tanh(softplus64(x));
  }
  return NaN;
}

export function erfc(x: f64): f64 {
  return erfc64(x);
}

const MIN_NORMAL: f64 = 1.1754943508222875e-38; // 2^-126
const ULP_SUBNORMAL: f64 = 1.401298464324817e-45; // 2^-149

/** ulp(v) of shared/accuracy.md: 2^(min(127, exponent(|v|)) − 23), 2^-149 below the normals. */
export function ulp_f32(v: f64): f64 {
  const a = abs(v);
  if (a < MIN_NORMAL) return ULP_SUBNORMAL;
  let e = <i32>((reinterpret<u64>(a) >> 52) & 0x7ff) - 1023;
  if (e > 127) e = 127;
  return reinterpret<f64>(<u64>(e - 23 + 1023) << 52);
}

/** |y − ref| / ulp(ref); 0 when both are NaN or y is the f32 of an infinite/overflowing ref; else Inf. */
export function ulp_error(y: f64, r: f64): f64 {
  if (r != r || y != y) return r != r && y != y ? 0 : Infinity;
  if (!isFinite(y) || !isFinite(r)) return y == <f64><f32>r ? 0 : Infinity;
  return abs(y - r) / ulp_f32(r);
}

// Stats block (f64 each): 0 maxUlp (−1 before any input), 1 maxAbs, 2 maxRel, 3 mismatches, 4 count,
// 5 worst input bits (the first with the largest error), 6 worst y, 7 worst ref, 8 sum of ULP errors
// (Infinity when any is: the meanUlp of src/accuracy/metrics.ts).
export function stats_reset(st: usize): void {
  store<f64>(st, -1, 0);
  for (let i = 1; i < 9; i++) store<f64>(st + (<usize>i << 3), 0);
}

/** Measures kernel outputs y[i] (f32 at yPtr) for inputs with bit patterns start + i·step, i < count
 *  (step −1 walks negative values upwards, so "first" is the smallest value, as in src/accuracy). */
export function measure(op: i32, start: u32, step: i32, count: i32, yPtr: usize, p0: f64, p1: f64, st: usize): void {
  let maxUlp = load<f64>(st, 0), maxAbs = load<f64>(st, 8), maxRel = load<f64>(st, 16);
  let mism = load<f64>(st, 24), sum = load<f64>(st, 64);
  let wBits = load<f64>(st, 40), wY = load<f64>(st, 48), wRef = load<f64>(st, 56);
  for (let i = 0; i < count; i++) {
    const bits = start + <u32>(i * step);
    const x = <f64>reinterpret<f32>(bits);
    const yf = load<f32>(yPtr + (<usize>i << 2));
    const y = <f64>yf;
    const r = ref(op, x, p0, p1);
    const u = ulp_error(y, r);
    if (u > maxUlp) {
      maxUlp = u; wBits = <f64>bits; wY = y; wRef = r;
    }
    sum += u;
    if (isFinite(r) && isFinite(y)) {
      const a = abs(y - r);
      if (a > maxAbs) maxAbs = a;
      if (r != 0 && a / abs(r) > maxRel) maxRel = a / abs(r);
    }
    const rf = <f32>r;
    const same = (rf != rf) ? yf != yf : reinterpret<u32>(yf) == reinterpret<u32>(rf);
    if (!same) mism += 1;
  }
  store<f64>(st, maxUlp, 0); store<f64>(st, maxAbs, 8); store<f64>(st, maxRel, 16);
  store<f64>(st, mism, 24); store<f64>(st, load<f64>(st, 32) + <f64>count, 32);
  store<f64>(st, wBits, 40); store<f64>(st, wY, 48); store<f64>(st, wRef, 56); store<f64>(st, sum, 64);
}

/** First byte the host may use. */
export function heap_base(): usize {
  return (__heap_base + 15) & ~15;
}
