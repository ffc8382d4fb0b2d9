// Benchmark of the f32 interval evaluator behind `qact check` and `qact sweep` (src/accuracy/sweep.ts,
// through check's adapter src/budget/f32-engine.ts): M values per second of CPU time (all threads,
// process.cpuUsage) and of wall time, medians of REPS runs, the variants alternating in each round.
// 1. a smooth op (sigmoid, 2^22 values from 1.0) against the WASM reference (what check uses now) and
//    against op.ref in JavaScript (jsRef: what check used before), in-thread and on 2 workers;
// 2. in-thread against 2 workers at several sizes (where IN_THREAD_MAX sits), for sigmoid (WASM
//    reference) and a piecewise op (hardswish, JavaScript reference).
//
//   npm run build && node bench/check-f32.mjs [--reps 5]
import { load } from "../dist/index.js";
import { evaluateF32Job } from "../dist/budget/f32-engine.js";
import { orderedIndex } from "../dist/accuracy/f32space.js";
import os from "node:os";

const args = process.argv.slice(2);
const REPS = Number(args[args.indexOf("--reps") + 1] || 5) || 5;
const rt = await load({ engine: "simd" });
const a = orderedIndex(1);
const median = (xs) => xs.slice().sort((x, y) => x - y)[Math.floor(xs.length / 2)];

async function compare(title, size, variants) {
  const cpu = variants.map(() => []), wall = variants.map(() => []);
  for (let r = 0; r < REPS; r++) {
    for (const [i, [, job, opts]] of variants.entries()) {
      const c0 = process.cpuUsage(), t0 = performance.now();
      await evaluateF32Job({ engine: "simd", params: {}, a, b: a + size - 1, ...job }, { rt, ...opts });
      const c = process.cpuUsage(c0);
      cpu[i].push(size / ((c.user + c.system) / 1e6) / 1e6);
      wall[i].push(size / ((performance.now() - t0) / 1000) / 1e6);
    }
  }
  console.log(`${title}: ${variants.map(([name], i) => `${name} ${median(cpu[i]).toFixed(1)} (wall ${median(wall[i]).toFixed(1)})`).join(", ")}`);
}

console.log(`node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(1)).join(" ")}`);
console.log(`M values per CPU-second (per wall-second), medians of ${REPS} runs`);
const sigmoid = { op: { builtin: "sigmoid" } };
await compare("sigmoid f32, 2^22 values, in-thread", 1 << 22, [
  ["WASM reference", sigmoid, { workers: 1 }], ["JS reference", { ...sigmoid, jsRef: true }, { workers: 1 }]]);
await compare("sigmoid f32, 2^22 values, 2 workers", 1 << 22, [
  ["WASM reference", sigmoid, { workers: 2, forceWorkers: true }], ["JS reference", { ...sigmoid, jsRef: true }, { workers: 2, forceWorkers: true }]]);
for (const op of ["sigmoid", "hardswish"]) {
  for (const size of [1 << 18, 1 << 20, 1 << 22, 1 << 24]) {
    await compare(`${op} f32, 2^${Math.log2(size)} values`, size, [
      ["in-thread", { op: { builtin: op } }, { workers: 1 }], ["2 workers", { op: { builtin: op } }, { workers: 2, forceWorkers: true }]]);
  }
}
