// int8 `lut` trimmed kernel (i8_lut256_trim): the window form chosen at prepare reproduces the exact
// table on all 256 codes, and the WASM kernel (SIMD window loops, scalar table) gives the correctly
// rounded float64 reference: 0 mismatches at many random and edge quantizations, the six smooth ops
// and every other elementwise op. The forms are also checked against a brute-force reading of the
// kernel's formula, and a wrong form must be caught.
import { describe, expect, it, beforeAll } from "vitest";
import { load, type Runtime } from "../../src/runtime/runtime.js";
import { findOp, OPS } from "../../src/ops/index.js";
import { measureQuantized } from "../../src/accuracy/metrics.js";
import { allCodes } from "../../src/quant/dtype.js";
import { buildLut8ByCode } from "../../src/tables/lut8.js";
import { findTrim, readTrim, simulateTrim, trimBlock, TRIM_KS } from "../../src/tables/lut8-trim.js";
import type { QuantParams } from "../../src/types.js";
import { rng, randomQuant } from "../helpers.js";

const engines: Record<string, Runtime> = {};
beforeAll(async () => {
  engines.simd = await load({ engine: "simd" });
  engines.scalar = await load({ engine: "scalar" });
});

const SMOOTH = ["sigmoid", "tanh", "hardswish", "gelu", "silu", "elu"];
const defaults = (name: string) => Object.fromEntries((findOp(name)!.params ?? []).map((p) => [p.name, p.default]));

// edge and typical quantizations (TFLite conventions for sigmoid 1/256 −128 and tanh 1/128 0)
const EDGE: Array<[QuantParams, QuantParams]> = [
  [{ scale: 1 / 16, zeroPoint: 0 }, { scale: 1 / 256, zeroPoint: -128 }],
  [{ scale: 0.1, zeroPoint: 10 }, { scale: 1 / 256, zeroPoint: -128 }],
  [{ scale: 0.05, zeroPoint: 0 }, { scale: 1 / 128, zeroPoint: 0 }],
  [{ scale: 0.5, zeroPoint: -128 }, { scale: 1 / 256, zeroPoint: -128 }],
  [{ scale: 0.5, zeroPoint: 127 }, { scale: 0.01, zeroPoint: 127 }],
  [{ scale: 1e-3, zeroPoint: 0 }, { scale: 1e-3, zeroPoint: 0 }],
  [{ scale: 3 / 64, zeroPoint: 0 }, { scale: 3 / 64, zeroPoint: 0 }],
  [{ scale: 2, zeroPoint: 0 }, { scale: 2, zeroPoint: 0 }],
  [{ scale: 0.0625, zeroPoint: 5 }, { scale: 0.0625, zeroPoint: 5 }],
];

// near-symmetric quantizations (zero point near 0, the op's conventional output), where the fold forms,
// their tail steps and the ramp fix-up are chosen
function symmetricQuant(r: () => number, name: string): [QuantParams, QuantParams] {
  const input = { scale: 10 ** (-2 + 1.5 * r()), zeroPoint: Math.floor(r() * 21) - 10 };
  const output = name === "sigmoid" ? { scale: 1 / 256, zeroPoint: -128 } : name === "tanh" ? { scale: 1 / 128, zeroPoint: 0 } : input;
  return [input, output];
}

function check(rtName: string, name: string, input: QuantParams, output: QuantParams, params: Record<string, unknown>) {
  const codes = allCodes("int8");
  const k = engines[rtName].prepare({ op: name, dtype: "int8", method: "lut", input, output, params });
  const m = measureQuantized(k.spec.op, k.params, codes, k.run(codes), input, output, "int8");
  const form = readTrim(k.paramBytes);
  k.dispose();
  return { m, form };
}

