// The exhaustive evaluator (src/accuracy/sweep.ts, build/qact.ref.wasm) measures what the TypeScript
// metrics measure: its float64 references agree with src/ops (and its erfc with @stdlib's), its ULP
// definition with src/accuracy/metrics.ts, and a sweep of an interval gives the figures of
// measureF32 over every f32 of that interval. Plus the `qact sweep` command's contract.
import { describe, expect, it, beforeAll } from "vitest";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import erfcStdlib from "@stdlib/math-base-special-erfc";
import { getOp, resolveParams } from "../../src/ops/index.js";
import { load } from "../../src/runtime/runtime.js";
import { measureF32, ulpError, ulpF32 } from "../../src/accuracy/metrics.js";
import { allF32In, sampleF32, F32_SPECIALS, orderedIndex } from "../../src/accuracy/f32space.js";
import { chunks, domainInterval, evaluateF32, loadRefModule, refParams, REF_OPS, sweepF32 } from "../../src/accuracy/sweep.js";
import { emptyF32Stats, mergeF32Stats } from "../../src/accuracy/metrics.js";
import { rng, randomBytes } from "../helpers.js";

let ref: Awaited<ReturnType<typeof loadRefModule>>;
beforeAll(async () => {
  ref = await loadRefModule();
});

function relDiff(a: number, b: number): number {
  if (Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b))) return 0;
  if (a === b) return 0; // +0 vs −0 handled below
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}

describe("reference module (build/qact.ref.wasm)", () => {
  const r = rng(99);
  const xs = Float32Array.from([...sampleF32(-120, 120, 1 << 15), ...sampleF32(-1e-6, 1e-6, 1 << 12, false),
    ...new Float32Array(randomBytes(r, 4 << 14).buffer), ...F32_SPECIALS]);
  const PARAMS: Record<string, Record<string, number>> = { elu: { alpha: 0.7 }, celu: { alpha: 2.5 }, softplus: { beta: 3 }, selu: {} };
  REF_OPS.forEach((name, id) => {
    it(`${name}: float64 reference agrees with src/ops (relative ≤ 1e-14, same f32 rounding, same zero signs)`, () => {
      const op = getOp(name);
      const p = resolveParams(op, PARAMS[name] ?? {});
      const [p0, p1] = refParams(name, p);
      let worst = 0, roundDiff = 0;
      for (const x of xs) {
        const a = ref.ref(id, x, p0, p1), b = op.ref!(x, p);
        worst = Math.max(worst, relDiff(a, b));
        if (!Object.is(Math.fround(a), Math.fround(b)) && !(Number.isNaN(a) && Number.isNaN(b))) roundDiff++;
        if (a === 0 && b === 0) expect(Object.is(a, b), `${name}(${x}) zero sign`).toBe(true);
      }
      expect(worst).toBeLessThanOrEqual(1e-14);
      expect(roundDiff).toBe(0);
    });
  });

  it("erfc agrees with @stdlib erfc to ≤ 1e-15 relative over [-30, 30]", () => {
    let worst = 0;
    for (const x of sampleF32(-30, 30, 1 << 16)) worst = Math.max(worst, relDiff(ref.erfc(x), erfcStdlib(x)));
    expect(worst).toBeLessThanOrEqual(1e-15);
  });

  it("ulp_f32 and ulp_error follow src/accuracy/metrics.ts", () => {
    const r2 = rng(7);
    const vals = [0, -0, 2 ** -149, 2 ** -126, 2 ** -126 * 1.5, 1, 2, 0.75, 3.4028234663852886e38, 2 ** 128, 1e300, -1e-40];
    for (let i = 0; i < 20000; i++) vals.push((r2() - 0.5) * 10 ** (r2() * 80 - 40));
    for (const v of vals) expect(ref.ulp_f32(v), `ulp(${v})`).toBe(ulpF32(v));
    const pairs: [number, number][] = [[NaN, NaN], [NaN, 1], [1, NaN], [Infinity, Infinity], [Infinity, 3.5e38], [3.4028234663852886e38, Infinity],
      [-Infinity, -1e39], [0, -0], [2 ** -149, 0]];
    for (let i = 0; i < 20000; i++) {
      const y = Math.fround((r2() - 0.5) * 10 ** (r2() * 60 - 30));
      pairs.push([y, y * (1 + (r2() - 0.5) * 1e-6)]);
    }
    for (const [y, rr] of pairs) expect(ref.ulp_error(y, rr), `ulpError(${y}, ${rr})`).toBe(ulpError(y, rr));
  });
});

