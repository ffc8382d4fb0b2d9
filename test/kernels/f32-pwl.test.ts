// f32 piecewise-linear kernels: correctly rounded (mismatches 0) against the float64 reference on a
// dense sample of 2^20 values over [-16, 16], dense intervals around the breakpoints, random bit
// patterns and the specials (NaN, ±Inf, ±0, subnormals).
import { describe, expect, it, beforeAll } from "vitest";
import { load, type Runtime } from "../../src/runtime/runtime.js";
import { f32PwlKernels } from "../../src/kernels/families/f32-pwl.js";
import { measureF32 } from "../../src/accuracy/metrics.js";
import { allF32In, sampleF32 } from "../../src/accuracy/f32space.js";
import { rng, randomBytes } from "../helpers.js";

let engines: Runtime[];
beforeAll(async () => {
  engines = [await load({ engine: "simd" }), await load({ engine: "scalar" })];
});

const f32Kernels = f32PwlKernels(); // the smooth family: test/kernels/f32-smooth.test.ts
const PARAMS: Record<string, Record<string, number>[]> = {
  // 0.25 and fround(0.1) are f32 values: the kernel multiplies in f32 lanes for them
  leaky_relu: [{}, { alpha: 0.2 }, { alpha: -1.3 }, { alpha: 1 / 3 }, { alpha: 0.25 }, { alpha: Math.fround(0.1) }],
  hard_sigmoid: [{}, { alpha: 0.2, beta: 0.5 }, { alpha: 1 / 7, beta: 0.3 }],
  hard_tanh: [{}, { min_val: -0.1, max_val: 2.7 }, { min_val: 0, max_val: 6 }],
};

function inputs(): Float32Array {
  const r = rng(77);
  const random = new Float32Array(randomBytes(r, 4 * 20000).buffer);
  const parts = [sampleF32(-16, 16, 1 << 20), random, allF32In(-3.0001, -2.9999), allF32In(2.9999, 3.0001), sampleF32(-1e-5, 1e-5, 1 << 18, false)];
  const all = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) { all.set(p, o); o += p.length; }
  return all;
}

describe("f32 piecewise-linear kernels", () => {
  const xs = inputs();
  for (const spec of f32Kernels) {
    for (const params of PARAMS[spec.op.name] ?? [{}]) {
      it(`${spec.op.name} ${JSON.stringify(params)}: correctly rounded on ${xs.length} inputs`, () => {
        for (const rt of engines) {
          const k = rt.prepare({ op: spec.op.name, dtype: "f32", params });
          const m = measureF32((x) => spec.op.ref!(x, k.params), xs, k.run(xs));
          expect(m.mismatches, `${k.name}: worst ${JSON.stringify(m.worst)}`).toBe(0);
          expect(m.maxUlp).toBeLessThanOrEqual(0.5);
          k.dispose();
        }
      });
    }
  }

  it("special values follow the reference: NaN → NaN, ±Inf → limits, −0 as documented", () => {
    const rt = engines[0];
    const run = (op: string, v: number[]) => Array.from(rt.prepare({ op, dtype: "f32" }).run(Float32Array.from(v)));
    expect(run("relu", [NaN, -Infinity, Infinity, -0])).toEqual([NaN, 0, Infinity, 0]);
    expect(Object.is(run("relu", [-0])[0], 0)).toBe(true);
    expect(run("hardswish", [-Infinity, Infinity, NaN])).toEqual([0, Infinity, NaN]);
    expect(Object.is(run("hard_tanh", [-0])[0], -0)).toBe(true);
    expect(run("step", [-0, 0, -1e-45, NaN])).toEqual([1, 1, 0, NaN]);
    expect(run("hard_sigmoid", [-Infinity, Infinity, NaN])).toEqual([0, 1, NaN]);
  });
});