describe("int8 lut, trimmed table", () => {
  for (const name of SMOOTH) {
    it(`${name}: 0 mismatches, both builds, 60 random + 30 near-symmetric + ${EDGE.length} edge quantizations; forms used`, () => {
      const r = rng(0x7a11 + name.charCodeAt(0) * 131 + name.length);
      const cases: Array<[QuantParams, QuantParams]> = [...EDGE];
      for (let t = 0; t < 60; t++) cases.push([randomQuant(r, "int8", -2.5, -0.5), randomQuant(r, "int8", -3, 0)]);
      for (let t = 0; t < 30; t++) cases.push(symmetricQuant(r, name));
      const op = findOp(name)!;
      let trimmed = 0;
      for (const [input, output] of cases) {
        for (const e of ["simd", "scalar"]) {
          const { m, form } = check(e, name, input, output, defaults(name));
          expect(m.mismatches, `${name} ${e} in ${JSON.stringify(input)} out ${JSON.stringify(output)} form ${JSON.stringify({ ...form, W: undefined })} worst ${JSON.stringify(m.worst)}`).toBe(0);
          if (e === "simd" && form.K > 0) trimmed++;
        }
        expect(findTrim(buildLut8ByCode(op, defaults(name), input, output), input.zeroPoint).K).toBeLessThanOrEqual(8);
      }
      expect(trimmed).toBeGreaterThan(0); // the window path really runs
    });
  }

  it("every other elementwise op: 0 mismatches at 8 random quantizations, both builds", () => {
    const r = rng(0xbeef);
    for (const op of OPS.filter((o) => o.kind === "elementwise" && !SMOOTH.includes(o.name))) {
      for (let t = 0; t < 8; t++) {
        const input = randomQuant(r, "int8", -2.5, -0.5), output = randomQuant(r, "int8", -3, 0);
        for (const e of ["simd", "scalar"]) {
          const { m } = check(e, op.name, input, output, defaults(op.name));
          expect(m.mismatches, `${op.name} ${e} ${JSON.stringify([input, output])}`).toBe(0);
        }
      }
    }
  });

  it("default quantizations use the expected forms (the speed of docs/performance.md depends on it)", () => {
    const forms = Object.fromEntries(SMOOTH.map((name) => {
      const k = engines.simd.prepare({ op: name, dtype: "int8", method: "lut" });
      const f = readTrim(k.paramBytes);
      k.dispose();
      return [name, `${f.K} ${f.fold ? "fold" : "window"} ${f.post}`];
    }));
    expect(forms).toEqual({
      sigmoid: "5 fold odd", tanh: "5 fold odd", hardswish: "4 fold ramp",
      gelu: "2 fold ramp", silu: "3 fold ramp", elu: "4 window ramp",
    });
  });

  it("a form is the kernel formula, read independently, and only K the kernel compiles are chosen", () => {
    const r = rng(99);
    let steps = 0, fixes = 0, folds = 0;
    for (let t = -1; t < 160; t++) {
      // t = −1: hardswish at its default 3/64, whose rounding ties need the fix-up
      const name = t < 0 ? "hardswish" : SMOOTH[t % SMOOTH.length];
      const [input, output]: [QuantParams, QuantParams] = t < 0 ? [{ scale: 3 / 64, zeroPoint: 0 }, { scale: 3 / 64, zeroPoint: 0 }]
        : t % 2 ? symmetricQuant(r, name) : [randomQuant(r, "int8", -2.5, -0.5), randomQuant(r, "int8", -3, 0)];
      const table = buildLut8ByCode(findOp(name)!, defaults(name), input, output);
      const f = findTrim(table, input.zeroPoint);
      if (f.K === 0) continue;
      expect(TRIM_KS[f.fold ? "fold" : "window"]).toContain(f.K);
      const block = trimBlock(table, f);
      for (let q = -128; q <= 127; q++) expect(block[q & 0xff]).toBe(table[q + 128] & 0xff); // exact table first
      // brute force from the bytes: lane arithmetic written out with explicit wrapping
      const zp = (block[259] << 24) >> 24, c0 = (block[260] << 24) >> 24, rr = (block[261] << 24) >> 24, c1 = (block[262] << 24) >> 24;
      const s0 = (block[263] << 24) >> 24, s1 = (block[264] << 24) >> 24, fm = block[265], fv = block[266];
      const K = block[256];
      if (block[257]) folds++;
      if (block[257] && s0 !== 127) steps++;
      if (block[258] === 2 && block[257] && fm !== 0) fixes++;
      for (let q = -128; q <= 127; q++) {
        let d = (q - zp + 256) & 0xff;
        if (block[257] && d >= 128) d = (256 - d) & 0xff; // |i8(d)| mod 256
        let w = 0;
        for (let k = 0; k < K; k++) if (d - 16 * k >= 0 && d - 16 * k < 16) w = block[272 + d];
        let y = ((w + c0) << 24) >> 24;
        const post = block[258];
        if (block[257]) {
          // tail steps on the last window index d − 16(K−1), as a signed byte
          const dk = ((d - 16 * (K - 1)) << 24) >> 24;
          const steps = (dk > s0 ? 1 : 0) + (dk > s1 ? 1 : 0);
          y = (((post === 1 ? y - steps : y + steps)) << 24) >> 24;
        }
        if (post === 1) y = (((q > rr ? Math.min(127, -y) : y) + c1) << 24) >> 24;
        if (post === 2) y = ((y + Math.max(q, rr)) << 24) >> 24;
        if (post === 2 && block[257] && ((q & 0xff) & fm) === fv) y = ((y + 1) << 24) >> 24;
        if (post === 3) y = ((y + (q > rr ? c1 : 0)) << 24) >> 24;
        expect(y, `${name} code ${q}`).toBe(table[q + 128]);
      }
    }
    // the fold forms, their tail steps and the fix-up were all exercised
    expect(folds).toBeGreaterThan(20);
    expect(steps).toBeGreaterThan(10);
    expect(fixes).toBeGreaterThan(0);
  });

  it("a wrong tail step or fix-up is caught by the kernel (hardswish and sigmoid at their defaults)", () => {
    const rt = engines.simd;
    const codes = allCodes("int8");
    const call = (block: Uint8Array) => {
      const out = rt.tensor("int8", 256), inp = rt.tensor("int8", codes), p = rt.tensor("int8", 400);
      (p.data as Int8Array).set(new Int8Array(block.buffer));
      (rt.exports as unknown as Record<string, (a: number, b: number, n: number, p: number) => void>).i8_lut256_trim(inp.ptr, out.ptr, 256, p.ptr);
      return Int8Array.from(out.data as Int8Array);
    };
    for (const [name, input, output] of [
      ["hardswish", { scale: 3 / 64, zeroPoint: 0 }, { scale: 3 / 64, zeroPoint: 0 }],
      ["sigmoid", { scale: 1 / 16, zeroPoint: 0 }, { scale: 1 / 256, zeroPoint: -128 }],
    ] as const) {
      const table = buildLut8ByCode(findOp(name)!, defaults(name), input, output);
      const f = findTrim(table, input.zeroPoint);
      expect(f.fold).toBe(true);
      expect(Array.from(call(trimBlock(table, f)))).toEqual(Array.from(table)); // the right form gives the table
      const wrong = name === "hardswish" ? { ...f, fm: 0, fv: 1 } : { ...f, s0: f.s0 + 1 };
      let diff = 0;
      for (let q = -128; q <= 127; q++) if (simulateTrim(wrong, q) !== table[q + 128]) diff++;
      expect(diff).toBeGreaterThan(0);
      const got = call(trimBlock(table, wrong));
      let wrongCodes = 0;
      for (let i = 0; i < 256; i++) if (got[i] !== table[i]) wrongCodes++;
      expect(wrongCodes).toBe(diff);
    }
  });

  it("a wrong form is caught: simulateTrim differs from the table when one window entry is off", () => {
    const table = buildLut8ByCode(findOp("sigmoid")!, {}, { scale: 1 / 16, zeroPoint: 0 }, { scale: 1 / 256, zeroPoint: -128 });
    const f = findTrim(table, 0);
    expect(f.K).toBeGreaterThan(0);
    const bad = { ...f, W: Int8Array.from(f.W) };
    bad.W[10] += 1;
    let diff = 0;
    for (let q = -128; q <= 127; q++) if (simulateTrim(bad, q) !== table[q + 128]) diff++;
    expect(diff).toBeGreaterThan(0);
    // the kernel on a wrong block really gives other bytes (the check is not vacuous)
    const rt = engines.simd;
    const codes = allCodes("int8");
    const out = rt.tensor("int8", 256), inp = rt.tensor("int8", codes), p = rt.tensor("int8", 400);
    (p.data as Int8Array).set(new Int8Array(trimBlock(table, bad).buffer));
    (rt.exports as unknown as Record<string, (a: number, b: number, n: number, p: number) => void>).i8_lut256_trim(inp.ptr, out.ptr, 256, p.ptr);
    let wrong = 0;
    for (let i = 0; i < 256; i++) if ((out.data as Int8Array)[i] !== table[i]) wrong++;
    expect(wrong).toBe(diff);
  });
});
