// f32, method accurate: the ops along the last axis (assembly/f32/rows.ts): softmax and
// log_softmax along rows, maxout over groups of k, prelu with one alpha per channel.
import { getOp } from "../../ops/index.js";
import { f64Params, num, type KernelSpec, type Params } from "../spec.js";

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * prelu's params block: {i32 period @0, f64 alpha[period] @8}, the per-channel alphas repeated to
 * period = lcm(channels, 4) so that the kernel's 4-wide steps never wrap inside a vector.
 */
export function preluParams(p: Params): Uint8Array {
  const alpha = Array.isArray(p.alpha) ? p.alpha : [num(p.alpha)];
  const period = (alpha.length * 4) / gcd(alpha.length, 4);
  const b = new Uint8Array(8 + 8 * period);
  const v = new DataView(b.buffer);
  v.setInt32(0, period, true);
  for (let i = 0; i < period; i++) v.setFloat64(8 + 8 * i, alpha[i % alpha.length], true);
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
      algorithm: { simd: "f64mul", scalar: "f64mul" }, prepare: (k) => preluParams(k.params),
    },
  ];
}
