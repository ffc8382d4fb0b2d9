// How fast can a gather-free int16 sigmoid/tanh be? Times the speed-only prototypes of
// bench/proto/q16-gatherfree.ts (compiled here, not part of any build; see its header for what each loop does)
// against TFLM's int16 LOGISTIC/TANH in the scalar build and the int16 `lut` kernel in the SIMD build, all in
// one process (CPU-time medians, implementations alternating in every round: bench/cpu-timing.mjs).
// The prototypes are compiled twice: as SIMD128 and with i8x16.swizzle, i16x8.q15mulr_sat_s and v128.bitselect
// replaced by their relaxed forms (the indices are < 16 and no product is −32768·−32768, so the results would
// be the same); the relaxed column needs `node --experimental-wasm-relaxed-simd` on node 20.
//
// --fit prints instead the error budget behind the prototypes' shapes: per-segment polynomials in the position
// τ ∈ [0, 1) over |x| ∈ [0, U] (U where the output saturates: ln 2^16 for sigmoid, ln 2^16 / 2 + 0.1 for tanh),
// interpolated at Chebyshev nodes in float64, output in LSB of 2^-15: the largest error and coefficient magnitudes
// for 8/16/32 segments, degree 3–6, segments of equal width (slack 1) or rounded up to a power of two of input
// codes (slack up to 2, which makes the segment index a shift).
//
//   node --experimental-wasm-relaxed-simd bench/q16-gatherfree.mjs [--reps 15] [--n 1048576] [--rounds 2] [--fit]
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import asc from "assemblyscript/asc";
import { load } from "../dist/index.js";
import { hostSupportsRelaxedSimd } from "../dist/runtime/load.js";
import { opt, flag, N, REPS, time, fmt, ratio, fillCodes } from "./cpu-timing.mjs";

if (flag("fit")) {
  const sig = (x) => 1 / (1 + Math.exp(-x));
  const fns = { sigmoid: (u) => 32768 * (sig(u) - 0.5), tanh: (u) => 32768 * Math.tanh(u) };
  const U = { sigmoid: Math.log(65536), tanh: Math.log(65536) / 2 + 0.1 };
  const cheb = (n) => Array.from({ length: n + 1 }, (_, j) => (1 - Math.cos(((2 * j + 1) * Math.PI) / (2 * n + 2))) / 2);
  const solve = (A, b) => {
    const n = b.length, M = A.map((r, i) => [...r, b[i]]);
    for (let c = 0; c < n; c++) {
      let p = c;
      for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
      [M[c], M[p]] = [M[p], M[c]];
      for (let r = 0; r < n; r++) {
        if (r === c) continue;
        const f = M[r][c] / M[c][c];
        for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
      }
    }
    return M.map((r, i) => r[n] / r[i]);
  };
  console.log("op       segments slack degree  max error (LSB)  max |c_0| … |c_n| (LSB)");
  for (const name of ["sigmoid", "tanh"]) for (const segs of [8, 16, 32]) for (const slack of [1, 2]) for (const n of [3, 4, 5, 6]) {
    const h = (U[name] / segs) * slack, f = fns[name], T = cheb(n);
    let err = 0;
    const mx = Array(n + 1).fill(0);
    for (let i = 0; i < segs; i++) {
      const g = (t) => f((i + t) * h);
      const c = solve(T.map((t) => Array.from({ length: n + 1 }, (_, j) => t ** j)), T.map(g));
      c.forEach((x, j) => (mx[j] = Math.max(mx[j], Math.abs(x))));
      for (let k = 0; k <= 400; k++) {
        const t = k / 400;
        let p = 0;
        for (let j = n; j >= 0; j--) p = p * t + c[j];
        err = Math.max(err, Math.abs(p - g(t)));
      }
    }
    console.log(`${name.padEnd(8)} ${String(segs).padStart(8)} ${String(slack).padStart(5)} ${String(n).padStart(6)}  ${err.toFixed(4).padStart(15)}  ${mx.map((x) => x.toFixed(0)).join(" ")}`);
  }
  process.exit(0);
}

