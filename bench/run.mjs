// qact benchmark, side by side with peers (issue 9). One process; implementations alternate inside
// every repetition (so machine drift hits them alike); a warm-up round is discarded; medians (and
// min/max) of REPS repetitions are reported as elements/s and bytes/s.
//
// Implementations per (op, dtype, n): every qact kernel of the registry (SIMD, scalar and, where the
// host validates it, relaxed-SIMD builds; every method), onnxruntime-web (wasm EP, 1 thread, single-node models built in memory),
// @tensorflow/tfjs-backend-wasm (with and without reading the result back), a plain JS loop, the
// 16-swizzle 256-entry table lookup (int8 baseline, XNNPACK's x8-lut scheme) and memory.copy of the
// same bytes (the ceiling). Modes: end-to-end (typed array in → typed array out through the public
// API, copies included), zero-copy (tensors already in WASM memory), kernel-only (tfjs without
// read-back).
//
//   npm run bench -- [--json FILE] [--sizes 64,4096,65536,1048576] [--reps 5] [--filter sigmoid] [--dtype f32] [--row 1024]
// Derivative kernels (`_grad`) are compared with a JS loop over the registry's float64 derivative.
import { writeFileSync, renameSync } from "node:fs";
import os from "node:os";
import { load, KERNELS, kernelName, hostSupportsRelaxedSimd } from "../dist/index.js";
import { jsBaseline } from "./js-baselines.mjs";
import { ortAvailable, ortSession } from "./peers/ort.mjs";
import { tfjsAvailable, tfjsImpl } from "./peers/tfjs.mjs";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const SIZES = opt("sizes", "64,4096,65536,1048576").split(",").map(Number);
const REPS = Number(opt("reps", "5"));
const FILTER = opt("filter", "");
const DTYPE = opt("dtype", "");
const JSON_OUT = opt("json", undefined);
const SAMPLE_SECONDS = Number(opt("sample-ms", "10")) / 1000;
const ROW = Number(opt("row", "1024")); // row length of softmax/log_softmax rows (n itself when n < ROW)
const CHANNELS = 64; // prelu channels

const simd = await load({ engine: "simd" });
const scalar = await load({ engine: "scalar" });
// the relaxed-SIMD build, where the host validates it (`npm run bench` passes --experimental-wasm-relaxed-simd)
const relaxed = hostSupportsRelaxedSimd() ? await load({ engine: "relaxed" }) : undefined;
if (!relaxed) console.log("note: this node does not validate relaxed SIMD (run it with --experimental-wasm-relaxed-simd): no qact-relaxed rows");
const BPE = { f32: 4, int8: 1, int16: 2 };
const Ctor = { f32: Float32Array, int8: Int8Array, int16: Int16Array };

if (!ortAvailable()) console.log("note: onnxruntime-web is not installed (devDependency): its rows are missing");
if (!tfjsAvailable()) console.log("note: @tensorflow/tfjs-backend-wasm is not installed (devDependency): its rows are missing");

function fillInput(a, dtype, lo, hi) {
  for (let i = 0; i < a.length; i++) {
    const u = ((i * 2654435761) >>> 0) / 4294967296;
    a[i] = dtype === "f32" ? lo + (hi - lo) * u : dtype === "int8" ? Math.floor(u * 256) - 128 : Math.floor(u * 65536) - 32768;
  }
}

async function callsFor(fn, isAsync, seconds) {
  let iters = 1;
  for (;;) {
    const t0 = performance.now();
    if (isAsync) for (let i = 0; i < iters; i++) await fn();
    else for (let i = 0; i < iters; i++) fn();
    const dt = (performance.now() - t0) / 1000;
    if (dt >= seconds / 4 || iters >= 1 << 20) return Math.max(1, Math.round((iters * seconds) / Math.max(dt, 1e-9)));
    iters *= 4;
  }
}

/** Times every impl, alternating; returns per impl {median, min, max} seconds per call. */
async function timeAll(impls) {
  const iters = [];
  for (const im of impls) iters.push(await callsFor(im.fn, im.async, SAMPLE_SECONDS));
  const samples = impls.map(() => []);
  for (let r = 0; r <= REPS; r++) {
    for (let j = 0; j < impls.length; j++) {
      const { fn, async: isAsync } = impls[j];
      const t0 = performance.now();
      if (isAsync) for (let i = 0; i < iters[j]; i++) await fn();
      else for (let i = 0; i < iters[j]; i++) fn();
      if (r > 0) samples[j].push((performance.now() - t0) / 1000 / iters[j]);
    }
  }
  return samples.map((s) => {
    s.sort((a, b) => a - b);
    return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1] };
  });
}

