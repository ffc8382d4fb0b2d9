// Range observers for calibration: each turns sample values into a real range [lo, hi], which
// rangeToQuant() maps to a scale and zero point (int8 asymmetric, int16 symmetric).
//
// - minmax:          the sample's min and max.
// - moving_average:  per batch min/max, smoothed: m ← m + c·(batchMin − m) (first batch sets m),
//                    like PyTorch's MovingAverageMinMaxObserver (averaging constant c = 0.01 by default).
// - percentile:      the p-th and (100−p)-th percentiles, linear interpolation between order statistics
//                    (numpy.percentile's default "linear" method); p = 99.99 by default.
// - mse:             the clipping range whose quantize→dequantize round trip has the least mean squared
//                    error on the data. Search: int16 symmetric — 100-point grid over the clip α ∈ (0, absMax]
//                    then a 40-point grid between the best point's neighbours; int8 asymmetric — 20×20 grid of
//                    (lo·t₁, hi·t₂), t ∈ {0.05 … 1}, then two rounds of coordinate refinement (21 points, ±0.05
//                    around the best t). The MSE is evaluated exactly on up to 65536 values (an even-strided
//                    subsample of larger channels); the reported SQNR is always over all values. It is the best
//                    point of that search (a grid optimum, not a proven global one): test/quant/calibrate.test.ts
//                    checks it against a 4000-point brute-force scan.
import { INT_RANGE } from "../dtype.js";
import { clamp, roundHalfAway } from "../rounding.js";
import type { QuantParams } from "../../types.js";

export type ObserverName = "minmax" | "moving_average" | "percentile" | "mse";
export const OBSERVERS: readonly ObserverName[] = ["minmax", "moving_average", "percentile", "mse"];
export type QDType = "int8" | "int16";

export interface ObserverOptions {
  /** percentile observer: p in (50, 100] */
  percentile: number;
  /** moving average constant c in (0, 1] */
  averaging: number;
}

/** int8: asymmetric over [min(lo,0), max(hi,0)] (0 exactly representable); int16: symmetric, zero point 0. */
export function rangeToQuant(lo: number, hi: number, dtype: QDType): QuantParams {
  if (dtype === "int16") {
    const a = Math.max(Math.abs(lo), Math.abs(hi));
    return { scale: a > 0 ? a / INT_RANGE.int16.max : 1, zeroPoint: 0 };
  }
  const l = Math.min(lo, 0), h = Math.max(hi, 0);
  if (h - l === 0) return { scale: 1, zeroPoint: 0 };
  const { min, max } = INT_RANGE.int8;
  const scale = (h - l) / (max - min);
  return { scale, zeroPoint: clamp(roundHalfAway(min - l / scale), min, max) };
}

/** Quantize → dequantize one value (round half away from zero, saturating). */
export function fakeQuant(x: number, q: QuantParams, dtype: QDType): number {
  const { min, max } = INT_RANGE[dtype];
  return q.scale * (clamp(roundHalfAway(x / q.scale + q.zeroPoint), min, max) - q.zeroPoint);
}

export function sumSquaredError(v: Float64Array, q: QuantParams, dtype: QDType): number {
  let e = 0;
  for (let i = 0; i < v.length; i++) {
    const d = v[i] - fakeQuant(v[i], q, dtype);
    e += d * d;
  }
  return e;
}

export function minMax(v: Float64Array): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < v.length; i++) {
    if (v[i] < lo) lo = v[i];
    if (v[i] > hi) hi = v[i];
  }
  return [lo, hi];
}

/** Moving-average min/max over consecutive batches of `batch` values. */
export function movingAverageRange(v: Float64Array, batch: number, c: number): [number, number] {
  let lo = 0, hi = 0;
  for (let start = 0, first = true; start < v.length; start += batch, first = false) {
    const [bl, bh] = minMax(v.subarray(start, Math.min(v.length, start + batch)));
    if (first) {
      lo = bl;
      hi = bh;
    } else {
      lo += c * (bl - lo);
      hi += c * (bh - hi);
    }
  }
  return [lo, hi];
}

/** numpy.percentile(v, p) with the default linear interpolation; `sorted` ascending. */
export function percentileOfSorted(sorted: Float64Array, p: number): number {
  const pos = (p / 100) * (sorted.length - 1);
  const i = Math.floor(pos), f = pos - i;
  return i + 1 < sorted.length ? sorted[i] + f * (sorted[i + 1] - sorted[i]) : sorted[i];
}

export function percentileRange(v: Float64Array, p: number): [number, number] {
  const s = Float64Array.from(v).sort();
  return [percentileOfSorted(s, 100 - p), percentileOfSorted(s, p)];
}

const MSE_SAMPLE = 65536;

function subsample(v: Float64Array): Float64Array {
  if (v.length <= MSE_SAMPLE) return v;
  const out = new Float64Array(MSE_SAMPLE);
  const step = v.length / MSE_SAMPLE;
  for (let i = 0; i < MSE_SAMPLE; i++) out[i] = v[Math.floor(i * step)];
  return out;
}

/** The MSE-optimal clipping range (see the header for the search). */
export function mseRange(values: Float64Array, dtype: QDType): [number, number] {
  const v = subsample(values);
  const [lo, hi] = minMax(v);
  const err = (l: number, h: number) => sumSquaredError(v, rangeToQuant(l, h, dtype), dtype);
  if (dtype === "int16") {
    const a = Math.max(Math.abs(lo), Math.abs(hi));
    if (a === 0) return [0, 0];
    let best = a, bestE = err(-a, a);
    const scan = (from: number, to: number, n: number) => {
      for (let k = 0; k <= n; k++) {
        const alpha = from + ((to - from) * k) / n;
        if (alpha <= 0) continue;
        const e = err(-alpha, alpha);
        if (e < bestE) {
          bestE = e;
          best = alpha;
        }
      }
    };
    scan(0, a, 100);
    scan(Math.max(0, best - a / 100), Math.min(a, best + a / 100), 40);
    return [-best, best];
  }
  const l0 = Math.min(lo, 0), h0 = Math.max(hi, 0);
  if (h0 - l0 === 0) return [0, 0];
  let t1 = 1, t2 = 1, bestE = err(l0, h0);
  const grid = (k: number) => 0.05 * k;
  for (let i = 1; i <= 20; i++) {
    for (let j = 1; j <= 20; j++) {
      const e = err(l0 * grid(i), h0 * grid(j));
      if (e < bestE) {
        bestE = e;
        t1 = grid(i);
        t2 = grid(j);
      }
    }
  }
  for (let round = 0; round < 2; round++) {
    for (const which of [0, 1]) {
      const c = which === 0 ? t1 : t2;
      for (let k = -10; k <= 10; k++) {
        const t = c + 0.005 * k;
        if (t <= 0 || t > 1) continue;
        const e = which === 0 ? err(l0 * t, h0 * t2) : err(l0 * t1, h0 * t);
        if (e < bestE) {
          bestE = e;
          if (which === 0) t1 = t;
          else t2 = t;
        }
      }
    }
  }
  return [l0 * t1, h0 * t2];
}
