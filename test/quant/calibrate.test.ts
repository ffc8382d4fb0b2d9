// Calibration observers, checked against independent computations: closed-form ranges, a dense
// brute-force scan for the MSE observer, and SQNR recomputed here in plain float64.
import { describe, expect, it } from "vitest";
import { calibrate } from "../../src/quant/calibrate/calibrate.js";
import { mseRange, rangeToQuant, sumSquaredError, percentileRange, movingAverageRange } from "../../src/quant/calibrate/observers.js";
import { proposeFixedOutput } from "../../src/quant/calibrate/fixed-range.js";
import { parseSamples } from "../../src/quant/samples.js";
import { rng } from "../helpers.js";

/** Laplace-distributed values with a few large outliers (the case where clipping pays). */
function heavyTailed(n: number, seed: number): Float64Array {
  const r = rng(seed);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = r() - 0.5;
    v[i] = -Math.sign(u) * Math.log(1 - 2 * Math.abs(u)) * 0.5 + 0.3;
  }
  for (let i = 0; i < n; i += 997) v[i] = 25 * (r() < 0.5 ? -0.4 : 1);
  return v;
}

function sqnrOf(v: Float64Array, scale: number, zp: number, min: number, max: number): number {
  let s = 0, e = 0;
  for (const x of v) {
    let q = x / scale + zp;
    q = q < 0 ? -Math.round(-q) : Math.round(q);
    q = Math.min(max, Math.max(min, q));
    const d = x - scale * (q - zp);
    s += x * x;
    e += d * d;
  }
  return 10 * Math.log10(s / e);
}

describe("rangeToQuant", () => {
  it("int8 asymmetric: 255 steps over the range widened to include 0, zero point = −128 − lo/scale", () => {
    expect(rangeToQuant(-1, 3, "int8")).toEqual({ scale: 4 / 255, zeroPoint: Math.round(-128 + 255 / 4) });
    expect(rangeToQuant(2, 5, "int8")).toEqual({ scale: 5 / 255, zeroPoint: -128 }); // lo widened to 0
    expect(rangeToQuant(-6, -1, "int8")).toEqual({ scale: 6 / 255, zeroPoint: 127 });
  });
  it("int16 symmetric: absMax/32767, zero point 0", () => {
    expect(rangeToQuant(-3, 2, "int16")).toEqual({ scale: 3 / 32767, zeroPoint: 0 });
  });
  it("real 0 is exactly representable (quantizes to the zero point)", () => {
    const r = rng(3);
    for (let i = 0; i < 200; i++) {
      const lo = -10 * r(), hi = 10 * r();
      const q = rangeToQuant(lo, hi, "int8");
      expect(q.scale * (q.zeroPoint - q.zeroPoint)).toBe(0);
      expect(q.zeroPoint).toBeGreaterThanOrEqual(-128);
      expect(q.zeroPoint).toBeLessThanOrEqual(127);
    }
  });
});

