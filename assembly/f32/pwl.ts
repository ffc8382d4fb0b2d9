// f32 piecewise-linear kernels (method `accurate`; they are exact or correctly rounded, so there is
// no separate `fast` method). Each one evaluates the float64 formula of its registry descriptor
// (src/ops/catalog/*.ts) with the same operations, so:
//   relu, relu6, hard_tanh, identity, step: exact (0 ULP).
//   leaky_relu, hard_sigmoid, hardswish: the float64 result rounded once to f32 (≤ 0.5 ULP
//   plus float64's own rounding), mismatches 0 on the dense sample of test/kernels/f32-pwl.test.ts:
//   npx vitest run test/kernels/f32-pwl.test.ts
// SIMD uses f32x4.pmin/pmax (one instruction each on x86, unlike the NaN-propagating min/max)
// ordered so NaN inputs pass through; relu and relu6 clear lanes where x ≤ 0 (v128.andnot with
// f32x4.le), so relu(−0) is +0 like Math.max and no arithmetic touches a NaN (the former `+ 0`
// canonicalized NaNs in wasm-interp: 0xffd19e67 → 0x7fc00000, npm run test:hosts); same instruction
// count as pmax + add.
// hard_sigmoid and hardswish return a NaN input's own bits (selected, not computed): NaN results of
// f64 arithmetic/min/max have a host-dependent sign and payload (WASM spec, "NaN propagation"), and
// wasm2c native and the Cortex-M4 gave 0x7fc00000 where V8 gave 0xffc00000 for input 0xffd19e67
// (npm run test:hosts), so the bits are now the same on every host. Cost: f32x4.ne + v128.bitselect
// per 4 elements; not resolvable against the previous build on the shared 2-core CI machine
// (node bench/compare-wasm.mjs OLD.wasm build/qact.simd.wasm --filter f32_ --reps 41: B/A 0.83–1.04
// for these two, 0.23–2.13 for kernels that did not change, in the same runs).
// relu, relu6 and hard_tanh process 4 vectors per step: zero-copy at n = 2^20 went from 4.7 to
// 9.9 G elem/s for relu (0.42 → 0.87 of memory.copy), measured with
// `npm run bench -- --filter f32_relu_ --sizes 1048576`.
// leaky_relu with an alpha that is an f32 value (0.25, 0.125, any Math.fround result) multiplies in
// f32x4 lanes: the exact product of two f32 fits in f64, so f32x4.mul rounds the same exact value
// once, as the f64 path does (same bits, subnormals and overflow included), 4 vectors per step:
// 9.4 vs 3.6 G elem/s for the f64 path (n = 2^20 zero-copy, medians of 25 interleaved calls; 6.4 G
// with 1 vector per step).
// hard_sigmoid clamps with f64x2.pmin/pmax (same bits as min/max here, see the kernel): 0.82 → 2.02 G
// elem/s; then 2 vectors per step: 2.06 → 2.22 G (1.08×, two runs) (node bench/compare-wasm.mjs
// OLD.wasm build/qact.simd.wasm --filter f32_hard_sigmoid__ --n 1048576 --reps 15).
// Params (written by prepare): hard_tanh {f32 lo @0, f32 hi @4}; leaky_relu {f64 alpha @0, f64 1 if
// alpha is an f32 value else 0 @8};
// hard_sigmoid {f64 alpha @0, f64 beta @8}; the others read none.

// @ts-ignore: decorator
@inline function f32x4_fromF64x2Pair(lo: v128, hi: v128): v128 {
  return v128.shuffle<f32>(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5);
}
// @ts-ignore: decorator
@inline function f32x4_highToF64x2(x: v128): v128 {
  return f64x2.promote_low_f32x4(v128.shuffle<f32>(x, x, 2, 3, 0, 1));
}

export function f32_identity(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  if (inPtr != outPtr) memory.copy(outPtr, inPtr, <usize>n << 2);
}

export function f32_relu(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const zero = f32x4.splat(0);
    for (; i + 16 <= n; i += 16) {
      const o = <usize>i << 2;
      const a = v128.load(inPtr + o), b = v128.load(inPtr + o, 16), c = v128.load(inPtr + o, 32), d = v128.load(inPtr + o, 48);
      v128.store(outPtr + o, v128.andnot(a, f32x4.le(a, zero)));
      v128.store(outPtr + o, v128.andnot(b, f32x4.le(b, zero)), 16);
      v128.store(outPtr + o, v128.andnot(c, f32x4.le(c, zero)), 32);
      v128.store(outPtr + o, v128.andnot(d, f32x4.le(d, zero)), 48);
    }
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      const x = v128.load(inPtr + o);
      v128.store(outPtr + o, v128.andnot(x, f32x4.le(x, zero)));
    }
  }
  for (; i < n; i++) {
    const x = load<f32>(inPtr + (<usize>i << 2));
    store<f32>(outPtr + (<usize>i << 2), x <= 0 ? <f32>0 : x);
  }
}

