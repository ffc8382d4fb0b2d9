// Bad input: a QactError naming the field, the value and the allowed range, before anything runs.
import { describe, expect, it, beforeAll } from "vitest";
import { load, QactError, type Runtime } from "../../src/index.js";

let rt: Runtime;
beforeAll(async () => {
  rt = await load();
});

function err(f: () => unknown): QactError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(QactError);
    return e as QactError;
  }
  throw new Error("expected a QactError");
}

describe("prepare() validation", () => {
  const base = { op: "sigmoid", dtype: "int8" as const };
  it.each([
    [{ input: { scale: 0, zeroPoint: 0 } }, "in-scale", /in-scale must be a finite number > 0 \(got 0\)/],
    [{ input: { scale: -0.5, zeroPoint: 0 } }, "in-scale", /got -0.5/],
    [{ input: { scale: NaN, zeroPoint: 0 } }, "in-scale", /got NaN/],
    [{ output: { scale: Infinity, zeroPoint: 0 } }, "out-scale", /out-scale must be a finite number > 0 \(got Infinity\)/],
    [{ input: { scale: 0.1, zeroPoint: 128 } }, "in-zp", /in-zp must be an integer in \[-128, 127\] for int8 \(got 128\)/],
    [{ input: { scale: 0.1, zeroPoint: 1.5 } }, "in-zp", /got 1.5/],
    [{ output: { scale: 0.1, zeroPoint: -129 } }, "out-zp", /got -129/],
  ])("%j → %s", (extra, field, msg) => {
    const e = err(() => rt.prepare({ ...base, ...extra }));
    expect(e.field).toBe(field);
    expect(e.message).toMatch(msg);
  });

  it("int16 zero point range", () => {
    expect(err(() => rt.prepare({ op: "relu", dtype: "int16", method: "fixed", input: { scale: 1, zeroPoint: 40000 } })).message)
      .toMatch(/in-zp must be an integer in \[-32768, 32767\] for int16 \(got 40000\)/);
  });

  it("unknown op, dtype and method list the valid ones", () => {
    expect(err(() => rt.prepare({ op: "sigmod", dtype: "int8" })).message).toMatch(/unknown op "sigmod"; valid ops: identity, step, relu/);
    expect(err(() => rt.prepare({ op: "sigmoid", dtype: "int4" as never })).message).toMatch(/unknown dtype "int4"; valid: f32, int8, int16/);
    expect(err(() => rt.prepare({ op: "sigmoid", dtype: "int8", method: "magic" })).message).toMatch(/unknown method "magic"; valid: accurate, fast, lut, fixed, poly, table, tflm/);
  });

  it("a method the op does not have names the available ones", () => {
    const e = err(() => rt.prepare({ op: "sigmoid", dtype: "int8", method: "fixed" }));
    expect(e.field).toBe("method");
    expect(e.message).toMatch(/sigmoid has no int8 method "fixed" \(available: lut\b[^)]*\)/);
  });

  it("params: unknown name, wrong type, out of range, cross-field", () => {
    expect(err(() => rt.prepare({ op: "relu", dtype: "f32", params: { alpha: 1 } })).message).toMatch(/relu has no param "alpha" \(valid: none\)/);
    expect(err(() => rt.prepare({ op: "leaky_relu", dtype: "f32", params: { alpha: "x" } })).message).toMatch(/param alpha of leaky_relu must be a finite number \(got "x"\)/);
    expect(err(() => rt.prepare({ op: "hard_sigmoid", dtype: "f32", params: { alpha: 0 } })).message).toMatch(/param alpha of hard_sigmoid must be in \(0, ∞\) \(got 0\)/);
    expect(err(() => rt.prepare({ op: "hard_tanh", dtype: "f32", params: { min_val: 2, max_val: 1 } })).message).toMatch(/min_val of hard_tanh must be < max_val/);
  });

  it("quantization on f32 is rejected", () => {
    expect(err(() => rt.prepare({ op: "relu", dtype: "f32", input: { scale: 1 } })).message).toMatch(/applies to int8 and int16 only/);
  });
});