describe("sweepF32", () => {
  it("domains and chunks: −0 and +0 both counted, every f32 of the interval, no chunk across ±0", () => {
    expect(domainInterval([-0, 0])).toEqual({ a: -1, b: 0 });
    expect(chunks(-1, 0)).toEqual([{ a: -1, count: 1 }, { a: 0, count: 1 }]);
    const { a, b } = domainInterval([-1, 2]);
    const cs = chunks(a, b);
    expect(cs.reduce((s, c) => s + c.count, 0)).toBe(orderedIndex(2) - orderedIndex(-1) + 1);
    expect(cs.every((c) => c.count <= 2 ** 22 && (c.a >= 0 || c.a + c.count <= 0))).toBe(true);
    expect(domainInterval("all")).toEqual({ a: -(2 ** 31), b: 2 ** 31 - 1 });
    expect(chunks(-(2 ** 31), 2 ** 31 - 1)).toHaveLength(1024);
    expect(chunks(0, 2 ** 20 - 1, 2)).toEqual([{ a: 0, count: 2 ** 19 }, { a: 2 ** 19, count: 2 ** 19 }]); // one per worker
    expect(chunks(0, 999, 2)).toEqual([{ a: 0, count: 1000 }]); // not below one block
    expect(() => domainInterval([2, 1])).toThrow(/lo ≤ hi/);
  });

  it("mergeF32Stats keeps the larger error, the smaller ordered index (value) on ties", () => {
    const a = { ...emptyF32Stats(), count: 1, maxUlp: 0.5, worst: 9 }, b = { ...emptyF32Stats(), count: 1, maxUlp: 0.5, worst: -3 };
    expect(mergeF32Stats(a, b).worst).toBe(-3);
    expect(mergeF32Stats(b, a).worst).toBe(-3);
    expect(mergeF32Stats(a, { ...b, maxUlp: 0.7 }).maxUlp).toBe(0.7);
    expect(mergeF32Stats(emptyF32Stats(), a)).toEqual(a);
  });

  // Both measurers of evaluateF32 over the same intervals: the WASM reference (REF_OPS) and op.ref in
  // JavaScript (forced with jsRef). Same count, mismatches, worst input (ties included: the smallest
  // value, e.g. tanh on [-25, -24] and [24, 25], where every error is 0), and the same maxUlp, maxAbs,
  // maxRel and meanUlp up to the float64 references' last digits: their values differ by ≤ 1e-14
  // relative, so an error of ~0.5 ULP by up to 2^24·1e-14 ≈ 2e-7 ULP (measured: ≤ 4e-9 ULP).
  for (const [op, lo, hi, params] of [["tanh", -25, -24, {}], ["tanh", 24, 25, {}], ["sigmoid", -1.25, -1, {}], ["mish", -0.26, -0.25, {}],
    ["selu", -2, -1.5, {}], ["softplus", 1, 1.5, { beta: 2 }], ["gelu", -1e-40, 1e-40, {}]] as const) {
    it(`${op} over [${lo}, ${hi}]: WASM and JavaScript references give the same figures (in-thread and 2 workers)`, async () => {
      const rt = await load({ engine: "scalar" });
      const { a, b } = domainInterval([lo, hi]);
      const job = { op: { builtin: op }, params: resolveParams(getOp(op), params), engine: rt.engine, a, b };
      for (const workers of [0, 2]) {
        const w = await evaluateF32(job, { workers, rt }), j = await evaluateF32({ ...job, jsRef: true }, { workers, rt });
        expect(w.count).toBe(b - a + 1);
        expect([j.count, j.mismatches, j.worst, j.worstY]).toEqual([w.count, w.mismatches, w.worst, w.worstY]);
        expect(Math.abs(j.maxUlp - w.maxUlp)).toBeLessThanOrEqual(2e-7);
        expect(Math.abs(j.sumUlp - w.sumUlp) / w.count).toBeLessThanOrEqual(2e-7);
        for (const k of ["maxAbs", "maxRel"] as const) expect(relDiff(j[k], w[k]), k).toBeLessThanOrEqual(4e-7);
        expect(relDiff(j.worstRef, w.worstRef)).toBeLessThanOrEqual(1e-14);
      }
    });
  }

  for (const [op, lo, hi, params] of [["gelu", -14.2, -13.9, {}], ["softplus", 0.01, 0.0105, { beta: 2 }], ["elu", -1e-44, 1e-44, { alpha: 0.5 }], ["tanh", 8.9, 9.2, {}]] as const) {
    it(`${op} over [${lo}, ${hi}]: the figures of measureF32 over every f32 there (in-thread and 2 workers)`, async () => {
      const rt = await load({ engine: "scalar" });
      const k = rt.prepare({ op, dtype: "f32", params });
      const xs = allF32In(lo, hi);
      const m = measureF32((x) => k.op.ref!(x, k.params), xs, k.run(xs));
      for (const workers of [0, 2]) {
        const s = await sweepF32({ op, params, engine: "scalar", domain: [lo, hi], workers });
        expect(s.count).toBe(xs.length);
        expect(s.mismatches).toBe(m.mismatches);
        expect(s.maxUlp).toBeCloseTo(m.maxUlp, 9);
        // the worst input has the largest error (ties may pick another input than measureF32's first)
        expect(ulpError(s.worst.y, k.op.ref!(s.worst.x, k.params))).toBeCloseTo(m.maxUlp, 9);
        expect(s.maxAbs).toBeCloseTo(m.maxAbs, 20);
      }
    });
  }
});

describe("qact sweep", () => {
  const CLI = join(import.meta.dirname, "../../dist/cli/main.js");
  const qact = (args: string[]) => spawnSync(process.execPath, [CLI, "sweep", ...args], { encoding: "utf8" });
  it("prints the metrics, the worst input and the time", () => {
    const r = qact(["--op", "sigmoid", "--domain", "1,1.001", "--workers", "0"]);
    expect(r.status, r.stderr).toBe(0);
    for (const k of ["maxUlp", "maxAbs", "maxRel", "mismatches", "worst", "elapsed"]) expect(r.stdout).toContain(k);
    expect(r.stdout).toMatch(/f32_sigmoid__\w+_accurate_f64/);
  });
  for (const [args, msg] of [
    [["--op", "relu"], /no float64 reference in WASM for "relu"/],
    [["--op", "sigmoid", "--domain", "2,1"], /--domain must be all or lo,hi/],
    [["--op", "sigmoid", "--domain", "abc"], /--domain/],
    [["--op", "sigmoid", "--workers", "-1"], /workers must be an integer in \[0, 64\]/],
    [["--op", "elu", "--param", "alpha=-1", "--domain", "0,1"], /alpha/],
  ] as [string[], RegExp][]) {
    it(`bad input exits 2 with one line: ${args.join(" ")}`, () => {
      const r = qact(args);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(msg);
    });
  }
});
