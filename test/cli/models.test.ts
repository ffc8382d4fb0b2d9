// `qact inspect` and `qact budget --from` as users run them, on models built in memory.
import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { qact, expectBadInput } from "./helpers.js";
import { buildTflite, buildOnnx } from "../models/builders.js";

function files() {
  const dir = mkdtempSync(join(tmpdir(), "qact-model-"));
  const tfl = join(dir, "m.tflite"), onnx = join(dir, "m.onnx");
  writeFileSync(tfl, buildTflite({
    opcodes: [14, 117, 19],
    tensors: [
      { type: 9, name: "x", scale: [0.05], zeroPoint: [3] },
      { type: 9, name: "sig", scale: [1 / 256], zeroPoint: [-128] },
      { type: 9, name: "hsw", scale: [0.04], zeroPoint: [-20] },
      { type: 0, name: "f" },
    ],
    ops: [{ opcode: 0, inputs: [0], outputs: [1] }, { opcode: 1, inputs: [0], outputs: [2] }, { opcode: 2, inputs: [3], outputs: [3] }],
  }));
  writeFileSync(onnx, buildOnnx([{ opType: "Sigmoid", input: { scale: 0.05, zeroPoint: 3, elem: "int8" }, output: { scale: 1 / 256, zeroPoint: -128, elem: "int8" } }]));
  return { dir, tfl, onnx };
}

describe("qact inspect", () => {
  it("text: one line per activation with dtype, scale and zero point", () => {
    const { tfl } = files();
    const r = qact(["inspect", tfl]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/tflite \(schema 3\), 3 activation op\(s\), 2 quantized/);
    expect(r.stdout).toMatch(/subgraph 0, operator 0: LOGISTIC → sigmoid  in int8 scale 0.05000000074505806 zp 3  out int8 scale 0.00390625 zp -128/);
    expect(r.stdout).toMatch(/operator 2: RELU → relu  in float32  out float32  \[not quantized\]/);
  });
  it("json for ONNX", () => {
    const { onnx } = files();
    const j = JSON.parse(qact(["inspect", onnx, "--format", "json"]).stdout);
    expect(j.format).toBe("onnx");
    expect(j.activations[0]).toMatchObject({ op: "sigmoid", modelOp: "Sigmoid", quantized: true, output: { dtype: "int8", quant: { scale: 1 / 256, zeroPoint: -128 } } });
  });
  it.each([
    ["t.tflite", (b: Buffer) => b.subarray(0, 60), /t.tflite: corrupt or truncated .tflite/],
    ["v.tflite", (b: Buffer) => { const c = Buffer.from(b); c.writeUInt32LE(2, c.readUInt32LE(0) + c.readUInt16LE(c.readUInt32LE(0) - c.readInt32LE(c.readUInt32LE(0)) + 4)); return c; }, /unsupported TFLite schema version 2/],
    ["h.onnx", () => Buffer.from("hello there"), /h.onnx: (corrupt or truncated ONNX model|is not an ONNX model)/],
  ])("bad model %s exits 2 with one line", (name, mangle, msg) => {
    const { tfl, dir } = files();
    const bad = join(dir, name);
    writeFileSync(bad, mangle(readFileSync(tfl)));
    expectBadInput(["inspect", bad], msg);
  });
  it("missing file", () => expectBadInput(["inspect", "/nonexistent/m.tflite"], /cannot read \/nonexistent\/m.tflite: ENOENT/));
});

describe("qact budget --from", () => {
  it("writes a budget file (atomically) with one row per distinct kernel, and says what it skipped", () => {
    const { tfl, dir } = files();
    const out = join(dir, "budget.json");
    const r = qact(["budget", "--from", tfl, "-o", out]);
    expect(r.code, r.stderr).toBe(0);
    const b = JSON.parse(readFileSync(out, "utf8"));
    expect(b.kernels).toEqual([
      { op: "sigmoid", dtype: "int8", method: "lut", input: { scale: Math.fround(0.05), zeroPoint: 3 }, output: { scale: 1 / 256, zeroPoint: -128 }, params: {}, budget: { maxAbsLsb: 1 } },
      { op: "hardswish", dtype: "int8", method: "lut", input: { scale: Math.fround(0.05), zeroPoint: 3 }, output: { scale: Math.fround(0.04), zeroPoint: -20 }, params: {}, budget: { maxAbsLsb: 1 } },
    ]);
    expect(r.stdout).toMatch(/2 kernel row\(s\) from 3 activation op\(s\)/);
    expect(r.stdout).toMatch(/skipped subgraph 0, operator 2 RELU: not int8\/int16 quantized/);
    expectBadInput(["budget", "--from", tfl, "-o", out], /budget.json exists; pass --force/);
    expect(readdirSync(dir).sort()).toEqual(["budget.json", "m.onnx", "m.tflite"]);
  });
  it("rows agree with `qact eval` of the same kernel (the budget's params are usable as given)", () => {
    const { onnx } = files();
    const r = qact(["budget", "--from", onnx, "--method", "lut", "--max-abs-lsb", "0.5"]);
    expect(r.code, r.stderr).toBe(0);
    const row = JSON.parse(r.stdout).kernels[0];
    expect(row.budget).toEqual({ maxAbsLsb: 0.5 });
    const e = qact(["eval", "--op", row.op, "--dtype", row.dtype, "--method", row.method, "--in-scale", String(row.input.scale),
      "--in-zp", String(row.input.zeroPoint), "--out-scale", String(row.output.scale), "--out-zp", String(row.output.zeroPoint)], "[-128, 0, 127]");
    expect(e.code, e.stderr).toBe(0);
  });
  it.each([
    [["--method", "fast"], /none of its quantized activations has a qact kernel yet/],
    [["--max-abs-lsb", "-1"], /max-abs-lsb must be ≥ 0 \(got -1\)/],
  ])("budget %j exits 2", (args, msg) => {
    const { tfl } = files();
    expectBadInput(["budget", "--from", tfl, ...args], msg);
  });
});
