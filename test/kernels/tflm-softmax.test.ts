// SOFTMAX (int8 → int8/int16, int16) and LOG_SOFTMAX (int8), method `tflm`: TFLM's published
// vectors (softmax_test.cc, log_softmax_test.cc) with TFLM's tolerances (log_softmax: TFLM's exact
// expected codes), the independent transcription (test/tflm/model.ts) on random and edge rows, and
// TFLM's parameter checks.
import { describe, expect, it, beforeAll } from "vitest";
import { load, type Runtime, type Kernel } from "../../src/runtime/runtime.js";
import { getOp } from "../../src/ops/index.js";
import { QactError } from "../../src/errors.js";
import { genLutInt16 } from "../../src/tables/tflm-luts.js";
import { TFLM_SOFTMAX_CASES, tfliteQuantize } from "../tflm/vectors.js";
import { tflmSoftmaxQ8Row, tflmLogSoftmaxQ8Row, tflmSoftmaxQ16Row, lutPopulateInt16 } from "../tflm/model.js";
import { rng } from "../helpers.js";

let rt: Runtime;
beforeAll(async () => {
  rt = await load({ engine: "scalar" });
});

const f32 = Math.fround;
const i32At = (k: Kernel, i: number) => new DataView(k.paramBytes.buffer, k.paramBytes.byteOffset).getInt32(i * 4, true);
const softmaxRef = (row: number[]) => Array.from(getOp("softmax").rowRef!(Float64Array.from(row), { beta: 1 }));

describe("tflm softmax: TFLM's published vectors (softmax_test.cc, input scale 0.1, rows of 5)", () => {
  for (const c of TFLM_SOFTMAX_CASES) {
    for (const [dtype, out, tol] of [["int8", { scale: 1 / 256, zeroPoint: -128 }, c.tolInt8], ["int16", { scale: 1 / 32768, zeroPoint: 0 }, c.tolInt16]] as const) {
      it(`Softmax${c.name}QuantizedInt${dtype === "int8" ? 8 : 16}ShouldMatchGolden (tolerance ${tol})`, () => {
        const k = rt.prepare({ op: "softmax", dtype, method: "tflm", input: { scale: 0.1, zeroPoint: 0 }, output: out });
        const x = tfliteQuantize(c.input, 0.1, 0, dtype);
        const golden: number[] = [];
        for (let r = 0; r < c.input.length; r += 5) golden.push(...softmaxRef(c.input.slice(r, r + 5)));
        const want = tfliteQuantize(golden, out.scale, out.zeroPoint, dtype);
        const y = k.run(dtype === "int8" ? Int8Array.from(x) : Int16Array.from(x), undefined, { rowLength: 5 });
        for (let i = 0; i < x.length; i++) {
          expect(Math.abs(y[i] - want[i]), `i=${i} x=${c.input[i]}: got ${y[i]}, golden ${want[i]}`).toBeLessThanOrEqual(tol);
        }
      });
    }
  }
});

/** ScaleFromMinMax / ZeroPointFromMinMax of TFLM's test_helpers (float32). */
function quantFromMinMax(min: number, max: number): { scale: number; zeroPoint: number } {
  const scale = f32(f32(max - min) / 255);
  return { scale, zeroPoint: -128 + Math.trunc(f32(f32(-min / scale) + 0.5)) };
}

describe("tflm log_softmax: TFLM's published vectors (log_softmax_test.cc), exact codes", () => {
  it("QuantizedActivationsOpTestLogSoftmaxInt8: rows of 4, data range [−10, 10]", () => {
    const q = quantFromMinMax(-10, 10);
    const k = rt.prepare({ op: "log_softmax", dtype: "int8", method: "tflm", input: q });
    expect(k.output).toEqual({ scale: 16 / 256, zeroPoint: 127 });
    const x = Int8Array.from(tfliteQuantize([0, -6, 2, 4, 3, -2, 10, 1], q.scale, q.zeroPoint, "int8"));
    expect(Array.from(k.run(x, undefined, { rowLength: 4 }))).toEqual([61, -36, 93, 125, 15, -65, 127, -16]);
  });
  it("ExtraTestLogSoftmaxInt8: rows of 1, data range [−1, 1] → 127", () => {
    const q = quantFromMinMax(-1, 1);
    const k = rt.prepare({ op: "log_softmax", dtype: "int8", method: "tflm", input: q });
    const x = Int8Array.from(tfliteQuantize([0, -1, 1], q.scale, q.zeroPoint, "int8"));
    expect(Array.from(k.run(x, undefined, { rowLength: 1 }))).toEqual([127, 127, 127]);
  });
});

