// `qact lut` / `qact export` as users run it.
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { qact, expectBadInput, CLI } from "./helpers.js";
import { sigmoid64 } from "../../src/ops/index.js";

describe("qact lut", () => {
  it("JSON: int8 sigmoid table indexed by input code −128..127, equal to the float64 reference rounded", () => {
    const r = qact(["lut", "--op", "sigmoid", "--dtype", "int8", "--in-scale", "0.0625", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.output).toEqual({ scale: 1 / 256, zeroPoint: -128 });
    const want = Array.from({ length: 256 }, (_, k) => Math.min(127, Math.round(sigmoid64((k - 128) / 16) * 256) - 128));
    expect(j.blocks[0].values).toEqual(want);
  });

  it("C to a file, atomically; refuses to replace without --force; `export` is an alias", () => {
    const dir = mkdtempSync(join(tmpdir(), "qact-lut-"));
    const f = join(dir, "relu6.h");
    writeFileSync(f, "old");
    expectBadInput(["lut", "--op", "relu6", "--dtype", "int16", "--method", "fixed", "-o", f], /relu6.h exists; pass --force to replace it/);
    expect(readFileSync(f, "utf8")).toBe("old");
    const r = qact(["export", "--op", "relu6", "--dtype", "int16", "--method", "fixed", "--in-scale", "0.001", "--out-scale", "0.0002", "-o", f, "--force", "--name", "my relu6"]);
    expect(r.code, r.stderr).toBe(0);
    const h = readFileSync(f, "utf8");
    expect(h).toMatch(/static const qact_pwl2_params my_relu6_params QACT_UNUSED = \{/);
    expect(h).toMatch(/i16_relu6__scalar_fixed_pwl2/);
    expect(h).toMatch(/input   scale 0.001, zero point 0/);
    expect(readdirSync(dir)).toEqual(["relu6.h"]);
  });

  it("bin: the 32-byte pwl2 block, little-endian", () => {
    const dir = mkdtempSync(join(tmpdir(), "qact-lut-"));
    const f = join(dir, "p.bin");
    expect(qact(["lut", "--op", "relu", "--dtype", "int8", "--method", "fixed", "--in-scale", "0.1", "--in-zp", "5", "--out-scale", "0.1", "--out-zp", "-7", "--format", "bin", "-o", f]).code).toBe(0);
    const b = readFileSync(f);
    expect(b.length).toBe(32);
    expect(b.readInt32LE(0)).toBe(5); // in_zp
    expect(b.readInt32LE(24)).toBe(-7); // lo = code of real 0
    expect(b.readInt32LE(28)).toBe(127);
  });

  it.each([
    [["--op", "sigmoid", "--dtype", "int8", "--method", "fixed"], /sigmoid has no int8 method "fixed" \(available: lut\b[^)]*\)/],
    [["--op", "relu", "--dtype", "f32"], /argument 'f32' is invalid/],
    [["--op", "relu", "--dtype", "int8", "--in-scale", "-1"], /in-scale must be a finite number > 0 \(got -1\)/],
    [["--op", "relu", "--dtype", "int8", "--format", "h"], /argument 'h' is invalid. Allowed choices are c, json, bin/],
    [["--op", "relu", "--dtype", "int8", "-o", "/nonexistent-dir/x.h"], /cannot write \/nonexistent-dir\/x.h: ENOENT/],
  ])("lut %j exits 2 with one line", (args, msg) => {
    expectBadInput(["lut", ...args], msg);
  });

  it("a reader that stops early (| head) ends it quietly: exit 0, nothing on stderr", () => {
    // the int16 table as C is ~0.5 MB, far more than a pipe holds: the writes meet a closed pipe
    const cmd = `"${process.execPath}" "${CLI}" lut --op sigmoid --dtype int16 --method table --format c | head -c 100 > /dev/null; echo "status \${PIPESTATUS[0]}"`;
    const r = spawnSync("bash", ["-c", cmd], { encoding: "utf8" });
    expect(r.stdout.trim()).toBe("status 0");
    expect(r.stderr).toBe("");
  });
});