export function f32_relu6(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const zero = f32x4.splat(0), six = f32x4.splat(6);
    for (; i + 16 <= n; i += 16) {
      const o = <usize>i << 2;
      const a = v128.load(inPtr + o), b = v128.load(inPtr + o, 16), c = v128.load(inPtr + o, 32), d = v128.load(inPtr + o, 48);
      v128.store(outPtr + o, v128.andnot(f32x4.pmin(a, six), f32x4.le(a, zero)));
      v128.store(outPtr + o, v128.andnot(f32x4.pmin(b, six), f32x4.le(b, zero)), 16);
      v128.store(outPtr + o, v128.andnot(f32x4.pmin(c, six), f32x4.le(c, zero)), 32);
      v128.store(outPtr + o, v128.andnot(f32x4.pmin(d, six), f32x4.le(d, zero)), 48);
    }
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      const x = v128.load(inPtr + o);
      v128.store(outPtr + o, v128.andnot(f32x4.pmin(x, six), f32x4.le(x, zero)));
    }
  }
  for (; i < n; i++) {
    const x = load<f32>(inPtr + (<usize>i << 2));
    store<f32>(outPtr + (<usize>i << 2), x <= 0 ? <f32>0 : <f32>6 < x ? <f32>6 : x);
  }
}

export function f32_hard_tanh(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  const lo = load<f32>(p, 0), hi = load<f32>(p, 4);
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const vlo = f32x4.splat(lo), vhi = f32x4.splat(hi);
    for (; i + 16 <= n; i += 16) {
      const o = <usize>i << 2;
      const a = v128.load(inPtr + o), b = v128.load(inPtr + o, 16), c = v128.load(inPtr + o, 32), d = v128.load(inPtr + o, 48);
      v128.store(outPtr + o, f32x4.pmin(f32x4.pmax(a, vlo), vhi));
      v128.store(outPtr + o, f32x4.pmin(f32x4.pmax(b, vlo), vhi), 16);
      v128.store(outPtr + o, f32x4.pmin(f32x4.pmax(c, vlo), vhi), 32);
      v128.store(outPtr + o, f32x4.pmin(f32x4.pmax(d, vlo), vhi), 48);
    }
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      v128.store(outPtr + o, f32x4.pmin(f32x4.pmax(v128.load(inPtr + o), vlo), vhi));
    }
  }
  for (; i < n; i++) {
    const x = load<f32>(inPtr + (<usize>i << 2));
    const a = x < lo ? lo : x;
    store<f32>(outPtr + (<usize>i << 2), hi < a ? hi : a);
  }
}

export function f32_step(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const zero = f32x4.splat(0), one = f32x4.splat(1);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      const x = v128.load(inPtr + o);
      const y = v128.and(one, f32x4.ge(x, zero));
      v128.store(outPtr + o, v128.bitselect(x, y, f32x4.ne(x, x)));
    }
  }
  for (; i < n; i++) {
    const x = load<f32>(inPtr + (<usize>i << 2));
    store<f32>(outPtr + (<usize>i << 2), x != x ? x : x >= 0 ? <f32>1 : <f32>0);
  }
}

export function f32_leaky_relu(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  const alpha = load<f64>(p, 0);
  let i = 0;
  if (load<f64>(p, 8) != 0) { // alpha is an f32 value: the f32 product has the f64 product's bits (header)
    const a32 = <f32>alpha;
    if (ASC_FEATURE_SIMD) {
      const va = f32x4.splat(a32), zero = f32x4.splat(0);
      for (; i + 16 <= n; i += 16) { // 4 vectors per step, as relu
        const o = <usize>i << 2;
        const x0 = v128.load(inPtr + o), x1 = v128.load(inPtr + o, 16), x2 = v128.load(inPtr + o, 32), x3 = v128.load(inPtr + o, 48);
        v128.store(outPtr + o, v128.bitselect(f32x4.mul(va, x0), x0, f32x4.lt(x0, zero)));
        v128.store(outPtr + o, v128.bitselect(f32x4.mul(va, x1), x1, f32x4.lt(x1, zero)), 16);
        v128.store(outPtr + o, v128.bitselect(f32x4.mul(va, x2), x2, f32x4.lt(x2, zero)), 32);
        v128.store(outPtr + o, v128.bitselect(f32x4.mul(va, x3), x3, f32x4.lt(x3, zero)), 48);
      }
      for (; i + 4 <= n; i += 4) {
        const o = <usize>i << 2;
        const x = v128.load(inPtr + o);
        v128.store(outPtr + o, v128.bitselect(f32x4.mul(va, x), x, f32x4.lt(x, zero)));
      }
    }
  } else if (ASC_FEATURE_SIMD) {
    const va = f64x2.splat(alpha), zero = f32x4.splat(0);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      const x = v128.load(inPtr + o);
      const ax = f32x4_fromF64x2Pair(f64x2.mul(va, f64x2.promote_low_f32x4(x)), f64x2.mul(va, f32x4_highToF64x2(x)));
      v128.store(outPtr + o, v128.bitselect(ax, x, f32x4.lt(x, zero)));
    }
  }
  for (; i < n; i++) { // one tail for both: the f64 product rounded once is the f32 path's result
    const x = load<f32>(inPtr + (<usize>i << 2));
    store<f32>(outPtr + (<usize>i << 2), x < 0 ? <f32>(alpha * <f64>x) : x);
  }
}

