// The data behind the report's plots (src/report/plot/op-plots.ts), checked against float64 math
// written out here (sigmoid, hardswish, softmax), and against the report's own exhaustive metrics.
import { beforeAll, describe, expect, it } from "vitest";
import { load, type Runtime } from "../../src/runtime/runtime.js";
import { getOp, resolveParams } from "../../src/ops/index.js";
import { evaluateKernel } from "../../src/accuracy/evaluate.js";
import { measureRowKernel, derivativeChart, errorChart, F32_GRID, functionChart, MAX_POINTS, measureCurve, rowCharts, sampleRow, ZOOM_STEPS, zoomChart } from "../../src/report/plot/op-plots.js";

let rt: Runtime;
beforeAll(async () => {
  rt = await load({ engine: "simd" });
});

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const hardswish = (x: number) => (x * Math.min(Math.max(x + 3, 0), 6)) / 6;

describe("int8 curve: every code, error in LSB against float64", () => {
  it("sigmoid lut: each plotted error is y − clamp(ref/outScale + outZp), worst = the exhaustive maxAbsLsb", () => {
    const k = rt.prepare({ op: "sigmoid", dtype: "int8", method: "lut" });
    const c = measureCurve(k);
    const { scale: si, zeroPoint: zi } = k.input!, { scale: so, zeroPoint: zo } = k.output!;
    const codes = Int8Array.from({ length: 256 }, (_, i) => i - 128);
    const ys = k.run(codes);
    expect(c.count).toBe(256);
    expect(c.decimated).toBe(false);
    expect(c.error).toHaveLength(256);
    let maxAbs = 0;
    for (let i = 0; i < 256; i++) {
      const x = si * (codes[i] - zi);
      const r = Math.min(127, Math.max(-128, sigmoid(x) / so + zo));
      expect(c.error[i][0]).toBe(x);
      expect(c.error[i][1]).toBeCloseTo(ys[i] - r, 9);
      expect(c.output[i][1]).toBeCloseTo(so * (ys[i] - zo), 12);
      maxAbs = Math.max(maxAbs, Math.abs(ys[i] - r));
    }
    expect(c.maxAbsError).toBeCloseTo(maxAbs, 9);
    const m = evaluateKernel(k);
    if (m.kind !== "quant") throw new Error("expected quant metrics");
    expect(c.maxAbsError).toBe(m.maxAbsLsb);
    expect(c.worst.x).toBe(m.worst.x);
    expect(c.maxAbsError).toBeLessThanOrEqual(0.5); // the lut is correctly rounded
    // the marker sits on the worst input with its signed error
    const chart = errorChart(c);
    expect(chart.markers).toEqual([expect.objectContaining({ x: m.worst.x, y: m.worst.y - m.worst.r })]);
    k.dispose();
  });
});

describe("int16 curve: decimated for the plot, worst kept", () => {
  it("hardswish fixed: ≤ 2·MAX_POINTS error points, envelope reaches the exhaustive max, marker from all codes", () => {
    const k = rt.prepare({ op: "hardswish", dtype: "int16", method: "fixed" });
    const c = measureCurve(k);
    expect(c.count).toBe(65536);
    expect(c.decimated).toBe(true);
    expect(c.error.length).toBeLessThanOrEqual(2 * MAX_POINTS);
    expect(c.output.length).toBeLessThanOrEqual(MAX_POINTS + 1);
    const m = evaluateKernel(k);
    if (m.kind !== "quant") throw new Error("expected quant metrics");
    expect(c.maxAbsError).toBe(m.maxAbsLsb);
    expect(Math.max(...c.error.map((p) => Math.abs(p[1])))).toBe(m.maxAbsLsb);
    // worst recomputed from float64 here
    const { scale: si } = k.input!, { scale: so } = k.output!;
    const y = k.run(Int16Array.of(Math.round(c.worst.x / si)))[0];
    expect(Math.abs(y - hardswish(c.worst.x) / so)).toBeCloseTo(c.maxAbsError, 9);
    // the output curve is dequantized kernel output at the bucket's first code
    const q0 = -32768, y0 = k.run(Int16Array.of(q0))[0];
    expect(c.output[0]).toEqual([si * q0, so * y0]);
    k.dispose();
  });
});

