// Method `tflm`: (1) TFLM's own published test vectors with TFLM's tolerances; (2) every input code
// against an independent TypeScript transcription of TFLM's integer code (test/tflm/model.ts) at
// random parameter sets, 0 mismatches required; (3) prepare values checked by hand against TFLM's
// formulas; (4) the parameter checks TFLM makes, as QactError; (5) the published sigmoid table.
import { describe, expect, it, beforeAll } from "vitest";
import { load, type Runtime, type Kernel } from "../../src/runtime/runtime.js";
import { KERNELS, kernelName } from "../../src/kernels/registry.js";
import { allCodes } from "../../src/quant/dtype.js";
import { QactError } from "../../src/errors.js";
import { TFLM_SIGMOID_TABLE_U16 } from "../../src/tables/tflm-sigmoid.js";
import { TFLM_VECTORS, tfliteQuantize } from "../tflm/vectors.js";
import { tflmGemmlowpQ8, tflmTableQ16, tflmRequant2, tflmHardswishQ8 } from "../tflm/model.js";
import { rng, randomQuant } from "../helpers.js";
import type { QuantParams } from "../../src/types.js";

let rt: Runtime;
beforeAll(async () => {
  rt = await load({ engine: "scalar" });
});

const i32At = (k: Kernel, i: number) => new DataView(k.paramBytes.buffer, k.paramBytes.byteOffset).getInt32(i * 4, true);

describe("tflm: TFLM's published test vectors", () => {
  for (const v of TFLM_VECTORS) {
    it(`${v.name} (${v.op} ${v.dtype}, tolerance ${v.tolerance})`, () => {
      const k = rt.prepare({
        op: v.op, dtype: v.dtype, method: "tflm",
        input: { scale: v.inScale, zeroPoint: v.inZp }, output: { scale: v.outScale, zeroPoint: v.outZp },
      });
      const x = tfliteQuantize(v.input, v.inScale, v.inZp, v.dtype);
      const want = tfliteQuantize(v.golden, v.outScale, v.outZp, v.dtype);
      const y = k.run(v.dtype === "int8" ? Int8Array.from(x) : Int16Array.from(x));
      for (let i = 0; i < x.length; i++) {
        expect(Math.abs(y[i] - want[i]), `x=${v.input[i]} (code ${x[i]}): got ${y[i]}, TFLM golden ${want[i]}`).toBeLessThanOrEqual(v.tolerance);
      }
      k.dispose();
    });
  }
});

function modelFor(k: Kernel): (q: number) => number {
  const p = (i: number) => i32At(k, i);
  const op = k.op.name;
  if (k.spec.exportName === "i8_tflm_logistic" || k.spec.exportName === "i8_tflm_tanh") {
    return (q) => tflmGemmlowpQ8(op as "sigmoid" | "tanh", q, p(0), p(1), p(2), p(3));
  }
  if (k.spec.exportName === "i16_tflm_logistic" || k.spec.exportName === "i16_tflm_tanh") {
    const dv = new DataView(k.paramBytes.buffer, k.paramBytes.byteOffset);
    const table = Array.from({ length: 256 }, (_, i) => dv.getUint16(8 + 2 * i, true));
    expect(table).toEqual(TFLM_SIGMOID_TABLE_U16);
    return (q) => tflmTableQ16(op as "sigmoid" | "tanh", q, p(0), p(1), table);
  }
  if (k.spec.exportName.endsWith("_tflm_requant2")) {
    const r = { inZp: p(0), outZp: p(1), mPos: p(2), sPos: p(3), mNeg: p(4), sNeg: p(5), lo: p(6), hi: p(7) };
    return (q) => tflmRequant2(q, r);
  }
  if (k.spec.exportName.endsWith("_tflm_clamp")) return (q) => Math.min(p(1), Math.max(p(0), q));
  if (k.spec.exportName === "i8_tflm_hardswish") {
    const r = { inZp: p(0), outZp: p(1), outM: p(2), outE: p(3), relM: p(4), relE: p(5) };
    return (q) => tflmHardswishQ8(q, r);
  }
  throw new Error(`no model for ${k.spec.exportName}`);
}

