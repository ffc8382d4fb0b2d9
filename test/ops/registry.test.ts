// The op registry: the whole catalog, its references against independent values (published
// constants, other formulas, 80-digit decimal), derivatives against finite differences, properties
// against the function itself, and the special values.
import { describe, expect, it } from "vitest";
import { OPS, getOp, findOp, resolveParams } from "../../src/ops/index.js";
import { Dec, erfDec, exactDecimal } from "../../src/ops/decimal.js";

const CATALOG = ["identity", "step", "relu", "relu6", "leaky_relu", "prelu", "elu", "selu", "celu", "sigmoid", "hard_sigmoid",
  "tanh", "hard_tanh", "silu", "hardswish", "gelu", "gelu_tanh", "mish", "softplus", "softmax", "log_softmax", "maxout"];

const elementwise = OPS.filter((o) => o.ref);
const p0 = (name: string) => resolveParams(getOp(name));
const ref = (name: string, x: number) => getOp(name).ref!(x, p0(name));

describe("catalog", () => {
  it("has exactly the ops of design.md, in order", () => {
    expect(OPS.map((o) => o.name)).toEqual(CATALOG);
  });

  it("resolves aliases", () => {
    for (const [alias, name] of [["linear", "identity"], ["heaviside", "step"], ["logistic", "sigmoid"], ["swish", "silu"],
      ["hard_swish", "hardswish"], ["SIGMOID", "sigmoid"]]) {
      expect(findOp(alias)?.name).toBe(name);
    }
  });

  it("every op states formula, usage, properties, range and domain", () => {
    for (const op of OPS) {
      expect(op.formula.length).toBeGreaterThan(4);
      expect(op.usage.length).toBeGreaterThan(40);
      expect(op.domain[0]).toBeLessThan(op.domain[1]);
      expect(op.ref || op.rowRef).toBeTruthy();
      expect(op.derivative || op.rowDerivative).toBeTruthy();
    }
  });
});

describe("references against independent values", () => {
  it.each([
    // Φ(1), Φ(−1): standard normal CDF tables; SELU constants from Klambauer et al. 2017
    ["sigmoid", 1, 0.7310585786300049],
    ["sigmoid", -40, 4.248354255291589e-18],
    ["gelu", 1, 0.8413447460685429],
    ["gelu", -1, -0.15865525393145707],
    ["selu", 1, 1.0507009873554805],
    ["softplus", 0, Math.LN2],
    ["hardswish", 1, 2 / 3],
    ["hard_sigmoid", 0, 0.5],
    ["elu", -1, Math.exp(-1) - 1],
  ])("%s(%d) = %d", (name, x, want) => {
    expect(ref(name as string, x as number)).toBeCloseTo(want as number, 15);
    expect(Math.abs(ref(name as string, x as number) - (want as number)) / Math.abs(want as number)).toBeLessThan(4e-16);
  });

  it("gelu_tanh equals the published 0.5x(1 + tanh(√(2/π)(x + 0.044715x³))) where that is stable", () => {
    for (let x = -3; x <= 6; x += 0.125) {
      const direct = 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
      expect(Math.abs(ref("gelu_tanh", x) - direct)).toBeLessThan(4e-16 * Math.max(1, Math.abs(x)));
    }
  });

  it("mish and silu match their definitions on the core range", () => {
    for (let x = -5; x <= 5; x += 0.25) {
      expect(ref("mish", x)).toBeCloseTo(x * Math.tanh(Math.log(1 + Math.exp(x))), 14);
      expect(ref("silu", x)).toBeCloseTo(x / (1 + Math.exp(-x)), 14);
    }
  });

  it("tails keep full relative accuracy (checked with 80-digit decimals)", () => {
    for (const x of [-5, -10, -20, -37]) {
      const e = erfDec(exactDecimal(x).div(new Dec(2).sqrt()));
      const want = e ? exactDecimal(x).times(0.5).times(new Dec(1).plus(e)).toNumber() : undefined;
      if (want !== undefined) expect(Math.abs(ref("gelu", x) - want) / Math.abs(want)).toBeLessThan(1e-13);
    }
    const s = new Dec(1).div(new Dec(1).plus(new Dec(745).exp())).toNumber();
    expect(ref("sigmoid", -745)).toBe(s); // subnormal: 5e-324 both
    expect(Math.abs(ref("silu", -30) - -30 / (1 + Math.exp(30))) / (30 / Math.exp(30))).toBeLessThan(1e-14);
  });

  it("NaN → NaN and ±Inf → limits for every elementwise op", () => {
    const limits: Record<string, [number, number]> = {
      identity: [-Infinity, Infinity], step: [0, 1], relu: [0, Infinity], relu6: [0, 6], leaky_relu: [-Infinity, Infinity],
      prelu: [-Infinity, Infinity], elu: [-1, Infinity], selu: [-1.7580993408473766, Infinity], celu: [-1, Infinity],
      sigmoid: [0, 1], hard_sigmoid: [0, 1], tanh: [-1, 1], hard_tanh: [-1, 1], silu: [-0, Infinity], hardswish: [0, Infinity],
      gelu: [-0, Infinity], gelu_tanh: [-0, Infinity], mish: [-0, Infinity], softplus: [0, Infinity],
    };
    for (const op of elementwise) {
      const p = resolveParams(op);
      expect(op.ref!(NaN, p), op.name).toBeNaN();
      expect(op.ref!(-Infinity, p), op.name).toBeCloseTo(limits[op.name][0], 15);
      expect(op.ref!(Infinity, p), op.name).toBe(limits[op.name][1]);
    }
  });
});

