// `qact plot` and `qact report --html` as users run them (compiled dist/cli/main.js).
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OPS } from "../../src/ops/index.js";
import { KERNELS } from "../../src/kernels/registry.js";
import { DTYPES } from "../../src/types.js";

const CLI = join(import.meta.dirname, "../../dist/cli/main.js");

function qact(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args]);
  return { code: r.status, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}

function expectBadInput(args: string[], message: RegExp) {
  const r = qact(args);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
}

describe("qact plot", () => {
  const dir = mkdtempSync(join(tmpdir(), "qact-plot-"));

  it("writes the function with every kernel of the op", () => {
    const out = join(dir, "sigmoid.svg");
    const r = qact(["plot", "--op", "sigmoid", "-o", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`wrote ${out}`);
    const svg = readFileSync(out, "utf8");
    expect(svg.startsWith(`<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"`)).toBe(true);
    expect(svg).toContain(`data-label="float64 reference"`);
    expect(svg).toContain(`data-label="i8_sigmoid__`);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
  });

  it("writes one kernel's error with the worst input marked, honouring quantization and size", () => {
    const out = join(dir, "err.svg");
    const r = qact(["plot", "--op", "hardswish", "--dtype", "int16", "--method", "fixed", "--kind", "error",
      "--in-scale", "0.0002", "--out-scale", "0.0002", "--width", "500", "--height", "300", "-o", out]);
    expect(r.code, r.stderr).toBe(0);
    const svg = readFileSync(out, "utf8");
    expect(svg).toContain(`width="500" height="300"`);
    expect(svg).toContain("error of i16_hardswish__");
    expect(svg).toMatch(/<g class="marker">.*worst -?[0-9.e-]+ LSB at x = /);
  });

  it("derivative, and row ops on a sample row", () => {
    for (const [op, kind] of [["gelu", "derivative"], ["softmax", "function"], ["maxout", "derivative"]]) {
      const out = join(dir, `${op}-${kind}.svg`);
      const r = qact(["plot", "--op", op, "--kind", kind, "-o", out]);
      expect(r.code, `${op} ${kind}: ${r.stderr}`).toBe(0);
      expect(readFileSync(out, "utf8")).toMatch(/class="series"/);
    }
  });

  it("bad input exits 2 with one line and writes nothing", () => {
    const out = join(dir, "bad.svg");
    expectBadInput(["plot", "--op", "nope", "-o", out], /unknown op "nope"/);
    expectBadInput(["plot", "--op", "sigmoid", "--kind", "error", "-o", out], /--kind error needs --dtype/);
    // an (op, dtype) with no kernel in the registry, found from the registry itself
    const gap = OPS.filter((o) => o.ref).flatMap((o) => DTYPES.map((d) => [o.name, d] as const))
      .find(([o, d]) => !KERNELS.some((k) => k.op.name === o && k.dtype === d));
    if (gap) expectBadInput(["plot", "--op", gap[0], "--dtype", gap[1], "-o", out], new RegExp(`${gap[0]} has no ${gap[1]} kernel`));
    expectBadInput(["plot", "--op", "relu", "--dtype", "int8", "--method", "nope", "-o", out], /unknown method "nope"/);
    expectBadInput(["plot", "--op", "sigmoid", "--width", "10", "-o", out], /--width must be an integer in \[200, 4000\] \(got "10"\)/);
    expectBadInput(["plot", "--op", "softmax", "--dtype", "int8", "-o", out], /softmax is a row op/);
    expectBadInput(["plot", "--op", "sigmoid", "--kind", "derivative", "--dtype", "int8", "-o", out], /sigmoid has no int8 derivative kernel/);
    expectBadInput(["plot", "--op", "relu", "--in-scale", "0.1", "-o", out], /--in-scale\/--in-zp need --dtype int8 or int16/);
    expectBadInput(["plot", "--op", "relu", "--dtype", "int8", "--in-scale", "0", "-o", out], /in-scale must be a finite number > 0 \(got 0\)/);
    expectBadInput(["plot", "--op", "leaky_relu", "--param", "beta=2", "-o", out], /leaky_relu has no param "beta"/);
    expectBadInput(["plot", "--op", "relu", "-o", join(dir, "no-such-dir", "x.svg")], /cannot write -o .*x\.svg: ENOENT/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes(".tmp-"))).toEqual([]);
  });
});

describe("qact report --html", () => {
  it("prints the text table and writes the site", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "qact-html-")), "site");
    const r = qact(["report", "--no-speed", "--html", dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("qact accuracy report");
    expect(r.stdout).toContain(`HTML report: ${join(dir, "index.html")}`);
    expect(readdirSync(join(dir, "ops")).sort()).toEqual(OPS.map((o) => `${o.name}.html`).sort());
  });

  it("a bad --bench file exits 2 before anything is written", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "qact-html-")), "site");
    expectBadInput(["report", "--no-speed", "--html", dir, "--bench", join(dir, "missing.json")], /cannot read --bench .*missing\.json: ENOENT/);
    expect(existsSync(dir)).toBe(false);
  });

  it("an --html path that is a file exits 2 with one line", () => {
    const file = join(mkdtempSync(join(tmpdir(), "qact-html-")), "plain-file");
    writeFileSync(file, "x");
    expectBadInput(["report", "--no-speed", "--html", file], /--html .*plain-file must be a folder \(it is a file\)/);
    expectBadInput(["report", "--no-speed", "--html", join(file, "sub")], /cannot write the HTML report to --html .*plain-file\/sub: (EEXIST|ENOTDIR)/);
    expect(readFileSync(file, "utf8")).toBe("x");
  });
});