function prepareOpts(spec, n) {
  const o = { op: spec.op.name, dtype: spec.dtype, method: spec.method, derivative: spec.derivative };
  if (spec.shape === "rows") o.rowLength = Math.min(ROW, n);
  // alphas as f32 values, as every implementation receives them here (tfjs and ORT hold f32 tensors
  // and attributes) and as models store them; qact multiplies f32 alphas in f32 lanes
  if (spec.shape === "channels" && spec.dtype === "f32") o.params = { alpha: Array.from({ length: CHANNELS }, (_, i) => Math.fround(0.05 + i / 256)) };
  else if (spec.shape === "channels") o.params = { alpha: Array.from({ length: CHANNELS }, (_, i) => 0.05 + i / 256) };
  if (spec.op.name === "leaky_relu" && spec.dtype === "f32") o.params = { alpha: Math.fround(0.01) };
  if (spec.shape === "groups") o.params = { k: 2 };
  return o;
}

const groups = new Map();
for (const spec of KERNELS) {
  if (FILTER && !kernelName(spec, "simd").includes(FILTER)) continue;
  if (DTYPE && spec.dtype !== DTYPE) continue;
  const key = `${spec.op.name}${spec.derivative ? "'" : ""}/${spec.dtype}`;
  if (!groups.has(key)) groups.set(key, []);
  groups.get(key).push(spec);
}

const rows = [];
const fmt = (v) => (v >= 1e9 ? `${(v / 1e9).toFixed(2)}G` : v >= 1e6 ? `${(v / 1e6).toFixed(1)}M` : `${(v / 1e3).toFixed(0)}k`);
console.log(`qact bench — ${os.cpus()[0]?.model ?? "cpu"} ×${os.cpus().length}, node ${process.version}; medians of ${REPS}, elements/s`);