/** A random quantization TFLM accepts for this kernel (int16 table ops: zero points 0, output 2^-15). */
function randomParams(r: () => number, op: string, dtype: "int8" | "int16"): { input: QuantParams; output?: QuantParams; params?: Record<string, number> } {
  const symmetric = dtype === "int16";
  const input = randomQuant(r, dtype, dtype === "int8" ? -2.5 : -4.5, dtype === "int8" ? 0 : -2.5, symmetric);
  if (op === "sigmoid" || op === "tanh") return { input };
  if (op === "relu6") return { input };
  const output = randomQuant(r, dtype, dtype === "int8" ? -2.5 : -4.5, dtype === "int8" ? 0 : -2.5, symmetric || op === "relu" && dtype === "int16");
  if (op === "leaky_relu") return { input, output, params: { alpha: Math.round((r() * 2 - 0.5) * 1000) / 1000 } };
  return { input, output };
}

describe("tflm: every code against the independent transcription (test/tflm/model.ts)", () => {
  // ELU runs the shared table kernel (its tests: test/kernels/tflm-prelu-elu.test.ts)
  for (const spec of KERNELS.filter((s) => s.method === "tflm" && (s.shape ?? "elementwise") === "elementwise" && s.exportName.includes("_tflm_"))) {
    it(`${kernelName(spec, "scalar")}: 0 mismatches at 25 random param sets`, () => {
      const r = rng(spec.exportName.length * 977 + spec.op.name.length);
      const dtype = spec.dtype as "int8" | "int16";
      const x = allCodes(dtype);
      let accepted = 0;
      for (let t = 0; t < 25; t++) {
        const { input, output, params } = randomParams(r, spec.op.name, dtype);
        const k = rt.prepare({ op: spec.op.name, dtype, method: "tflm", input, output, params });
        const model = modelFor(k);
        const y = k.run(x);
        for (let i = 0; i < x.length; i++) {
          const want = model(x[i]);
          if (y[i] !== want) {
            expect.fail(`${k.name} in ${JSON.stringify(k.input)} out ${JSON.stringify(k.output)} ${JSON.stringify(k.params)}: ` +
              `code ${x[i]} → ${y[i]}, transcription ${want}`);
          }
        }
        accepted++;
        k.dispose();
      }
      expect(accepted).toBe(25);
    });
  }
});

describe("tflm: prepare reproduces TFLM's Prepare", () => {
  it("int8 LOGISTIC at in-scale 0.1: multiplier, shift and radius as TFLM computes them", () => {
    // float32(0.1)·2^27 = 0.800000011920929·2^24 → left shift 24, multiplier round(0.800000011920929·2^31),
    // radius floor(15·2^27 / 2^24) = 120
    const k = rt.prepare({ op: "sigmoid", dtype: "int8", method: "tflm", input: { scale: 0.1, zeroPoint: 0 } });
    expect([i32At(k, 0), i32At(k, 1), i32At(k, 2), i32At(k, 3)]).toEqual([0, 120, Math.round(Math.fround(0.1) * 2 ** 27 / 2 ** 24 * 2 ** 31), 24]);
    expect(k.output).toEqual({ scale: 1 / 256, zeroPoint: -128 });
  });
  it("int16 LOGISTIC/TANH: power-of-two input scales fold to 3·2^s, others use TFLM's doubling loop", () => {
    const sig = rt.prepare({ op: "sigmoid", dtype: "int16", method: "tflm", input: { scale: 2 ** -12 } });
    expect([i32At(sig, 0), i32At(sig, 1)]).toEqual([3, 0]);
    const th = rt.prepare({ op: "tanh", dtype: "int16", method: "tflm", input: { scale: 2 ** -11 } });
    expect([i32At(th, 0), i32At(th, 1)]).toEqual([6, 0]);
    // 2^-11 is not TFLM's power-of-two case for LOGISTIC (left shift 1): 2^-11·4096·3 = 6 doubled
    // while ≤ 16383.5 → 24576 after 12 doublings
    const sig11 = rt.prepare({ op: "sigmoid", dtype: "int16", method: "tflm", input: { scale: 2 ** -11 } });
    expect([i32At(sig11, 0), i32At(sig11, 1)]).toEqual([24576, 12]);
  });
  it("RELU6 keeps the input quantization and clamps at round(6 / scale) + zero point", () => {
    const k = rt.prepare({ op: "relu6", dtype: "int8", method: "tflm", input: { scale: 0.05, zeroPoint: -100 } });
    expect([i32At(k, 0), i32At(k, 1)]).toEqual([-100, 20]);
    expect(k.output).toEqual(k.input);
  });
});

