// f32 derivative kernels (assembly/f32/derivative.ts): every elementwise op's d/dx against the
// registry's float64 `derivative` on a dense sample (2^18 f32 evenly spaced over [−60, 60], 2^16 over
// the op's domain, every f32 within 2^-12 of each zero crossing, random bit patterns, specials; with
// QACT_FULL=1 — npm run test:f32-full — 2^22 and 2^20); near the zero crossings also against an
// 80-digit decimal.js reference. The SIMD build is measured here; test/kernels/engines.test.ts shows
// the scalar build gives the same bits. The erfc64 helper is checked against @stdlib erfc and an
// 80-digit decimal erfc. Issue bound: maxUlp ≤ 4; measured (and asserted): ≤ 1.
import { describe, expect, it, beforeAll } from "vitest";
import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import erfc from "@stdlib/math-base-special-erfc";
import { load, type Runtime } from "../../src/runtime/runtime.js";
import { KERNELS, kernelName } from "../../src/kernels/registry.js";
import { measureF32, ulpError } from "../../src/accuracy/metrics.js";
import { allF32In, sampleF32 } from "../../src/accuracy/f32space.js";
import { Dec, erfDec, exactDecimal, sigmoidDec, softplusDec } from "../../src/ops/decimal.js";
import { getOp, OPS } from "../../src/ops/index.js";
import { QactError } from "../../src/errors.js";
import { DERIVATIVE_OPS } from "../../src/kernels/families/f32-derivative.js";
import { rng, randomBytes } from "../helpers.js";

const FULL = process.env.QACT_FULL === "1";
let engines: Runtime[];
beforeAll(async () => {
  engines = [await load({ engine: "simd" }), await load({ engine: "scalar" })];
});

const PARAMS: Record<string, Record<string, number>[]> = {
  leaky_relu: [{}, { alpha: 0.2 }, { alpha: -1.3 }],
  elu: [{}, { alpha: 0.5 }, { alpha: 0 }],
  selu: [{}],
  celu: [{}, { alpha: 0.3 }, { alpha: 4 }],
  hard_sigmoid: [{}, { alpha: 0.2, beta: 0.5 }],
  hard_tanh: [{}, { min_val: -0.1, max_val: 2.7 }],
  softplus: [{}, { beta: 3 }, { beta: 0.25 }],
};

/** Where d/dx of the smooth non-monotonic ops crosses zero (the float64 terms cancel there). */
const ZERO_CROSSINGS: Record<string, number> = { silu: -1.2784645427610738, gelu: -0.7517915246935645, gelu_tanh: -0.7524614220710163, mish: -1.1924312145154952 };

function concat(parts: Float32Array[]): Float32Array {
  const all = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) { all.set(p, o); o += p.length; }
  return all;
}

function inputs(op: string): Float32Array {
  const d = getOp(op).domain;
  const x0 = ZERO_CROSSINGS[op];
  return concat([
    sampleF32(-60, 60, FULL ? 1 << 22 : 1 << 18),
    sampleF32(d[0], d[1], FULL ? 1 << 20 : 1 << 16, false),
    new Float32Array(randomBytes(rng(op.length), 4 * 4096).buffer),
    ...(x0 === undefined ? [] : [allF32In(x0 - 2 ** -12, x0 + 2 ** -12)]),
  ]);
}

const derivativeKernels = KERNELS.filter((k) => k.derivative && k.exportName === "f32_derivative");

describe("f32 derivatives: accuracy against the float64 derivative", () => {
  it("covers every elementwise op of the catalog", () => {
    const elementwise = OPS.filter((o) => o.kind === "elementwise").map((o) => o.name).sort();
    expect(elementwise.length).toBe(18);
    expect(derivativeKernels.map((k) => k.op.name).sort()).toEqual(elementwise);
    expect(Object.keys(DERIVATIVE_OPS).sort()).toEqual(elementwise);
  });

  for (const spec of derivativeKernels) {
    for (const params of PARAMS[spec.op.name] ?? [{}]) {
      it(`${kernelName(spec, "simd")} ${JSON.stringify(params)}: maxUlp ≤ 1`, () => {
        const xs = inputs(spec.op.name);
        const k = engines[0].prepare({ op: spec.op.name, dtype: "f32", derivative: true, params });
        expect(k.derivative).toBe(true);
        const m = measureF32((x) => spec.op.derivative!(x, k.params), xs, k.run(xs));
        if (FULL) console.log(`${k.name} ${JSON.stringify(params)}: ${m.count} inputs, maxUlp ${m.maxUlp.toFixed(4)}, mismatches ${m.mismatches}, worst x ${m.worst.x}`);
        expect(m.maxUlp, `${k.name}: worst ${JSON.stringify(m.worst)}`).toBeLessThanOrEqual(1);
        k.dispose();
      });
    }
  }
});

