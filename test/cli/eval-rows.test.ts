// `qact eval` for the row ops (--row, --param k=, per-channel alpha) and --derivative, run as users
// run it (dist/cli/main.js). Expected values come from the float64 registry references.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { getOp } from "../../src/ops/index.js";
import { ulpError } from "../../src/accuracy/metrics.js";

const CLI = join(import.meta.dirname, "../../dist/cli/main.js");

function qact(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { input });
  return { code: r.status, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}

function expectBadInput(args: string[], input: string, message: RegExp) {
  const r = qact(args, input);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(r.stderr).toMatch(message);
}

describe("qact eval: row ops and derivatives", () => {
  it("softmax --row 3 on two rows, within 1.5 ULP of the float64 reference", () => {
    const x = [1, 2, 3, -1, 0, 40];
    const r = qact(["eval", "--op", "softmax", "--dtype", "f32", "--row", "3"], JSON.stringify(x));
    expect(r.code, r.stderr).toBe(0);
    const y = JSON.parse(r.stdout) as number[];
    const ref = [...getOp("softmax").rowRef!(Float64Array.from(x.slice(0, 3)), { beta: 1 }), ...getOp("softmax").rowRef!(Float64Array.from(x.slice(3)), { beta: 1 })];
    y.forEach((v, i) => expect(ulpError(v, ref[i]), `y[${i}]`).toBeLessThanOrEqual(1.5));
  });

  it("log_softmax special row: NaN row, +Inf row", () => {
    const r = qact(["eval", "--op", "log_softmax", "--dtype", "f32", "--row", "2"], '["NaN", 1, "Infinity", 5]');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(["NaN", "NaN", 0, "-Infinity"]);
  });

  it("maxout --param k=3 and prelu with per-channel alpha", () => {
    const m = qact(["eval", "--op", "maxout", "--dtype", "f32", "--param", "k=3"], "[1, 5, 2, -1, -3, -2]");
    expect(m.code, m.stderr).toBe(0);
    expect(JSON.parse(m.stdout)).toEqual([5, -1]);
    const p = qact(["eval", "--op", "prelu", "--dtype", "f32", "--param", "alpha=0.5,0.25"], "[-2, -2, 3, -4]");
    expect(p.code, p.stderr).toBe(0);
    expect(JSON.parse(p.stdout)).toEqual([-1, -0.5, 3, -1]);
  });

  it("--derivative matches the float64 derivative rounded to f32 (every op: test/kernels/f32-derivative.test.ts)", () => {
    const x = [-3, -0.5, 0, 0.75, 2.5];
    for (const op of ["gelu", "mish", "hardswish"]) {
      const r = qact(["eval", "--op", op, "--dtype", "f32", "--derivative"], JSON.stringify(x));
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout), op).toEqual(x.map((v) => Math.fround(getOp(op).derivative!(Math.fround(v), getOpDefaults(op)))));
    }
  });

  it("bad input exits 2 with one line naming the field", () => {
    expectBadInput(["eval", "--op", "softmax", "--dtype", "f32", "--row", "2"], "[1, 2, 3]", /multiple of the row length 2/);
    expectBadInput(["eval", "--op", "softmax", "--dtype", "f32"], "[1, 2]", /softmax needs a row length/);
    expectBadInput(["eval", "--op", "softmax", "--dtype", "f32", "--derivative"], "[1, 2]", /softmax has no f32 derivative kernel/);
    expectBadInput(["eval", "--op", "sigmoid", "--dtype", "int8", "--derivative"], "[1, 2]", /sigmoid has no int8 derivative kernel \(available: f32\)/);
    expectBadInput(["eval", "--op", "maxout", "--dtype", "f32", "--param", "k=2"], "[1, 2, 3]", /multiple of the group size k = 2/);
  });
});

function getOpDefaults(op: string): Record<string, number> {
  return Object.fromEntries(getOp(op).params.map((p) => [p.name, p.default]));
}
