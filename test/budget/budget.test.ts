// Budget pieces in-process: limits and margins, f32 intervals, chunked f32 evaluation (in-thread and workers), kernels for
// user-defined ops derived from the registry, and the progress bar on a terminal.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ceil3, limitFor } from "../../src/budget/init.js";
import { withinLimit, describeFailure } from "../../src/budget/metrics.js";
import { ALL_F32, f32Interval, loadBudget } from "../../src/budget/load.js";
import { evaluateF32Job } from "../../src/budget/f32-engine.js";
import { allF32In, orderedIndex } from "../../src/accuracy/f32space.js";
import { measureF32 } from "../../src/accuracy/metrics.js";
import { KERNELS, genericKernelsFor } from "../../src/kernels/registry.js";
import { OPS } from "../../src/ops/index.js";
import { loadCustomOp } from "../../src/ops/custom.js";
import { load } from "../../src/runtime/runtime.js";
import { allCodes } from "../../src/quant/dtype.js";

const ROOT = join(import.meta.dirname, "../..");
const ACTS = join(ROOT, "test/fixtures/acts");

describe("limits", () => {
  it("ceil3 rounds up to 3 significant digits", () => {
    expect(ceil3(0.5)).toBe(0.5);
    expect(ceil3(0.12891)).toBe(0.129);
    expect(ceil3(0.1289)).toBe(0.129);
    expect(ceil3(1234.5)).toBe(1240);
    expect(ceil3(0)).toBe(0);
    for (const v of [0.1171875 * 1.1, 0.497 * 1.1, 3.3e-7, 98765]) expect(ceil3(v)).toBeGreaterThanOrEqual(v);
  });

  it("limitFor adds the margin; mismatches stay integers", () => {
    expect(limitFor("maxAbsLsb", 0.5, 0.1)).toBe(0.55);
    expect(limitFor("mismatches", 3, 0.1)).toBe(4);
    expect(limitFor("mismatches", 0, 0.5)).toBe(0);
  });

  it("withinLimit: upper limits, the lower SQNR limit, |bias|, NaN never passes", () => {
    expect(withinLimit("maxAbsLsb", 0.5, 0.5)).toBe(true);
    expect(withinLimit("maxAbsLsb", 0.5000001, 0.5)).toBe(false);
    expect(withinLimit("sqnrDb", 41, 40)).toBe(true);
    expect(withinLimit("sqnrDb", 39, 40)).toBe(false);
    expect(withinLimit("sqnrDb", Infinity, 40)).toBe(true);
    expect(withinLimit("biasLsb", -0.3, 0.25)).toBe(false);
    expect(withinLimit("biasLsb", -0.2, 0.25)).toBe(true);
    expect(withinLimit("maxUlp", NaN, 1)).toBe(false);
    expect(describeFailure("biasLsb", -0.3, 0.25)).toBe("biasLsb |-0.3| LSB > limit 0.25 LSB");
  });
});

describe("f32 intervals", () => {
  it("count every f32 in [lo, hi]", () => {
    expect(f32Interval(1, 2).size).toBe(2 ** 23 + 1);
    expect(f32Interval(1, 1.5).size).toBe(2 ** 22 + 1);
    // 0.1 is not an f32: the interval starts at the first f32 above it
    const { a } = f32Interval(0.1, 1);
    expect(orderedIndex(Math.fround(0.1))).toBe(a - (Math.fround(0.1) < 0.1 ? 1 : 0));
    // both zeros belong to [0, 1] and to [-1, 0]
    expect(f32Interval(0, 1).size).toBe(orderedIndex(1) + 2);
    expect(f32Interval(-1, 0).size).toBe(orderedIndex(1) + 2);
    expect(ALL_F32.size).toBe(2 ** 32);
    expect(ALL_F32.b - ALL_F32.a + 1).toBe(2 ** 32);
  });

  it("\"all\" is every bit pattern, NaN payloads included (NaN in gives NaN out)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "qact-all-"));
    const f = join(dir, "b.json");
    writeFileSync(f, JSON.stringify({ kernels: [{ op: "hard_sigmoid", dtype: "f32", domain: "all", budget: { maxUlp: 1 } }] }));
    const { rows } = await loadBudget(f);
    expect(rows[0].size).toBe(2 ** 32);
    // the ends of the ordered-index line are NaN payloads; ±Infinity sits at ±0x7f800000
    const rt = await load();
    for (const [a, b] of [[ALL_F32.a, ALL_F32.a + 999], [orderedIndex(Infinity) - 500, orderedIndex(Infinity) + 500], [ALL_F32.b - 999, ALL_F32.b]]) {
      const m = await evaluateF32Job({ op: { builtin: "hard_sigmoid" }, params: {}, engine: rt.engine, a, b }, { rt });
      expect(m.count).toBe(b - a + 1);
      expect(m.maxUlp).toBe(0);
      expect(m.mismatches).toBe(0);
    }
  });

  it.each([[-3.5, -3.4], [-3.03125, -2.96875], [1, 1.125]])("chunked evaluation over [%d, %d] equals one pass over the same values, same worst input", async (lo, hi) => {
    const rt = await load();
    const k = rt.prepare({ op: "hard_sigmoid", dtype: "f32" });
    const { a, b } = f32Interval(lo, hi); // ~ 10^5 to 10^6 values, several blocks, both signs
    const xs = allF32In(lo, hi);
    const whole = measureF32((x) => k.op.ref!(x, k.params), xs, k.run(xs));
    for (const workers of [1, 2]) {
      const chunked = await evaluateF32Job({ op: { builtin: "hard_sigmoid" }, params: {}, engine: rt.engine, a, b }, { rt, workers, forceWorkers: true });
      expect(chunked.count).toBe(xs.length);
      expect(chunked.count).toBe(b - a + 1);
      expect(chunked.maxUlp).toBe(whole.maxUlp);
      expect(chunked.mismatches).toBe(whole.mismatches);
      expect(chunked.meanUlp).toBeCloseTo(whole.meanUlp, 12);
      expect(chunked.worst).toEqual(whole.worst); // ties: the smallest value, as measureF32 over ascending xs
    }
  });
});

