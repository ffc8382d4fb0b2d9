// Method `tflm` for PRELU (int8/int16, per-channel int8 alpha) and ELU (int8): TFLM's published
// vectors with TFLM's tolerances, PRELU against the independent transcription on every code and
// channel, ELU's table against TFLM's float32 construction replayed independently and the float64
// reference.
import { describe, expect, it, beforeAll } from "vitest";
import { load, type Runtime } from "../../src/runtime/runtime.js";
import { allCodes } from "../../src/quant/dtype.js";
import { QactError } from "../../src/errors.js";
import { preluAlphaQuant } from "../../src/kernels/prepare/tflm.js";
import { tfliteQuantize } from "../tflm/vectors.js";
import { tflmPrelu } from "../tflm/model.js";
import { rng, randomQuant } from "../helpers.js";

let rt: Runtime;
beforeAll(async () => {
  rt = await load({ engine: "scalar" });
});

describe("tflm PRELU", () => {
  // prelu_test.cc QuantizedInt8PreluActivationsOpTest / QuantizedInt16PreluActivationsOpTest:
  // shape [2,2,3] with alpha [0, 0.5, −0.5] along the last axis; tolerance 2/256 on dequantized
  // outputs. (TFLM's test quantizes alpha at 2/255; qact quantizes alpha symmetric at max|α|/127.)
  const input = [0, 0, 0, 0.5, 0.5, 0.5, -1, -1, -1, -0.25, -0.25, -0.25];
  const golden = [0, 0, 0, 0.5, 0.5, 0.5, 0, -0.5, 0.5, 0, -0.125, 0.125];
  for (const [dtype, scale] of [["int8", 2 / 255], ["int16", 2 / 65535]] as const) {
    it(`TFLM vector Quantized${dtype === "int8" ? "Int8" : "Int16"}PreluActivationsOpTest within 2/256`, () => {
      const k = rt.prepare({ op: "prelu", dtype, method: "tflm", params: { alpha: [0, 0.5, -0.5] },
        input: { scale, zeroPoint: 0 }, output: { scale, zeroPoint: 0 } });
      const x = tfliteQuantize(input, scale, 0, dtype);
      const y = k.run(dtype === "int8" ? Int8Array.from(x) : Int16Array.from(x));
      for (let i = 0; i < x.length; i++) {
        expect(Math.abs(Math.fround(scale) * y[i] - golden[i]), `i=${i} x=${input[i]} y=${y[i]}`).toBeLessThanOrEqual(2 / 256);
      }
    });
  }

  for (const dtype of ["int8", "int16"] as const) {
    it(`${dtype}: every code on every channel equals the transcription (20 random param sets, 1–5 channels)`, () => {
      const r = rng(dtype === "int8" ? 811 : 812);
      const codes = allCodes(dtype);
      const [lo, hi] = dtype === "int8" ? [-128, 127] : [-32768, 32767];
      for (let t = 0; t < 20; t++) {
        const channels = 1 + Math.floor(r() * 5);
        const alpha = Array.from({ length: channels }, () => Math.round((r() * 3 - 1) * 1000) / 1000);
        const input = randomQuant(r, dtype, -3, 0, dtype === "int16");
        const output = randomQuant(r, dtype, -3, 0, dtype === "int16");
        const k = rt.prepare({ op: "prelu", dtype, method: "tflm", params: { alpha }, input, output });
        const x = dtype === "int8" ? new Int8Array(codes.length * channels) : new Int16Array(codes.length * channels);
        for (let i = 0; i < x.length; i++) x[i] = codes[Math.floor(i / channels)];
        const y = k.run(x);
        const dv = new DataView(k.paramBytes.buffer, k.paramBytes.byteOffset);
        const g = (i: number) => dv.getInt32(4 * i, true);
        const p = { inOff: g(0), alphaOff: g(1), outZp: g(2), m1: g(3), s1: g(4), m2: g(5), s2: g(6) };
        expect(p.inOff).toBe(0 - input.zeroPoint + 0);
        const aq = preluAlphaQuant(alpha);
        for (let i = 0; i < x.length; i++) {
          const want = tflmPrelu(x[i], aq.codes[i % channels], p, lo, hi);
          if (y[i] !== want) expect.fail(`${k.name} alpha ${alpha} in ${JSON.stringify(input)} out ${JSON.stringify(output)}: code ${x[i]} channel ${i % channels} → ${y[i]}, transcription ${want}`);
        }
      }
    });
  }

  it("alpha is quantized symmetric int8 at max|alpha|/127", () => {
    expect(preluAlphaQuant([0, 0.5, -0.5]).codes).toEqual([0, 127, -127]);
    expect(preluAlphaQuant([0.25]).codes).toEqual([127]);
    expect(preluAlphaQuant([0, 0]).codes).toEqual([0, 0]);
  });
});

describe("tflm ELU (int8)", () => {
  it("TFLM vector QuantizedActivationsOpTestEluInt8 within 2/256 (scale 0.0625, zero point 0)", () => {
    // elu_test.cc: data range [−8, 8·127/128] → scale 1/16, zero point 0
    const input = [0, -6, 2, -4, 3, -2, 6, -0.1];
    const expected = [0, -1.0, 2.0, -1, 3.0, -0.875, 6.0, -0.125];
    const k = rt.prepare({ op: "elu", dtype: "int8", method: "tflm", input: { scale: 0.0625, zeroPoint: 0 }, output: { scale: 0.0625, zeroPoint: 0 } });
    const y = k.run(Int8Array.from(tfliteQuantize(input, 0.0625, 0, "int8")));
    for (let i = 0; i < input.length; i++) {
      expect(Math.abs(0.0625 * y[i] - expected[i]), `x=${input[i]} y=${y[i]}`).toBeLessThanOrEqual(2 / 256);
    }
  });

  it("every code: within one code of the float64 reference (TFLM's float32 table) at 20 random param sets", () => {
    const r = rng(4242);
    const x = allCodes("int8");
    for (let t = 0; t < 20; t++) {
      const input = randomQuant(r, "int8", -2, -0.5), output = randomQuant(r, "int8", -2, -0.5);
      const k = rt.prepare({ op: "elu", dtype: "int8", method: "tflm", input, output });
      const y = k.run(x);
      for (let i = 0; i < x.length; i++) {
        const v = input.scale * (x[i] - input.zeroPoint);
        const ref = Math.min(127, Math.max(-128, (v > 0 ? v : Math.expm1(v)) / output.scale + output.zeroPoint));
        expect(Math.abs(y[i] - ref), `code ${x[i]} in ${JSON.stringify(input)} out ${JSON.stringify(output)}`).toBeLessThan(1);
      }
    }
  });

  it("rejects alpha ≠ 1 (TFLite's ELU has none)", () => {
    expect(() => rt.prepare({ op: "elu", dtype: "int8", method: "tflm", params: { alpha: 0.5 } })).toThrow(QactError);
    expect(() => rt.prepare({ op: "elu", dtype: "int8", method: "tflm", params: { alpha: 0.5 } })).toThrow(/alpha/);
  });
});
