// Model readers: round trips through models built in memory (builders.ts), corrupt/truncated files,
// unsupported versions, models without quantized activations, and budget rows.
import { describe, expect, it } from "vitest";
import { readTflite, readOnnx, readModel, requireQuantizedActivations } from "../../src/models/index.js";
import { budgetFromModel } from "../../src/models/budget.js";
import { buildTflite, buildOnnx, type TfModel } from "./builders.js";
import { rng } from "../helpers.js";

const f32 = (x: number) => Math.fround(x);

/** int8 model: LOGISTIC, TANH, HARD_SWISH (code 117), LEAKY_RELU(alpha 0.2), RELU6, GELU (150, approximate), SOFTMAX(beta 1) and a float RELU. */
function tfliteModel(): TfModel {
  return {
    opcodes: [14, 28, 117, 98, 21, 150, 25, 19, 3 /* CONV_2D, not an activation */],
    tensors: [
      { type: 9, name: "a", scale: [0.05], zeroPoint: [3] },
      { type: 9, name: "sig", scale: [1 / 256], zeroPoint: [-128] },
      { type: 9, name: "tanh", scale: [1 / 128], zeroPoint: [0] },
      { type: 9, name: "hsw", scale: [0.04], zeroPoint: [-20] },
      { type: 9, name: "lrelu", scale: [0.05], zeroPoint: [3] },
      { type: 9, name: "r6", scale: [6 / 255], zeroPoint: [-128] },
      { type: 9, name: "gelu", scale: [0.03], zeroPoint: [-100] },
      { type: 9, name: "sm", scale: [1 / 256], zeroPoint: [-128] },
      { type: 0, name: "float_in" },
      { type: 0, name: "float_out" },
      { type: 7, name: "a16", scale: [2 ** -12], zeroPoint: [0] },
      { type: 7, name: "sig16", scale: [2 ** -15], zeroPoint: [0] },
    ],
    ops: [
      { opcode: 8, inputs: [8], outputs: [0] },
      { opcode: 0, inputs: [0], outputs: [1] },
      { opcode: 1, inputs: [0], outputs: [2] },
      { opcode: 2, inputs: [0], outputs: [3] },
      { opcode: 3, inputs: [0], outputs: [4], options: { type: 75, float: 0.2 } },
      { opcode: 4, inputs: [0], outputs: [5] },
      { opcode: 5, inputs: [0], outputs: [6], options: { type: 116, bool: true } },
      { opcode: 6, inputs: [0], outputs: [7], options: { type: 9, float: 1 } },
      { opcode: 7, inputs: [8], outputs: [9] },
      { opcode: 0, inputs: [10], outputs: [11] },
      { opcode: 0, inputs: [0], outputs: [1] }, // same kernel as operator 1: one budget row
    ],
  };
}

