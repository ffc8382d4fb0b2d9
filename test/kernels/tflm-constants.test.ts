// The raw integer constants of the gemmlowp / TFLite fixed-point functions (assembly/tflm/
// gemmlowp.ts) checked against the real numbers they encode. The constants are read from the
// AssemblyScript source itself, so this tests what the kernels compile.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const src = readFileSync(join(import.meta.dirname, "../../assembly/tflm/gemmlowp.ts"), "utf8");
const constants = new Map([...src.matchAll(/export const (C_\w+): i32 = (-?\d+);/g)].map((m) => [m[1], Number(m[2])]));

const q31 = (v: number) => Math.round(v * 2 ** 31);
const q2_29 = (v: number) => Math.round(v * 2 ** 29);
const r4 = Math.sqrt(Math.sqrt(2));

// value each constant must equal: gemmlowp/TFLite's documented real numbers
const EXPECTED: Record<string, number> = {
  C_EXP_M1_8: q31(Math.exp(-1 / 8)),
  C_ONE_THIRD: q31(1 / 3),
  C_48_OVER_17: q2_29(48 / 17),
  C_NEG_32_OVER_17: q2_29(-32 / 17),
  C_EXP_M2_M2: q31(Math.exp(-(2 ** -2))),
  C_EXP_M2_M1: q31(Math.exp(-(2 ** -1))),
  C_EXP_M2_0: q31(Math.exp(-1)),
  C_EXP_M2_1: q31(Math.exp(-2)),
  C_EXP_M2_2: q31(Math.exp(-4)),
  C_EXP_M2_3: q31(Math.exp(-8)),
  C_EXP_M2_4: q31(Math.exp(-16)),
  C_LOG_2: q31(Math.LN2),
  C_SQRT_SQRT_HALF: q31(Math.sqrt(Math.sqrt(0.5))),
  C_SQRT_HALF: q31(Math.sqrt(0.5)),
  C_ONE_QUARTER: q31(0.25),
  C_LOG_ALPHA_N: q31((11 / 240) * r4),
  C_LOG_ALPHA_D: q31((1 / 20) * r4),
  C_LOG_ALPHA_I: q31(2 / r4 - r4),
  C_LOG_ALPHA_F: q31((1 / 4) * r4),
};

describe("gemmlowp / TFLite fixed-point constants", () => {
  it("the source declares every expected constant and no other", () => {
    expect([...constants.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
  });
  for (const [name, want] of Object.entries(EXPECTED)) {
    it(`${name} = ${want}`, () => {
      // gemmlowp's own check (GEMMLOWP_CHECKED_FIXEDPOINT_CONSTANT): equality with FromDouble
      expect(constants.get(name)).toBe(want);
    });
  }
});
