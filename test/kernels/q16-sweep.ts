// The exhaustive int16 sweep shared by the `lut` and `poly` tests: every op of the issue, all 65,536
// codes at the 24 seeded quantizations of src/accuracy/sweeps.ts, both builds byte for byte, measured
// against the float64 reference.
import { describe, expect, it, beforeAll } from "vitest";
import { load, type Runtime } from "../../src/runtime/runtime.js";
import { KERNELS } from "../../src/kernels/registry.js";
import { measureQuantized } from "../../src/accuracy/metrics.js";
import { int16Sweep } from "../../src/accuracy/sweeps.js";
import { allCodes } from "../../src/quant/dtype.js";
import { getOp } from "../../src/ops/index.js";

export const Q16_OPS = ["sigmoid", "tanh", "silu", "gelu", "gelu_tanh", "elu", "selu", "softplus", "mish"];

export function describeInt16Sweep(method: "lut" | "poly", maxAbsLsb: number): void {
  let simd: Runtime, scalar: Runtime;
  beforeAll(async () => {
    simd = await load({ engine: "simd" });
    scalar = await load({ engine: "scalar" });
  });
  const codes = allCodes("int16");
  describe(`int16 ${method}: exhaustive sweep`, () => {
    it("has a kernel for every op the issue lists", () => {
      const have = KERNELS.filter((k) => k.dtype === "int16" && k.method === method).map((k) => k.op.name).sort();
      expect(have).toEqual([...Q16_OPS].sort());
    });

    for (const op of Q16_OPS) {
      it(`${op}: maxAbsLsb ≤ 1 (measured ≤ ${maxAbsLsb}) at 24 quantizations, SIMD ≡ scalar`, () => {
        const cases = int16Sweep(op, 24, 0x1600 + op.length * 31 + op.charCodeAt(1));
        let worst = 0;
        for (const c of cases) {
          const ks = [simd, scalar].map((rt) => rt.prepare({ op, dtype: "int16", method, input: c.input, output: c.output, params: c.params }));
          const a = ks[0].run(codes), b = ks[1].run(codes);
          expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer)), `${op} ${JSON.stringify(c)}: SIMD and scalar differ`).toBe(true);
          const m = measureQuantized(getOp(op), ks[0].params, codes, a, c.input, c.output, "int16");
          expect(m.maxAbsLsb, `${op} ${JSON.stringify(c)} worst ${JSON.stringify(m.worst)}`).toBeLessThanOrEqual(maxAbsLsb);
          expect(m.meanAbsLsb).toBeLessThan(0.4);
          worst = Math.max(worst, m.maxAbsLsb);
          ks.forEach((k) => k.dispose());
        }
        expect(worst).toBeGreaterThan(0.45); // outputs really are rounded values, not something trivially exact
      });
    }
  });
}