/** Random rows of lengths 1..40 plus the edge rows: all equal, one-hot, all minimum, length 1. */
function testRows(r: () => number, lo: number, hi: number): number[][] {
  const rows: number[][] = [];
  for (let len = 1; len <= 40; len++) {
    for (let t = 0; t < 3; t++) rows.push(Array.from({ length: len }, () => lo + Math.floor(r() * (hi - lo + 1))));
  }
  rows.push(Array(17).fill(5), Array(9).fill(lo), [hi], [lo], [0]);
  rows.push(Array.from({ length: 12 }, (_, i) => (i === 7 ? hi : lo)));
  rows.push(Array.from({ length: 300 }, () => lo + Math.floor(r() * (hi - lo + 1))));
  // rows whose Σexp is large (values in a narrow band at the top): TFLM's int8 → int8 softmax
  // aborts there (exponent > 31); see assembly/tflm/softmax.ts
  for (const len of [100, 300, 1000]) rows.push(Array.from({ length: len }, () => hi - Math.floor(r() * ((hi - lo) / 32))));
  return rows;
}

function checkRows(k: Kernel, dtype: "int8" | "int16", rows: number[][], model: (row: number[]) => number[]) {
  for (const row of rows) {
    const y = k.run(dtype === "int8" ? Int8Array.from(row) : Int16Array.from(row), undefined, { rowLength: row.length });
    const want = model(row);
    for (let i = 0; i < row.length; i++) {
      if (y[i] !== want[i]) expect.fail(`${k.name} in ${JSON.stringify(k.input)} row [${row.slice(0, 8)}…] (len ${row.length}) i=${i}: got ${y[i]}, transcription ${want[i]}`);
    }
  }
}

describe("tflm softmax/log_softmax: every row element equals the transcription", () => {
  const scales = [0.0078125, 0.03, 0.1, 0.37, 1.5];
  it("softmax int8 → int8 and int8 → int16 at 5 input scales × 2 betas", () => {
    const r = rng(99);
    for (const scale of scales) {
      for (const beta of [1, 0.6]) {
        for (const outDtype of ["int8", "int16"] as const) {
          const k = rt.prepare({ op: "softmax", dtype: "int8", method: "tflm", outDtype, params: { beta }, input: { scale, zeroPoint: 3 } });
          checkRows(k, "int8", testRows(r, -128, 127), (row) => tflmSoftmaxQ8Row(row, i32At(k, 0), i32At(k, 1), i32At(k, 2), outDtype === "int8" ? 8 : 16));
        }
      }
    }
  });
  it("log_softmax int8 at 5 input scales", () => {
    const r = rng(100);
    for (const scale of scales) {
      const k = rt.prepare({ op: "log_softmax", dtype: "int8", method: "tflm", input: { scale, zeroPoint: -7 } });
      checkRows(k, "int8", testRows(r, -128, 127), (row) => tflmLogSoftmaxQ8Row(row, i32At(k, 0), i32At(k, 1), i32At(k, 2), i32At(k, 3), i32At(k, 4)));
    }
  });
  it("softmax int16 at 5 input scales (tables as TFLM's gen_lut builds them)", () => {
    const r = rng(101);
    const expLut = genLutInt16((x) => f32(Math.exp(f32(x))), -10, 0);
    const recLut = genLutInt16((x) => f32(1 / f32(1 + f32(x))), 0, 1);
    // TFLM's current builder (LUTPopulate with input scale 10/65535, zero point 32767, resp. 1/65535,
    // −32768; output scale 2/65535) gives the same tables as the gen_lut qact reproduces
    const range = 65535;
    expect(Array.from(lutPopulateInt16(f32(10 / range), 32767, f32(2 / range), 0, (x) => f32(Math.exp(f32(x)))))).toEqual(Array.from(expLut));
    expect(Array.from(lutPopulateInt16(f32(1 / range), -32768, f32(2 / range), 0, (x) => f32(1 / f32(1 + f32(x)))))).toEqual(Array.from(recLut));
    // the tables approximate exp on [−10, 0] and 1/(1+x) on [0, 1] in Q0.15 (checked against float64)
    for (let i = 0; i <= 512; i++) {
      expect(Math.abs(expLut[i] / 32768 - Math.exp(-10 + (10 * i) / 512))).toBeLessThan(3 / 32768);
      expect(Math.abs(recLut[i] / 32768 - 1 / (1 + i / 512))).toBeLessThan(3 / 32768);
    }
    for (const scale of [0.0005, 0.001, 0.003, 0.01, 0.05]) {
      const k = rt.prepare({ op: "softmax", dtype: "int16", method: "tflm", input: { scale, zeroPoint: 0 } });
      const dv = new DataView(k.paramBytes.buffer, k.paramBytes.byteOffset);
      for (let i = 0; i <= 512; i++) {
        expect(dv.getInt16(8 + 2 * i, true)).toBe(expLut[i]);
        expect(dv.getInt16(8 + 1026 + 2 * i, true)).toBe(recLut[i]);
      }
      checkRows(k, "int16", testRows(r, -32768, 32767), (row) => tflmSoftmaxQ16Row(row, i32At(k, 0), i32At(k, 1), expLut, recLut));
    }
  });
});