/** 80-digit references of the derivatives whose float64 formula cancels near the zero crossing. */
const DEC_DERIVATIVE: Record<string, (x: Dec) => Dec> = {
  silu: (x) => {
    const s = sigmoidDec(x);
    return s.times(new Dec(1).plus(x.times(new Dec(1).minus(s))));
  },
  gelu: (x) => {
    const phi = x.times(x).div(-2).exp().div(Dec.acos(-1).times(2).sqrt());
    return new Dec(1).plus(erfDec(x.div(new Dec(2).sqrt()))!).div(2).plus(x.times(phi));
  },
  gelu_tanh: (x) => {
    const K = new Dec(2).div(Dec.acos(-1)).sqrt(), C = new Dec("0.044715");
    const u = K.times(x.plus(C.times(x.pow(3))));
    const s = sigmoidDec(u.times(2));
    const du = K.times(new Dec(1).plus(C.times(3).times(x.times(x))));
    return s.plus(x.times(2).times(du).times(s).times(new Dec(1).minus(s)));
  },
  mish: (x) => {
    const t = softplusDec(x).tanh();
    return t.plus(x.times(new Dec(1).minus(t.times(t))).times(sigmoidDec(x)));
  },
};

describe("f32 derivatives near their zero crossings, against 80-digit decimal", () => {
  for (const [op, x0] of Object.entries(ZERO_CROSSINGS)) {
    it(`${op}: every ${FULL ? "" : "64th "}f32 within 2^-12 of ${x0}: maxUlp ≤ 1`, () => {
      const all = allF32In(x0 - 2 ** -12, x0 + 2 ** -12);
      const xs = all.filter((_, i) => i % (FULL ? 1 : 64) === 0);
      const y = engines[0].prepare({ op, dtype: "f32", derivative: true }).run(xs);
      let worst = { x: 0, u: 0 };
      for (let i = 0; i < xs.length; i++) {
        const u = ulpError(y[i], DEC_DERIVATIVE[op](exactDecimal(xs[i])).toNumber());
        if (u > worst.u) worst = { x: xs[i], u };
      }
      expect(worst.u, `${op}'(${worst.x})`).toBeLessThanOrEqual(1);
      // the float64 formula itself crosses zero here: the sample brackets a sign change
      const d = getOp(op).derivative!;
      expect(Math.sign(d(all[0], {}))).not.toBe(Math.sign(d(all[all.length - 1], {})));
    });
  }
});

describe("f32 derivatives: special values (docs/semantics.md)", () => {
  const run = (op: string, v: number[], params = {}) =>
    Array.from(engines[0].prepare({ op, dtype: "f32", derivative: true, params }).run(Float32Array.from(v)));
  const SPECIAL = [NaN, -Infinity, Infinity, -0, 0];
  const EXPECTED: Record<string, number[]> = {
    identity: [NaN, 1, 1, 1, 1], step: [NaN, 0, 0, 0, 0], relu: [NaN, 0, 1, 0, 0], relu6: [NaN, 0, 0, 0, 0],
    leaky_relu: [NaN, Math.fround(0.01), 1, 1, 1], elu: [NaN, 0, 1, 1, 1], selu: [NaN, 0, Math.fround(1.0507009873554805), Math.fround(1.0507009873554805 * 1.6732632423543772), Math.fround(1.0507009873554805 * 1.6732632423543772)],
    celu: [NaN, 0, 1, 1, 1], sigmoid: [NaN, 0, 0, 0.25, 0.25], hard_sigmoid: [NaN, 0, 0, Math.fround(1 / 6), Math.fround(1 / 6)],
    tanh: [NaN, 0, 0, 1, 1], hard_tanh: [NaN, 0, 0, 1, 1], silu: [NaN, 0, 1, 0.5, 0.5], hardswish: [NaN, 0, 1, 0.5, 0.5],
    gelu: [NaN, 0, 1, 0.5, 0.5], gelu_tanh: [NaN, 0, 1, 0.5, 0.5], mish: [NaN, 0, 1, Math.fround(Math.tanh(Math.LN2)), Math.fround(Math.tanh(Math.LN2))],
    softplus: [NaN, 0, 1, 0.5, 0.5],
  };
  for (const [op, want] of Object.entries(EXPECTED)) {
    it(`${op}': NaN → NaN, ±Inf → the limits, ±0 as the reference`, () => {
      const got = run(op, SPECIAL);
      expect(got).toEqual(want);
      // the same values as the float64 reference rounded to f32 (signs of zero included)
      const ref = SPECIAL.map((x) => Math.fround(getOp(op).derivative!(x, engines[0].prepare({ op, dtype: "f32", derivative: true }).params)));
      got.forEach((g, i) => expect(Object.is(g, ref[i]) || (Number.isNaN(g) && Number.isNaN(ref[i])), `${op}'(${SPECIAL[i]})`).toBe(true));
    });
  }

  it("every derivative returns a NaN input's own bits (sign and payload), both builds", () => {
    // NaNs made by promote/demote/arithmetic have a host-dependent sign and payload (WASM spec):
    // tanh' gave 0x7fd19e67 in V8 and 0xffd19e67 in wasm-interp for input 0xffd19e67 (npm run test:hosts)
    const nanBits = Uint32Array.from([0xffd19e67, 0x7fd19e67, 0x7fc00000, 0xffc00000, 0x7f800001, 0x7fbfffff]); // 6: a multiple of the 3 prelu channels
    const x = new Float32Array(nanBits.buffer);
    for (const rt of engines) {
      for (const op of [...Object.keys(DERIVATIVE_OPS), "prelu"]) {
        const params = op === "prelu" ? { alpha: [0.1, 0.2, 0.3] } : {};
        const y = rt.prepare({ op, dtype: "f32", derivative: true, params }).run(x);
        expect(Array.from(new Uint32Array(y.buffer, y.byteOffset, y.length)), `${op}' ${rt.engine}`).toEqual(Array.from(nanBits));
      }
    }
  });

  it("prelu': x < 0 → alpha of the channel, else 1, NaN → NaN (both builds)", () => {
    for (const rt of engines) {
      const k = rt.prepare({ op: "prelu", dtype: "f32", derivative: true, params: { alpha: [0.1, 0.2, 0.3] } });
      expect(k.name).toMatch(/^f32_prelu_grad__(simd|scalar)_accurate_select$/);
      const y = Array.from(k.run(Float32Array.from([-1, -2, 3, 0, -0, NaN, -Infinity, Infinity, -1e-45])));
      expect(y).toEqual([0.1, 0.2, 1, 1, 1, NaN, 0.1, 1, 0.3].map(Math.fround));
    }
  });
});