describe("TFLite reader", () => {
  it("lists every activation op with its dtype, scale and zero point (round trip through the FlatBuffers builder)", () => {
    const r = readTflite(buildTflite(tfliteModel()), "m.tflite");
    expect(r.format).toBe("tflite");
    expect(r.version).toBe("schema 3");
    expect(r.activations.map((a) => `${a.modelOp}:${a.op}`)).toEqual([
      "LOGISTIC:sigmoid", "TANH:tanh", "HARD_SWISH:hardswish", "LEAKY_RELU:leaky_relu", "RELU6:relu6", "GELU:gelu_tanh",
      "SOFTMAX:softmax", "RELU:relu", "LOGISTIC:sigmoid", "LOGISTIC:sigmoid",
    ]);
    const [sig, , hsw, lrelu, , , sm, relu, sig16] = r.activations;
    expect(sig.input).toEqual({ dtype: "int8", name: "a", quant: { scale: f32(0.05), zeroPoint: 3 } });
    expect(sig.output).toEqual({ dtype: "int8", name: "sig", quant: { scale: 1 / 256, zeroPoint: -128 } });
    expect(sig.where).toBe("subgraph 0, operator 1");
    expect(hsw.output.quant).toEqual({ scale: f32(0.04), zeroPoint: -20 });
    expect(lrelu.params).toEqual({ alpha: f32(0.2) });
    expect(sm.params).toEqual({ beta: 1 });
    expect(relu.quantized).toBe(false);
    expect(relu.input.dtype).toBe("float32");
    expect(sig16.input).toMatchObject({ dtype: "int16", quant: { scale: 2 ** -12, zeroPoint: 0 } });
  });

  it("budget: one row per distinct kernel that exists; the rest skipped with a reason", () => {
    const plan = budgetFromModel(readTflite(buildTflite(tfliteModel()), "m.tflite"));
    const rows = plan.rows.map((r) => `${r.dtype}/${r.op}/${r.method}`);
    expect(rows).toContain("int8/sigmoid/lut");
    expect(rows).toContain("int8/hardswish/lut");
    expect(rows.filter((r) => r === "int8/sigmoid/lut")).toHaveLength(1);
    const sig = plan.rows[rows.indexOf("int8/sigmoid/lut")];
    expect(sig).toEqual({
      op: "sigmoid", dtype: "int8", method: "lut", input: { scale: f32(0.05), zeroPoint: 3 },
      output: { scale: 1 / 256, zeroPoint: -128 }, params: {}, budget: { maxAbsLsb: 1 },
    });
    expect(plan.usedBy[rows.indexOf("int8/sigmoid/lut")]).toEqual(["subgraph 0, operator 1", "subgraph 0, operator 10"]);
    expect(plan.rows[rows.indexOf("int8/leaky_relu/lut")].params).toEqual({ alpha: f32(0.2) });
    const skipped = plan.skipped.map((s) => `${s.modelOp}: ${s.reason}`).join("\n");
    expect(skipped).toMatch(/RELU: not int8\/int16 quantized \(input float32, output float32\)/);
    expect(skipped).toMatch(/SOFTMAX: softmax works along rows, and a budget row has no row length/);
    expect(rows).toContain("int16/sigmoid/lut"); // the int16 LOGISTIC site
    expect(budgetFromModel(readTflite(buildTflite(tfliteModel()), "m"), { method: "fixed" }).rows.map((r) => r.op)).toEqual(["hardswish", "leaky_relu", "relu6"]);
  });

  it("every truncation of a valid model is a clean error, or (when only trailing padding went) the same result", () => {
    const full = buildTflite(tfliteModel());
    const want = JSON.stringify(readTflite(full, "m"));
    let errors = 0;
    for (let n = 0; n < full.length; n++) {
      let got: string | undefined;
      try {
        got = JSON.stringify(readTflite(full.slice(0, n), "m"));
      } catch (e) {
        expect((e as Error).name).toBe("QactError");
        expect((e as Error).message).toMatch(/corrupt or truncated|not a TFLite model|unsupported TFLite schema version/);
        errors++;
      }
      if (got !== undefined) expect(got, `prefix of ${n} bytes`).toBe(want); // never a silent partial model
    }
    expect(errors).toBeGreaterThan(full.length * 0.9);
  });

  it("random byte corruption gives QactError or a parse, never another exception", () => {
    const full = buildTflite(tfliteModel());
    const r = rng(9);
    for (let k = 0; k < 400; k++) {
      const b = full.slice();
      for (let j = 0; j < 3; j++) b[8 + Math.floor(r() * (b.length - 8))] = Math.floor(r() * 256);
      try {
        readTflite(b, "m");
      } catch (e) {
        expect((e as Error).name, (e as Error).stack).toBe("QactError");
      }
    }
  });

  it("PRELU: alpha read from the constant buffer, dequantized (int8) or as float32", () => {
    const q = Int8Array.from([10, -20, 64]);
    const m = buildTflite({
      opcodes: [54],
      tensors: [
        { type: 9, name: "x", scale: [0.1], zeroPoint: [0] },
        { type: 9, name: "alpha", scale: [0.01], zeroPoint: [2], buffer: 1 },
        { type: 9, name: "y", scale: [0.1], zeroPoint: [0] },
        { type: 0, name: "alpha_f", buffer: 2 },
      ],
      ops: [{ opcode: 0, inputs: [0, 1], outputs: [2] }, { opcode: 0, inputs: [0, 3], outputs: [2] }],
      buffers: [new Uint8Array(q.buffer), new Uint8Array(Float32Array.from([0.25]).buffer)],
    });
    const [a, b] = readTflite(m, "p.tflite").activations;
    expect(a.params.alpha).toEqual([f32(0.01) * 8, f32(0.01) * -22, f32(0.01) * 62]);
    expect(b.params.alpha).toBe(0.25);
  });

  it("unsupported schema version, wrong identifier, no quantized activations", () => {
    expect(() => readTflite(buildTflite({ ...tfliteModel(), version: 2 }), "old.tflite")).toThrow(/old.tflite: unsupported TFLite schema version 2 \(supported: 3\)/);
    const notTfl = buildTflite(tfliteModel());
    notTfl[4] = 0x58;
    expect(() => readTflite(notTfl, "x.tflite")).toThrow(/not a TFLite model \(file identifier "XFL3", expected "TFL3"\)/);
    const floatOnly = buildTflite({ opcodes: [19], tensors: [{ type: 0, name: "i" }, { type: 0, name: "o" }], ops: [{ opcode: 0, inputs: [0], outputs: [1] }] });
    expect(() => requireQuantizedActivations(readTflite(floatOnly, "f.tflite"), "f.tflite")).toThrow(/f.tflite has 1 activation op\(s\) but none is quantized/);
    const none = buildTflite({ opcodes: [3], tensors: [{ type: 9, name: "i" }], ops: [{ opcode: 0, inputs: [0], outputs: [0] }] });
    expect(() => requireQuantizedActivations(readTflite(none, "c.tflite"), "c.tflite")).toThrow(/c.tflite has no activation ops/);
    const badIndex = buildTflite({ opcodes: [14], tensors: [{ type: 9, name: "i" }], ops: [{ opcode: 0, inputs: [5], outputs: [0] }] });
    expect(() => readTflite(badIndex, "b.tflite")).toThrow(/refers to tensor 5, but the subgraph has 1/);
  });
});

