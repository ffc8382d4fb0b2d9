// The plain-JavaScript baseline of each kernel: the loop a developer would write over typed arrays,
// doing the same math (float formula + rounding for quantized ops, the same table for lut).
const round = (v) => (v < 0 ? -Math.round(-v) : Math.round(v));

/** Plain-JS softmax/log_softmax over rows of length L: max, then Math.exp and the sum, then scale. */
function jsRows(log, beta, L) {
  return (x, y) => {
    for (let r = 0; r < x.length; r += L) {
      let m = -Infinity;
      for (let i = r; i < r + L; i++) if (x[i] > m) m = x[i];
      let s = 0;
      if (log) {
        for (let i = r; i < r + L; i++) s += Math.exp(beta * (x[i] - m));
        const ls = Math.log(s);
        for (let i = r; i < r + L; i++) y[i] = beta * (x[i] - m) - ls;
      } else {
        for (let i = r; i < r + L; i++) { const e = Math.exp(beta * (x[i] - m)); y[i] = e; s += e; }
        const inv = 1 / s;
        for (let i = r; i < r + L; i++) y[i] *= inv;
      }
    }
  };
}

/** Returns (x, y) => void computing the kernel's outputs in plain JS (opts.rowLength for row ops), or
 *  undefined when there is no fair plain-JS counterpart (quantized row ops). */
export function jsBaseline(k, opts = {}) {
  const p = k.params;
  const alpha = Array.isArray(p.alpha) ? p.alpha : [p.alpha];
  if (k.dtype === "f32" && k.derivative && k.spec.shape === "channels") {
    return (x, y) => { for (let i = 0; i < x.length; i++) { const v = x[i]; y[i] = v < 0 ? alpha[i % alpha.length] : v === v ? 1 : v; } };
  }
  if (k.dtype === "f32" && k.derivative) {
    const f = k.op.derivative;
    return (x, y) => { for (let i = 0; i < x.length; i++) y[i] = f(x[i], p); };
  }
  if (k.dtype === "f32" && (k.op.name === "softmax" || k.op.name === "log_softmax")) {
    return jsRows(k.op.name === "log_softmax", p.beta, opts.rowLength);
  }
  if (k.dtype === "f32") {
    switch (k.op.name) {
      case "identity": return (x, y) => y.set(x);
      case "relu": return (x, y) => { for (let i = 0; i < x.length; i++) y[i] = x[i] < 0 ? 0 : x[i]; };
      case "relu6": return (x, y) => { for (let i = 0; i < x.length; i++) { const v = x[i]; y[i] = v < 0 ? 0 : v > 6 ? 6 : v; } };
      case "hard_tanh": return (x, y) => { const lo = p.min_val, hi = p.max_val; for (let i = 0; i < x.length; i++) { const v = x[i]; y[i] = v < lo ? lo : v > hi ? hi : v; } };
      case "leaky_relu": return (x, y) => { const a = p.alpha; for (let i = 0; i < x.length; i++) { const v = x[i]; y[i] = v < 0 ? a * v : v; } };
      case "step": return (x, y) => { for (let i = 0; i < x.length; i++) y[i] = x[i] >= 0 ? 1 : 0; };
      case "hard_sigmoid": return (x, y) => { const a = p.alpha, b = p.beta; for (let i = 0; i < x.length; i++) { const t = a * x[i] + b; y[i] = t < 0 ? 0 : t > 1 ? 1 : t; } };
      case "hardswish": return (x, y) => { for (let i = 0; i < x.length; i++) { const v = x[i]; y[i] = v <= -3 ? 0 : v >= 3 ? v : (v * (v + 3)) / 6; } };
      case "sigmoid": return (x, y) => { for (let i = 0; i < x.length; i++) y[i] = 1 / (1 + Math.exp(-x[i])); };
      case "tanh": return (x, y) => { for (let i = 0; i < x.length; i++) y[i] = Math.tanh(x[i]); };
      case "silu": return (x, y) => { for (let i = 0; i < x.length; i++) { const v = x[i]; y[i] = v / (1 + Math.exp(-v)); } };
      case "elu": return (x, y) => { const a = p.alpha; for (let i = 0; i < x.length; i++) { const v = x[i]; y[i] = v > 0 ? v : a * Math.expm1(v); } };
      case "selu": return (x, y) => { const a = p.alpha, s = p.scale; for (let i = 0; i < x.length; i++) { const v = x[i]; y[i] = s * (v > 0 ? v : a * Math.expm1(v)); } };
      case "softplus": return (x, y) => { for (let i = 0; i < x.length; i++) { const v = x[i]; y[i] = v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v)); } };
      case "mish": return (x, y) => { for (let i = 0; i < x.length; i++) { const v = x[i]; y[i] = v * Math.tanh(Math.log1p(Math.exp(v))); } };
      case "gelu_tanh": return (x, y) => { const c = Math.sqrt(2 / Math.PI); for (let i = 0; i < x.length; i++) { const v = x[i]; y[i] = 0.5 * v * (1 + Math.tanh(c * (v + 0.044715 * v * v * v))); } };
      case "prelu": return (x, y) => { for (let i = 0; i < x.length; i++) { const v = x[i]; y[i] = v < 0 ? alpha[i % alpha.length] * v : v; } };
      case "maxout": return (x, y) => { const k2 = p.k; for (let j = 0; j < y.length; j++) { let m = x[j * k2]; for (let t = 1; t < k2; t++) m = Math.max(m, x[j * k2 + t]); y[j] = m; } };
      default: {
        if (!k.op.ref) return undefined;
        const f = k.op.ref;
        return (x, y) => { for (let i = 0; i < x.length; i++) y[i] = f(x[i], p); };
      }
    }
  }
  const { scale: si, zeroPoint: zi } = k.input, { scale: so, zeroPoint: zo } = k.output;
  const lo = k.dtype === "int8" ? -128 : -32768, hi = k.dtype === "int8" ? 127 : 32767;
  if (k.method === "lut") {
    const table = new Int8Array(256);
    for (let q = -128; q <= 127; q++) table[q & 255] = k.paramBytes[q & 255] << 24 >> 24;
    return (x, y) => { for (let i = 0; i < x.length; i++) y[i] = table[x[i] & 255]; };
  }
  if (k.spec.shape === "rows") {
    // row ops: the float64 rowRef of each row, quantized (rows of k.rowLength)
    const len = k.rowLength, rowRef = k.op.rowRef, row = new Float64Array(len);
    return (x, y) => {
      for (let r = 0; r < x.length; r += len) {
        for (let i = 0; i < len; i++) row[i] = si * (x[r + i] - zi);
        const out = rowRef(row, p);
        for (let i = 0; i < len; i++) { const v = round(out[i] / so + zo); y[r + i] = v < lo ? lo : v > hi ? hi : v; }
      }
    };
  }
  const f = k.op.ref;
  if (!f) return undefined; // quantized row ops: no plain-JS baseline here
  return (x, y) => {
    for (let i = 0; i < x.length; i++) {
      const r = round(f(si * (x[i] - zi), p) / so + zo);
      y[i] = r < lo ? lo : r > hi ? hi : r;
    }
  };
}