describe("derivative API and errors", () => {
  it("prepare({derivative: true}) picks the d/dx kernel; without it, the op itself", () => {
    const rt = engines[0];
    expect(rt.prepare({ op: "relu", dtype: "f32", derivative: true }).name).toBe("f32_relu_grad__simd_accurate_f64");
    expect(rt.prepare({ op: "relu", dtype: "f32" }).name).toBe("f32_relu__simd_accurate_andnot");
    expect(Array.from(rt.prepare({ op: "relu", dtype: "f32", derivative: true }).run(Float32Array.from([-1, 2])))).toEqual([0, 1]);
  });

  it("ops without a derivative kernel and bad flags raise QactError naming the field", () => {
    const rt = engines[0];
    const err = (f: () => unknown) => { try { f(); } catch (e) { return e as QactError; } throw new Error("no error"); };
    const e1 = err(() => rt.prepare({ op: "softmax", dtype: "f32", derivative: true }));
    expect(e1).toBeInstanceOf(QactError);
    expect(e1.field).toBe("derivative");
    expect(e1.message).toMatch(/softmax has no f32 derivative kernel/);
    const e2 = err(() => rt.prepare({ op: "sigmoid", dtype: "int8", derivative: true }));
    expect(e2.message).toMatch(/sigmoid has no int8 derivative kernel \(available: f32\)/);
    const e3 = err(() => rt.prepare({ op: "sigmoid", dtype: "f32", derivative: "yes" as unknown as boolean }));
    expect(e3.field).toBe("derivative");
    expect(e3.message).toMatch(/must be true or false \(got "yes"\)/);
    // sigmoid has a fast method, its derivative has not: the message says which
    const e4 = err(() => rt.prepare({ op: "sigmoid", dtype: "f32", method: "fast", derivative: true }));
    expect(e4.field).toBe("method");
    expect(e4.message).toMatch(/the derivative of sigmoid has no f32 method "fast" \(available: accurate\)/);
  });
});