describe("f32 curve", () => {
  it("hard_sigmoid accurate: grid over the domain, error in ULP, never above the exhaustive-sample max", () => {
    const k = rt.prepare({ op: "hard_sigmoid", dtype: "f32" });
    const m = evaluateKernel(k);
    if (m.kind !== "f32") throw new Error("expected f32 metrics");
    const c = measureCurve(k, m.worst.x);
    const [lo, hi] = k.op.domain;
    expect(c.count).toBe(F32_GRID + (m.worst.x >= lo && m.worst.x <= hi ? 1 : 0));
    expect(c.maxAbsError).toBeLessThanOrEqual(m.maxUlp);
    if (m.worst.x >= lo && m.worst.x <= hi) expect(c.maxAbsError).toBe(m.maxUlp);
    for (const [x, y] of c.output) {
      const ref = Math.min(Math.max(x + 3, 0), 6) / 6;
      expect(Math.abs(y - ref)).toBeLessThanOrEqual(2 ** -24); // ≤ 0.5 ULP of a value in [0, 1]
    }
  });

  it("relu accurate is exact: every plotted error is 0", () => {
    const k = rt.prepare({ op: "relu", dtype: "f32" });
    const c = measureCurve(k);
    expect(c.error.every(([, e]) => e === 0)).toBe(true);
    expect(c.output.every(([x, y]) => y === Math.max(x, 0))).toBe(true);
  });
});

describe("derivative kernels (f32): measured against the float64 derivative", () => {
  // A known-answer stand-in for a derivative kernel: it returns the correctly rounded f32 of
  // sigmoid'(x) = s(1 − s), written out here, so its error against the derivative is ≤ 0.5 ULP.
  const op = getOp("sigmoid");
  const stub = {
    name: "f32_sigmoid_grad__stub", op, dtype: "f32" as const, params: resolveParams(op), input: undefined, output: undefined,
    run: ((xs: Float32Array) => xs.map((x) => sigmoid(x) * (1 - sigmoid(x)))) as never,
  };
  it("the error is taken against op.derivative, not op.ref", () => {
    const d = measureCurve(stub, undefined, "derivative");
    expect(d.unit).toBe("ULP");
    expect(d.count).toBe(F32_GRID);
    expect(d.maxAbsError).toBeLessThanOrEqual(0.5 + 1e-9);
    const f = measureCurve(stub, undefined, "function");
    expect(f.maxAbsError).toBeGreaterThan(1e6); // the same outputs are far from sigmoid itself
    const chart = derivativeChart(op, resolveParams(op), op.domain, [d]);
    expect(chart.series.map((s) => s.label)).toEqual(["float64 derivative", "f32_sigmoid_grad__stub"]);
    expect(chart.series[1].points).toBe(d.output);
  });
  it("integer derivative kernels are refused, not mis-measured", () => {
    expect(() => measureCurve({ ...stub, dtype: "int8" as never }, undefined, "derivative")).toThrow(/integer derivative kernels are not plotted/);
  });
});

describe("row-op kernels on the sample row", () => {
  // Known-answer stand-ins for row kernels (none is in this branch's registry): they return the
  // correctly rounded float64 row reference, so the measured error must be ≤ 0.5 (ULP or LSB);
  // one returning a code one too high must show an error above 0.5 LSB.
  const sm = getOp("softmax"), mo = getOp("maxout");
  const softmax = (r: ArrayLike<number>) => { const m = Math.max(...Array.from(r)); const e = Array.from(r, (x) => Math.exp(x - m)); const s = e.reduce((a, b) => a + b, 0); return e.map((v) => v / s); };
  const base = { input: undefined, output: undefined, outDtype: "f32" as const, dtype: "f32" as const };
  it("f32 softmax (rows): error per element in ULP against the row reference, x = the input element", () => {
    const row = sampleRow(sm, resolveParams(sm));
    let rowLength = 0;
    const k = { ...base, name: "f32_softmax__stub", op: sm, params: resolveParams(sm), spec: { shape: "rows" } as never,
      run: ((xs: Float32Array, _o: unknown, opts: { rowLength: number }) => { rowLength = opts.rowLength; return Float32Array.from(softmax(xs)); }) as never };
    const c = measureRowKernel(k, row);
    expect(rowLength).toBe(row.length);
    expect(c.unit).toBe("ULP");
    expect(c.count).toBe(row.length);
    expect(c.maxAbsError).toBeLessThanOrEqual(0.5 + 1e-6);
    c.output.forEach(([x], i) => expect(x).toBe(Math.fround(row[i])));
    const [fn] = rowCharts(sm, resolveParams(sm), [c]);
    expect(fn.series.map((s) => s.label)).toEqual(["float64 reference", "f32_softmax__stub"]);
  });
  it("int8 softmax → int8: error in output LSB for the quantized row; a +1 code shows", () => {
    const row = sampleRow(sm, resolveParams(sm));
    const input = { scale: 1 / 16, zeroPoint: 0 }, output = { scale: 1 / 256, zeroPoint: -128 };
    const codes = (qs: Int8Array, bias: number) => Int8Array.from(softmax(Array.from(qs, (q) => q / 16)), (y) => Math.min(127, Math.round(y * 256) - 128 + bias));
    const mk = (bias: number) => ({ ...base, dtype: "int8" as const, outDtype: "int8" as const, input, output, name: "i8_softmax__stub", op: sm,
      params: resolveParams(sm), spec: { shape: "rows" } as never, run: ((qs: Int8Array) => codes(qs, bias)) as never });
    const good = measureRowKernel(mk(0), row);
    expect(good.unit).toBe("LSB");
    expect(good.maxAbsError).toBeLessThanOrEqual(0.5);
    const bad = measureRowKernel(mk(1), row);
    expect(bad.maxAbsError).toBeGreaterThan(0.5);
    expect(bad.maxAbsError).toBeLessThanOrEqual(1.5);
  });
  it("f32 maxout (groups): one output per group, x = the group's centre index", () => {
    const p = resolveParams(mo, { k: 4 });
    const row = sampleRow(mo, p);
    const k = { ...base, name: "f32_maxout__stub", op: mo, params: p, spec: { shape: "groups" } as never,
      run: ((xs: Float32Array) => Float32Array.from({ length: xs.length / 4 }, (_, j) => Math.max(...xs.subarray(4 * j, 4 * j + 4)))) as never };
    const c = measureRowKernel(k, row);
    expect(c.count).toBe(row.length / 4);
    expect(c.output.map((q) => q[0])).toEqual(Array.from({ length: row.length / 4 }, (_, j) => 4 * j + 1.5));
    expect(c.maxAbsError).toBe(0);
    expect(errorChart(c).xLabel).toBe("element index");
    expect(errorChart(c).series[0].style).toBe("points");
  });
});

