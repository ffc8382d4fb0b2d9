// PRELU `fixed` (int8/int16, per-channel alpha): the issue asks maxAbsLsb ≤ 1 at any valid params,
// measured over ≥ 50 random param sets; here 60 per dtype (1–6 channels, alpha in [−1, 2], random
// scales and zero points; int16 symmetric half the time), every code on every channel, against the
// float64 reference with that channel's alpha, alternating the SIMD and scalar engines. Design
// bound 0.5 + 1e-4 (see assembly/qprelu.ts); the worst case is printed.
import { describe, expect, it, beforeAll } from "vitest";
import { load, type Runtime } from "../../src/runtime/runtime.js";
import { getOp } from "../../src/ops/index.js";
import { measureQuantized } from "../../src/accuracy/metrics.js";
import { allCodes } from "../../src/quant/dtype.js";
import { rng, randomQuant } from "../helpers.js";

let simd: Runtime, scalar: Runtime;
beforeAll(async () => {
  simd = await load({ engine: "simd" });
  scalar = await load({ engine: "scalar" });
});

describe("prelu fixed: maxAbsLsb per channel", () => {
  for (const dtype of ["int8", "int16"] as const) {
    it(`${dtype}: ≤ 0.5 + 1e-4 LSB at 60 random param sets, all codes × all channels`, () => {
      const r = rng(dtype === "int8" ? 0x9e1 : 0x9e2);
      const codes = allCodes(dtype);
      const prelu = getOp("prelu");
      let worst = { lsb: -1, at: "" };
      for (let t = 0; t < 60; t++) {
        const channels = 1 + Math.floor(r() * 6);
        const alpha = Array.from({ length: channels }, () => (r() < 0.15 ? [0, 1, 0.25][Math.floor(r() * 3)] : -1 + 3 * r()));
        const [lo, hi] = dtype === "int8" ? [-2.5, 0] : [-4.5, -2];
        const input = randomQuant(r, dtype, lo, hi, dtype === "int16" && t % 2 === 0);
        const output = randomQuant(r, dtype, lo, hi, dtype === "int16" && t % 2 === 0);
        const k = (t % 2 ? simd : scalar).prepare({ op: "prelu", dtype, method: "fixed", params: { alpha }, input, output });
        const x = dtype === "int8" ? new Int8Array(codes.length * channels) : new Int16Array(codes.length * channels);
        for (let i = 0; i < x.length; i++) x[i] = codes[Math.floor(i / channels)];
        const y = k.run(x);
        for (let c = 0; c < channels; c++) {
          const ys = Array.from({ length: codes.length }, (_, j) => y[j * channels + c]);
          const m = measureQuantized(prelu, { alpha: alpha[c] }, codes, ys, input, output, dtype);
          const where = `${k.name} alpha[${c}]=${alpha[c]} of ${channels}, in ${JSON.stringify(input)} out ${JSON.stringify(output)}, worst ${JSON.stringify(m.worst)}`;
          expect(m.maxAbsLsb, where).toBeLessThanOrEqual(0.5 + 1e-4);
          if (m.maxAbsLsb > worst.lsb) worst = { lsb: m.maxAbsLsb, at: where };
        }
        k.dispose();
      }
      console.log(`prelu fixed ${dtype}: worst maxAbsLsb ${worst.lsb.toFixed(6)} — ${worst.at}`);
      expect(worst.lsb).toBeGreaterThan(0);
    });
  }
});

// The SIMD build runs int16 PRELU with several channels in i32x4 lanes when every channel's pwl2 block
// shares all but the negative slope and the shift is in [18, 45] (assembly/qprelu.ts sharedPeriod;
// period lcm(channels, 8) ≤ 512 lanes). Decoded here from the params bytes, independently of the
// kernel, so the test knows how many sets took that path; each must give the scalar build's bytes.
describe("prelu fixed int16, several channels: the SIMD lane path ≡ scalar", () => {
  it("40 random sets (2–64 channels, alphas in [−1, 1)), all codes × all channels, bit for bit", () => {
    const r = rng(0x9e3);
    const codes = allCodes("int16");
    let shared = 0;
    for (let t = 0; t < 40; t++) {
      const channels = [2, 3, 5, 8, 12, 64][t % 6];
      const alpha = Array.from({ length: channels }, () => -1 + 2 * r());
      const input = randomQuant(r, "int16", -4.5, -2, t % 2 === 0);
      const output = randomQuant(r, "int16", -4.5, -2, t % 2 === 0);
      const [a, b] = [simd, scalar].map((rt) => rt.prepare({ op: "prelu", dtype: "int16", method: "fixed", params: { alpha }, input, output }));
      const v = new DataView(a.paramBytes.buffer, a.paramBytes.byteOffset, a.paramBytes.byteLength);
      const same = (c: number) => [0, 4, 12, 24, 28].every((off) => v.getInt32(c * 32 + off, true) === v.getInt32(off, true)) &&
        v.getBigInt64(c * 32 + 16, true) === v.getBigInt64(16, true);
      const s = v.getInt32(12, true);
      let period = channels;
      while (period % 8) period += channels;
      if (s >= 18 && s <= 45 && period <= 512 && Array.from({ length: channels }, (_, c) => c).every(same)) shared++;
      const x = new Int16Array((codes.length + 3) * channels); // 3 more rows: a scalar tail when channels is odd
      for (let i = 0; i < x.length; i++) x[i] = codes[Math.floor(i / channels) % codes.length];
      const ya = a.run(x), yb = b.run(x);
      const d = ya.findIndex((y, i) => y !== yb[i]);
      expect(d, `${a.name} ${channels} channels, in ${JSON.stringify(input)} out ${JSON.stringify(output)}: first difference at ${d}`).toBe(-1);
      a.dispose();
      b.dispose();
    }
    expect(shared, "sets that took the SIMD lane path").toBeGreaterThanOrEqual(20);
  });
});