describe("ONNX QDQ reader", () => {
  const acts = [
    { opType: "Sigmoid", input: { scale: 0.05, zeroPoint: 3, elem: "int8" as const }, output: { scale: 1 / 256, zeroPoint: -128, elem: "int8" as const } },
    { opType: "LeakyRelu", attrs: { alpha: 0.1 }, input: { scale: 1 / 256, zeroPoint: -128, elem: "int8" as const, raw: true }, output: { scale: 0.01, zeroPoint: -10, elem: "int8" as const, raw: true } },
    { opType: "HardSigmoid", attrs: { alpha: 0.25, beta: 0.4 }, input: { scale: 0.01, zeroPoint: -10, elem: "int8" as const }, output: { scale: 1 / 255, zeroPoint: -128, elem: "int8" as const } },
    { opType: "Gelu", attrs: { approximate: "tanh" }, input: { scale: 2 ** -10, zeroPoint: 0, elem: "int16" as const, raw: true }, output: { scale: 2 ** -11, zeroPoint: 0, elem: "int16" as const } },
    { opType: "Tanh", input: { scale: 0.02, zeroPoint: 128, elem: "uint8" as const }, output: { scale: 1 / 128, zeroPoint: 128, elem: "uint8" as const } },
    { opType: "Relu" },
    { opType: "Softmax", attrs: { axis: 1 }, input: { scale: 0.1, zeroPoint: 0, elem: "int8" as const }, output: { scale: 1 / 256, zeroPoint: -128, elem: "int8" as const } },
  ];

  it("finds DequantizeLinear → act → QuantizeLinear and reads scales/zero points (float_data, int32_data and raw_data)", () => {
    const r = readOnnx(buildOnnx(acts), "m.onnx");
    expect(r.version).toBe("IR 8, opset 17");
    expect(r.activations.map((a) => `${a.modelOp}:${a.op}`)).toEqual([
      "Sigmoid:sigmoid", "LeakyRelu:leaky_relu", "HardSigmoid:hard_sigmoid", "Gelu:gelu_tanh", "Tanh:tanh", "Relu:relu", "Softmax:softmax"]);
    const [sig, lr, hs, gelu, tanh, relu, sm] = r.activations;
    expect(sig.input.quant).toEqual({ scale: f32(0.05), zeroPoint: 3 });
    expect(sig.output).toMatchObject({ dtype: "int8", quant: { scale: 1 / 256, zeroPoint: -128 } });
    expect(lr.params).toEqual({ alpha: f32(0.1) });
    expect(lr.output.quant).toEqual({ scale: f32(0.01), zeroPoint: -10 });
    expect(hs.params).toEqual({ alpha: 0.25, beta: f32(0.4) });
    expect(gelu.input).toMatchObject({ dtype: "int16", quant: { scale: 2 ** -10, zeroPoint: 0 } });
    expect(tanh.input.dtype).toBe("uint8");
    expect(tanh.quantized).toBe(false);
    expect(relu.quantized).toBe(false);
    expect(relu.notes.join()).toMatch(/runs in float/);
    expect(sm.notes.join()).toMatch(/axis 1/);
    expect(sig.where).toBe("node 1 (act0)");
  });

  it("PRelu slope from a float initializer or a DequantizeLinear of int8 codes", () => {
    const io = { input: { scale: 0.1, zeroPoint: 0, elem: "int8" as const }, output: { scale: 0.1, zeroPoint: 0, elem: "int8" as const } };
    const r = readOnnx(buildOnnx([
      { opType: "PRelu", ...io, slope: { values: [0.25, 0.5] } },
      { opType: "PRelu", ...io, slope: { values: [10, -3], quant: { scale: 0.02, zeroPoint: 1 } } },
    ]), "p.onnx");
    expect(r.activations[0].params.alpha).toEqual([0.25, 0.5]);
    expect(r.activations[1].params.alpha).toEqual([f32(0.02) * 9, f32(0.02) * -4]);
  });

  it("budget rows from ONNX", () => {
    const plan = budgetFromModel(readOnnx(buildOnnx(acts), "m.onnx"));
    expect(plan.rows.map((r) => `${r.dtype}/${r.op}/${r.method}`)).toEqual(["int8/sigmoid/lut", "int8/leaky_relu/lut", "int8/hard_sigmoid/lut", "int16/gelu_tanh/lut"]);
    expect(plan.rows[2].params).toEqual({ alpha: 0.25, beta: f32(0.4) });
    expect(plan.skipped.map((s) => s.modelOp)).toEqual(["Tanh", "Relu", "Softmax"]);
  });

  it("random byte corruption gives QactError or a parse, never another exception", () => {
    const full = buildOnnx(acts);
    const r = rng(21);
    for (let k = 0; k < 400; k++) {
      const b = full.slice();
      for (let j = 0; j < 3; j++) b[Math.floor(r() * b.length)] = Math.floor(r() * 256);
      try {
        readOnnx(b, "m.onnx");
      } catch (e) {
        expect((e as Error).name, (e as Error).stack).toBe("QactError");
      }
    }
  });

  it("corrupt, truncated, unsupported IR version, not a model", () => {
    const full = buildOnnx(acts);
    let errors = 0;
    for (let n = 1; n < full.length; n += 7) {
      try {
        readOnnx(full.slice(0, n), "t.onnx");
      } catch (e) {
        expect((e as Error).name).toBe("QactError");
        errors++;
      }
    }
    expect(errors).toBeGreaterThan(0);
    expect(() => readOnnx(full.slice(0, full.length - 3), "t.onnx")).toThrow(/t.onnx: corrupt or truncated ONNX model/);
    expect(() => readOnnx(buildOnnx(acts, 99), "v.onnx")).toThrow(/v.onnx: unsupported ONNX IR version 99 \(supported: 3..11\)/);
    expect(() => readModel(new TextEncoder().encode("hello world, not a model"), "h.onnx")).toThrow(/h.onnx: corrupt or truncated ONNX model|is not an ONNX model/);
    expect(() => requireQuantizedActivations(readOnnx(buildOnnx([{ opType: "Relu" }]), "f.onnx"), "f.onnx")).toThrow(/none is quantized/);
    expect(() => readModel(full, "m.pb")).toThrow(/unknown model format ".pb" \(supported: .tflite, .onnx\)/);
  });
});