describe("observers", () => {
  const v = heavyTailed(20000, 11);

  it("minmax is the data's min and max; SQNR matches an independent recomputation", () => {
    const res = calibrate({ shape: [v.length], data: v }, { dtype: "int8", observers: ["minmax"] });
    let lo = Infinity, hi = -Infinity;
    for (const x of v) { lo = Math.min(lo, x); hi = Math.max(hi, x); }
    const m = res.observers.minmax!;
    expect(m.range).toEqual([lo, hi]);
    expect(m.scale).toBeCloseTo((hi - lo) / 255, 15);
    expect(m.sqnrDb!).toBeCloseTo(sqnrOf(v, m.scale!, m.zeroPoint!, -128, 127), 9);
  });

  it("percentile follows numpy's linear interpolation", () => {
    const d = Float64Array.from([5, 1, 4, 2, 3]); // sorted 1..5
    expect(percentileRange(d, 90)).toEqual([1 + 0.4, 4 + 0.6]);
    expect(percentileRange(d, 100)).toEqual([1, 5]);
  });

  it("moving average: first batch sets the range, then m += c·(batch − m)", () => {
    const d = Float64Array.from([0, 10, -2, 4, 1, 20]);
    const [lo, hi] = movingAverageRange(d, 2, 0.5);
    // batches [0,10] → (0,10); [-2,4] → (-1, 7); [1,20] → (0, 13.5)
    expect([lo, hi]).toEqual([0, 13.5]);
  });

  it.each(["int8", "int16"] as const)("mse (%s) is within 0.5 percent of a 4000-point brute-force scan and beats minmax on heavy tails", (dtype) => {
    const sub = v.subarray(0, 4000);
    const [lo, hi] = mseRange(sub, dtype);
    const ours = sumSquaredError(sub, rangeToQuant(lo, hi, dtype), dtype);
    let mn = Infinity, mx = -Infinity;
    for (const x of sub) { mn = Math.min(mn, x); mx = Math.max(mx, x); }
    let brute = Infinity;
    if (dtype === "int16") {
      const a = Math.max(-mn, mx);
      for (let k = 1; k <= 4000; k++) brute = Math.min(brute, sumSquaredError(sub, rangeToQuant(-a * k / 4000, a * k / 4000, dtype), dtype));
    } else {
      for (let i = 1; i <= 63; i++) for (let j = 1; j <= 63; j++) {
        brute = Math.min(brute, sumSquaredError(sub, rangeToQuant(mn * i / 63, mx * j / 63, dtype), dtype));
      }
    }
    expect(ours).toBeLessThanOrEqual(brute * 1.005);
    const mm = sumSquaredError(sub, rangeToQuant(mn, mx, dtype), dtype);
    // int8: clipping the outliers pays; int16's 65535 steps resolve them, so there mse may keep minmax
    if (dtype === "int8") expect(ours).toBeLessThan(mm);
    else expect(ours).toBeLessThanOrEqual(mm);
  });

  it("all four observers report SQNR; mse has the best (or equal) SQNR of them on heavy-tailed data", () => {
    const res = calibrate({ shape: [20, 1000], data: v }, { dtype: "int8" });
    const s = Object.fromEntries(Object.entries(res.observers).map(([k, r]) => [k, r!.sqnrDb!]));
    expect(Object.keys(s).sort()).toEqual(["minmax", "moving_average", "mse", "percentile"]);
    for (const k of Object.keys(s)) expect(Number.isFinite(s[k])).toBe(true);
    expect(s.mse).toBeGreaterThan(s.minmax);
    expect(res.best).toBe(Object.entries(s).sort((a, b) => b[1] - a[1])[0][0]);
    expect(res.observerSettings.batches).toMatch(/20 batches of 1000/);
  });

  it("per-channel along an axis: each channel's params equal per-tensor calibration of that channel alone", () => {
    const r = rng(5);
    const shape = [4, 3, 6]; // channel axis 1 (3 channels) with very different ranges
    const data = new Float64Array(72);
    for (let i = 0; i < 72; i++) data[i] = (r() - 0.3) * 10 ** (Math.floor(i / 6) % 3);
    for (const axis of [1, -2]) {
      const res = calibrate({ shape, data }, { dtype: "int8", axis, observers: ["minmax", "mse"] });
      expect(res.granularity).toBe("per-channel");
      for (let c = 0; c < 3; c++) {
        const ch: number[] = [];
        for (let a = 0; a < 4; a++) for (let k = 0; k < 6; k++) ch.push(data[a * 18 + c * 6 + k]);
        const alone = calibrate({ shape: [ch.length], data: Float64Array.from(ch) }, { dtype: "int8", observers: ["minmax", "mse"] });
        for (const o of ["minmax", "mse"] as const) {
          expect(res.observers[o]!.channels![c].scale).toBe(alone.observers[o]!.scale);
          expect(res.observers[o]!.channels![c].zeroPoint).toBe(alone.observers[o]!.zeroPoint);
        }
      }
      // per-channel beats per-tensor when channel ranges differ by 100× (the total SQNR is weighted by
      // the loudest channel, which has nearly the same params either way, so the gain is a few dB)
      const pt = calibrate({ shape, data }, { dtype: "int8", observers: ["minmax"] });
      expect(res.observers.minmax!.sqnrDb!).toBeGreaterThan(pt.observers.minmax!.sqnrDb! + 3);
    }
  });

  it("bad options name the field, the value and the allowed range", () => {
    const s = { shape: [2, 2], data: Float64Array.from([1, 2, 3, 4]) };
    expect(() => calibrate(s, { dtype: "int8", axis: 2 })).toThrow(/axis must be an integer in \[-2, 1\] for shape \[2, 2\] \(got 2\)/);
    expect(() => calibrate(s, { dtype: "int8", percentile: 40 })).toThrow(/percentile must be in \(50, 100\] \(got 40\)/);
    expect(() => calibrate(s, { dtype: "int8", averaging: 0 })).toThrow(/averaging must be in \(0, 1\] \(got 0\)/);
  });
});

