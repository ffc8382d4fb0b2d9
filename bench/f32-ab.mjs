// Two builds of one f32 kernel and the plain-JS loop of bench/js-baselines.mjs in one process, on
// bench/run.mjs's input (an even hash grid over the op's domain, e.g. [−8, 8] for elu), zero copy:
// the three alternate inside every repetition; medians of REPS samples of CPU time (bench/cpu-timing.mjs).
// Prints M elem/s of A, B and js, B/A and each build's ratio to the JS loop.
//   node bench/f32-ab.mjs A.wasm B.wasm --op elu [--param alpha=2] [--n 1048576] [--reps 15] [--method accurate]
// (a file name containing "scalar"/"relaxed" loads as that engine; relaxed: node --experimental-wasm-relaxed-simd)
import { readFileSync } from "node:fs";
import { load } from "../dist/index.js";
import { jsBaseline } from "./js-baselines.mjs";
import { N, REPS, opt, time } from "./cpu-timing.mjs";

const [a, b] = process.argv.slice(2);
const OP = opt("op", "elu"), METHOD = opt("method", "accurate");
const params = {};
for (let i = 0; i < process.argv.length; i++) if (process.argv[i] === "--param") { const [k, v] = process.argv[i + 1].split("="); params[k] = Number(v); }
if (!a || !b || a.startsWith("--") || b.startsWith("--")) {
  console.error("usage: node bench/f32-ab.mjs A.wasm B.wasm --op elu [--param k=v] [--n N] [--reps R]");
  process.exit(2);
}
const engine = (p) => (/scalar/.test(p) ? "scalar" : /relaxed/.test(p) ? "relaxed" : "simd");
const rts = [await load({ engine: engine(a), wasm: readFileSync(a) }), await load({ engine: engine(b), wasm: readFileSync(b) })];
const fill = (f, [lo, hi]) => { for (let i = 0; i < f.length; i++) f[i] = lo + (hi - lo) * (((i * 2654435761) >>> 0) / 4294967296); };
let ref;
const fns = rts.map((rt) => {
  const k = rt.prepare({ op: OP, dtype: "f32", method: METHOD, params });
  ref ??= k;
  const t = rt.tensor("f32", N), out = rt.tensor("f32", N);
  fill(t.data, k.op.domain);
  return () => k.run(t, out);
});
const xs = new Float32Array(N), ys = new Float32Array(N);
fill(xs, ref.op.domain);
const js = jsBaseline(ref);
fns.push(() => js(xs, ys));
const [ta, tb, tj] = time(fns.map((fn) => ({ fn })));
const m = (t) => (N / t / 1e6).toFixed(0).padStart(5);
console.log(`${ref.name} ${JSON.stringify(ref.params)} n = ${N}, ${REPS} reps, CPU-time medians: A ${m(ta)} M/s  B ${m(tb)} M/s  js ${m(tj)} M/s  B/A ${(ta / tb).toFixed(2)}  A/js ${(tj / ta).toFixed(2)}  B/js ${(tj / tb).toFixed(2)}`);
