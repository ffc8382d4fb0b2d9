// f32 smooth kernels (method accurate): ≤ 1 ULP against the float64 references of src/ops (the
// TypeScript ones: V8's Math.exp/expm1/log1p/tanh, @stdlib erfc) on dense intervals — every f32
// around 0 and the subnormals, around the kernels' internal breakpoints and clamps, in the tails where
// results become subnormal, next to ±FLT_MAX — plus 2^20 random bit patterns (seeded; 2^16 for non-default params) and an even
// sample of the op's domain; both builds, default and non-default params. The exhaustive 2^32 figures
// are in docs/accuracy.md (npm run sweep:all). Also: the NaN/±Inf/−0 table of docs/semantics.md.
import { describe, expect, it, beforeAll } from "vitest";
import { load, type Runtime } from "../../src/runtime/runtime.js";
import { KERNELS } from "../../src/kernels/registry.js";
import { measureF32 } from "../../src/accuracy/metrics.js";
import { fromOrderedIndex, orderedIndex, sampleF32 } from "../../src/accuracy/f32space.js";
import { rng, randomBytes } from "../helpers.js";

let engines: Runtime[];
beforeAll(async () => {
  engines = [await load({ engine: "simd" }), await load({ engine: "scalar" })];
});

const SMOOTH = ["sigmoid", "tanh", "silu", "gelu", "gelu_tanh", "elu", "selu", "celu", "softplus", "mish"];
const specs = KERNELS.filter((k) => k.dtype === "f32" && k.method === "accurate" && SMOOTH.includes(k.op.name));
/** What the accurate kernels reach: their 2^32 sweeps (kernel headers, docs/accuracy.md) plus a margin.
 *  The exp-based ops round one f64 value whose polynomial error is ≤ 2^-27.6 (≤ 0.59 ULP); the
 *  expm1-based ones ≤ 2^-26.3 (≤ 0.71 ULP): assembly/f32/exp.ts, src/tables/f32-expm1-poly.ts.
 *  elu and celu at their default alpha = 1 compute expm1 in f32 lanes (assembly/f32/elu.ts): 0.7954
 *  over all 2^32 inputs; their other alphas stay on the f64 path (< 0.72 here). */
const REACH: Record<string, number> = {
  sigmoid: 0.6, silu: 0.6, gelu_tanh: 0.6, mish: 0.6, softplus: 0.6, gelu: 0.6,
  tanh: 0.72, elu: 0.8, selu: 0.72, celu: 0.8,
};
/** Fraction of these (hard, dense) inputs not correctly rounded: a sanity bound, not a contract
 *  (the contract is ≤ 1 ULP); up to ~4% for elu with alpha ≠ 1 and ~2.3% for gelu (whose erfc
 *  near t = 0 is e^(−a²)·erfcx(a) with the exp's 2^-27.6) on the dense intervals. */
const MISMATCH_FRACTION = (op: string) => (REACH[op] > 0.7 || op === "gelu" ? 0.05 : 0.005);
const PARAMS: Record<string, Record<string, number>[]> = {
  elu: [{}, { alpha: 0.5 }, { alpha: 2.5 }, { alpha: 0 }],
  selu: [{}, { alpha: 1, scale: 2 }],
  celu: [{}, { alpha: 0.3 }, { alpha: 4 }],
  softplus: [{}, { beta: 0.5 }, { beta: 3 }, { beta: 20 }],
};

/** Every f32 within `half` ordered steps of v (both signs when `mirror`). */
function around(v: number, half: number, mirror = true): number[] {
  const out: number[] = [];
  for (const s of mirror ? [v, -v] : [v]) {
    const c = orderedIndex(s);
    for (let i = c - half; i <= c + half; i++) out.push(fromOrderedIndex(i));
  }
  return out;
}

