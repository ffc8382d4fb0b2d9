// The `qact` command as users run it (the compiled dist/cli/main.js, built by `npm test`'s pretest).
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sigmoid64 } from "../../src/ops/index.js";

const CLI = join(import.meta.dirname, "../../dist/cli/main.js");

function qact(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, [CLI, ...args], { input });
  return { code: r.status, out: r.stdout, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}

function expectBadInput(args: string[], input: string | undefined, message: RegExp) {
  const r = qact(args, input);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
}

describe("qact eval", () => {
  it("int8 sigmoid through the lut, against float64", () => {
    const r = qact(["eval", "--op", "sigmoid", "--dtype", "int8", "--in-scale", "0.0625", "--in-zp", "0",
      "--out-scale", "0.00390625", "--out-zp", "-128"], "[-128, -16, 0, 16, 127]");
    expect(r.code, r.stderr).toBe(0);
    const want = [-128, -16, 0, 16, 127].map((q) => Math.max(-128, Math.min(127, Math.round(sigmoid64(q / 16) * 256) - 128)));
    expect(JSON.parse(r.stdout)).toEqual(want);
  });

  it("f32 with NaN/Infinity spelled as strings, and params", () => {
    const r = qact(["eval", "--op", "leaky_relu", "--dtype", "f32", "--param", "alpha=0.5"], '[-2, 3, "NaN", "-Infinity"]');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([-1, 3, "NaN", "-Infinity"]);
  });

  it("raw little-endian in and out, from a file", () => {
    const dir = mkdtempSync(join(tmpdir(), "qact-"));
    const f = join(dir, "x.bin");
    writeFileSync(f, Buffer.from(new Int16Array([-300, 0, 300, 32767]).buffer));
    const r = qact(["eval", "--op", "relu", "--dtype", "int16", "--method", "fixed", "--in-scale", "0.01", "--out-scale", "0.01",
      "--input", f, "--format", "bin", "--engine", "scalar"]);
    expect(r.code, r.stderr).toBe(0);
    expect(Array.from(new Int16Array(new Uint8Array(r.out).buffer))).toEqual([0, 0, 300, 32767]);
  });

  it.each([
    [["--op", "nope", "--dtype", "int8"], "[1]", /unknown op "nope"; valid ops:/],
    [["--op", "relu", "--dtype", "int4"], "[1]", /argument 'int4' is invalid. Allowed choices are f32, int8, int16/],
    [["--op", "relu", "--dtype", "int8", "--method", "poly"], "[1]", /relu has no int8 method "poly" \(available: [^)]*\bfixed\b[^)]*\)/],
    [["--op", "relu", "--dtype", "int8", "--in-scale", "0"], "[1]", /in-scale must be a finite number > 0 \(got 0\)/],
    [["--op", "relu", "--dtype", "int8", "--in-scale", "abc"], "[1]", /in-scale must be a finite number \(got "abc"\)/],
    [["--op", "relu", "--dtype", "int8", "--in-scale", "0.1", "--in-zp", "200"], "[1]", /in-zp must be an integer in \[-128, 127\] for int8 \(got 200\)/],
    [["--op", "relu", "--dtype", "int8", "--in-scale", "0.1", "--in-zp", "0.5"], "[1]", /in-zp must be an integer/],
    [["--op", "relu", "--dtype", "int8"], "{\"a\":1}", /must hold a JSON array of numbers \(got object\)/],
    [["--op", "relu", "--dtype", "int8"], "[1, \"x\"]", /element \[1\] must be a number \(got "x"\)/],
    [["--op", "relu", "--dtype", "int8"], "[1, 2", /stdin is not JSON/],
    [["--op", "relu", "--dtype", "int8"], "[1, 128]", /element \[1\] must be an integer in \[-128, 127\] for int8 \(got 128\)/],
    [["--op", "relu", "--dtype", "int16"], "[1.5]", /must be an integer in \[-32768, 32767\] for int16 \(got 1.5\)/],
    [["--op", "leaky_relu", "--dtype", "f32", "--param", "alpha"], "[1]", /--param must look like name=value \(got "alpha"\)/],
    [["--op", "leaky_relu", "--dtype", "f32", "--param", "alpha="], "[1]", /param alpha must be a finite number \(got ""\)/],
    [["--op", "relu", "--dtype", "f32", "--param", "beta=1"], "[1]", /relu has no param "beta"/],
    [["--op", "relu", "--dtype", "f32", "--input", "/nonexistent/x.json"], undefined, /cannot read --input \/nonexistent\/x.json: ENOENT/],
    [["--op", "relu", "--dtype", "f32", "--format", "bin"], "abc", /multiple of 4 bytes \(got 3\)/],
    [["--dtype", "f32"], "[1]", /required option '--op <name>' not specified/],
  ])("eval %j exits 2 with one line", (args, input, message) => {
    expectBadInput(["eval", ...args], input, message);
  });
});

describe("qact report", () => {
  it("prints every op of the catalog and writes JSON atomically", () => {
    const dir = mkdtempSync(join(tmpdir(), "qact-"));
    const json = join(dir, "r.json");
    const r = qact(["report", "--no-speed", "--json", json]);
    expect(r.code, r.stderr).toBe(0);
    for (const op of ["sigmoid", "tanh", "gelu", "hardswish", "relu6", "mish"]) expect(r.stdout).toMatch(new RegExp(`^${op} `, "m"));
    for (const op of ["softmax", "log_softmax", "maxout", "prelu"]) expect(r.stdout).toMatch(new RegExp(`^${op} +f32 +accurate`, "m"));
    expect(r.stdout).toMatch(/f32_gelu_grad__\w+_accurate_f64/);
    const rep = JSON.parse(readFileSync(json, "utf8"));
    expect(rep.rows.length).toBeGreaterThan(30);
    expect(rep.rows.every((row: { enginesAgree: boolean }) => row.enginesAgree === true)).toBe(true);
    expect(readdirSync(dir)).toEqual(["r.json"]); // no temporary file left behind
  });

  it("help exits 0", () => {
    const r = qact(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/eval/);
  });
});
