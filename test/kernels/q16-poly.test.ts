// int16 `poly` (i16_poly3): exhaustive over all 65,536 codes at the same 24 quantizations per op as the
// int16 lut test (src/accuracy/sweeps.ts), both builds, against the float64 reference.
import { describe, expect, it, beforeAll } from "vitest";
import { load, type Runtime } from "../../src/runtime/runtime.js";
import { measureQuantized } from "../../src/accuracy/metrics.js";
import { allCodes } from "../../src/quant/dtype.js";
import { POLY16_BYTES } from "../../src/tables/poly16.js";
import { getOp } from "../../src/ops/index.js";
import { describeInt16Sweep } from "./q16-sweep.js";

let simd: Runtime, scalar: Runtime;
beforeAll(async () => {
  simd = await load({ engine: "simd" });
  scalar = await load({ engine: "scalar" });
});

describeInt16Sweep("poly", 0.7);
const codes = allCodes("int16");

describe("int16 poly", () => {
  it("right tails of every kind (constant from saturation, i64 line, i32 line)", () => {
    const cases: [string, number, number, number][] = [
      ["silu", 2 ** -10, 2 ** -15, 0], ["gelu", 2 ** -9, 3e-5, 100], ["silu", 0.05, 0.002, 0],
      ["softplus", 0.1, 0.003, -200], ["mish", 0.002, 0.001, 7],
    ];
    for (const [op, s, os, ozp] of cases) {
      const input = { scale: s, zeroPoint: 0 }, output = { scale: os, zeroPoint: ozp };
      const ks = [simd, scalar].map((rt) => rt.prepare({ op, dtype: "int16", method: "poly", input, output }));
      const a = ks[0].run(codes), b = ks[1].run(codes);
      expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer)), `${op} ${s} ${os}: SIMD and scalar differ`).toBe(true);
      const m = measureQuantized(getOp(op), ks[0].params, codes, a, input, output, "int16");
      expect(m.maxAbsLsb, `${op} in ${s} out ${os}/${ozp} worst ${JSON.stringify(m.worst)}`).toBeLessThanOrEqual(0.7);
    }
  });

  it("coefficient bytes: 64-byte header + 128 records of 16 bytes", () => {
    const k = simd.prepare({ op: "tanh", dtype: "int16", method: "poly" });
    expect(k.paramBytes.length).toBe(POLY16_BYTES);
    expect(POLY16_BYTES).toBe(2112);
  });

  it("extreme input scales: one table code (sigmoid at 1000), all but one code in tails (elu at 1e12), output saturated everywhere (softplus at 1e-6), saturated on one side (selu at 1e-6)", () => {
    const cases: [string, number, number][] = [["sigmoid", 1000, 2 ** -15], ["tanh", 1e30, 2 ** -15], ["elu", 1e12, 1e12], ["softplus", 1e-6, 1e-6], ["selu", 1e-6, 1e-6], ["silu", 3e-7, 1e-6]];
    for (const [op, s, os] of cases) {
      const input = { scale: s, zeroPoint: 0 }, output = { scale: os, zeroPoint: 0 };
      const ks = [simd, scalar].map((rt) => rt.prepare({ op, dtype: "int16", method: "poly", input, output }));
      const a = ks[0].run(codes), b = ks[1].run(codes);
      expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer)), `${op} ${s}: SIMD and scalar differ`).toBe(true);
      const m = measureQuantized(getOp(op), ks[0].params, codes, a, input, output, "int16");
      expect(m.maxAbsLsb, `${op} in ${s} out ${os} worst ${JSON.stringify(m.worst)}`).toBeLessThanOrEqual(0.7);
    }
  });

  it("hand check at in 2^-12, out 2^-15: σ(1)·32768 = 23955.28, σ(0) = 16384, σ(−8)·32768 = 10.99, σ(8)·32768 = 32757.01", () => {
    const k = simd.prepare({ op: "sigmoid", dtype: "int16", method: "poly", input: { scale: 2 ** -12, zeroPoint: 0 }, output: { scale: 2 ** -15, zeroPoint: 0 } });
    expect(Array.from(k.run(new Int16Array([4096, 0, -32768, 32767])))).toEqual([23955, 16384, 11, 32757]);
  });
});