// breakpoints and clamps of the kernels (assembly/f32/*.ts headers): gelu's erfc regions at
// |x|/√2 = 0.84375, 1.25, 1/0.35; the clamps at 20, 40, 200; where results turn subnormal or
// round to 0/1 (sigmoid −87…−104, silu, gelu near −13.5…−14.5, tanh near 9, sigmoid near 17);
// exp's reduction boundaries near ±ln2/2 multiples; elu's f32-lane path (alpha = 1): its clamps at
// −2^-30 and −17.5, k = −24/−25 at 16.98, its worst inputs near 0.275 (k = 0) and 0.359 (k = −1).
const POINTS = [1e-30, 2 ** -30, 1e-7, 2 ** -12, 0.25, 0.275, 0.359, 0.5, 0.6931471805599453 / 2, 1, 1.1932, 1.7678, 4.0406, 6, 8.6, 9.01, 16.6, 16.98, 17.33, 17.5,
  20, 40, 87.3, 88.7, 103, 104, 13.5, 14.1, 14.5, 200, 700, 1e30, 3.4028234663852886e38];

function inputs(random: number): Float32Array {
  const r = rng(4242);
  const parts: number[][] = [
    around(0, 1 << 16, false),
    around(1.1754943508222875e-38, 1 << 12), // smallest normals
    ...POINTS.map((p) => around(p, 1 << 12)),
    Array.from(sampleF32(-40, 40, 1 << 17)),
    Array.from(new Float32Array(randomBytes(r, 4 * random).buffer)),
  ];
  return Float32Array.from(parts.flat());
}

describe("f32 smooth kernels, method accurate: ≤ 1 ULP", () => {
  // default params: 2^20 random bit patterns on top of the dense intervals; other params: 2^16
  const full = inputs(1 << 20), light = inputs(1 << 16);
  for (const spec of specs) {
    for (const params of PARAMS[spec.op.name] ?? [{}]) {
      const xs = Object.keys(params).length ? light : full;
      it(`${spec.op.name} ${JSON.stringify(params)} on ${xs.length} inputs`, () => {
        const refs = new Float64Array(xs.length);
        for (let i = 0; i < xs.length; i++) refs[i] = spec.op.ref!(xs[i], { ...defaults(spec.op.name), ...params });
        for (const rt of engines) {
          const k = rt.prepare({ op: spec.op.name, dtype: "f32", method: spec.method, params });
          let i = 0;
          const m = measureF32(() => refs[i++], xs, k.run(xs));
          expect(m.maxUlp, `${k.name}: worst ${JSON.stringify(m.worst)}`).toBeLessThanOrEqual(1);
          // what the kernels actually reach (f64 evaluation with a degree-5 exp, rounded once)
          expect(m.maxUlp, `${k.name}: worst ${JSON.stringify(m.worst)}`).toBeLessThan(REACH[spec.op.name]);
          expect(m.mismatches / xs.length, `${k.name}: ${m.mismatches} mismatches`).toBeLessThan(MISMATCH_FRACTION(spec.op.name));
          k.dispose();
        }
      });
    }
  }
});

describe("elu and celu at alpha = 1 (f32-lane path): SIMD and scalar builds give the same bits", () => {
  // engines.test.ts compares random bit patterns (few in [−17.5, −2^-30]); here the dense intervals
  // above and 2^21 f32 evenly spread over [−18, 0] (by ordered index), in lane-aligned blocks and tails
  const xs = Float32Array.from([...inputs(1 << 12), ...sampleF32(-18, 0, 1 << 21)]);
  for (const op of ["elu", "celu"]) {
    it(`${op}: identical outputs on ${xs.length} inputs`, () => {
      const [a, b] = engines.map((rt) => {
        const k = rt.prepare({ op, dtype: "f32", method: "accurate" });
        const y = k.run(xs);
        k.dispose();
        return new Uint32Array(y.buffer, y.byteOffset, y.length);
      });
      let diff = -1;
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) { diff = i; break; }
      expect(diff, diff >= 0 ? `x = ${xs[diff]}` : "").toBe(-1);
    });
  }
});