export function f32_hard_sigmoid(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  const alpha = load<f64>(p, 0), beta = load<f64>(p, 8);
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const va = f64x2.splat(alpha), vb = f64x2.splat(beta), zero = f64x2.splat(0), one = f64x2.splat(1);
    for (; i + 8 <= n; i += 8) {
      const o = <usize>i << 2;
      const x = v128.load(inPtr + o), x1 = v128.load(inPtr + o, 16);
      const lo = f64x2.pmax(zero, f64x2.pmin(one, f64x2.add(f64x2.mul(va, f64x2.promote_low_f32x4(x)), vb)));
      const hi = f64x2.pmax(zero, f64x2.pmin(one, f64x2.add(f64x2.mul(va, f32x4_highToF64x2(x)), vb)));
      const lo1 = f64x2.pmax(zero, f64x2.pmin(one, f64x2.add(f64x2.mul(va, f64x2.promote_low_f32x4(x1)), vb)));
      const hi1 = f64x2.pmax(zero, f64x2.pmin(one, f64x2.add(f64x2.mul(va, f32x4_highToF64x2(x1)), vb)));
      v128.store(outPtr + o, v128.bitselect(x, f32x4_fromF64x2Pair(lo, hi), f32x4.ne(x, x)));
      v128.store(outPtr + o, v128.bitselect(x1, f32x4_fromF64x2Pair(lo1, hi1), f32x4.ne(x1, x1)), 16);
    }
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      const x = v128.load(inPtr + o);
      // pmax(0, pmin(1, v)) = max(0, min(1, v)) for every non-NaN v, −0 included (pmin(1, −0) = −0,
      // pmax(0, −0) = +0 like f64.max); NaN lanes are replaced below. One instruction each on x86
      // where f64x2.min/max need NaN/±0 fix-ups.
      const lo = f64x2.pmax(zero, f64x2.pmin(one, f64x2.add(f64x2.mul(va, f64x2.promote_low_f32x4(x)), vb)));
      const hi = f64x2.pmax(zero, f64x2.pmin(one, f64x2.add(f64x2.mul(va, f32x4_highToF64x2(x)), vb)));
      v128.store(outPtr + o, v128.bitselect(x, f32x4_fromF64x2Pair(lo, hi), f32x4.ne(x, x)));
    }
  }
  for (; i < n; i++) {
    const xf = load<f32>(inPtr + (<usize>i << 2)), x = <f64>xf;
    store<f32>(outPtr + (<usize>i << 2), xf != xf ? xf : <f32>max<f64>(0, min<f64>(1, alpha * x + beta)));
  }
}

// hardswish(x) = x ≤ −3 ? 0 : x ≥ 3 ? x : x·(x+3)/6, evaluated in float64.
// @ts-ignore: decorator
@inline function f64x2_hardswish(x: v128): v128 {
  const t = f64x2.div(f64x2.mul(x, f64x2.add(x, f64x2.splat(3))), f64x2.splat(6));
  const big = v128.bitselect(x, t, f64x2.ge(x, f64x2.splat(3)));
  return v128.bitselect(f64x2.splat(0), big, f64x2.le(x, f64x2.splat(-3)));
}

export function f32_hardswish(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      const x = v128.load(inPtr + o);
      v128.store(outPtr + o, v128.bitselect(x, f32x4_fromF64x2Pair(
        f64x2_hardswish(f64x2.promote_low_f32x4(x)), f64x2_hardswish(f32x4_highToF64x2(x))), f32x4.ne(x, x)));
    }
  }
  for (; i < n; i++) {
    const xf = load<f32>(inPtr + (<usize>i << 2)), x = <f64>xf;
    store<f32>(outPtr + (<usize>i << 2), xf != xf ? xf : <f32>(x <= -3 ? 0 : x >= 3 ? x : x * (x + 3) / 6));
  }
}