describe("tflm: parameters TFLM rejects are rejected with a clear QactError", () => {
  const bad: Array<[string, Parameters<Runtime["prepare"]>[0], string, RegExp]> = [
    ["int8 sigmoid out-zp ≠ −128", { op: "sigmoid", dtype: "int8", method: "tflm", output: { scale: 1 / 256, zeroPoint: 0 } }, "out-zp", /-128/],
    ["int16 sigmoid in-zp ≠ 0", { op: "sigmoid", dtype: "int16", method: "tflm", input: { scale: 1e-3, zeroPoint: 5 } }, "in-zp", /in-zp 0/],
    ["int16 tanh out-zp ≠ 0", { op: "tanh", dtype: "int16", method: "tflm", output: { scale: 2 ** -15, zeroPoint: 1 } }, "out-zp", /out-zp 0/],
    ["int16 tanh out-scale ≠ 2^-15", { op: "tanh", dtype: "int16", method: "tflm", output: { scale: 1e-4 } }, "out-scale", /2\^-15/],
    ["int16 relu in-zp ≠ 0", { op: "relu", dtype: "int16", method: "tflm", input: { scale: 1e-3, zeroPoint: 3 } }, "in-zp", /in-zp 0/],
    ["int8 hardswish with a positive output exponent", { op: "hardswish", dtype: "int8", method: "tflm", input: { scale: 1, zeroPoint: 0 }, output: { scale: 1e-3, zeroPoint: 0 } }, "out-scale", /exponent/],
  ];
  for (const [name, opts, field, msg] of bad) {
    it(name, () => {
      let err: unknown;
      try { rt.prepare(opts); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(QactError);
      expect((err as QactError).field).toBe(field);
      expect((err as QactError).message).toMatch(msg);
    });
  }
});

describe("tflm: the published sigmoid(k/24) table", () => {
  it("is within 1.2 LSB of 65536·sigmoid(k/24), increasing, from 32768 to 65535", () => {
    const t = TFLM_SIGMOID_TABLE_U16;
    expect(t.length).toBe(256);
    expect(t[0]).toBe(32768);
    expect(t[255]).toBe(65535);
    for (let k = 0; k < 256; k++) {
      expect(Math.abs(t[k] - 65536 / (1 + Math.exp(-k / 24))), `k=${k}`).toBeLessThan(1.2);
      if (k > 0) expect(t[k]).toBeGreaterThanOrEqual(t[k - 1]);
    }
  });
});

describe("tflm LEAKY_RELU: TFLM's published vectors (leaky_relu_test.cc), tolerance on dequantized outputs", () => {
  const f32 = Math.fround;
  /** ScaleFromMinMax / ZeroPointFromMinMax of TFLM's test_helpers (float32). */
  const fromMinMax = (min: number, max: number, dtype: "int8" | "int16") => {
    const [qmin, qmax] = dtype === "int8" ? [-128, 127] : [-32768, 32767];
    const scale = f32(f32(max - min) / (qmax - qmin));
    return { scale, zeroPoint: qmin + Math.trunc(f32(f32(-min / scale) + 0.5)) };
  };
  const small = { input: [0, 1, 3, 1, -1, -2], expect: [0, 1, 3, 1, -0.5, -1], alpha: 0.5 };
  const ramp = {
    input: Array.from({ length: 25 }, (_, i) => Number((-5 + 0.4 * i).toFixed(1))),
    alpha: 0.1,
  };
  const cases = [
    { name: "QuantizedActivationsOpTestLeakyReluInt8_1", dtype: "int8", q: { scale: 0.1, zeroPoint: 0 }, ...small, tol: 2 / 256 },
    { name: "QuantizedActivationsOpTestLeakyReluInt16_1", dtype: "int16", q: { scale: 0.01, zeroPoint: 0 }, ...small, tol: 2 / 256 },
    { name: "QuantizedActivationsOpTestLeakyReluInt8_2", dtype: "int8", q: fromMinMax(-5, 5 * (127 / 128), "int8"),
      input: ramp.input, expect: ramp.input.map((x) => (x < 0 ? 0.1 * x : x)), alpha: 0.1, tol: (5 * 2) / 256 },
    { name: "QuantizedActivationsOpTestLeakyReluInt16_2", dtype: "int16", q: fromMinMax(-5, 5 * (32767 / 32768), "int16"),
      input: ramp.input, expect: ramp.input.map((x) => (x < 0 ? 0.1 * x : x)), alpha: 0.1, tol: (5 * 2) / 256 },
  ] as const;
  for (const c of cases) {
    it(`${c.name} (in = out quantization ${JSON.stringify(c.q)})`, () => {
      const k = rt.prepare({ op: "leaky_relu", dtype: c.dtype, method: "tflm", params: { alpha: c.alpha }, input: c.q, output: c.q });
      const x = tfliteQuantize([...c.input], c.q.scale, c.q.zeroPoint, c.dtype);
      const y = k.run(c.dtype === "int8" ? Int8Array.from(x) : Int16Array.from(x));
      for (let i = 0; i < x.length; i++) {
        const deq = f32(c.q.scale) * (y[i] - c.q.zeroPoint);
        expect(Math.abs(deq - c.expect[i]), `x=${c.input[i]} y=${y[i]}`).toBeLessThanOrEqual(c.tol);
      }
    });
  }
});

describe("tflm HARD_SWISH: TFLM's published test (hard_swish_test.cc SimpleHardSwishTestInt8)", () => {
  it("16 (input range, output range) pairs × 101 minstd_rand inputs within TFLM's tolerance", () => {
    const f32 = Math.fround;
    // std::minstd_rand, default seed 1: x ← 48271·x mod (2^31 − 1); TFLM scales it to [0, 1) in float32
    let state = 1;
    const next = () => (state = Number((BigInt(state) * 48271n) % 2147483647n));
    const fromMinMax = (min: number, max: number) => {
      const scale = f32(f32(max - min) / 255);
      return { scale, zeroPoint: -128 + Math.trunc(f32(f32(-min / scale) + 0.5)) };
    };
    const pairs = [[0, 1], [-2, 1], [-5, 10], [-40, 60]];
    for (const [inMin, inMax] of pairs) {
      for (const [outMin, outMax] of pairs) {
        const input = fromMinMax(inMin, inMax), output = fromMinMax(outMin, outMax);
        const tol = f32(Math.max(inMax - inMin, outMax - outMin) * f32(1.5 / 256));
        const xs = Array.from({ length: 101 }, () => f32(inMin + f32(f32(inMax - inMin) * f32(next() * f32(1 / 2147483647)))));
        const ref = xs.map((v) => Math.min(outMax, Math.max(outMin, f32(f32(v * Math.min(6, Math.max(0, f32(v + 3)))) * f32(1 / 6)))));
        const k = rt.prepare({ op: "hardswish", dtype: "int8", method: "tflm", input, output });
        const y = k.run(Int8Array.from(tfliteQuantize(xs, input.scale, input.zeroPoint, "int8")));
        for (let i = 0; i < xs.length; i++) {
          const deq = output.scale * (y[i] - output.zeroPoint);
          expect(Math.abs(deq - ref[i]), `in [${inMin}, ${inMax}] out [${outMin}, ${outMax}] x=${xs[i]} y=${y[i]}`).toBeLessThanOrEqual(tol);
        }
        k.dispose();
      }
    }
  });
});
