// The exp/expm1 polynomial of the f32 accurate kernels (assembly/f32/exp.ts) and gelu's erfcx
// polynomial (assembly/f32/gelu.ts) are what src/tables/f32-expm1-poly.ts and f32-gelu-erfcx.ts
// generate, and their errors are what the headers claim (measured here independently of the
// generators' own samples: against Math.expm1/Math.exp/@stdlib erfc on other grids).
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { expm1Poly, EXPM1_POLY_HALF_WIDTH } from "../../src/tables/f32-expm1-poly.js";
import { erfcxPoly, ERFCX_T } from "../../src/tables/f32-gelu-erfcx.js";
import erfc from "@stdlib/math-base-special-erfc";

const src = readFileSync(new URL("../../assembly/f32/exp.ts", import.meta.url), "utf8");
const coef = (name: string) => Number(src.match(new RegExp(`@inline const ${name}: f64 = ([-0-9.e]+);`))![1]);

describe("assembly/f32/exp.ts polynomial", () => {
  const gen = expm1Poly();
  it("holds exactly the generated coefficients G0..G5 (not stale)", () => {
    expect(gen.coef).toHaveLength(6);
    gen.coef.forEach((c, i) => expect(coef(`G${i}`), `G${i}`).toBe(c));
  });

  it("relative error ≤ 2^-26.2 (expm1) and ≤ 2^-27.5 (exp) on |r| ≤ 1.0001·ln2/2, as the kernel evaluates it", () => {
    const g = [0, 1, 2, 3, 4, 5].map((i) => coef(`G${i}`));
    const h = EXPM1_POLY_HALF_WIDTH;
    let worstM1 = 0, worstE = 0;
    const M = 1_000_003; // not a multiple of the generator's grid
    for (let i = -M; i <= M; i++) {
      const r = (h * i) / M;
      const r2 = r * r, r4 = r2 * r2;
      // expm1: r·((G0 + G1 r) + r²(G2 + G3 r) + r⁴(G4 + G5 r)); exp: (1 + G0 r) + r²(G1 + G2 r) + r⁴((G3 + G4 r) + r² G5)
      const m1 = r * (((g[0] + r * g[1]) + r2 * (g[2] + r * g[3])) + r4 * (g[4] + r * g[5]));
      const e = ((1 + r * g[0]) + r2 * (g[1] + r * g[2])) + r4 * ((g[3] + r * g[4]) + r2 * g[5]);
      if (r !== 0) worstM1 = Math.max(worstM1, Math.abs(m1 / Math.expm1(r) - 1));
      worstE = Math.max(worstE, Math.abs(e / Math.exp(r) - 1));
    }
    expect(worstM1).toBeLessThan(2 ** -26.2);
    expect(worstE).toBeLessThan(2 ** -27.5);
    // and not far better than claimed (a stale, more accurate polynomial would also fail the first test)
    expect(worstM1).toBeGreaterThan(2 ** -26.5);
  });

  it("degree 4 would not be enough for a 1-ULP f32 result (why degree 5)", () => {
    expect(expm1Poly(4).maxRelExp).toBeGreaterThan(2 ** -24);
  });
});

describe("assembly/f32/gelu.ts erfcx polynomial", () => {
  const gsrc = readFileSync(new URL("../../assembly/f32/gelu.ts", import.meta.url), "utf8");
  const gc = (name: string) => Number(gsrc.match(new RegExp(`@inline const ${name}: f64 = ([-0-9.e]+);`))![1]);
  const gen = erfcxPoly();

  it("holds exactly the generated map (ZA, ZB, ZK), coefficients C0..C12 and clamp A_MAX (not stale)", () => {
    expect(gc("ZA")).toBe(gen.A);
    expect(gc("ZB")).toBe(gen.B);
    expect(gc("ZK")).toBe(gen.K);
    expect(gc("A_MAX")).toBe(ERFCX_T);
    expect(gen.coef).toHaveLength(13);
    gen.coef.forEach((c, i) => expect(gc(`C${i}`), `C${i}`).toBe(c));
  });

  it("e^(−a²)·P(z(a)) is erfc(a) within 2^-34 relative on [0, 10.7] (stdlib erfc, a grid unlike the generator's)", () => {
    const C = Array.from({ length: 13 }, (_, i) => gc(`C${i}`));
    let worst = 0;
    const M = 300_007;
    for (let i = 0; i <= M; i++) {
      const a = (ERFCX_T * i) / M;
      const z = (gc("ZA") * a + gc("ZB")) / (a + gc("ZK"));
      let p = C[12];
      for (let k = 11; k >= 0; k--) p = C[k] + z * p;
      worst = Math.max(worst, Math.abs((p * Math.exp(-a * a)) / erfc(a) - 1));
    }
    // 2^-34 for the polynomial, plus Math.exp's rounding of −a² (≤ 1.3e-14 ≈ 2^-46)
    expect(worst).toBeLessThan(2 ** -34);
  });

  it("gelu rounds to −0 below x = −15.1 and to x above 15.13 (why the clamps are harmless)", () => {
    // below: the kernel's value 0.5·(−15.1)·erfc(10.7) is far under half the smallest subnormal
    expect(Math.abs(0.5 * -15.1 * erfc(ERFCX_T))).toBeLessThan(2 ** -150);
    expect(Math.fround(0.5 * -14.4 * erfc(14.4 * Math.SQRT1_2))).toBe(-0);
    // above: 0.5·x·(2 − erfc(a)) = x in f32 once erfc(a) < 2^-25
    expect(erfc(ERFCX_T)).toBeLessThan(2 ** -25);
    expect(Math.fround(0.5 * 7.4 * (2 - erfc(7.4 * Math.SQRT1_2)))).toBe(Math.fround(7.4));
  });
});