describe("tflm softmax/log_softmax: TFLM's parameter checks", () => {
  const bad: Array<[string, Parameters<Runtime["prepare"]>[0], string]> = [
    ["softmax int8 → int8 out-scale ≠ 1/256", { op: "softmax", dtype: "int8", method: "tflm", output: { scale: 1 / 255, zeroPoint: -128 } }, "out-scale"],
    ["softmax int8 → int8 out-zp ≠ −128", { op: "softmax", dtype: "int8", method: "tflm", output: { scale: 1 / 256, zeroPoint: 0 } }, "out-zp"],
    ["softmax int8 → int16 out-zp ≠ −32768", { op: "softmax", dtype: "int8", method: "tflm", outDtype: "int16", output: { scale: 1 / 65536, zeroPoint: 0 } }, "out-zp"],
    ["softmax int16 out-scale off by 1 %", { op: "softmax", dtype: "int16", method: "tflm", output: { scale: 1.01 / 32768, zeroPoint: 0 } }, "out-scale"],
    ["softmax int8 tiny beta·scale", { op: "softmax", dtype: "int8", method: "tflm", input: { scale: 1e-9, zeroPoint: 0 } }, "in-scale"],
    ["log_softmax beta ≠ 1", { op: "log_softmax", dtype: "int8", method: "tflm", params: { beta: 2 } }, "param.beta"],
    ["log_softmax out-zp ≠ 127", { op: "log_softmax", dtype: "int8", method: "tflm", output: { scale: 16 / 256, zeroPoint: 0 } }, "out-zp"],
  ];
  for (const [name, opts, field] of bad) {
    it(name, () => {
      let err: unknown;
      try { rt.prepare(opts); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(QactError);
      expect((err as QactError).field).toBe(field);
    });
  }
  it("defaults are TFLM's fixed output quantizations", () => {
    expect(rt.prepare({ op: "softmax", dtype: "int8", method: "tflm" }).output).toEqual({ scale: 1 / 256, zeroPoint: -128 });
    expect(rt.prepare({ op: "softmax", dtype: "int8", method: "tflm", outDtype: "int16" }).output).toEqual({ scale: 1 / 65536, zeroPoint: -32768 });
    expect(rt.prepare({ op: "softmax", dtype: "int16", method: "tflm" }).output).toEqual({ scale: 1 / 32768, zeroPoint: 0 });
    expect(rt.prepare({ op: "log_softmax", dtype: "int8", method: "tflm" }).output).toEqual({ scale: 1 / 16, zeroPoint: 127 });
  });
});
