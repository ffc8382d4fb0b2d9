// Quantized kernels benchmark (issue 3): elements/s of every int8 and int16 kernel of the registry at
// n = 1,048,576, zero-copy (tensors in WASM memory), SIMD build and scalar build, with baselines
// measured in the same run:
//   ×swz   ratio to the plain 16-swizzle 256-entry table lookup (i8_lut256 SIMD, the XNNPACK x8-lut scheme)
//   ×tflm  (int16) ratio to the same op's `tflm` kernel in the scalar build, when the registry has one
//   ×scal  ratio to the same kernel in the scalar build
// Medians of REPS samples after a warm-up round; implementations alternate inside each round. Time is
// this process's CPU time (process.cpuUsage, user + system): on a shared machine other processes' load
// then does not count (on a loaded 2-core host, wall-clock ratios of a kernel against itself ranged
// 0.3–5.9 while CPU-time ratios stayed within 1%); on an idle machine it equals wall time.
// (--clock wall measures wall-clock time instead.)
//
//   npm run bench:quantized [-- --reps 15] [--filter sigmoid] [--n 1048576] [--clock cpu|wall]
import os from "node:os";
import { load, KERNELS, kernelName } from "../dist/index.js";
import { N, FILTER, REPS, WALL, fillCodes as fill, time, fmt, ratio } from "./cpu-timing.mjs";

const simd = await load({ engine: "simd" });
const scalar = await load({ engine: "scalar" });

/** A runnable zero-copy call of a kernel in one engine. */
function bench(rt, op, dtype, method) {
  const k = rt.prepare({ op, dtype, method });
  const tin = rt.tensor(dtype, N), tout = rt.tensor(dtype, N);
  fill(tin, dtype);
  return { name: k.name, fn: () => k.run(tin, tout) };
}

console.log(`qact quantized bench — ${os.cpus()[0]?.model ?? "cpu"}, node ${process.version}, n = ${N}, zero-copy, ${WALL ? "wall" : "CPU"} time, medians of ${REPS}`);
console.log("kernel".padEnd(44) + "elem/s".padStart(8) + "  scalar".padStart(9) + "  ×scal".padStart(8) + "  ×swz".padStart(7) + "  ×tflm".padStart(8));

// the plain 16-swizzle lookup: export i8_lut256 on the first 256 bytes of the lut params block (the
// table; the `lut` method itself runs i8_lut256_trim)
const swizzleBaseline = (() => {
  const k = simd.prepare({ op: "sigmoid", dtype: "int8", method: "lut" });
  const tab = simd.tensor("int8", 256), tin = simd.tensor("int8", N), tout = simd.tensor("int8", N);
  tab.data.set(new Int8Array(k.paramBytes.buffer, k.paramBytes.byteOffset, 256));
  fill(tin, "int8");
  return { name: "i8_lut256 (plain 16-swizzle)", fn: () => simd.exports.i8_lut256(tin.ptr, tout.ptr, N, tab.ptr) };
})();
for (const spec of KERNELS) {
  if (spec.dtype === "f32" || (spec.shape ?? "elementwise") !== "elementwise") continue;
  const label = kernelName(spec, "simd");
  if (FILTER && !label.includes(FILTER)) continue;
  const impls = [bench(simd, spec.op.name, spec.dtype, spec.method), bench(scalar, spec.op.name, spec.dtype, spec.method), swizzleBaseline];
  const tflm = spec.dtype === "int16" && KERNELS.some((k) => k.op === spec.op && k.dtype === "int16" && k.method === "tflm")
    ? bench(scalar, spec.op.name, "int16", "tflm") : undefined;
  if (tflm) impls.push(tflm);
  const [tSimd, tScalar, tSwz, tTflm] = time(impls).map((t) => N / t);
  console.log(label.padEnd(44) + fmt(tSimd).padStart(8) + fmt(tScalar).padStart(9) + ratio(tSimd, tScalar).padStart(8) +
    ratio(tSimd, tSwz).padStart(7) + ratio(tSimd, tTflm).padStart(8));
}
