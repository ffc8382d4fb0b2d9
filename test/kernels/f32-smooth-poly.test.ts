// The exp/expm1 polynomial of the f32 accurate kernels (assembly/f32/exp.ts) is what
// src/tables/f32-expm1-poly.ts generates, and its error is what the headers claim (measured here
// independently of the generator's own sample: against Math.expm1/Math.exp on a finer grid).
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { expm1Poly, EXPM1_POLY_HALF_WIDTH } from "../../src/tables/f32-expm1-poly.js";

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
