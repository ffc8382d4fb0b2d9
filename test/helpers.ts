// Shared test helpers: the library's seeded generator (mulberry32) and random quantization params.
import type { QuantParams } from "../src/types.js";
import { INT_RANGE } from "../src/quant/dtype.js";

export { rng } from "../src/accuracy/rng.js";

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
