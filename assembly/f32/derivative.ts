// f32 derivatives d/dx of every elementwise op (method accurate, algorithm f64): each output is the
// float64 formula of the op's registry descriptor (src/ops/catalog/*.ts, `derivative`) evaluated on
// the promoted input with AssemblyScript's float64 Math (musl-derived exp, expm1, log1p, tanh,
// cosh) and assembly/f64/math.ts erfc64, rounded once to f32. The same scalar code runs in the SIMD
// and scalar builds (no vector path), so they agree bit for bit.
//
// Measured against the registry's float64 derivative on 2^22 f32 evenly spaced over [−60, 60] +
// 2^20 over each op's domain + every f32 within 2^-12 of the zero crossings of silu', gelu',
// gelu_tanh', mish' + random bit patterns + specials: maxUlp 0.5 for every op and param set tested
// (npm run test:f32-full; `npm test` runs the same checks on a smaller sample). Near the zero
// crossings, where the float64 terms cancel, an 80-digit decimal.js reference agrees within 0.5 ULP
// too: the nearest f32 inputs are still ~1e-7 away from the root, so cancellation costs ~23 of the
// 53 float64 bits and the f32 result keeps full relative accuracy (no absolute bound needed).
//
// Params (written by prepare, src/kernels/families/f32-derivative.ts): {f64 op id @0, f64 a @8,
// f64 b @16}; a, b are the op's params (leaky_relu/elu/celu alpha; selu alpha, scale;
// hard_sigmoid alpha, beta; hard_tanh min_val, max_val; softplus beta).
import { erfc64, sigmoid64, softplus64 } from "../f64/math";

// NaN results: f64.promote_f32, f32.demote_f64 and arithmetic on a NaN give a NaN whose sign and
// payload the WASM spec leaves to the host ("NaN propagation"): V8 kept input 0xffd19e67's payload
// through promote → grad → demote, wasm-interp and wasm2c did not (19 kernels differed in
// npm run test:hosts). So f32_derivative returns a NaN input's own f32 bits and writes the canonical
// quiet NaN 0x7fc00000 if grad ever computes a NaN from a non-NaN input, both chosen by select; the
// f64 grad() is unchanged for every non-NaN input, so accuracy is unchanged.
const CANONICAL_NAN_BITS: u32 = 0x7fc00000;

// Op ids (the same table is in src/kernels/families/f32-derivative.ts).
const IDENTITY = 0, STEP = 1, RELU = 2, RELU6 = 3, LEAKY_RELU = 4, ELU = 5, SELU = 6, CELU = 7,
  SIGMOID = 8, HARD_SIGMOID = 9, TANH = 10, HARD_TANH = 11, SILU = 12, HARDSWISH = 13, GELU = 14,
  GELU_TANH = 15, MISH = 16, SOFTPLUS = 17;

const SQRT1_2: f64 = 0.7071067811865476; // Math.SQRT1_2
const INV_SQRT_2PI: f64 = 0.3989422804014327; // 1/√(2π)
// gelu_tanh: √(2/π) and 0.044715 (Hendrycks & Gimpel 2016)
const GELU_TANH_K: f64 = 0.7978845608028654;
const GELU_TANH_C: f64 = 0.044715;

function grad(op: i32, x: f64, a: f64, b: f64): f64 {
  switch (op) {
    case IDENTITY: return x != x ? x : 1.0;
    case STEP: return x != x ? x : 0.0;
    case RELU: return x != x ? x : x > 0 ? 1.0 : 0.0;
    case RELU6: return x != x ? x : x > 0 && x < 6 ? 1.0 : 0.0;
    case LEAKY_RELU: return x != x ? x : x < 0 ? a : 1.0;
    case ELU: return x != x ? x : x > 0 ? 1.0 : a * Math.exp(x);
    case SELU: return b * (x != x ? x : x > 0 ? 1.0 : a * Math.exp(x));
    case CELU: return x != x ? x : x > 0 ? 1.0 : Math.exp(x / a);
    case SIGMOID: return sigmoid64(x) * sigmoid64(-x);
    case HARD_SIGMOID: {
      if (x != x) return x;
      const t = a * x + b;
      return t > 0 && t < 1 ? a : 0.0;
    }
    case TANH: {
      const c = Math.cosh(x);
      return 1.0 / (c * c);
    }
    case HARD_TANH: return x != x ? x : x > a && x < b ? 1.0 : 0.0;
    case SILU:
      if (x == -Infinity) return 0.0;
      if (x == Infinity) return 1.0;
      return sigmoid64(x) * (1.0 + x * sigmoid64(-x));
    case HARDSWISH: return x != x ? x : x <= -3 ? 0.0 : x >= 3 ? 1.0 : (2 * x + 3) / 6;
    case GELU:
      if (x == -Infinity) return 0.0;
      if (x == Infinity) return 1.0;
      return 0.5 * erfc64(-x * SQRT1_2) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    case GELU_TANH: {
      if (x == -Infinity) return 0.0;
      if (x == Infinity) return 1.0;
      const u = GELU_TANH_K * (x + GELU_TANH_C * x * x * x);
      const s = sigmoid64(2 * u);
      const du = GELU_TANH_K * (1 + 3 * GELU_TANH_C * x * x);
      return s + x * 2 * du * s * sigmoid64(-2 * u);
    }
    case MISH: {
      if (x == -Infinity) return 0.0;
      if (x == Infinity) return 1.0;
      const t = Math.tanh(softplus64(x));
      return t + x * (1 - t * t) * sigmoid64(x);
    }
    case SOFTPLUS: return sigmoid64(a * x);
  }
  return NaN;
}

/** d/dx of the op named in the params block, elementwise over n f32 (in place allowed). */
export function f32_derivative(inPtr: usize, outPtr: usize, n: i32, p: usize): void {
  const op = <i32>load<f64>(p, 0), a = load<f64>(p, 8), b = load<f64>(p, 16);
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 2;
    const bits = load<u32>(inPtr + o), x = reinterpret<f32>(bits);
    const g = grad(op, <f64>x, a, b);
    // NaN bits chosen by select, never by arithmetic (see "NaN results" above): a NaN input's own
    // bits, the canonical NaN for a NaN computed from a non-NaN input, else g rounded to f32
    const gBits = g != g ? CANONICAL_NAN_BITS : reinterpret<u32>(<f32>g);
    store<u32>(outPtr + o, x != x ? bits : gBits);
  }
}

/** d/dx of prelu: x < 0 ? alpha_c : 1 (NaN → NaN), params as f32_prelu (assembly/f32/rows.ts). */
export function f32_prelu_derivative(inPtr: usize, outPtr: usize, n: i32, channels: i32, p: usize): void {
  const period = load<i32>(p, 0);
  const alphas = p + 8;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 2;
    const x = load<f32>(inPtr + o);
    store<f32>(outPtr + o, x != x ? x : x < 0 ? <f32>load<f64>(alphas + (<usize>c << 3)) : <f32>1);
    c++;
    if (c == period) c = 0;
  }
}