const ROUNDS = Number(opt("rounds", "2"));
const SOURCE = fileURLToPath(new URL("./proto/q16-gatherfree.ts", import.meta.url));
const NAMES = ["gf_poly", "gf_acc", "gf_noc0", "gf_full"];

async function compile(relaxed) {
  let text = readFileSync(SOURCE, "utf8");
  if (relaxed) {
    text = text.replace(/i8x16\.swizzle\(/g, "i8x16.relaxed_swizzle(").replace(/i16x8\.q15mulr_sat_s\(/g, "i16x8.relaxed_q15mulr_s(")
      .replace(/v128\.bitselect\(/g, "i16x8.relaxed_laneselect(");
  }
  let binary;
  const { error, stderr } = await asc.main(["proto.ts", "--outFile", "proto.wasm", "-O3", "--runtime", "stub", "--use", "abort=",
    "--noAssert", "--initialMemory", String(Math.ceil((4 * N + 65536 * 5) / 65536) + 1), "--enable", relaxed ? "simd,relaxed-simd" : "simd"], {
    readFile: (name) => (name === "proto.ts" ? text : null),
    writeFile: (name, contents) => { if (name.endsWith(".wasm")) binary = contents; },
    listFiles: () => [],
  });
  if (error) throw new Error(`asc: ${error.message}\n${stderr}`);
  const ex = (await WebAssembly.instantiate(binary, {})).instance.exports;
  const inP = 65536, outP = inP + 2 * N, pP = outP + 2 * N;
  const codes = new Int16Array(ex.memory.buffer, inP, N);
  fillCodes({ data: codes }, "int16");
  const planes = new Uint8Array(ex.memory.buffer, pP, 192);
  for (let j = 0; j < 192; j++) planes[j] = (j * 37) & 0x0f; // arbitrary bytes: the outputs are not looked at
  new Int32Array(ex.memory.buffer, pP + 192, 2).set([11, 32767]); // m = 11 (16 segments of 2048 codes), cap
  const table = new Int16Array(ex.memory.buffer, pP, 65536 * 2); // gf_full's table (overlaps the planes, same bytes)
  for (let c = 0; c < 65536; c++) table[32768 + c] = c & 0x7fff;
  return Object.fromEntries(NAMES.map((nm) => [nm, { fn: () => ex[nm](inP, outP, N, pP) }]));
}

const relaxed = hostSupportsRelaxedSimd();
const simd = await load({ engine: "simd" }), scalar = await load({ engine: "scalar" });
const kernel = (rt, op, method, quant = {}) => {
  const k = rt.prepare({ op, dtype: "int16", method, ...quant });
  const a = rt.tensor("int16", N), b = rt.tensor("int16", N);
  fillCodes(a, "int16");
  return { k, fn: () => k.run(a, b) };
};
const tflm = { sigmoid: kernel(scalar, "sigmoid", "tflm"), tanh: kernel(scalar, "tanh", "tflm") };
const lut = Object.fromEntries(["sigmoid", "tanh"].map((op) => [op, kernel(simd, op, "lut", { input: tflm[op].k.input, output: tflm[op].k.output })]));
const protos = { simd: await compile(false), ...(relaxed ? { relaxed: await compile(true) } : {}) };

const impls = [["tflm sigmoid (scalar)", tflm.sigmoid], ["tflm tanh (scalar)", tflm.tanh], ["lut sigmoid (SIMD)", lut.sigmoid], ["lut tanh (SIMD)", lut.tanh],
  ...Object.entries(protos).flatMap(([build, fns]) => NAMES.map((nm) => [`${nm} (${build})`, fns[nm]]))];
console.log(`int16 gather-free prototypes — n = ${N}, CPU-time medians of ${REPS}, ${relaxed ? "" : "no relaxed SIMD on this host, "}×tflm against the mean of TFLM's sigmoid and tanh`);
for (let r = 0; r < ROUNDS; r++) {
  const t = time(impls.map(([, im]) => im)).map((s) => N / s);
  const ref = (t[0] + t[1]) / 2;
  console.log(`round ${r + 1}: ` + impls.map(([name], j) => `${name} ${fmt(t[j])}${j > 1 ? ` ${ratio(t[j], ref)}×` : ""}`).join(" · "));
}
