// Zero-copy A/B of the int8 `lut` kernels: the plain 16-swizzle lookup (i8_lut256, the baseline) and
// the trimmed table (i8_lut256_trim), interleaved in one process, n = 2^20, medians of REPS calls each.
//   node bench/lut8-trim.mjs [--reps 21] [--n 1048576]
// Prints elements/s of both and the ratio per (op, quantization); the trimmed form chosen by prepare.
import { readFileSync } from "node:fs";
import { findOp } from "../dist/ops/index.js";
import { buildLut8ByCode, lut8KernelLayout } from "../dist/tables/lut8.js";
import { findTrim, trimBlock, trimCost } from "../dist/tables/lut8-trim.js";
import { defaultInputQuant, defaultOutputQuant } from "../dist/quant/defaults.js";

const args = process.argv.slice(2);
const opt = (k, d) => (args.includes(`--${k}`) ? args[args.indexOf(`--${k}`) + 1] : d);
const REPS = Number(opt("reps", "21"));
const N = Number(opt("n", String(1 << 20)));
const { instance } = await WebAssembly.instantiate(readFileSync(new URL("../build/qact.simd.wasm", import.meta.url)), {});
const ex = instance.exports;
const base = Number(ex.heap_base());
const need = base + 1024 + 2 * N;
if (ex.memory.buffer.byteLength < need) ex.memory.grow(Math.ceil((need - ex.memory.buffer.byteLength) / 65536));
const mem = () => new Uint8Array(ex.memory.buffer);
const pPlain = base, pTrim = base + 512, inPtr = base + 1024, outPtr = inPtr + N;
for (let i = 0; i < N; i++) mem()[inPtr + i] = (((i * 2654435761) >>> 0) / 4294967296) * 256;

function time(fn) { const t0 = process.hrtime.bigint(); fn(); return Number(process.hrtime.bigint() - t0) / 1e9; }
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];

const cases = [];
const ops = ["sigmoid", "tanh", "hardswish", "gelu", "silu", "elu"];
for (const name of ops) {
  const op = findOp(name); const p = {}; for (const pp of op.params ?? []) p[pp.name] = pp.default;
  const i = defaultInputQuant(op, "int8");
  cases.push([name, "default", op, p, i, defaultOutputQuant(op, "int8", p, i)]);
}
// typical non-default quantizations (TFLite-style: sigmoid out 1/256 −128, tanh out 1/128 0)
const typical = [
  ["sigmoid", { scale: 0.1, zeroPoint: 10 }, { scale: 1 / 256, zeroPoint: -128 }],
  ["sigmoid", { scale: 0.03, zeroPoint: -5 }, { scale: 1 / 256, zeroPoint: -128 }],
  ["tanh", { scale: 0.05, zeroPoint: 0 }, { scale: 1 / 128, zeroPoint: 0 }],
  ["tanh", { scale: 0.02, zeroPoint: 3 }, { scale: 1 / 128, zeroPoint: 0 }],
  ["hardswish", { scale: 0.05, zeroPoint: -20 }, { scale: 0.04, zeroPoint: -100 }],
  ["gelu", { scale: 0.03, zeroPoint: -10 }, { scale: 0.03, zeroPoint: -10 }],
  ["silu", { scale: 0.05, zeroPoint: 20 }, { scale: 0.04, zeroPoint: -20 }],
  ["elu", { scale: 0.05, zeroPoint: 5 }, { scale: 0.05, zeroPoint: 5 }],
];
for (const [name, i, o] of typical) {
  const op = findOp(name); const p = {}; for (const pp of op.params ?? []) p[pp.name] = pp.default;
  cases.push([name, "typical", op, p, i, o]);
}

for (const [name, kind, op, p, input, output] of cases) {
  const byCode = buildLut8ByCode(op, p, input, output);
  const f = findTrim(byCode, input.zeroPoint);
  mem().set(lut8KernelLayout(byCode), pPlain);
  mem().set(trimBlock(byCode, f), pTrim);
  const a = [], b = [];
  for (let r = 0; r < 3; r++) { ex.i8_lut256(inPtr, outPtr, N, pPlain); ex.i8_lut256_trim(inPtr, outPtr, N, pTrim); }
  for (let r = 0; r < REPS; r++) {
    a.push(time(() => ex.i8_lut256(inPtr, outPtr, N, pPlain)));
    b.push(time(() => ex.i8_lut256_trim(inPtr, outPtr, N, pTrim)));
  }
  const ga = N / median(a) / 1e9, gb = N / median(b) / 1e9;
  console.log(`${name.padEnd(9)} ${kind.padEnd(7)} in ${input.scale.toPrecision(4)}/${input.zeroPoint} out ${output.scale.toPrecision(4)}/${output.zeroPoint}  ` +
    `form K=${f.K} ${f.fold ? "fold" : "window"} ${f.post}${f.fold && f.s0 !== 127 ? " +steps" : ""}${f.fold && f.fm !== 0 ? " +fix" : ""} (cost ${trimCost(f)})  plain ${ga.toFixed(2)} G/s  trim ${gb.toFixed(2)} G/s  ×${(gb / ga).toFixed(2)}`);
}