describe("f64 helpers of assembly/f64/math.ts", () => {
  function callF64(rt: Runtime, name: string, xs: Float64Array): Float64Array {
    const fn = rt.exports[name] as (i: number, o: number, n: number, p: number) => void;
    const out = new Float64Array(xs.length);
    const chunk = 8192;
    const ptr = rt.heap.alloc(chunk * 16, 16);
    for (let i = 0; i < xs.length; i += chunk) {
      const n = Math.min(chunk, xs.length - i);
      new Float64Array(rt.memory.buffer, ptr, n).set(xs.subarray(i, i + n));
      fn(ptr, ptr + chunk * 8, n, 0);
      out.set(new Float64Array(rt.memory.buffer, ptr + chunk * 8, n), i);
    }
    rt.heap.release(ptr);
    return out;
  }
  const ulp64 = (v: number) => (Math.abs(v) < 2 ** -1022 ? 2 ** -1074 : 2 ** (Math.floor(Math.log2(Math.abs(v))) - 52));

  it("erfc64 agrees with @stdlib erfc within 4 float64 ULP (2^20 values over [−30, 30], 2·10^5 random, specials)", () => {
    const r = rng(5);
    const N = 1 << 20, R = 200_000;
    const xs = new Float64Array(N + R + 8);
    for (let i = 0; i < N; i++) xs[i] = -30 + (60 * i) / N;
    for (let i = 0; i < R; i++) xs[N + i] = (r() - 0.5) * 2 ** (12 * r() - 4);
    xs.set([0, -0, NaN, Infinity, -Infinity, 0.84375, 1.25, 1 / 0.35], N + R);
    for (const rt of engines) {
      const y = callF64(rt, "f64_erfc", xs);
      let worst = { x: 0, u: 0 };
      for (let i = 0; i < xs.length; i++) {
        const ref = erfc(xs[i]);
        if (Number.isNaN(ref)) { expect(y[i]).toBeNaN(); continue; }
        const u = Math.abs(y[i] - ref) / ulp64(ref);
        if (u > worst.u) worst = { x: xs[i], u };
      }
      // both implementations are ≤ 2 ULP from the exact value (next test); they differ by ≤ 4
      expect(worst.u, `erfc64(${worst.x})`).toBeLessThanOrEqual(4);
    }
  });

  it("erfc64 is within 2 float64 ULP of an 80-digit decimal erfc = 1 − erf on 1500 points of [−6, 6]", () => {
    const xs = Float64Array.from({ length: 1500 }, (_, i) => -6 + (12 * (i + 0.37)) / 1500);
    const y = callF64(engines[1], "f64_erfc", xs);
    let worst = { x: 0, u: 0 };
    for (let i = 0; i < xs.length; i++) {
      const ref = new Dec(1).minus(erfDec(exactDecimal(xs[i]))!).toNumber();
      const u = Math.abs(y[i] - ref) / ulp64(ref);
      if (u > worst.u) worst = { x: xs[i], u };
    }
    expect(worst.u, `erfc64(${worst.x})`).toBeLessThanOrEqual(2);
  });

  it("exp64 helper (softmax's e^z, z ≤ 0): within 2^-32 relative of Math.exp (or one subnormal step), 0 where Math.exp is 0", () => {
    const xs = new Float64Array(200_001 + 6);
    for (let i = 0; i <= 200_000; i++) xs[i] = -750 * (i / 200_000) ** 2;
    xs.set([-745.1332191019411, -745.1332191019412, -Infinity, -1e300, -0, -708.5], 200_001);
    for (const rt of engines) {
      const y = callF64(rt, "f64_exp_nonpositive", xs);
      let worst = 0;
      for (let i = 0; i < xs.length; i++) {
        const ref = Math.exp(xs[i]);
        if (ref === 0) { expect(y[i], `e^${xs[i]}`).toBe(0); continue; }
        if (ref < 2 ** -1022) { expect(Math.abs(y[i] - ref), `e^${xs[i]}`).toBeLessThanOrEqual(Math.max(ref * 2 ** -32, 2 ** -1074)); continue; }
        worst = Math.max(worst, Math.abs(y[i] / ref - 1));
      }
      expect(worst).toBeLessThan(2 ** -32);
      expect(y[0]).toBe(1); // e^0 is exactly 1 (softmax counts the row max as exactly 1)
    }
  });

  it("exp64's polynomial in assembly/f64/math.ts is what scripts/exp-poly.mjs generates (not stale)", () => {
    const gen = spawnSync(process.execPath, [fileURLToPath(new URL("../../scripts/exp-poly.mjs", import.meta.url))], { encoding: "utf8" });
    expect(gen.status, gen.stderr).toBe(0);
    const src = readFileSync(new URL("../../assembly/f64/math.ts", import.meta.url), "utf8");
    const lines = gen.stdout.split("\n").filter((l) => l.startsWith("const G"));
    expect(lines).toHaveLength(7);
    for (const l of lines) expect(src).toContain(l);
  });

  it("the float64 constants in assembly/f32/derivative.ts are the numbers they name", () => {
    const src = readFileSync(new URL("../../assembly/f32/derivative.ts", import.meta.url), "utf8");
    const c = (name: string) => Number(src.match(new RegExp(`const ${name}: f64 = ([-0-9.e]+);`))![1]);
    expect(c("SQRT1_2")).toBe(Math.SQRT1_2);
    expect(c("INV_SQRT_2PI")).toBe(1 / Math.sqrt(2 * Math.PI));
    expect(c("GELU_TANH_K")).toBe(Math.sqrt(2 / Math.PI));
    expect(c("GELU_TANH_C")).toBe(0.044715);
  });
});
