// Benchmark of the f32 interval evaluator behind `qact check` (src/budget/f32-engine.ts): values/s
// in-thread against 2 worker threads at several interval sizes (where the in-thread limit
// IN_THREAD_MAX sits), and in-thread chunk sizes (F32_CHUNK). Medians of REPS runs, alternating.
//
//   npm run build && node bench/check-f32.mjs [--reps 3]
import { load } from "../dist/index.js";
import { evaluateF32Job } from "../dist/budget/f32-engine.js";
import { evaluateF32Range } from "../dist/budget/f32-range.js";
import { getOp } from "../dist/ops/index.js";
import { orderedIndex } from "../dist/accuracy/f32space.js";
import os from "node:os";

const args = process.argv.slice(2);
const REPS = Number(args[args.indexOf("--reps") + 1] || 3) || 3;
const rt = await load({ engine: "simd" });
const op = getOp("hardswish");
const a = orderedIndex(1);
const median = (xs) => xs.slice().sort((x, y) => x - y)[Math.floor(xs.length / 2)];

console.log(`node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(1)).join(" ")}`);
console.log("hardswish f32, values from 1.0 upwards; M values/s (median of", REPS, "runs)");
for (const size of [1 << 18, 1 << 20, 1 << 22]) {
  const res = { inThread: [], workers2: [] };
  for (let r = 0; r < REPS; r++) {
    for (const [key, workers] of [["inThread", 1], ["workers2", 2]]) {
      const t0 = performance.now();
      // forceWorkers: the worker path even below IN_THREAD_MAX, to see where it starts to pay
      await evaluateF32Job({ op: { builtin: "hardswish" }, method: "accurate", params: {}, engine: "simd", a, b: a + size - 1 },
        { workers, rt, opDescriptor: op, forceWorkers: workers > 1 });
      res[key].push(size / ((performance.now() - t0) / 1000) / 1e6);
    }
  }
  console.log(`size 2^${Math.log2(size)}: in-thread ${median(res.inThread).toFixed(1)}, 2 workers ${median(res.workers2).toFixed(1)}`);
}
const k = rt.prepare({ op: "hardswish", dtype: "f32" });
for (const chunk of [1 << 10, 1 << 13, 1 << 16, 1 << 18]) {
  const xs = [];
  for (let r = 0; r < REPS; r++) {
    const t0 = performance.now();
    evaluateF32Range(k, a, a + (1 << 22) - 1, undefined, chunk);
    xs.push((1 << 22) / ((performance.now() - t0) / 1000) / 1e6);
  }
  console.log(`in-thread chunk 2^${Math.log2(chunk)}: ${median(xs).toFixed(1)} M values/s`);
}
