// qact benchmark: elements/s of every kernel of the registry at n = 4096 and 1,048,576, zero-copy
// (tensors in WASM memory) and copying (typed arrays in and out through the public API), with two
// baselines measured in the same run: a plain JavaScript loop over typed arrays doing the same math,
// and memory.copy of the same bytes (the bandwidth ceiling). Medians of REPS timed repetitions after
// a warm-up; implementations alternate inside each repetition so drift hits all of them alike.
//
//   npm run bench [-- --json FILE] [--sizes 4096,1048576] [--reps 7] [--filter relu]
import { writeFileSync, renameSync } from "node:fs";
import os from "node:os";
import { load, KERNELS, kernelName } from "../dist/index.js";
import { jsBaseline } from "./js-baselines.mjs";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const SIZES = opt("sizes", "4096,1048576").split(",").map(Number);
const REPS = Number(opt("reps", "7"));
const FILTER = opt("filter", "");
const JSON_OUT = opt("json", undefined);
const TARGET_SECONDS = 0.02; // per timed sample

const rt = await load({ engine: "simd" });
const scalar = await load({ engine: "scalar" });
const BPE = { f32: 4, int8: 1, int16: 2 };
const Ctor = { f32: Float32Array, int8: Int8Array, int16: Int16Array };

function fillInput(a, dtype, lo, hi) {
  for (let i = 0; i < a.length; i++) {
    a[i] = dtype === "f32" ? lo + ((hi - lo) * ((i * 2654435761) % 65536)) / 65536 : ((i * 2654435761) >>> 0) % 256 - 128;
  }
}

/** Calls f(reps) enough times to fill TARGET_SECONDS; returns seconds per call. */
function calibrate(f) {
  let iters = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < iters; i++) f();
    const dt = (performance.now() - t0) / 1000;
    if (dt > TARGET_SECONDS / 4 || iters > 1e6) return Math.max(1, Math.ceil((iters * TARGET_SECONDS) / Math.max(dt, 1e-6)));
    iters *= 4;
  }
}

function timeImpls(impls) {
  const iters = impls.map((im) => calibrate(im.fn));
  const samples = impls.map(() => []);
  for (let r = 0; r < REPS + 1; r++) {
    impls.forEach((im, j) => {
      const t0 = performance.now();
      for (let i = 0; i < iters[j]; i++) im.fn();
      const dt = (performance.now() - t0) / 1000 / iters[j];
      if (r > 0) samples[j].push(dt); // first round is warm-up
    });
  }
  return samples.map((s) => {
    s.sort((a, b) => a - b);
    return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1] };
  });
}

const rows = [];
const fmt = (v) => (v >= 1e9 ? `${(v / 1e9).toFixed(2)}G` : `${(v / 1e6).toFixed(1)}M`);
console.log(`qact bench — ${os.cpus()[0]?.model ?? "cpu"}, node ${process.version}, medians of ${REPS}`);
console.log("kernel".padEnd(42) + "n".padStart(8) + "  mode       " + "elem/s".padStart(8) + "  ×JS".padStart(7) + "  ×copy".padStart(8) + "  scalar".padStart(9));

for (const spec of KERNELS) {
  const label = kernelName(spec, "simd");
  if (FILTER && !label.includes(FILTER)) continue;
  const rowLength = spec.shape === "rows" ? 64 : undefined; // row kernels (softmax): rows of 64
  const k = rt.prepare({ op: spec.op.name, dtype: spec.dtype, method: spec.method, rowLength });
  const ks = scalar.prepare({ op: spec.op.name, dtype: spec.dtype, method: spec.method, rowLength });
  const js = jsBaseline(k);
  for (const n of SIZES) {
    const bytes = n * BPE[spec.dtype];
    const tin = rt.tensor(spec.dtype, n), tout = rt.tensor(spec.dtype, n);
    const sin = scalar.tensor(spec.dtype, n), sout = scalar.tensor(spec.dtype, n);
    const x = new Ctor[spec.dtype](n), y = new Ctor[spec.dtype](n);
    fillInput(x, spec.dtype, spec.op.domain[0], spec.op.domain[1]);
    tin.data.set(x);
    sin.data.set(x);
    const copyFn = rt.exports.f32_identity; // memory.copy of the same bytes (distinct buffers)
    const [zc, e2e, jsT, copyT, sc] = timeImpls([
      { fn: () => k.run(tin, tout) },
      { fn: () => k.run(x, y) },
      { fn: () => js(x, y) },
      { fn: () => copyFn(tin.ptr, tout.ptr, bytes / 4, 0) },
      { fn: () => ks.run(sin, sout) },
    ]);
    const rate = (t) => n / t.median;
    const base = { op: spec.op.name, dtype: spec.dtype, method: spec.method, n };
    const push = (impl, mode, t) => rows.push({ ...base, impl, mode, kernel: label, elemsPerSec: rate(t), bytesPerSec: (rate(t) * bytes) / n,
      minElemsPerSec: n / t.max, maxElemsPerSec: n / t.min });
    push("qact-simd", "zero-copy", zc);
    push("qact-simd", "end-to-end", e2e);
    push("qact-scalar", "zero-copy", sc);
    push("js", "end-to-end", jsT);
    push("memory.copy", "zero-copy", copyT);
    for (const [mode, t] of [["zero-copy", zc], ["end-to-end", e2e]]) {
      console.log(label.padEnd(42) + String(n).padStart(8) + `  ${mode.padEnd(10)} ` + fmt(rate(t)).padStart(8) +
        (rate(t) / rate(jsT)).toFixed(1).padStart(7) + (rate(t) / rate(copyT)).toFixed(2).padStart(8) +
        (mode === "zero-copy" ? fmt(rate(sc)).padStart(9) : ""));
    }
    [tin, tout, sin, sout].forEach((t) => t.free());
  }
  k.dispose();
  ks.dispose();
}

if (JSON_OUT) {
  const doc = { machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, node: process.version, date: new Date().toISOString() }, rows };
  writeFileSync(`${JSON_OUT}.tmp`, JSON.stringify(doc, null, 2) + "\n");
  renameSync(`${JSON_OUT}.tmp`, JSON_OUT);
  console.log(`wrote ${JSON_OUT}`);
}