describe("charts", () => {
  it("function chart: the reference line is the float64 function, kernels as step (int) or dashed line (f32)", () => {
    const op = getOp("sigmoid"), p = resolveParams(op);
    const k = rt.prepare({ op: "sigmoid", dtype: "int8", method: "lut" });
    const chart = functionChart(op, p, [measureCurve(k)]);
    const ref = chart.series[0];
    for (const [x, y] of ref.points) expect(y).toBeCloseTo(sigmoid(x), 14);
    expect(chart.series[1].style).toBe("step");
    expect(chart.xDomain![0]).toBeLessThanOrEqual(-8);
  });

  it("zoom chart: ±ZOOM_STEPS input steps around the int kernel's worst input, every code's output", () => {
    const op = getOp("sigmoid"), p = resolveParams(op);
    const k = rt.prepare({ op: "sigmoid", dtype: "int8", method: "lut" });
    const c = measureCurve(k);
    const z = zoomChart(op, p, [c])!;
    const step = k.input!.scale;
    expect(z.xDomain![0]).toBeCloseTo(c.worst.x - ZOOM_STEPS * step, 12);
    expect(z.xDomain![1]).toBeCloseTo(c.worst.x + ZOOM_STEPS * step, 12);
    const pts = z.series[1].points;
    expect(pts.length).toBe(2 * ZOOM_STEPS + 2); // 25 codes in the window, plus the held end
    const so = k.output!.scale, zo = k.output!.zeroPoint;
    for (const [x, y] of pts.slice(0, -1)) {
      const q = Math.round(x / step) + k.input!.zeroPoint;
      expect(y).toBeCloseTo(so * (k.run(Int8Array.of(q))[0] - zo), 12);
    }
    for (const [x, y] of z.series[0].points) expect(y).toBeCloseTo(sigmoid(x), 14);
    expect(z.markers![0]).toMatchObject({ x: c.worst.x, y: c.worst.y });
    expect(zoomChart(op, p, [])).toBeUndefined();
    k.dispose();
  });

  it("derivative chart is d/dx of the reference: sigmoid' = s(1 − s)", () => {
    const op = getOp("sigmoid");
    const chart = derivativeChart(op, resolveParams(op));
    for (const [x, d] of chart.series[0].points) expect(d).toBeCloseTo(sigmoid(x) * (1 - sigmoid(x)), 12);
  });

  it("row ops: softmax of the sample row sums to 1 and rises with x; maxout halves the row", () => {
    const sm = getOp("softmax");
    const [fn, dx] = rowCharts(sm, resolveParams(sm));
    const ys = fn.series[0].points.map((p) => p[1]);
    expect(ys.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const xs = fn.series[0].points.map((p) => p[0]);
    const denom = xs.reduce((a, x) => a + Math.exp(x), 0);
    ys.forEach((y, i) => expect(y).toBeCloseTo(Math.exp(xs[i]) / denom, 14));
    dx.series[0].points.forEach(([, d], i) => expect(d).toBeCloseTo(ys[i] * (1 - ys[i]), 14));
    const mo = getOp("maxout");
    const p3 = resolveParams(mo, { k: 3 });
    expect(sampleRow(mo, p3).length % 3).toBe(0);
    const [mfn] = rowCharts(mo, p3);
    expect(mfn.series[1].points.length).toBe(sampleRow(mo, p3).length / 3);
  });
});
