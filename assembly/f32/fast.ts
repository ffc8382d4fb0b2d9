// The exports of the f32 `fast` kernels: one loop for all of them, 4 vectors per step (sigmoid 1.13
// against 0.92 G elem/s with one: ./sigmoid-fast.ts, SPEED), then a scalar tail (≤ 15 elements; a
// single-vector loop before it cost 645 bytes of the SIMD module for the three kernels);
// NaN inputs are returned unchanged. The algorithms, their measured errors and speeds are in
// ./sigmoid-fast.ts (sigmoid, silu) and ./tanh-fast.ts (tanh). `op` is a constant at every call of the
// inlined loop, so each export compiles to its own loop with no dispatch inside.
import { f32x4_keepNaN } from "./exp";
import { f32x4_sigmoidFast, f32_sigmoidFast, f32x4_siluFast, f32_siluFast } from "./sigmoid-fast";
import { f32x4_tanhFast, f32_tanhFast } from "./tanh-fast";

// @ts-ignore: decorator
@inline const SIGMOID = 0;
// @ts-ignore: decorator
@inline const SILU = 1;
// @ts-ignore: decorator
@inline const TANH = 2;

// @ts-ignore: decorator
@inline function vec(op: i32, x: v128): v128 {
  return f32x4_keepNaN(x, op == SIGMOID ? f32x4_sigmoidFast(x) : op == SILU ? f32x4_siluFast(x) : f32x4_tanhFast(x));
}
// @ts-ignore: decorator
@inline function one(op: i32, x: f32): f32 {
  return x != x ? x : op == SIGMOID ? f32_sigmoidFast(x) : op == SILU ? f32_siluFast(x) : f32_tanhFast(x);
}

// @ts-ignore: decorator
@inline function fastLoop(op: i32, inPtr: usize, outPtr: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 16 <= n; i += 16) {
      const o = <usize>i << 2;
      const x0 = v128.load(inPtr + o), x1 = v128.load(inPtr + o, 16), x2 = v128.load(inPtr + o, 32), x3 = v128.load(inPtr + o, 48);
      v128.store(outPtr + o, vec(op, x0));
      v128.store(outPtr + o, vec(op, x1), 16);
      v128.store(outPtr + o, vec(op, x2), 32);
      v128.store(outPtr + o, vec(op, x3), 48);
    }
  }
  for (; i < n; i++) store<f32>(outPtr + (<usize>i << 2), one(op, load<f32>(inPtr + (<usize>i << 2))));
}

export function f32_sigmoid_fast(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  fastLoop(SIGMOID, inPtr, outPtr, n);
}
export function f32_silu_fast(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  fastLoop(SILU, inPtr, outPtr, n);
}
export function f32_tanh_fast(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  fastLoop(TANH, inPtr, outPtr, n);
}
