// `qact build --ops`: a module with only the named kernels, which computes exactly what the full
// build computes, and clean exit-2 errors that leave no file behind.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { load } from "../../src/runtime/runtime.js";
import { buildMinimal, parseOpsList } from "../../src/builder/minimal.js";
import { QactError } from "../../src/errors.js";

const CLI = join(import.meta.dirname, "../../dist/cli/main.js");
const qact = (args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args]);
  return { code: r.status, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
};
const ALL_INT8 = Int8Array.from({ length: 256 }, (_, i) => i - 128);
const OPS = "sigmoid:int8:lut,hardswish:int8:fixed,relu6:int8:fixed";

describe("qact build --ops", () => {
  for (const engine of ["simd", "scalar"] as const) {
    it(`${engine}: only the named kernels, with the full build's outputs on all int8 codes`, async () => {
      const built = await buildMinimal(parseOpsList(OPS), engine);
      const names = WebAssembly.Module.exports(new WebAssembly.Module(built.bytes as BufferSource)).map((e) => e.name).sort();
      expect(names).toEqual(["heap_base", "i8_hardswish", "i8_lut256_trim", "i8_pwl2", "memory"]);
      const inst = new WebAssembly.Instance(new WebAssembly.Module(built.bytes as BufferSource), {});
      expect((inst.exports.memory as WebAssembly.Memory).buffer.byteLength).toBe(65536); // one page, usable at once
      expect((inst.exports.heap_base as () => number)()).toBeLessThan(65536 - 1024);
      const mini = await load({ engine, wasm: built.bytes as BufferSource }), full = await load({ engine });
      for (const item of OPS.split(",")) {
        const [op, dtype, method] = item.split(":");
        const opts = { op, dtype: dtype as "int8", method };
        expect(Array.from(mini.prepare(opts).run(ALL_INT8)), item).toEqual(Array.from(full.prepare(opts).run(ALL_INT8)));
      }
      // a kernel that was not asked for is not there
      expect(() => mini.prepare({ op: "relu", dtype: "int16", method: "fixed" })).toThrow(/no export i16_pwl2/);
    });
  }

  it("the CLI writes a valid module and names what it holds", () => {
    const out = join(mkdtempSync(join(tmpdir(), "qact-build-test-")), "my.wasm");
    const r = qact(["build", "--ops", OPS, "--engine", "scalar", "-o", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("i8_sigmoid__scalar_lut_load → i8_lut256_trim");
    expect(WebAssembly.validate(readFileSync(out))).toBe(true);
  });

  it.each([
    [["--ops", "sigmoid:int9"], /dtype must be one of f32, int8, int16 \(got "int9"\)/],
    [["--ops", "sigmoid:int8:fixed"], /sigmoid has no int8 method "fixed" \(available: lut\b[^)]*\)/],
    [["--ops", "nosuchop:int8"], /--ops item "nosuchop:int8"/],
    [["--ops", "sigmoid"], /must look like op:dtype\[:method\]/],
    [["--ops", ","], /at least one/],
  ])("bad --ops %j exits 2 with one line and writes nothing", (args, message) => {
    const out = join(mkdtempSync(join(tmpdir(), "qact-build-test-")), "bad.wasm");
    const r = qact(["build", ...args, "-o", out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it("parseOpsList raises QactError on field ops", () => {
    try {
      parseOpsList("relu:int8:nope");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(QactError);
      expect((e as QactError).field).toBe("ops");
    }
  });
});
