// int8/int16 softmax and log_softmax, method `accurate`, measured with the row evaluator
// (src/accuracy/rows-quant.ts: seeded random rows of lengths 1..1000 + all-equal, one-hot, all-minimum,
// length-1 rows) against the float64 rowRef. The bound is maxAbsLsb ≤ 1 per element; the
// design bound is 0.5 + 1e-3 (correct rounding except within 1e-3 LSB of a tie).
import { describe, expect, it, beforeAll } from "vitest";
import { load, type Runtime } from "../../src/runtime/runtime.js";
import { evaluateRowKernel, evaluationRows } from "../../src/accuracy/rows-quant.js";
import { QactError } from "../../src/errors.js";
import { rng } from "../helpers.js";

let rt: Runtime;
beforeAll(async () => {
  rt = await load({ engine: "scalar" });
});

const CASES = [
  { op: "softmax", dtype: "int8", outDtype: "int8" },
  { op: "softmax", dtype: "int8", outDtype: "int16" },
  { op: "softmax", dtype: "int16", outDtype: "int16" },
  { op: "log_softmax", dtype: "int8", outDtype: "int8" },
] as const;

describe("accurate softmax/log_softmax: maxAbsLsb per element on the evaluator's rows", () => {
  for (const c of CASES) {
    it(`${c.op} ${c.dtype} → ${c.outDtype}: ≤ 0.5 + 1e-3 LSB at 12 random (scale, zero point, beta)`, () => {
      const r = rng(c.op.length * 100 + (c.dtype === "int8" ? 1 : 2) + (c.outDtype === "int8" ? 10 : 20));
      let worst = { maxAbsLsb: 0, desc: "" };
      for (let t = 0; t < 12; t++) {
        const scale = c.dtype === "int8" ? 10 ** (-2.5 + 2.3 * r()) : 10 ** (-4.5 + 2.5 * r());
        const zeroPoint = c.dtype === "int8" ? Math.floor(r() * 256) - 128 : 0;
        const beta = t % 3 === 0 ? 1 : Math.round((0.25 + 3 * r()) * 100) / 100;
        const params = c.op === "softmax" || t % 2 === 0 ? { beta } : { beta: 1 };
        const k = rt.prepare({ op: c.op, dtype: c.dtype, method: "accurate", outDtype: c.outDtype, params, input: { scale, zeroPoint } });
        const m = evaluateRowKernel(k, evaluationRows(c.dtype, t + 1, 3));
        if (m.maxAbsLsb > worst.maxAbsLsb) worst = { maxAbsLsb: m.maxAbsLsb, desc: `${k.name} in ${JSON.stringify(k.input)} ${JSON.stringify(params)}: ${JSON.stringify({ ...m.worst, row: m.worst.row.slice(0, 8) })}` };
        expect(m.maxAbsLsb, `${k.name} in ${JSON.stringify(k.input)} ${JSON.stringify(params)} worst ${JSON.stringify({ ...m.worst, row: m.worst.row.slice(0, 8) })}`).toBeLessThanOrEqual(0.5 + 1e-3);
      }
      console.log(`worst ${worst.maxAbsLsb.toFixed(6)} LSB — ${worst.desc}`);
    });
  }

  it("softmax rows longer than the kernels' 4096-entry E scratch (recomputed E) and huge sums: both builds ≤ 0.5 + 1e-3 LSB", async () => {
    const simd = await load({ engine: "simd" });
    const r = rng(4097);
    for (const c of CASES.filter((c) => c.op === "softmax")) {
      const { min, max } = c.dtype === "int8" ? { min: -128, max: 127 } : { min: -32768, max: 32767 };
      const rows: number[][] = [];
      for (const len of [4095, 4096, 4097, 20000]) {
        rows.push(Array.from({ length: len }, () => min + Math.floor(r() * (max - min + 1))));
        rows.push(Array(len).fill(max)); // sum = len·2^30: the multiplier's largest shifts
      }
      for (const rtx of [rt, simd]) {
        const k = rtx.prepare({ op: c.op, dtype: c.dtype, method: "accurate", outDtype: c.outDtype, input: { scale: c.dtype === "int8" ? 0.05 : 3e-4, zeroPoint: 0 } });
        const m = evaluateRowKernel(k, rows);
        expect(m.maxAbsLsb, `${k.name} → ${c.outDtype}: worst ${JSON.stringify({ ...m.worst, row: m.worst.row.slice(0, 4) })}`).toBeLessThanOrEqual(0.5 + 1e-3);
      }
    }
  });

  it("the evaluator's rows include the edge rows and all lengths", () => {
    const rows = evaluationRows("int8");
    expect(rows.some((row) => row.length === 1)).toBe(true);
    expect(rows.some((row) => row.length === 1000 && row.every((v) => v === row[0]))).toBe(true);
    expect(rows.some((row) => row.length > 1 && row.every((v) => v === -128))).toBe(true);
    expect(rows.some((row) => row.filter((v) => v === 127).length === 1 && row.filter((v) => v === -128).length === row.length - 1)).toBe(true);
  });
});

describe("accurate softmax/log_softmax: the edge rows give the exact values", () => {
  it("all-equal rows give 1/n; a one-hot row gives 1 and 0; length 1 gives 1", () => {
    const k = rt.prepare({ op: "softmax", dtype: "int8", method: "accurate", input: { scale: 0.1, zeroPoint: 0 } });
    expect(Array.from(k.run(new Int8Array(4).fill(9), undefined, { rowLength: 4 }))).toEqual([-64, -64, -64, -64]); // 0.25·256 − 128
    expect(Array.from(k.run(Int8Array.from([-128, 127, -128]), undefined, { rowLength: 3 }))).toEqual([-128, 127, -128]);
    expect(Array.from(k.run(Int8Array.from([5]), undefined, { rowLength: 1 }))).toEqual([127]);
    const k16 = rt.prepare({ op: "softmax", dtype: "int8", method: "accurate", outDtype: "int16", input: { scale: 0.1, zeroPoint: 0 } });
    expect(Array.from(k16.run(new Int8Array(4).fill(-3), undefined, { rowLength: 4 }))).toEqual([-16384, -16384, -16384, -16384]); // 0.25·65536 − 32768
    const ls = rt.prepare({ op: "log_softmax", dtype: "int8", method: "accurate", input: { scale: 0.1, zeroPoint: 0 } });
    expect(Array.from(ls.run(new Int8Array(4).fill(1), undefined, { rowLength: 4 }))).toEqual([105, 105, 105, 105]); // −ln 4 ·16 + 127 = 104.8
  });

  it("rejects output scales that are not 2^-k (softmax) with a QactError naming out-scale", () => {
    let err: unknown;
    try { rt.prepare({ op: "softmax", dtype: "int8", method: "accurate", output: { scale: 1 / 255, zeroPoint: -128 } }); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(QactError);
    expect((err as QactError).field).toBe("out-scale");
    expect((err as QactError).message).toMatch(/2\^-k/);
  });
});
