// The two SIMD loops of i16_table (assembly/q16/table.ts) in the SIMD build, on sigmoid's table at TFLM's
// quantization (input 2^-12, output 2^-15; all 65,536 codes kept): "full" reads the codes straight from the
// input, "clamped" is the same table with hi = 32766, which sends it through the clamping loop (timing only).
// Three input patterns: hash (codes spread uniformly, as bench/int16-vs-tflm.mjs), stride (the golden-ratio
// stride of bench/run.mjs), gauss (Gaussian, σ = 4,096 codes: concentrated as real activations are).
// CPU-time medians (bench/cpu-timing.mjs), three rounds.
//   npm run build && node bench/q16-table-ab.mjs [--reps 15] [--n 1048576]
import { readFileSync } from "node:fs";
import { buildTable16ByCode, table16Layout } from "../dist/tables/table16.js";
import { getOp } from "../dist/ops/index.js";
import { N, time, fmt } from "./cpu-timing.mjs";
const { instance } = await WebAssembly.instantiate(readFileSync(new URL("../build/qact.simd.wasm", import.meta.url)), {});
const ex = instance.exports;
ex.memory.grow(Math.ceil((8 * N + 4 * 140000) / 65536) + 2);
const base = (ex.heap_base() + 15) & ~15;
const fills = {
  hash: (i) => (((i * 2654435761) >>> 7) & 0xffff) - 32768,
  stride: (i) => Math.floor((((i * 2654435761) >>> 0) / 4294967296) * 65536) - 32768,
};
let s = 1; const r = () => ((s = (s * 1103515245 + 12345) >>> 0) / 4294967296);
const gauss = () => Math.max(-32768, Math.min(32767, Math.round(Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r()) * 4096)));
let p = base;
const inputs = {};
for (const name of ["hash", "stride", "gauss"]) {
  const d = new Int16Array(ex.memory.buffer, p, N);
  for (let i = 0; i < N; i++) d[i] = name === "gauss" ? gauss() : fills[name](i);
  inputs[name] = p; p += 2 * N;
}
const outP = p; p += 2 * N;
const by = buildTable16ByCode(getOp("sigmoid"), {}, { scale: 2 ** -12, zeroPoint: 0 }, { scale: 2 ** -15, zeroPoint: 0 });
const full = table16Layout(by);
const clamped = full.slice(); new DataView(clamped.buffer).setInt32(4, 32766, true);
const blocks = {};
for (const [nm, b] of [["full", full], ["clamped", clamped]]) { new Uint8Array(ex.memory.buffer, p, b.length).set(b); blocks[nm] = p; p += (b.length + 15) & ~15; }
const impls = [];
for (const inp of Object.keys(inputs)) for (const blk of Object.keys(blocks)) impls.push([`${inp}/${blk}`, { fn: () => ex.i16_table(inputs[inp], outP, N, blocks[blk]) }]);
for (let k = 0; k < 3; k++) { const t = time(impls.map(([, i]) => i)).map((x) => N / x); console.log(impls.map(([n], j) => `${n} ${fmt(t[j])}`).join(" | ")); }
