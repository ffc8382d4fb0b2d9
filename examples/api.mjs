// The README's API example (run: node examples/api.mjs).
import { load } from "qact";

const rt = await load(); // SIMD build when the host validates SIMD128, else scalar
const sigmoid = rt.prepare({
  op: "sigmoid", dtype: "int8", method: "lut",
  input: { scale: 1 / 16, zeroPoint: 0 }, output: { scale: 1 / 256, zeroPoint: -128 },
});
console.log(sigmoid.name, Array.from(sigmoid.run(new Int8Array([-128, -16, 0, 16, 127]))));
const t = rt.tensor("f32", [-2, -0.5, 0, 3, 7]); // lives in WASM memory: zero copy
rt.prepare({ op: "relu6", dtype: "f32" }).run(t, t); // in place
console.log(Array.from(t.data));
