// Two builds of the module side by side: elements/s of each kernel of the registry (zero copy, the
// kernels' default params), A and B alternating inside every repetition, medians of REPS. For
// judging a kernel change against the build before it (e.g. one compiled from an older commit).
//
//   node bench/compare-wasm.mjs A.wasm B.wasm [--filter f32_] [--n 4096] [--reps 15]
// (a file name containing "relaxed" loads as the relaxed engine: run node with --experimental-wasm-relaxed-simd)
import { readFileSync } from "node:fs";
import { load, KERNELS, kernelName } from "../dist/index.js";

const [a, b, ...rest] = process.argv.slice(2);
const opt = (name, dflt) => (rest.includes(`--${name}`) ? rest[rest.indexOf(`--${name}`) + 1] : dflt);
const FILTER = opt("filter", ""), N = Number(opt("n", "4096")), REPS = Number(opt("reps", "15"));
if (!a || !b) {
  console.error("usage: node bench/compare-wasm.mjs A.wasm B.wasm [--filter S] [--n N] [--reps R]");
  process.exit(2);
}
const engine = (p) => (/scalar/.test(p) ? "scalar" : /relaxed/.test(p) ? "relaxed" : "simd");
const rts = [await load({ engine: engine(a), wasm: readFileSync(a) }), await load({ engine: engine(b), wasm: readFileSync(b) })];
const median = (xs) => xs.slice().sort((x, y) => x - y)[xs.length >> 1];

console.log(`n = ${N}, ${REPS} repetitions, medians; A = ${a}, B = ${b}`);
for (const spec of KERNELS) {
  const name = kernelName(spec, rts[0].engine);
  if (FILTER && !name.includes(FILTER) && !spec.exportName.includes(FILTER)) continue;
  const runs = rts.map((rt) => {
    const k = rt.prepare({ op: spec.op.name, dtype: spec.dtype, method: spec.method, derivative: spec.derivative, rowLength: 16 });
    const t = rt.tensor(spec.dtype, N), out = rt.tensor(k.outDtype, spec.shape === "groups" ? N / 2 : N); // maxout: k = 2
    const bytes = new Uint8Array(t.data.buffer, t.ptr, t.byteLength);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24; // f32: mixed magnitudes and signs
    if (spec.dtype === "f32") { const f = t.data; for (let i = 0; i < f.length; i++) if (!Number.isFinite(f[i])) f[i] = i % 7 - 3; }
    return () => k.run(t, out);
  });
  let iters = 1;
  for (;;) { const t0 = performance.now(); for (let i = 0; i < iters; i++) runs[0](); if (performance.now() - t0 > 10) break; iters *= 2; }
  const times = [[], []];
  for (let r = 0; r < REPS; r++) {
    for (const j of [0, 1]) {
      const t0 = performance.now();
      for (let i = 0; i < iters; i++) runs[j]();
      times[j].push((performance.now() - t0) / iters);
    }
  }
  const [ma, mb] = times.map(median);
  console.log(`${name.padEnd(44)} A ${(N / ma / 1e3).toFixed(0).padStart(6)} Melem/s   B ${(N / mb / 1e3).toFixed(0).padStart(6)} Melem/s   B/A ${(ma / mb).toFixed(2)}`);
}
