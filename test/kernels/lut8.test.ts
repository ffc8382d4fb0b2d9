// int8 `lut`: 0 mismatches against the correctly rounded float64 reference, every elementwise op,
// all 256 codes, 20 random (scale, zero point) pairs per op, both engines.
import { describe, expect, it, beforeAll } from "vitest";
import { load, type Runtime } from "../../src/runtime/runtime.js";
import { KERNELS } from "../../src/kernels/registry.js";
import { measureQuantized } from "../../src/accuracy/metrics.js";
import { allCodes } from "../../src/quant/dtype.js";
import { rng, randomQuant } from "../helpers.js";

const engines: Record<string, Runtime> = {};
beforeAll(async () => {
  engines.simd = await load({ engine: "simd" });
  engines.scalar = await load({ engine: "scalar" });
});

const lutKernels = KERNELS.filter((k) => k.method === "lut" && k.dtype === "int8");

describe("int8 lut", () => {
  it("covers every elementwise op of the registry", () => {
    const ops = lutKernels.map((k) => k.op.name).sort();
    expect(ops).toEqual(["celu", "elu", "gelu", "gelu_tanh", "hard_sigmoid", "hard_tanh", "hardswish", "identity",
      "leaky_relu", "mish", "relu", "relu6", "selu", "sigmoid", "silu", "softplus", "step", "tanh"]);
  });

  for (const spec of lutKernels) {
    it(`${spec.op.name}: 0 mismatches at 20 random quantizations`, () => {
      const r = rng(0x51ed + spec.op.name.length * 977 + spec.op.name.charCodeAt(0));
      const codes = allCodes("int8");
      let worst = 0;
      for (let t = 0; t < 20; t++) {
        const input = randomQuant(r, "int8", -2.5, -0.5);
        const output = randomQuant(r, "int8", -3, 0);
        for (const rt of Object.values(engines)) {
          const k = rt.prepare({ op: spec.op.name, dtype: "int8", method: "lut", input, output });
          const m = measureQuantized(spec.op, k.params, codes, k.run(codes), input, output, "int8");
          expect(m.mismatches, `${k.name} in ${JSON.stringify(input)} out ${JSON.stringify(output)} worst ${JSON.stringify(m.worst)}`).toBe(0);
          expect(m.maxAbsLsb).toBeLessThanOrEqual(0.5);
          worst = Math.max(worst, m.maxAbsLsb);
          k.dispose();
        }
      }
      expect(worst).toBeGreaterThan(0); // the quantizations really vary: some error must show
    });
  }

  it("a table entry is the correctly rounded reference (hand check: sigmoid at q = 16, in 1/16, out 1/256 − 128)", async () => {
    const k = engines.simd.prepare({ op: "sigmoid", dtype: "int8", input: { scale: 1 / 16, zeroPoint: 0 }, output: { scale: 1 / 256, zeroPoint: -128 } });
    // sigmoid(1) = 0.7310585786300049 → 187.15 steps − 128 = 59.15 → 59
    expect(Array.from(k.run(new Int8Array([16, 0, -128, 127])))).toEqual([59, 0, -128, 127]);
  });
});