const fastSpecs = KERNELS.filter((k) => k.dtype === "f32" && k.method === "fast" && SMOOTH.includes(k.op.name));
/** ULP bounds of the fast kernels (assembly/f32/sigmoid-fast.ts header; 2^32 figures in docs/accuracy.md) */
const FAST_BOUND: Record<string, number> = { sigmoid: 3, silu: 3, tanh: 3 };
describe("f32 smooth kernels, method fast: within their documented bound", () => {
  const xs = inputs(1 << 20);
  it("every op with a fast kernel has a bound here (and sigmoid has one)", () => {
    expect(fastSpecs.map((s) => s.op.name)).toContain("sigmoid");
    for (const spec of fastSpecs) expect(FAST_BOUND[spec.op.name], spec.op.name).toBeDefined();
  });
  for (const spec of fastSpecs) {
    it(`${spec.op.name} fast ≤ ${FAST_BOUND[spec.op.name]} ULP on ${xs.length} inputs, NaN/±Inf/±0 as accurate`, () => {
      const refs = new Float64Array(xs.length);
      for (let i = 0; i < xs.length; i++) refs[i] = spec.op.ref!(xs[i], {});
      const specials = Float32Array.from([NaN, -Infinity, Infinity, -0, 0, -120, -104, 1e-45, -1e-45]);
      for (const rt of engines) {
        const k = rt.prepare({ op: spec.op.name, dtype: "f32", method: "fast" });
        let i = 0;
        const m = measureF32(() => refs[i++], xs, k.run(xs));
        expect(m.maxUlp, `${k.name}: worst ${JSON.stringify(m.worst)}`).toBeLessThanOrEqual(FAST_BOUND[spec.op.name]);
        const acc = rt.prepare({ op: spec.op.name, dtype: "f32", method: "accurate" });
        const a = acc.run(specials), f = k.run(specials);
        specials.forEach((x, j) => expect(Object.is(f[j], a[j]), `${k.name}(${x}) = ${f[j]}, accurate ${a[j]}`).toBe(true));
        k.dispose();
        acc.dispose();
      }
    });
  }
});


function defaults(op: string): Record<string, number> {
  const d: Record<string, number> = {};
  for (const p of specs.find((s) => s.op.name === op)!.op.params) d[p.name] = p.default;
  return d;
}

describe("f32 smooth kernels: special values (docs/semantics.md)", () => {
  const f = Math.fround;
  // [op, [input, expected output]...]; −0 and +0 are told apart (Object.is)
  const TABLE: [string, [number, number][]][] = [
    ["sigmoid", [[-Infinity, 0], [Infinity, 1], [-0, 0.5], [0, 0.5]]],
    ["tanh", [[-Infinity, -1], [Infinity, 1], [-0, -0], [0, 0]]],
    ["silu", [[-Infinity, -0], [Infinity, Infinity], [-0, -0], [0, 0]]],
    ["gelu", [[-Infinity, -0], [Infinity, Infinity], [-0, -0], [0, 0]]],
    ["gelu_tanh", [[-Infinity, -0], [Infinity, Infinity], [-0, -0], [0, 0]]],
    ["mish", [[-Infinity, -0], [Infinity, Infinity], [-0, -0], [0, 0]]],
    ["elu", [[-Infinity, -1], [Infinity, Infinity], [-0, -0], [0, 0]]],
    ["selu", [[-Infinity, f(-1.6732632423543772 * 1.0507009873554805)], [Infinity, Infinity], [-0, -0], [0, 0]]],
    ["celu", [[-Infinity, -1], [Infinity, Infinity], [-0, -0], [0, 0]]],
    ["softplus", [[-Infinity, 0], [Infinity, Infinity], [-0, f(Math.LN2)], [0, f(Math.LN2)]]],
  ];
  for (const [op, rows] of TABLE) {
    it(`${op}: ±Inf → limits, ±0 as the reference, NaN → the same NaN`, () => {
      const spec = specs.find((s) => s.op.name === op)!;
      for (const rt of engines) {
        const k = rt.prepare({ op, dtype: "f32" });
        const x = Float32Array.from(rows.map((r) => r[0]));
        const y = k.run(x);
        rows.forEach(([xi, want], i) => {
          expect(Object.is(y[i], want), `${k.name}(${Object.is(xi, -0) ? "-0" : xi}) = ${Object.is(y[i], -0) ? "-0" : y[i]}, want ${want}`).toBe(true);
          // the table agrees with the float64 reference
          expect(Object.is(f(spec.op.ref!(xi, k.params)), want)).toBe(true);
        });
        // NaN payloads and signs pass through unchanged (SIMD lanes and scalar tail alike)
        const nanBits = Uint32Array.from([0x7fc00000, 0xffc00000, 0x7fc12345, 0xff800001, 0x7f800001, 0x7fc00000, 0x7fffffff]);
        const out = new Uint32Array(k.run(new Float32Array(nanBits.buffer)).buffer);
        expect(Array.from(out)).toEqual(Array.from(nanBits));
        k.dispose();
      }
    });
  }
});
