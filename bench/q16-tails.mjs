// i16_lut513 right-tail kinds, CPU time (process.cpuUsage), n = 2^20, codes over the whole int16 range:
// kind 1 (line by the i64 pwl2 code) against kind 2 (line in i32 lanes). Justifies the i32 line of
// assembly/q16/tails.ts.   node bench/q16-tails.mjs
import { load } from "../dist/index.js";
const rt = await load({ engine: "simd" });
const N = 1 << 20;
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
function mk(input, output) {
  const k = rt.prepare({ op: "silu", dtype: "int16", method: "lut", input, output });
  const kind = new DataView(k.paramBytes.buffer).getInt32(24, true);
  const a = rt.tensor("int16", N), b = rt.tensor("int16", N); const d = a.data;
  for (let i = 0; i < N; i++) d[i] = (((i * 2654435761) >>> 7) & 65535) - 32768;
  return { kind, f: () => k.run(a, b) };
}
const impls = [mk({ scale: 0.05, zeroPoint: 0 }, { scale: 0.002, zeroPoint: 0 }), mk({ scale: 0.05, zeroPoint: 0 }, { scale: 0.004, zeroPoint: 0 }), mk({ scale: 0.002, zeroPoint: 0 }, { scale: 0.001, zeroPoint: 0 })];
const res = impls.map(() => []);
for (let r = 0; r < 21; r++) impls.forEach((im, j) => { const c0 = cpu(); for (let i = 0; i < 4; i++) im.f(); res[j].push((cpu() - c0) / 4); });
impls.forEach((im, j) => console.log("kind", im.kind, (N / res[j].sort((x, y) => x - y)[10] / 1e6).toFixed(0), "M elem/s"));