describe("f32 evaluation errors", () => {
  it.each([[1, false], [2, true]])("a bad param or module stays a QactError naming its field (workers %d)", async (workers, forceWorkers) => {
    const run = (op: { builtin: string } | { module: string; exportName: string }, params = {}) =>
      evaluateF32Job({ op, params, engine: "scalar", a: 0, b: 999 }, { workers, forceWorkers });
    await expect(run({ builtin: "elu" }, { alpha: -1 })).rejects.toMatchObject({ name: "QactError", field: "param.alpha" });
    await expect(run({ module: join(ACTS, "none.mjs"), exportName: "f" })).rejects.toMatchObject({ name: "QactError", field: "op", message: expect.stringMatching(/none\.mjs does not exist/) });
  });
});

describe("user-defined activations", () => {
  it("get the kernels whose prepare works for any elementwise op (int8 lut, int16 table)", async () => {
    const op = await loadCustomOp("./softsign.mjs#softsign", ACTS);
    const generic = genericKernelsFor(op);
    expect(generic.map((k) => `${k.dtype}/${k.method}`).sort()).toEqual(["int16/table", "int8/lut"]);
    for (const g of generic) {
      expect(g.op).toBe(op);
      expect(KERNELS.filter((k) => k.dtype === g.dtype && k.method === g.method).every((k) => k.anyOp)).toBe(true);
    }
    // fixed covers only the piecewise-linear ops: not offered to a custom op
    expect(generic.some((k) => k.method === "fixed")).toBe(false);
    // nor the f32 derivative kernel, which serves the catalog ops by their op id (it used to be
    // offered as an f32 kernel of custom ops and returned d/dx of op id 0 = 1 everywhere)
    expect(generic.some((k) => k.derivative)).toBe(false);
    const rt = await load({ engine: "scalar" });
    expect(() => rt.prepare({ op, dtype: "f32" })).toThrow(expect.objectContaining({ name: "QactError", field: "dtype", message: expect.stringMatching(/softsign has no f32 kernel yet \(available: int8\/lut, int16\/table\)/) }));
    expect(genericKernelsFor(OPS.find((o) => o.name === "softmax")!)).toEqual([]);
  });

  it("int8 lut and int16 table of a custom op: SIMD and scalar agree bit for bit, and equal the correctly rounded float64 outputs", async () => {
    const op = await loadCustomOp("./softsign.mjs#softsign", ACTS);
    for (const [dtype, method, input, output] of [
      ["int8", "lut", { scale: 0.05, zeroPoint: 3 }, { scale: 1 / 127, zeroPoint: -1 }],
      ["int16", "table", { scale: 0.002, zeroPoint: 300 }, { scale: 1 / 32767, zeroPoint: -1 }],
    ] as const) {
      const codes = allCodes(dtype);
      const outs = [];
      for (const engine of ["simd", "scalar"] as const) {
        const rt = await load({ engine });
        outs.push(Array.from(rt.prepare({ op, dtype, method, input, output }).run(codes)));
      }
      expect(outs[0]).toEqual(outs[1]);
      const [lo, hi] = dtype === "int8" ? [-128, 127] : [-32768, 32767];
      const want = Array.from(codes, (q) => {
        const x = input.scale * (q - input.zeroPoint);
        const s = (x / (1 + Math.abs(x))) / output.scale + output.zeroPoint;
        return Math.max(lo, Math.min(hi, s < 0 ? -Math.round(-s) : Math.round(s)));
      });
      expect(outs[0], `${dtype} ${method}`).toEqual(want);
    }
  });

  it("descriptor carries the module's derivative, properties and range; the row's domain wins", async () => {
    const op = await loadCustomOp("./softsign.mjs#softsign", ACTS, { domain: [-2, 3] });
    expect(op.name).toBe("softsign");
    expect(op.derivative!(1, {})).toBe(0.25);
    expect(op.properties).toEqual({ monotonic: true, smooth: false, zeroCentred: true, saturating: true });
    expect(op.range({})).toEqual([-1, 1]);
    expect(op.domain).toEqual([-2, 3]);
    // NaN above 2 is outside [-3, 1.5]: accepted there
    await expect(loadCustomOp("./softsign.mjs#nanAbove2", ACTS, { domain: [-3, 1.5] })).resolves.toBeDefined();
    await expect(loadCustomOp("./softsign.mjs#nanAbove2", ACTS)).rejects.toThrow(/returned NaN at x = 2\.00390625/);
  });
});

