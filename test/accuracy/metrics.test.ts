// The metric definitions of shared/accuracy.md on hand-computed cases.
import { describe, expect, it } from "vitest";
import { ulpF32, ulpError, isCorrectlyRoundedF32, measureQuantized, measureF32 } from "../../src/accuracy/metrics.js";
import { getOp, resolveParams } from "../../src/ops/index.js";
import { orderedIndex, fromOrderedIndex, sampleF32 } from "../../src/accuracy/f32space.js";

describe("f32 metrics", () => {
  it("ulp follows the definition", () => {
    expect(ulpF32(1)).toBe(2 ** -23);
    expect(ulpF32(1.999)).toBe(2 ** -23);
    expect(ulpF32(0.75)).toBe(2 ** -24);
    expect(ulpF32(-3)).toBe(2 ** -22);
    expect(ulpF32(1e-40)).toBe(2 ** -149);
    expect(ulpF32(2 ** -126)).toBe(2 ** -149);
  });

  it("ulp errors, NaN and infinities", () => {
    expect(ulpError(1 + 2 ** -23, 1)).toBe(1);
    expect(ulpError(1, 1 + 2 ** -25)).toBe(0.25);
    expect(ulpError(NaN, NaN)).toBe(0);
    expect(ulpError(0, NaN)).toBe(Infinity);
    expect(ulpError(Infinity, Infinity)).toBe(0);
    expect(ulpError(Infinity, 1e300)).toBe(0); // correctly rounded overflow
    expect(ulpError(3e38, Infinity)).toBe(Infinity);
    expect(isCorrectlyRoundedF32(0, -0)).toBe(false);
    expect(isCorrectlyRoundedF32(Math.fround(0.1), 0.1)).toBe(true);
  });

  it("measureF32 finds the worst input", () => {
    const xs = Float32Array.from([0, 1, 2]);
    const ys = Float32Array.from([0, 1, 2 + 2 ** -21]); // 2 ULP at x = 2
    const m = measureF32((x) => x, xs, ys);
    expect(m.maxUlp).toBe(2);
    expect(m.worst.x).toBe(2);
    expect(m.mismatches).toBe(1);
    expect(m.maxRel).toBeCloseTo(2 ** -22, 20);
  });

  it("ordered f32 indices walk the number line", () => {
    expect(orderedIndex(0)).toBe(0);
    expect(orderedIndex(-0)).toBe(-1);
    expect(fromOrderedIndex(1)).toBe(2 ** -149);
    expect(fromOrderedIndex(-2)).toBe(-(2 ** -149));
    const s = sampleF32(-1, 1, 1000, false);
    for (let i = 1; i < s.length; i++) expect(s[i]).toBeGreaterThan(s[i - 1] === 0 && Object.is(s[i - 1], -0) ? -1 : s[i - 1]);
  });
});

describe("quantized metrics", () => {
  it("on identity with hand-made outputs", () => {
    const op = getOp("identity");
    const q = { scale: 0.5, zeroPoint: 0 }, out = { scale: 0.25, zeroPoint: 3 };
    // r = 0.5·q / 0.25 + 3 = 2q + 3 → for q = 0, 1, 2: 3, 5, 7
    const m = measureQuantized(op, resolveParams(op), [0, 1, 2], [3, 6, 7], q, out, "int8");
    expect(m.maxAbsLsb).toBe(1);
    expect(m.meanAbsLsb).toBeCloseTo(1 / 3, 15);
    expect(m.biasLsb).toBeCloseTo(1 / 3, 15);
    expect(m.rmsLsb).toBeCloseTo(Math.sqrt(1 / 3), 15);
    expect(m.mismatches).toBe(1);
    expect(m.worst).toMatchObject({ q: 1, y: 6, r: 5 });
    // sqnr: signal Σ ref² = 0 + 0.25 + 1; noise: (0.25·3 − 0.5)² = 0.0625
    expect(m.sqnrDb).toBeCloseTo(10 * Math.log10(1.25 / 0.0625), 12);
  });

  it("clamps the reference to the dtype range before measuring", () => {
    const op = getOp("identity");
    const m = measureQuantized(op, resolveParams(op), [127], [127], { scale: 1, zeroPoint: 0 }, { scale: 0.5, zeroPoint: 0 }, "int8");
    expect(m.maxAbsLsb).toBe(0); // r = 254 clamps to 127
    expect(m.mismatches).toBe(0);
  });

  it("ties are settled in high precision: 0.1·43/0.2 is exactly 21.5 → 22", () => {
    const op = getOp("identity");
    // float64: 0.1·43/0.2 = 21.499999999999996 → 21; exactly, fl(0.2) = 2·fl(0.1), so the value is
    // 21.5 → 22 (round half away from zero)
    expect((0.1 * 43) / 0.2).toBeLessThan(21.5);
    const m = measureQuantized(op, resolveParams(op), [43, 43], [22, 21], { scale: 0.1, zeroPoint: 0 }, { scale: 0.2, zeroPoint: 0 }, "int8");
    expect(m.mismatches).toBe(1); // 22 is right, 21 is not
  });
});
