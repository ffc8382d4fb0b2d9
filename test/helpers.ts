// Shared test helpers: a seeded generator (mulberry32) and random quantization params.
import type { QuantParams } from "../src/types.js";
import { INT_RANGE } from "../src/quant/dtype.js";

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Scale log-uniform in [10^lo, 10^hi], zero point uniform over the dtype (or 0 when symmetric). */
export function randomQuant(r: () => number, dtype: "int8" | "int16", lo = -3, hi = 0.5, symmetric = false): QuantParams {
  const { min, max } = INT_RANGE[dtype];
  const scale = 10 ** (lo + (hi - lo) * r());
  const zeroPoint = symmetric ? 0 : min + Math.floor(r() * (max - min + 1));
  return { scale, zeroPoint };
}

export function randomBytes(r: () => number, n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = Math.floor(r() * 256);
  return b;
}