describe("progress bar", () => {
  const hasScript = spawnSync("script", ["--version"]).status === 0;
  it.skipIf(!hasScript)("appears on a terminal (delay set to 0 here: the default waits for a run longer than a second), not with --quiet", () => {
    const dir = mkdtempSync(join(tmpdir(), "qact-bar-"));
    const f = join(dir, "b.json");
    writeFileSync(f, JSON.stringify({ kernels: [{ op: "hard_sigmoid", dtype: "f32", domain: [1, 1.25], budget: { maxUlp: 1 } }] }));
    const run = (extra: string) => spawnSync("script", ["-qec", `${process.execPath} ${join(ROOT, "dist/cli/main.js")} check ${f} --workers 1 ${extra}`, "/dev/null"],
      { encoding: "utf8", env: { ...process.env, QACT_PROGRESS_DELAY_MS: "0" } });
    const withBar = run("");
    expect(withBar.status).toBe(0);
    expect(withBar.stdout).toMatch(/qact check \[[█░]+\] \d+% \| \d+\/2097153 inputs/);
    const quiet = run("--quiet");
    expect(quiet.status).toBe(0);
    expect(quiet.stdout).not.toMatch(/qact check \[/);
    expect(quiet.stdout).toMatch(/PASS {2}\[0\] hard_sigmoid f32\/accurate/);
    // default delay: a short run (one int8 row) shows no bar
    const g = join(dir, "short.json");
    writeFileSync(g, JSON.stringify({ kernels: [{ op: "relu6", dtype: "int8", budget: { maxAbsLsb: 1 } }] }));
    const short = spawnSync("script", ["-qec", `${process.execPath} ${join(ROOT, "dist/cli/main.js")} check ${g}`, "/dev/null"], { encoding: "utf8" });
    expect(short.status).toBe(0);
    expect(short.stdout).toMatch(/PASS {2}\[0\] relu6 int8/);
    expect(short.stdout).not.toMatch(/qact check \[/);
  });
});

describe("row lines", () => {
  it("finds the line of each row's opening brace, whatever the layout", async () => {
    const { rowLines } = await import("../../src/budget/lines.js");
    const text = `{\n  "$schema": "x[{",\n  "other": [{"a": 1}],\n  "kernels": [\n    {"op": "a\\"{", "budget": {"x": [1]}},\n\n    {\n      "op": "b"\n    }, {"op": "c"}\n  ]\n}\n`;
    expect(JSON.parse(text).kernels).toHaveLength(3);
    expect(rowLines(text)).toEqual([5, 7, 9]);
  });
});

describe("--update text", () => {
  it("keeps the file's indentation and field order, replacing only measured", async () => {
    const { updatedBudgetText } = await import("../../src/budget/update.js");
    const budget = { kernels: [{ op: "relu", dtype: "int8" as const, budget: { maxAbsLsb: 1 }, measured: { maxAbsLsb: 9 } }, { op: "relu6", dtype: "int8" as const, budget: { mismatches: 0 } }] };
    const text = JSON.stringify(budget, null, 4);
    const result = { file: "b.json", engine: "simd", pass: true, seconds: 0, rows: [
      { index: 0, metrics: { maxAbsLsb: 0.25, sqnrDb: Infinity } }, { index: 1, metrics: { mismatches: 0 } },
    ] } as never;
    const out = updatedBudgetText(text, budget, result);
    expect(out).toBe(JSON.stringify({ kernels: [
      { ...budget.kernels[0], measured: { maxAbsLsb: 0.25, sqnrDb: "Infinity" } },
      { ...budget.kernels[1], measured: { mismatches: 0 } },
    ] }, null, 4) + "\n");
    expect(budget.kernels[0].measured.maxAbsLsb).toBe(9); // the parsed budget is not mutated
  });
});
