// The metrics of shared/accuracy.md, computed from a kernel's outputs against the float64 reference
// (never against another kernel's output).
import type { OpDescriptor } from "../ops/index.js";
import { INT_RANGE } from "../quant/dtype.js";
import { clamp } from "../quant/rounding.js";
import type { Params, QuantParams } from "../types.js";
import { refPoint } from "./reference.js";

export interface QuantWorst {
  /** input code */
  q: number;
  /** its real value */
  x: number;
  /** the kernel's output code */
  y: number;
  /** the reference in output steps, clamped to the dtype range */
  r: number;
  /** the reference value */
  ref: number;
}

export interface QuantMetrics {
  count: number;
  maxAbsLsb: number;
  meanAbsLsb: number;
  rmsLsb: number;
  biasLsb: number;
  mismatches: number;
  sqnrDb: number;
  worst: QuantWorst;
}

/** Metrics of a quantized kernel given its outputs `ys` for the input codes `qs`. */
export function measureQuantized(op: OpDescriptor, p: Params, qs: ArrayLike<number>, ys: ArrayLike<number>,
  input: QuantParams, output: QuantParams, dtype: "int8" | "int16"): QuantMetrics {
  const { min, max } = INT_RANGE[dtype];
  let maxAbs = -1, sumAbs = 0, sumSq = 0, sum = 0, mismatches = 0, sig = 0, noise = 0;
  let worst: QuantWorst = { q: 0, x: 0, y: 0, r: 0, ref: 0 };
  for (let i = 0; i < qs.length; i++) {
    const pt = refPoint(op, p, qs[i], input, output, dtype);
    const r = clamp(pt.steps, min, max);
    const y = ys[i];
    const e = y - r;
    const a = Math.abs(e);
    if (a > maxAbs) {
      maxAbs = a;
      worst = { q: qs[i], x: pt.x, y, r, ref: pt.ref };
    }
    sumAbs += a;
    sumSq += e * e;
    sum += e;
    if (y !== pt.code) mismatches++;
    const deq = output.scale * (y - output.zeroPoint);
    sig += pt.ref * pt.ref;
    noise += (deq - pt.ref) ** 2;
  }
  const n = qs.length;
  return {
    count: n,
    maxAbsLsb: Math.max(0, maxAbs),
    meanAbsLsb: n ? sumAbs / n : 0,
    rmsLsb: n ? Math.sqrt(sumSq / n) : 0,
    biasLsb: n ? sum / n : 0,
    mismatches,
    sqnrDb: noise === 0 ? Infinity : 10 * Math.log10(sig / noise),
    worst,
  };
}

export interface F32Worst {
  x: number;
  y: number;
  ref: number;
  ulp: number;
}

export interface F32Metrics {
  count: number;
  maxUlp: number;
  meanUlp: number;
  maxAbs: number;
  maxRel: number;
  mismatches: number;
  worst: F32Worst;
}

const MIN_NORMAL = 2 ** -126;

/** ulp(v) of shared/accuracy.md: the gap between the f32 values around v (2^-149 below the normals). */
export function ulpF32(v: number): number {
  const a = Math.abs(v);
  if (a < MIN_NORMAL) return 2 ** -149;
  return 2 ** (Math.min(127, Math.floor(Math.log2(a))) - 23);
}

/** Error of one f32 output in ULP of the reference (0 when both are the same NaN/Inf). */
export function ulpError(y: number, ref: number): number {
  if (Number.isNaN(ref) || Number.isNaN(y)) return Number.isNaN(ref) && Number.isNaN(y) ? 0 : Infinity;
  if (!Number.isFinite(y) || !Number.isFinite(ref)) {
    return y === Math.fround(ref) ? 0 : Infinity;
  }
  return Math.abs(y - ref) / ulpF32(ref);
}

/** True when y is the correctly rounded f32 of ref (NaN matches NaN; −0 and +0 differ). */
export function isCorrectlyRoundedF32(y: number, ref: number): boolean {
  const e = Math.fround(ref);
  return Number.isNaN(e) ? Number.isNaN(y) : Object.is(y, e);
}

/**
 * The f32 metrics as maxima and sums, so that parts of a run merge exactly (mergeF32Stats); the
 * form every f32 evaluation accumulates (measureF32, and both reference paths of ./sweep.ts).
 */
export interface F32Stats {
  count: number;
  /** −1 before any input */
  maxUlp: number;
  /** sum of the ULP errors (Infinity when any is infinite, as is then the mean) */
  sumUlp: number;
  maxAbs: number;
  maxRel: number;
  mismatches: number;
  /** the worst input (the first with the largest ULP error): its position (f32Stats: index in xs;
   *  ./sweep.ts: ordered index, so the smallest f32 value wins ties), output and reference */
  worst: number;
  worstY: number;
  worstRef: number;
}

export function emptyF32Stats(): F32Stats {
  return { count: 0, maxUlp: -1, sumUlp: 0, maxAbs: 0, maxRel: 0, mismatches: 0, worst: 0, worstY: 0, worstRef: 0 };
}

/** Merges two parts: larger error first, then the smaller position. */
export function mergeF32Stats(a: F32Stats, b: F32Stats): F32Stats {
  const w = b.maxUlp > a.maxUlp || (b.maxUlp === a.maxUlp && b.count > 0 && (a.count === 0 || b.worst < a.worst)) ? b : a;
  return {
    count: a.count + b.count, maxUlp: Math.max(a.maxUlp, b.maxUlp), sumUlp: a.sumUlp + b.sumUlp, maxAbs: Math.max(a.maxAbs, b.maxAbs),
    maxRel: Math.max(a.maxRel, b.maxRel), mismatches: a.mismatches + b.mismatches, worst: w.worst, worstY: w.worstY, worstRef: w.worstRef,
  };
}

export function f32Stats(ref: (x: number) => number, xs: Float32Array, ys: Float32Array): F32Stats {
  let maxUlp = -1, sumUlp = 0, maxAbs = 0, maxRel = 0, mismatches = 0, worst = 0, worstY = 0, worstRef = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i], y = ys[i], r = ref(x);
    const u = ulpError(y, r);
    if (u > maxUlp) {
      maxUlp = u;
      worst = i; worstY = y; worstRef = r;
    }
    sumUlp += u;
    if (Number.isFinite(r) && Number.isFinite(y)) {
      const a = Math.abs(y - r);
      if (a > maxAbs) maxAbs = a;
      if (r !== 0 && a / Math.abs(r) > maxRel) maxRel = a / Math.abs(r);
    }
    if (!isCorrectlyRoundedF32(y, r)) mismatches++;
  }
  return { count: xs.length, maxUlp, sumUlp, maxAbs, maxRel, mismatches, worst, worstY, worstRef };
}

/** The metrics of shared/accuracy.md from stats; x is the worst input's value. */
export function f32Metrics(s: F32Stats, x: number): F32Metrics {
  return {
    count: s.count, maxUlp: Math.max(0, s.maxUlp), meanUlp: s.count ? s.sumUlp / s.count : 0, maxAbs: s.maxAbs, maxRel: s.maxRel,
    mismatches: s.mismatches, worst: s.count ? { x, y: s.worstY, ref: s.worstRef, ulp: s.maxUlp } : { x: 0, y: 0, ref: 0, ulp: 0 },
  };
}

export function measureF32(ref: (x: number) => number, xs: Float32Array, ys: Float32Array): F32Metrics {
  const s = f32Stats(ref, xs, ys);
  return f32Metrics(s, xs[s.worst]);
}
