// f32, method accurate: the ops along the last axis (assembly/f32/rows.ts): softmax and
// log_softmax along rows, maxout over groups of k, prelu with one alpha per channel.
import { getOp } from "../../ops/index.js";
import { f64Params, num, type KernelSpec, type Params } from "../spec.js";

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * prelu's params block: {i32 period @0, i32 lanes @4, alpha[period] @8}, the per-channel alphas
 * repeated to period = lcm(channels, 4) so that the kernel's 4-wide steps never wrap inside a vector;
 * stored as f32 (lanes = 32) when every alpha is an f32 value — the f32 product then has the bits of
 * the f64 one rounded to f32 (assembly/f32/rows.ts) — else as f64 (lanes = 64).
 */
export function preluMulParams(p: Params): Uint8Array {
  return preluParams(p, true);
}

/** The same block with the alphas always f64 (lanes = 64), as prelu's derivative reads them. */
export function preluParams(p: Params, allowF32 = false): Uint8Array {
  const alpha = Array.isArray(p.alpha) ? p.alpha : [num(p.alpha)];
  const period = (alpha.length * 4) / gcd(alpha.length, 4);
  const f32 = allowF32 && alpha.every((a) => Math.fround(a) === a);
  const size = f32 ? 4 : 8;
  const b = new Uint8Array(8 + size * period);
  const v = new DataView(b.buffer);
  v.setInt32(0, period, true);
  v.setInt32(4, f32 ? 32 : 64, true);
  for (let i = 0; i < period; i++) {
    if (f32) v.setFloat32(8 + 4 * i, alpha[i % alpha.length], true);
    else v.setFloat64(8 + 8 * i, alpha[i % alpha.length], true);
  }
  return b;
}

export function f32RowKernels(): KernelSpec[] {
  const rows = (name: string): KernelSpec => ({
    op: getOp(name), dtype: "f32", method: "accurate", exportName: `f32_${name}`, shape: "rows",
    algorithm: { simd: "f64exp", scalar: "f64exp" }, prepare: (k) => f64Params(num(k.params.beta)),
  });
  return [
    rows("softmax"),
    rows("log_softmax"),
    {
      op: getOp("maxout"), dtype: "f32", method: "accurate", exportName: "f32_maxout", shape: "groups",
      algorithm: { simd: "max", scalar: "max" }, prepare: () => f64Params(),
    },
    {
      op: getOp("prelu"), dtype: "f32", method: "accurate", exportName: "f32_prelu", shape: "channels",
      algorithm: { simd: "f64mul", scalar: "f64mul" }, prepare: (k) => preluMulParams(k.params),
    },
  ];
}
