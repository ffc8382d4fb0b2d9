// The exp/expm1 polynomial of the f32 accurate kernels (assembly/f32/exp.ts), the f32-lane expm1
// polynomial of elu/celu at alpha = 1 (assembly/f32/elu.ts, src/tables/f32-expm1f-poly.ts) and gelu's erfcx
// polynomial (assembly/f32/gelu.ts) and the fast kernels' polynomials (assembly/f32/sigmoid-fast.ts,
// tanh-fast.ts) are what src/tables/f32-expm1-poly.ts, f32-expm1f-poly.ts, f32-gelu-erfcx.ts and
// f32-fast-poly.ts generate, and their errors are what the headers claim (measured here independently of the
// generators' own samples: against Math.expm1/Math.exp/@stdlib erfc on other grids).
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { expm1Poly, EXPM1_POLY_HALF_WIDTH } from "../../src/tables/f32-expm1-poly.js";
import { erfcxPoly, ERFCX_T } from "../../src/tables/f32-gelu-erfcx.js";
import { expm1fPoly, expm1Q, EXPM1F_POLY_HALF_WIDTH } from "../../src/tables/f32-expm1f-poly.js";
import { sigmoidFastPoly, tanhFastPoly, FAST_POLY_HALF_WIDTH } from "../../src/tables/f32-fast-poly.js";
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

describe("assembly/f32/elu.ts f32-lane expm1 polynomial (alpha = 1)", () => {
  const esrc = readFileSync(new URL("../../assembly/f32/elu.ts", import.meta.url), "utf8");
  const ec = (name: string) => Number(esrc.match(new RegExp(`@inline const ${name}: f32 = ([-0-9.e]+);`))![1]);
  const gen = expm1fPoly();

  it("holds exactly the generated coefficients Q0..Q4, which are f32 values (not stale)", () => {
    expect(gen.coef).toHaveLength(5);
    gen.coef.forEach((c, i) => {
      expect(ec(`Q${i}`), `Q${i}`).toBe(c);
      expect(Math.fround(c)).toBe(c);
    });
  });

  it("|r³·(Q − Q_exact)| ≤ 6e-10 on |r| ≤ 1.0001·ln2/2 (≤ 0.04 ULP of 2^-26; a grid unlike the generator's)", () => {
    const q = [0, 1, 2, 3, 4].map((i) => ec(`Q${i}`));
    const h = EXPM1F_POLY_HALF_WIDTH;
    let worstQ = 0, worstTerm = 0;
    const M = 300_007;
    for (let i = -M; i <= M; i++) {
      const r = (h * i) / M;
      const d = Math.abs((q[0] + r * q[1]) + r * r * ((q[2] + r * q[3]) + r * r * q[4]) - expm1Q(r));
      worstQ = Math.max(worstQ, d);
      worstTerm = Math.max(worstTerm, Math.abs(r) ** 3 * d);
    }
    expect(worstQ).toBeLessThan(1.4e-8);
    expect(worstTerm).toBeLessThan(6e-10);
    // expm1Q is the series: r + r²/2 + r³·Q(r) is Math.expm1 to f64 rounding
    for (const r of [-0.3466, -0.1, 1e-3, 0.2, 0.3466]) expect(Math.abs(r + r * r / 2 + r ** 3 * expm1Q(r) - Math.expm1(r))).toBeLessThan(1e-16);
  });

  it("degree 3 would not be enough (why degree 4): max|ΔQ| > 3e-7", () => {
    expect(expm1fPoly(3).maxAbsQ).toBeGreaterThan(3e-7);
  });

  it("the constants are what the header says: f32 log2e, ln2 split, shifter carrying the +127, −2^-30", () => {
    expect(ec("LOG2EF")).toBe(Math.fround(Math.LOG2E));
    // the ln2 split and the shifter are the f32-lane kernels' shared constants of exp.ts
    const xsrc = readFileSync(new URL("../../assembly/f32/exp.ts", import.meta.url), "utf8");
    const xc = (name: string) => Number(xsrc.match(new RegExp(`@inline export const ${name}: f32 = ([-0-9.e]+);`))![1]);
    expect(esrc).toMatch(/import \{[^}]*\bF32_LN2_HI, F32_LN2_LO, F32_SHIFTER \} from "\.\/exp";/);
    expect(xc("F32_LN2_HI")).toBe(355 / 512);
    expect(xc("F32_LN2_LO")).toBe(Math.fround(Math.LN2 - 355 / 512));
    expect(esrc).toMatch(/@inline const SHIFTF: f32 = F32_SHIFTER \+ 127;/);
    expect(xc("F32_SHIFTER") + 127).toBe(1.5 * 2 ** 23 + 127);
    expect(ec("ZMAX")).toBe(-(2 ** -30));
    // below ZMIN every expm1 rounds to −1: e^ZMIN < 2^-25 (half an ulp of values just above −1)
    expect(Math.exp(ec("ZMIN"))).toBeLessThan(2 ** -25);
  });
});

describe("the f32 fast kernels' polynomials (assembly/f32/sigmoid-fast.ts, tanh-fast.ts)", () => {
  const constOf = (file: string) => {
    const text = readFileSync(new URL(`../../assembly/f32/${file}`, import.meta.url), "utf8");
    return (name: string) => Number(text.match(new RegExp(`@inline const ${name}: f32 = ([-0-9.e]+);`))![1]);
  };
  const M = 700_001; // not the generator's grid

  it("sigmoid/silu hold exactly the generated K3..K6 (q0 = 1, q1 = 1/2 as the kernel writes them); e^r relative error < 2^-26.3", () => {
    const gen = sigmoidFastPoly(), k = constOf("sigmoid-fast.ts");
    expect(gen.coef.slice(0, 2)).toEqual([1, 0.5]);
    [3, 4, 5, 6].forEach((i) => expect(k(`K${i}`), `K${i}`).toBe(gen.coef[i - 1]));
    const h = FAST_POLY_HALF_WIDTH;
    let worst = 0;
    for (let i = -M; i <= M; i++) {
      const r = (h * i) / M, r2 = r * r; // the kernel's Estrin: q = (1 + r/2) + r²·((K3 + K4 r) + r²·(K5 + K6 r))
      const q = (1 + 0.5 * r) + r2 * ((k("K3") + k("K4") * r) + r2 * (k("K5") + k("K6") * r));
      worst = Math.max(worst, Math.abs((1 + r * q) / Math.exp(r) - 1));
    }
    expect(worst).toBeLessThan(2 ** -26.3);
  });

  it("tanh holds exactly the generated H3..H6 (h0 = 1/2); expm1 relative error < 2^-25.2", () => {
    const gen = tanhFastPoly(), k = constOf("tanh-fast.ts");
    expect(gen.coef[0]).toBe(0.5);
    [3, 4, 5, 6].forEach((i) => expect(k(`H${i}`), `H${i}`).toBe(gen.coef[i - 2]));
    const h = FAST_POLY_HALF_WIDTH;
    let worst = 0;
    for (let i = -M; i <= M; i++) {
      const r = (h * i) / M, r2 = r * r; // the kernel's Estrin: h = (1/2 + H3 r) + r²·((H4 + H5 r) + r²·H6)
      const hh = (0.5 + k("H3") * r) + r2 * ((k("H4") + k("H5") * r) + r2 * k("H6"));
      if (r !== 0) worst = Math.max(worst, Math.abs((r + r2 * hh) / Math.expm1(r) - 1));
    }
    expect(worst).toBeLessThan(2 ** -25.2);
  });
});