describe("sample readers", () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  it("JSON: flat, nested (shape inferred), and {shape, data}", () => {
    expect(parseSamples(enc("[1, 2.5, -3]"), "json", "j")).toEqual({ shape: [3], data: Float64Array.from([1, 2.5, -3]) });
    expect(parseSamples(enc("[[1, 2], [3, 4], [5, 6]]"), "json", "j").shape).toEqual([3, 2]);
    expect(parseSamples(enc('{"shape": [2, 2], "data": [1, 2, 3, 4]}'), "json", "j").shape).toEqual([2, 2]);
    expect(() => parseSamples(enc("[[1, 2], [3]]"), "json", "j")).toThrow(/element \[1\] must be an array of length 2/);
    expect(() => parseSamples(enc('{"shape": [3], "data": [1, 2]}'), "json", "j")).toThrow(/needs 3 values, "data" has 2/);
    expect(() => parseSamples(enc("[1, null]"), "json", "j")).toThrow(/element \[1\] must be a number \(got null\)/);
    expect(() => parseSamples(enc("[]"), "json", "j")).toThrow(/holds no values/);
  });
  it("raw float32 little-endian", () => {
    const f = Float32Array.from([0.5, -1.25, 3]);
    expect(parseSamples(new Uint8Array(f.buffer), "bin", "b")).toEqual({ shape: [3], data: Float64Array.from(f) });
    expect(() => parseSamples(new Uint8Array(7), "bin", "b")).toThrow(/multiple of 4 bytes \(got 7\)/);
    expect(() => parseSamples(new Uint8Array(Float32Array.from([1, NaN]).buffer), "bin", "b")).toThrow(/value \[1\] is NaN/);
  });
});

describe("fixed output ranges", () => {
  it.each([
    ["sigmoid", "int8", 1 / 256, -128],
    ["logistic", "int16", 2 ** -15, 0],
    ["tanh", "int8", 1 / 128, 0],
    ["tanh", "int16", 2 ** -15, 0],
    ["softmax", "int8", 1 / 256, -128],
    ["log_softmax", "int8", 16 / 256, 127],
  ] as const)("%s %s → scale %d, zero point %d, with a reason", (op, dtype, scale, zp) => {
    const p = proposeFixedOutput(op, dtype)!;
    expect(p.output).toEqual({ scale, zeroPoint: zp });
    expect(p.why.length).toBeGreaterThan(20);
  });
  it("bounded ops without a convention get their range; unbounded ops get none", () => {
    expect(proposeFixedOutput("relu6", "int8")!.output).toEqual({ scale: 6 / 256, zeroPoint: -128 });
    expect(proposeFixedOutput("relu", "int8")).toBeUndefined();
    expect(proposeFixedOutput("gelu", "int16")).toBeUndefined();
  });
});