for (const [key, specs] of groups) {
  const [opKey, dtype] = key.split("/");
  const opName = specs[0].op.name;
  for (const n of SIZES) {
    if (specs[0].shape === "groups" && n % 2) continue;
    const impls = [];
    const cleanup = [];
    const x = new Ctor[dtype](n);
    fillInput(x, dtype, specs[0].op.domain[0], specs[0].op.domain[1]);
    let ref; // one prepared kernel for baselines that need params/quantization
    // int16: every method runs at the quantization of the op's tflm kernel when it has one (issue 3
    // compares them with it; e.g. TFLM's RELU6 needs the output quantization equal to the input's)
    const tflmSpec = dtype === "int16" ? specs.find((s) => s.method === "tflm") : undefined;
    const tflmQ = tflmSpec ? simd.prepare(prepareOpts(tflmSpec, n)) : undefined;
    const opts = (spec) => {
      const o = prepareOpts(spec, n);
      if (!tflmQ || spec.method === "tflm") return o;
      const q = { ...o, input: tflmQ.input, output: tflmQ.output };
      try {
        simd.prepare(q).dispose();
        return q;
      } catch {
        return o; // a method that rejects TFLM's quantization keeps its own default
      }
    };
    tflmQ?.dispose();
    for (const spec of specs) {
      for (const [impl, rt] of [["qact-simd", simd], ["qact-scalar", scalar], ["qact-relaxed", relaxed]]) {
        if (!rt) continue;
        const k = rt.prepare(opts(spec));
        ref ??= k;
        const tin = rt.tensor(dtype, x);
        const tout = rt.tensor(k.outDtype, spec.shape === "groups" ? n / 2 : n);
        cleanup.push(() => { tin.free(); tout.free(); });
        const base = { method: spec.method, kernel: kernelName(spec, rt.engine), impl };
        impls.push({ ...base, mode: "zero-copy", fn: () => k.run(tin, tout) });
        // end-to-end: the caller's typed arrays in and out (the API copies through WASM memory in
        // bounded chunks); a fresh output array per call would add its allocation (~0.4-0.9 ms per
        // 4 MB measured here), which callers in a loop avoid by passing one.
        const y = new Ctor[k.outDtype](spec.shape === "groups" ? n / 2 : n);
        impls.push({ ...base, mode: "end-to-end", fn: () => k.run(x, y) });
      }
    }
    const js = jsBaseline(ref, { rowLength: ref.rowLength });
    if (js) {
      const y = new Ctor[ref.outDtype](ref.spec.shape === "groups" ? n / 2 : n);
      impls.push({ impl: "js", mode: "end-to-end", method: "", fn: () => js(x, y) });
    }
    const tin = simd.tensor(dtype, x), tout = simd.tensor(dtype, n);
    cleanup.push(() => { tin.free(); tout.free(); });
    impls.push({ impl: "memory.copy", mode: "zero-copy", method: "", fn: () => simd.exports.f32_identity(tin.ptr, tout.ptr, (n * BPE[dtype]) / 4, 0) });
    if (dtype === "int8" && specs[0].shape === undefined && !ref.derivative) {
      // the plain 16-swizzle lookup, export i8_lut256 called explicitly (the `lut` method itself runs
      // i8_lut256_trim); its table is the first 256 bytes of the lut params block
      const lut = simd.prepare({ op: opName, dtype, method: "lut", input: ref.input, output: ref.output, params: ref.params });
      const tab = simd.tensor("int8", 256);
      tab.data.set(new Int8Array(lut.paramBytes.buffer, lut.paramBytes.byteOffset, 256));
      cleanup.push(() => tab.free());
      impls.push({ impl: "swizzle-lut", mode: "zero-copy", method: "lut", kernel: "i8_lut256 (plain 16-swizzle)", fn: () => simd.exports.i8_lut256(tin.ptr, tout.ptr, n, tab.ptr) });
    }
    const ort = ref.derivative ? undefined : await ortSession(ref);
    if (ort) impls.push({ impl: "onnxruntime-web", mode: "end-to-end", method: "", async: true, fn: () => ort(x, ref.rowLength) });
    const tfi = ref.derivative ? undefined : tfjsImpl(ref, n, ref.rowLength, CHANNELS);
    if (tfi) {
      tfi.prepareKernelOnly(x);
      cleanup.push(() => tfi.dispose());
      impls.push({ impl: "tfjs-wasm", mode: "end-to-end", method: "", fn: () => tfi.endToEnd(x) });
      impls.push({ impl: "tfjs-wasm", mode: "kernel-only", method: "", fn: () => tfi.kernelOnly() });
    }
    const times = await timeAll(impls);
    const copyRate = n / times[impls.findIndex((i) => i.impl === "memory.copy")].median;
    const peerRates = impls.map((im, j) => (["onnxruntime-web", "tfjs-wasm"].includes(im.impl) && im.mode === "end-to-end" ? n / times[j].median : 0));
    const bestPeer = Math.max(...peerRates);
    console.log(`\n${opKey} ${dtype} n=${n}`);
    impls.forEach((im, j) => {
      const t = times[j];
      const rate = n / t.median;
      const row = {
        op: opKey, dtype, method: im.method, impl: im.impl, mode: im.mode, n, kernel: im.kernel,
        elemsPerSec: rate, bytesPerSec: rate * BPE[dtype], minElemsPerSec: n / t.max, maxElemsPerSec: n / t.min,
        secondsPerCall: t.median, efficiency: rate / copyRate,
      };
      rows.push(row);
      const vsPeer = bestPeer > 0 && im.mode === "end-to-end" ? `  ×peer ${(rate / bestPeer).toFixed(2)}` : "";
      console.log(`  ${(im.kernel ?? im.impl).padEnd(44)} ${im.mode.padEnd(11)} ${fmt(rate).padStart(7)}  eff ${row.efficiency.toFixed(3)}  ${(t.median * 1e6).toFixed(1).padStart(9)} µs/call${vsPeer}`);
    });
    cleanup.forEach((f) => f());
  }
}

if (JSON_OUT) {
  const doc = {
    machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, v8: process.versions.v8, platform: `${os.platform()} ${os.arch()}` },
    date: new Date().toISOString(), reps: REPS, rowLength: ROW, channels: CHANNELS, rows,
  };
  writeFileSync(`${JSON_OUT}.tmp`, JSON.stringify(doc, null, 1) + "\n");
  renameSync(`${JSON_OUT}.tmp`, JSON_OUT);
  console.log(`\nwrote ${JSON_OUT}`);
}
