// int16 SIMD kernels against TFLite Micro's method in the scalar build (issue 3: "int16 SIMD kernels at
// least 4x the `tflm` method in the scalar build"). For every int16 elementwise/channel kernel of the
// registry with method lut, poly, fixed or table: elements/s of the SIMD build, and of the same op's `tflm`
// kernel in the scalar build at the SAME input and output quantization (TFLM's: its kernel is prepared
// first with its defaults, ours then takes its input/output params; TFLM's RELU6 keeps the input's
// quantization, its LOGISTIC/TANH output 2^-15). Ops without an int16 TFLM kernel (TFLM Micro has none for
// hard_sigmoid, hard_tanh, hardswish, gelu, silu, elu, … in int16) are measured at their own defaults
// and marked "no tflm". Where TFLM's kernel also requantizes (RELU, LEAKY_RELU, PRELU), a second row
// measures both at output scale = 3/4 of the input scale (no unit slope: the fixed kernels' i32x4 plans).
// n = 1,048,576 zero-copy (tensors in WASM memory), codes spread over the whole int16 range; medians of
// REPS samples of this process's CPU time (process.cpuUsage; --clock wall for wall time), the
// implementations alternating inside each round (same method as bench/quantized.mjs).
// --dtype int8 runs the same comparison for the int8 kernels (lut, poly, fixed) against int8 `tflm`.
// --baseline FILE adds the same kernel in another SIMD build (e.g. main's build/qact.simd.wasm, whose
// params layouts are the same) as a before/after column.
//
//   node bench/int16-vs-tflm.mjs [--reps 15] [--filter relu] [--n 1048576] [--clock cpu|wall]
//                                [--baseline OLD.simd.wasm] [--dtype int16|int8] [--markdown]
import os from "node:os";
import { readFileSync } from "node:fs";
import { load, KERNELS, kernelName } from "../dist/index.js";
import { opt, flag, N, REPS, FILTER, WALL, fillCodes, time, fmt, ratio } from "./cpu-timing.mjs";

const BASELINE = opt("baseline", "");
const MARKDOWN = flag("markdown");
const DTYPE = opt("dtype", "int16");

const simd = await load({ engine: "simd" });
const scalar = await load({ engine: "scalar" });
const base = BASELINE ? await load({ engine: "simd", wasm: readFileSync(BASELINE) }) : undefined;

const fill = (t) => fillCodes(t, DTYPE);

function bench(rt, op, method, quant) {
  const k = rt.prepare({ op, dtype: DTYPE, method, ...quant });
  const tin = rt.tensor(DTYPE, N), tout = rt.tensor(DTYPE, N);
  fill(tin);
  return { k, fn: () => k.run(tin, tout) };
}

const q = (p) => `2^${Math.log2(p.scale).toFixed(Number.isInteger(Math.log2(p.scale)) ? 0 : 2)}/${p.zeroPoint}`;

const head = ["kernel", "in → out (scale/zp)", "SIMD", "tflm scalar", "×tflm", ...(base ? ["baseline", "×base"] : [])];
const rows = [];
const print = (cells) => console.log(MARKDOWN ? `| ${cells.join(" | ")} |`
  : cells[0].padEnd(40) + cells[1].padEnd(22) + cells.slice(2).map((c) => c.padStart(12)).join(""));
console.log(`qact ${DTYPE} vs tflm — ${os.cpus()[0]?.model ?? "cpu"}, node ${process.version}, n = ${N}, zero-copy, ${WALL ? "wall" : "CPU"} time, medians of ${REPS}`);
print(head);
if (MARKDOWN) console.log(`|${head.map(() => "---").join("|")}|`);
for (const spec of KERNELS) {
  if (spec.dtype !== DTYPE || !["lut", "poly", "fixed", "table"].includes(spec.method)) continue;
  if (!["elementwise", "channels"].includes(spec.shape ?? "elementwise")) continue;
  const label = kernelName(spec, "simd");
  if (FILTER && !label.includes(FILTER)) continue;
  const hasTflm = KERNELS.some((k) => k.op === spec.op && k.dtype === DTYPE && k.method === "tflm" && (k.shape ?? "elementwise") === (spec.shape ?? "elementwise"));
  const tflm0 = hasTflm ? bench(scalar, spec.op.name, "tflm", {}) : undefined;
  // a second row where TFLM requantizes (output scale 3/4 of the input's): RELU, LEAKY_RELU, PRELU accept it
  const requant = tflm0 && ["relu", "leaky_relu", "prelu"].includes(spec.op.name) ? { input: tflm0.k.input, output: { scale: tflm0.k.input.scale * 0.75, zeroPoint: tflm0.k.input.zeroPoint } } : undefined;
  let tflm1;
  try {
    tflm1 = requant ? bench(scalar, spec.op.name, "tflm", requant) : undefined;
    if (tflm1 && tflm1.k.output.scale !== requant.output.scale) { tflm1.k.dispose(); tflm1 = undefined; }
  } catch { tflm1 = undefined; }
  for (const tflm of tflm0 ? [tflm0, ...(tflm1 ? [tflm1] : [])] : [undefined]) {
    const quant = tflm ? { input: tflm.k.input, output: tflm.k.output } : {};
    const ours = bench(simd, spec.op.name, spec.method, quant);
    const impls = [ours, ...(tflm ? [tflm] : []), ...(base ? [bench(base, spec.op.name, spec.method, quant)] : [])];
    const t = time(impls).map((s) => N / s);
    const tOurs = t[0], tTflm = tflm ? t[1] : undefined, tBase = base ? t[t.length - 1] : undefined;
    const cells = [label, `${q(ours.k.input)} → ${q(ours.k.output)}`, fmt(tOurs), tflm ? fmt(tTflm) : "no tflm",
      tflm ? ratio(tOurs, tTflm) : "—", ...(base ? [fmt(tBase), ratio(tOurs, tBase)] : [])];
    rows.push(cells);
    print(cells);
    for (const im of impls) im.k.dispose();
  }
}