describe("derivatives and properties", () => {
  const points = Array.from({ length: 161 }, (_, i) => -8 + i * 0.1 + 0.0123);
  for (const op of elementwise) {
    it(`${op.name}: derivative matches central differences`, () => {
      const p = resolveParams(op);
      const f = (x: number) => op.ref!(x, p);
      for (const x of points) {
        const h = 1e-6;
        const fd = (f(x + h) - f(x - h)) / (2 * h);
        if (op.name === "step") continue;
        expect(Math.abs(op.derivative!(x, p) - fd), `${op.name}'(${x})`).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
      }
    });

    it(`${op.name}: properties agree with the function`, () => {
      const p = resolveParams(op);
      const ys = points.map((x) => op.ref!(x, p));
      const increasing = ys.every((y, i) => i === 0 || y >= ys[i - 1]);
      expect(increasing, "monotonic").toBe(op.properties.monotonic);
      const [lo, hi] = op.range(p);
      for (const y of ys) {
        expect(y).toBeGreaterThanOrEqual(lo - 1e-12);
        expect(y).toBeLessThanOrEqual(hi + 1e-12);
      }
      if (Number.isFinite(lo)) expect(Math.min(...ys)).toBeLessThan(lo + 0.05 * (1 + Math.abs(lo))); // the bound is (nearly) reached
      if (op.properties.zeroCentred) expect(op.ref!(0, p)).toBe(0);
      expect(Number.isFinite(hi)).toBe(op.properties.saturating);
    });
  }
});

describe("row ops", () => {
  const row = Float64Array.from([1, 2, 3, -1]);
  it("softmax sums to 1 and log_softmax is its log", () => {
    const y = getOp("softmax").rowRef!(row, p0("softmax"));
    expect(y.reduce((a, b) => a + b)).toBeCloseTo(1, 15);
    const l = getOp("log_softmax").rowRef!(row, p0("log_softmax"));
    l.forEach((v, i) => expect(v).toBeCloseTo(Math.log(y[i]), 14));
    const e = [1, 2, 3, -1].map(Math.exp), s = e.reduce((a, b) => a + b);
    y.forEach((v, i) => expect(v).toBeCloseTo(e[i] / s, 15));
  });

  it("special rows follow the documented rules", () => {
    const sm = (r: number[]) => Array.from(getOp("softmax").rowRef!(Float64Array.from(r), p0("softmax")));
    const lsm = (r: number[]) => Array.from(getOp("log_softmax").rowRef!(Float64Array.from(r), p0("log_softmax")));
    expect(sm([1, NaN, 2]).every(Number.isNaN)).toBe(true);
    expect(sm([Infinity, 1, Infinity])).toEqual([0.5, 0, 0.5]);
    expect(sm([-Infinity, 0])).toEqual([0, 1]);
    expect(sm([-Infinity, -Infinity]).every(Number.isNaN)).toBe(true);
    expect(lsm([Infinity, 1])).toEqual([-0, -Infinity].map((v) => (v === -0 ? 0 : v)));
    expect(sm([1e308, -1e308])).toEqual([1, 0]);
  });

  it("maxout takes the max over consecutive groups of k and rejects a row that is not divisible", () => {
    const op = getOp("maxout");
    expect(Array.from(op.rowRef!(Float64Array.from([1, 5, -2, -3, 7, 7]), resolveParams(op, { k: 2 })))).toEqual([5, -2, 7]);
    expect(() => op.rowRef!(Float64Array.from([1, 2, 3]), resolveParams(op, { k: 2 }))).toThrow(/divisible by k = 2 \(got 3\)/);
  });
});
