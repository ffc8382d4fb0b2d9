// The plain-JavaScript baseline of each kernel: the loop a developer would write over typed arrays,
// doing the same math (float formula + rounding for quantized ops, the same table for lut).
const round = (v) => (v < 0 ? -Math.round(-v) : Math.round(v));

/** Returns (x, y) => void computing the kernel's outputs in plain JS. */
export function jsBaseline(k) {
  const p = k.params;
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
      default: { const f = k.op.ref; return (x, y) => { for (let i = 0; i < x.length; i++) y[i] = f(x[i], p); }; }
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
  return (x, y) => {
    for (let i = 0; i < x.length; i++) {
      const r = round(f(si * (x[i] - zi), p) / so + zo);
      y[i] = r < lo ? lo : r > hi ? hi : r;
    }
  };
}
