// Tables of the `accurate` quantized softmax / log_softmax kernels (assembly/qrows/softmax.ts).
// This module is the only producer; prepare calls it (nothing generated is committed).
// Built from float64 Math.exp / Math.log, each entry rounded once to the nearest integer: the
// entries are correctly rounded except where float64 exp/log is itself off by > 2^-22 relative,
// which does not happen for these arguments (relative error of Math.exp/log ≈ 1e-16).

/** E(d) = round(2^30 · exp(−c·d)) for d = 0..255 (u32, E(0) = 2^30), c = beta · input scale. */
export function expTableQ30(c: number, stride = 1): Uint32Array {
  return Uint32Array.from({ length: 256 }, (_, d) => Math.round(2 ** 30 * Math.exp(-c * d * stride)));
}

/** ln(1 + i/256) / outScale · 2^32 for i = 0..256, rounded (as BigInt for i64 storage). */
export function log1pTableQ32(outScale: number): bigint[] {
  return Array.from({ length: 257 }, (_, i) => BigInt(Math.round((Math.log1p(i / 256) / outScale) * 2 ** 32)));
}
