// int16 `table` (i16_table): 0 mismatches against the correctly rounded float64 reference, every
// op that has the method, all 65,536 codes, both builds byte for byte; the 24 seeded quantizations of the
// int16 sweep for the smooth ops (the cases of the `lut` and `poly` tests), random ones for the others; the trimmed ends.
import { describe, expect, it, beforeAll } from "vitest";
import { load, type Runtime } from "../../src/runtime/runtime.js";
import { KERNELS } from "../../src/kernels/registry.js";
import { measureQuantized } from "../../src/accuracy/metrics.js";
import { int16Sweep } from "../../src/accuracy/sweeps.js";
import { allCodes } from "../../src/quant/dtype.js";
import { refPoint } from "../../src/accuracy/reference.js";
import { getOp } from "../../src/ops/index.js";
import type { QuantParams, Params } from "../../src/types.js";
import { rng, randomQuant } from "../helpers.js";
import { Q16_OPS } from "./q16-sweep.js";

let simd: Runtime, scalar: Runtime;
beforeAll(async () => {
  simd = await load({ engine: "simd" });
  scalar = await load({ engine: "scalar" });
});

const codes = allCodes("int16");
const tableKernels = KERNELS.filter((k) => k.dtype === "int16" && k.method === "table");

/** Both builds on all codes: byte-identical, and every code the correctly rounded reference. */
function check(op: string, input: QuantParams, output: QuantParams, params?: Params): number {
  const ks = [simd, scalar].map((rt) => rt.prepare({ op, dtype: "int16", method: "table", input, output, params }));
  const a = ks[0].run(codes), b = ks[1].run(codes);
  const what = `${op} in ${JSON.stringify(input)} out ${JSON.stringify(output)} ${JSON.stringify(params ?? {})}`;
  expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer)), `${what}: SIMD and scalar differ`).toBe(true);
  const m = measureQuantized(getOp(op), ks[0].params, codes, a, input, output, "int16");
  expect(m.mismatches, `${what} worst ${JSON.stringify(m.worst)}`).toBe(0);
  expect(m.maxAbsLsb).toBeLessThanOrEqual(0.5);
  ks.forEach((k) => k.dispose());
  return m.maxAbsLsb;
}

describe("int16 table", () => {
  it("covers every elementwise op but the two-slope piecewise-linear ones (exact in fixed pwl2)", () => {
    expect(tableKernels.map((k) => k.op.name).sort()).toEqual(["celu", "elu", "gelu", "gelu_tanh", "hardswish", "mish", "selu", "sigmoid", "silu", "softplus", "step", "tanh"]);
    expect(KERNELS.some((k) => k.dtype === "int16" && k.exportName === "i16_pwl2" && tableKernels.some((t) => t.op === k.op))).toBe(false);
  });

  for (const op of Q16_OPS) {
    it(`${op}: 0 mismatches at the 24 quantizations of the int16 sweep`, () => {
      let worst = 0;
      for (const c of int16Sweep(op, 24, 0x1600 + op.length * 31 + op.charCodeAt(1))) worst = Math.max(worst, check(op, c.input, c.output, c.params));
      expect(worst).toBeGreaterThan(0.45); // rounded values, not something trivially exact
    });
  }

  it("the sweep runs both SIMD loops: full-range tables (codes read straight from the input) and trimmed ones (clamped)", () => {
    let full = 0, trimmed = 0;
    for (const op of ["sigmoid", "tanh"]) {
      for (const c of int16Sweep(op, 24, 0x1600 + op.length * 31 + op.charCodeAt(1))) {
        const k = simd.prepare({ op, dtype: "int16", method: "table", input: c.input, output: c.output, params: c.params });
        const v = new DataView(k.paramBytes.buffer, k.paramBytes.byteOffset);
        if (v.getInt32(0, true) === -32768 && v.getInt32(4, true) === 32767) full++;
        else trimmed++;
        k.dispose();
      }
    }
    expect(full).toBeGreaterThan(2);
    expect(trimmed).toBeGreaterThan(2);
  });

  it("the other elementwise ops: 0 mismatches at 4 random quantizations each", () => {
    const r = rng(0x7ab2);
    for (const spec of tableKernels.filter((k) => !Q16_OPS.includes(k.op.name))) {
      for (let t = 0; t < 4; t++) check(spec.op.name, randomQuant(r, "int16", -5, -1), randomQuant(r, "int16", -5, -1));
    }
  });

  it("keeps only the codes between the constant ends; codes beyond give the end values", () => {
    const input = { scale: 2 ** -9, zeroPoint: 0 }, output = { scale: 2 ** -15, zeroPoint: 0 };
    const k = simd.prepare({ op: "sigmoid", dtype: "int16", method: "table", input, output });
    const v = new DataView(k.paramBytes.buffer, k.paramBytes.byteOffset);
    const lo = v.getInt32(0, true), hi = v.getInt32(4, true);
    // sigmoid(x)·2^15 rounds to 0 below x ≈ −11.1 and to 32767 above x ≈ 11.1: lo, hi ≈ ∓11.1·2^9
    const ref = (q: number) => refPoint(getOp("sigmoid"), k.params, q, input, output, "int16").code;
    expect(ref(lo - 1)).toBe(ref(lo));
    expect(ref(lo + 1)).not.toBe(ref(lo));
    expect(ref(hi + 1)).toBe(ref(hi));
    expect(ref(hi - 1)).not.toBe(ref(hi));
    expect(ref(-32768)).toBe(0);
    expect(ref(32767)).toBe(32767);
    expect(k.paramBytes.length).toBe(16 + 2 * (hi - lo + 1));
    expect(hi - lo).toBeLessThan(2 * 11.2 * 512);
    expect(Array.from(k.run(new Int16Array([-32768, lo, hi, 32767, 0])))).toEqual([0, 0, 32767, 32767, 16384]);
    k.dispose();
  });

  it("a step-like table keeps three entries", () => {
    // sigmoid at input scale 1e6: 0 below code 0, 1/2 at code 0, 1 (saturated to 32767) above
    const k = scalar.prepare({ op: "sigmoid", dtype: "int16", method: "table", input: { scale: 1e6, zeroPoint: 0 }, output: { scale: 2 ** -15, zeroPoint: 0 } });
    expect(k.paramBytes.length).toBe(16 + 2 * 3);
    expect(Array.from(k.run(new Int16Array([-32768, -1, 0, 1, 32767])))).toEqual([0, 0, 16384, 32767, 32767]);
    k.dispose();
  });
});
