// int16 `lut` (i16_lut513): exhaustive over all 65,536 codes at 24 quantizations per op (powers of two
// and not, zero points, op params: src/accuracy/sweeps.ts), both builds, against the float64 reference.
import { describe, expect, it, beforeAll } from "vitest";
import { load, type Runtime } from "../../src/runtime/runtime.js";
import { measureQuantized } from "../../src/accuracy/metrics.js";
import { allCodes } from "../../src/quant/dtype.js";
import { buildLut16, LUT16_BYTES, tailBound } from "../../src/tables/lut16.js";
import { getOp, resolveParams } from "../../src/ops/index.js";
import { describeInt16Sweep } from "./q16-sweep.js";

let simd: Runtime, scalar: Runtime;
beforeAll(async () => {
  simd = await load({ engine: "simd" });
  scalar = await load({ engine: "scalar" });
});

describeInt16Sweep("lut", 0.65);
const codes = allCodes("int16");

describe("int16 lut", () => {
  it("right tails of every kind: saturating early (constant), steep line (i64 pwl2), gentle line (i32)", () => {
    const cases: [string, number, number, number][] = [
      ["silu", 2 ** -10, 2 ** -15, 0], // output saturates at x ≈ 1: constant right tail (kind 0)
      ["gelu", 2 ** -9, 3e-5, 100], // same, zero point
      ["silu", 0.05, 0.002, 0], // one input step = 25 output steps: i64 line (kind 1)
      ["softplus", 0.1, 0.003, -200], // kind 1
      ["mish", 0.002, 0.001, 7], // kind 2
    ];
    const kinds = new Set<number>();
    for (const [op, s, os, ozp] of cases) {
      const input = { scale: s, zeroPoint: 0 }, output = { scale: os, zeroPoint: ozp };
      const ks = [simd, scalar].map((rt) => rt.prepare({ op, dtype: "int16", method: "lut", input, output }));
      kinds.add(new DataView(ks[0].paramBytes.buffer).getInt32(24, true));
      const a = ks[0].run(codes), b = ks[1].run(codes);
      expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer)), `${op} ${s} ${os}: SIMD and scalar differ`).toBe(true);
      const m = measureQuantized(getOp(op), ks[0].params, codes, a, input, output, "int16");
      expect(m.maxAbsLsb, `${op} in ${s} out ${os}/${ozp} worst ${JSON.stringify(m.worst)}`).toBeLessThanOrEqual(0.65);
    }
    expect([...kinds].sort()).toEqual([0, 1, 2]);
  });

  it("extreme input scales: one table code (sigmoid at 1000), all but one code in tails (elu at 1e12), output saturated everywhere (softplus at 1e-6), saturated on one side (selu at 1e-6)", () => {
    const cases: [string, number, number][] = [["sigmoid", 1000, 2 ** -15], ["tanh", 1e30, 2 ** -15], ["elu", 1e12, 1e12], ["softplus", 1e-6, 1e-6], ["selu", 1e-6, 1e-6], ["silu", 3e-7, 1e-6]];
    for (const [op, s, os] of cases) {
      const input = { scale: s, zeroPoint: 0 }, output = { scale: os, zeroPoint: 0 };
      const ks = [simd, scalar].map((rt) => rt.prepare({ op, dtype: "int16", method: "lut", input, output }));
      const a = ks[0].run(codes), b = ks[1].run(codes);
      expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer)), `${op} ${s}: SIMD and scalar differ`).toBe(true);
      const m = measureQuantized(getOp(op), ks[0].params, codes, a, input, output, "int16");
      expect(m.maxAbsLsb, `${op} in ${s} out ${os} worst ${JSON.stringify(m.worst)}`).toBeLessThanOrEqual(0.7);
    }
  });

  it("table bytes: 64-byte header + 512 records of 8 bytes", () => {
    const op = getOp("sigmoid");
    const t = buildLut16(op, resolveParams(op, {}), { scale: 2 ** -11, zeroPoint: 0 }, { scale: 2 ** -15, zeroPoint: 0 });
    expect(t.bytes.length).toBe(LUT16_BYTES);
    expect(LUT16_BYTES).toBe(4160);
  });

  it("tails start where the op is within the tolerance of its asymptote (sigmoid: e^x < 2^-25)", () => {
    const op = getOp("sigmoid");
    const x = tailBound((v) => op.ref!(v, {}), () => 0, -1, 2 ** -25);
    // sigmoid(x) ≈ e^x for x ≪ 0: the bound is ln(2^-25) = −17.33
    expect(x).toBeCloseTo(Math.log(2 ** -25), 3);
  });

  it("hand check at in 2^-12, out 2^-15: σ(1)·32768 = 23955.28, σ(0) = 16384, σ(−8)·32768 = 10.99, σ(8)·32768 = 32757.01", () => {
    const k = simd.prepare({ op: "sigmoid", dtype: "int16", method: "lut", input: { scale: 2 ** -12, zeroPoint: 0 }, output: { scale: 2 ** -15, zeroPoint: 0 } });
    expect(Array.from(k.run(new Int16Array([4096, 0, -32768, 32767])))).toEqual([23955, 16384, 11, 32757]);
  });

  it("an output scale too small for one table segment is a QactError naming out-scale", () => {
    expect(() => simd.prepare({ op: "silu", dtype: "int16", method: "lut", input: { scale: 0.01, zeroPoint: 0 }, output: { scale: 1e-9, zeroPoint: 0 } }))
      .toThrow(/out-scale must be ≥/);
  });
});
