// Evaluating an f32 kernel over an interval of ordered f32 indices (shared/accuracy.md: every f32
// in [lo, hi], or all 2^32 bit patterns), in bounded chunks, on this thread. The worker
// (f32-worker.ts) runs the same function on its share of the interval.
import type { Kernel } from "../runtime/runtime.js";
import { measureF32, type F32Metrics } from "../accuracy/metrics.js";

/** Values per kernel call: bounded memory whatever the interval. `node bench/check-f32.mjs` (in-thread,
 *  2^22 values, load ~19): chunk 2^10 1.9, 2^13 2.6, 2^16 2.0, 2^18 1.6 M values/s — no clear winner
 *  in that noise between 2^13 and 2^16; 2^16 matches the runtime's 256 KiB copy chunk. */
export const F32_CHUNK = 1 << 16;

/** Metrics of one part; sumUlp lets parts merge into an exact mean. */
export interface F32Partial extends F32Metrics {
  sumUlp: number;
}

/** Evaluates every f32 with ordered index in [a, b]; onChunk(n) after each chunk of n values. */
export function evaluateF32Range(k: Kernel, a: number, b: number, onChunk?: (n: number) => void, chunk = F32_CHUNK): F32Partial {
  const ref = (x: number) => k.op.ref!(x, k.params);
  let acc: F32Partial | undefined;
  const u32 = new Uint32Array(chunk);
  const f32 = new Float32Array(u32.buffer);
  const ys = new Float32Array(chunk);
  for (let start = a; start <= b; start += chunk) {
    const n = Math.min(chunk, b - start + 1);
    for (let j = 0; j < n; j++) {
      const i = start + j;
      u32[j] = i < 0 ? (-(i + 1) | 0x80000000) >>> 0 : i;
    }
    const xs = f32.subarray(0, n);
    const y = ys.subarray(0, n);
    k.run(xs, y);
    const m = measureF32(ref, xs, y);
    acc = mergeF32(acc, { ...m, sumUlp: m.meanUlp * m.count, worst: { ...m.worst } });
    onChunk?.(n);
  }
  return acc ?? { count: 0, maxUlp: 0, meanUlp: 0, maxAbs: 0, maxRel: 0, mismatches: 0, sumUlp: 0, worst: { x: 0, y: 0, ref: 0, ulp: 0 } };
}

export function mergeF32(a: F32Partial | undefined, b: F32Partial): F32Partial {
  if (!a) return b;
  const count = a.count + b.count, sumUlp = a.sumUlp + b.sumUlp;
  return {
    count, sumUlp, meanUlp: count ? sumUlp / count : 0,
    maxUlp: Math.max(a.maxUlp, b.maxUlp),
    maxAbs: Math.max(a.maxAbs, b.maxAbs),
    maxRel: Math.max(a.maxRel, b.maxRel),
    mismatches: a.mismatches + b.mismatches,
    worst: b.maxUlp > a.maxUlp ? b.worst : a.worst,
  };
}
