// `qact calibrate` as users run it.
import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync, readFileSync, readdirSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { qact, expectBadInput } from "./helpers.js";

const NPY = join(import.meta.dirname, "../fixtures/npy");

describe("qact calibrate", () => {
  it("reads a NumPy .npy and prints every observer with its SQNR", () => {
    const r = qact(["calibrate", join(NPY, "f8_3d.npy"), "--dtype", "int16"]);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.shape).toEqual([2, 3, 4]);
    expect(j.count).toBe(24);
    for (const o of ["minmax", "moving_average", "percentile", "mse"]) {
      expect(j.observers[o].zeroPoint).toBe(0);
      expect(j.observers[o].scale).toBeGreaterThan(0);
      expect(Number.isFinite(j.observers[o].sqnrDb)).toBe(true);
    }
  });

  it("per channel from JSON, with the fixed output proposal of sigmoid, written atomically with --force", () => {
    const dir = mkdtempSync(join(tmpdir(), "qact-cal-"));
    const f = join(dir, "x.json"), out = join(dir, "cal.json");
    writeFileSync(f, JSON.stringify([[0.1, -2, 3], [0.5, -1, 6]]));
    const r = qact(["calibrate", f, "--axis", "-1", "--method", "minmax", "--op", "sigmoid", "-o", out]);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(readFileSync(out, "utf8"));
    expect(j.observers.minmax.channels.map((c: { range: number[] }) => c.range)).toEqual([[0.1, 0.5], [-2, -1], [3, 6]]);
    expect(j.outputProposal.output).toEqual({ scale: 1 / 256, zeroPoint: -128 });
    expectBadInput(["calibrate", f, "-o", out], /cal.json exists; pass --force to replace it/);
    expect(qact(["calibrate", f, "-o", out, "--force", "--method", "mse"]).code).toBe(0);
    expect(Object.keys(JSON.parse(readFileSync(out, "utf8")).observers)).toEqual(["mse"]);
    expect(readdirSync(dir).sort()).toEqual(["cal.json", "x.json"]);
  });

  it("raw float32 .bin", () => {
    const dir = mkdtempSync(join(tmpdir(), "qact-cal-"));
    const f = join(dir, "x.bin");
    writeFileSync(f, Buffer.from(Float32Array.from([-1, 0, 0.5, 2]).buffer));
    const j = JSON.parse(qact(["calibrate", f, "--method", "minmax"]).stdout);
    expect(j.observers.minmax).toMatchObject({ scale: 3 / 255, zeroPoint: -43, range: [-1, 2] });
  });

  it.each([
    [["fortran.npy"], /Fortran order/],
    [["i4.npy"], /dtype "<i4" is not supported/],
    [["f4_2d.npy", "--axis", "5"], /axis must be an integer in \[-2, 1\] for shape \[3, 5\] \(got 5\)/],
    [["f4_2d.npy", "--percentile", "101"], /percentile must be in \(50, 100\] \(got 101\)/],
    [["f4_2d.npy", "--dtype", "int4"], /argument 'int4' is invalid/],
    [["f4_empty.npy"], /holds no values/],
    [["missing.npy"], /cannot read .*missing.npy: ENOENT/],
  ])("calibrate %j exits 2 with one line", (args, msg) => {
    const dir = mkdtempSync(join(tmpdir(), "qact-cal-"));
    for (const f of readdirSync(NPY)) copyFileSync(join(NPY, f), join(dir, f));
    expectBadInput(["calibrate", join(dir, args[0]), ...args.slice(1)], msg);
  });
});
