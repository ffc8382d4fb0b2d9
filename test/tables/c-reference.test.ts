// The firmware export and the C reference (examples/c/) against the WASM kernels: every exportable
// kernel, 4 quantizations each (the op's conventional output, random ones, exact rounding ties: in 0.5,
// out 1), plus fixed edge cases (EDGE_CASES), every input code. The generated headers compile with
// gcc -std=c99 -Wall -Wextra -Werror -pedantic, and the C outputs equal the WASM outputs (scalar and
// SIMD builds, asserted equal) exactly. The JSON tables (indexed as their `indexedBy` says) are checked
// against the same outputs, and the raw bytes against the WASM params block.
import { describe, expect, it, beforeAll } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { load, type PrepareOptions, type Runtime } from "../../src/runtime/runtime.js";
import { prepareExport, renderExport } from "../../src/tables/emit/index.js";
import { exportableKernels, firmwareExport, toBin, toC, toJson, type FirmwareExport } from "../../src/tables/emit/index.js";
import type { StructBlock, UnionField } from "../../src/tables/emit/firmware.js";
import { allCodes } from "../../src/quant/dtype.js";
import { KERNELS, kernelName } from "../../src/kernels/registry.js";
import { FIRMWARE_DECODERS } from "../../src/tables/emit/index.js";
import { QactError } from "../../src/errors.js";
import { rng, randomQuant } from "../helpers.js";

const EXAMPLES = join(import.meta.dirname, "../../examples/c");
const CFLAGS = ["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic"];

// The int16 tables' C headers are the big ones (up to ~0.5 MB of text) but did not make compiling slow:
// on 2 cores this file took 5.4 s before the int16 exports and 17–25 s with them (gcc step ~7 s).

const q = (scale: number, zeroPoint = 0) => ({ scale, zeroPoint });

/** The three right-tail kinds of the int16 lut/poly header, at quantizations of test/kernels/q16-lut.test.ts
 *  (both methods share the header, so the same quantizations give the same kinds). */
const SEG16_TAIL_CASES = [
  { op: "silu", input: q(2 ** -10), output: q(2 ** -15) }, // the output saturates at x ≈ 1: constant tail (kind 0)
  { op: "silu", input: q(0.05), output: q(0.002) }, // one input step = 25 output steps: int64 pwl2 line (kind 1)
  { op: "mish", input: q(0.002), output: q(0.001, 7) }, // int32 line (kind 2)
];

/** Fixed cases for shapes random params rarely give: a table over all 65,536 codes (tanh at in 1e-5,
 *  out 1.2e-5: nearly linear, no constant run at either end), a two-entry table (step); every right-tail
 *  kind of the int16 lut and poly. */
const EDGE_CASES: PrepareOptions[] = [
  { op: "tanh", dtype: "int16", method: "table", input: q(1e-5), output: q(1.2e-5) },
  { op: "step", dtype: "int16", method: "table", input: q(0.01) },
  ...["lut", "poly"].flatMap((method) => SEG16_TAIL_CASES.map((c) => ({ ...c, dtype: "int16" as const, method }))),
];

interface Case {
  prefix: string;
  e: FirmwareExport;
  dtype: "int8" | "int16";
  /** the WASM params block (scalar build) */
  paramBytes: Uint8Array;
  /** WASM outputs over every code (scalar and simd builds, asserted equal) */
  wasm: Int8Array | Int16Array;
}

/** The bin of a multi-block int16 export copied into the C structs (memcpy, little-endian host) and
 *  applied: what examples/c/README.md says firmware may do with `--format bin`. */
function binCall(c: Case): string {
  const bin = toBin(c.e);
  const bytes = Array.from(bin, (b) => `0x${b.toString(16).padStart(2, "0")}`).join(",");
  const [hdr, rest, fn] = c.e.exportName === "i16_table"
    ? ["qact_table16_header", `int16_t r[${(bin.length - 16) / 2}]`, "qact_table_i16"]
    : c.e.exportName === "i16_lut513" ? ["qact_seg16_header", "qact_lut513_record r[512]", "qact_lut513_i16"]
    : ["qact_seg16_header", "qact_poly3_record r[128]", "qact_poly3_i16"];
  return `{ static const unsigned char bin[${bin.length}] = {${bytes}}; static ${hdr} h; static ${rest};\n` +
    `    if (sizeof h + sizeof r != sizeof bin) return 3;\n` +
    `    memcpy(&h, bin, sizeof h); memcpy(r, bin + sizeof h, sizeof r); ${fn}(&h, r, in16, out16, 65536); fwrite(out16, 2, 65536, stdout); }`;
}

/** Runs gcc once per argument list, at most `width` at a time. */
async function runPool(jobs: string[][], cwd: string, width: number): Promise<{ args: string[]; status: number | null; stderr: string }[]> {
  const results: { args: string[]; status: number | null; stderr: string }[] = [];
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const args = jobs[next++];
      results.push(await new Promise((resolve) => {
        const p = spawn("gcc", args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
        let stderr = "";
        p.stderr.on("data", (d) => (stderr += d));
        p.on("error", (e) => resolve({ args, status: -1, stderr: String(e) }));
        p.on("close", (status) => resolve({ args, status, stderr }));
      }));
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}

function applyCall(c: Case): string {
  return c.dtype === "int8"
    ? `${c.e.cCall(c.prefix, "in8", "out8", "256")} fwrite(out8, 1, 256, stdout);`
    : `${c.e.cCall(c.prefix, "in16", "out16", "65536")} fwrite(out16, 2, 65536, stdout);`;
}

describe("firmware export: C reference vs WASM over all input codes", () => {
  const cases: Case[] = [];
  let simd: Runtime, scalar: Runtime;

  beforeAll(async () => {
    simd = await load({ engine: "simd" });
    scalar = await load({ engine: "scalar" });
    const r = rng(77);
    const add = (opts: PrepareOptions) => {
      const ks = scalar.prepare(opts), kv = simd.prepare(opts);
      const dtype = ks.spec.dtype as "int8" | "int16";
      const codes = allCodes(dtype);
      const ys = ks.run(codes), yv = kv.run(codes);
      expect(Array.from(yv), `${ks.name}: SIMD ≠ scalar`).toEqual(Array.from(ys));
      const e = firmwareExport({ spec: ks.spec, paramBytes: ks.paramBytes, params: ks.params, input: ks.input, output: ks.output });
      cases.push({ prefix: `k${cases.length}`, e, dtype, paramBytes: ks.paramBytes.slice(), wasm: ys as Int8Array | Int16Array });
    };
    for (const spec of exportableKernels()) {
      const dtype = spec.dtype as "int8" | "int16";
      for (let rep = 0; rep < 4; rep++) {
        const symmetric = dtype === "int16" && rep > 0;
        let input = randomQuant(r, dtype, -3, 0.5, symmetric);
        let output = rep === 0 ? undefined : randomQuant(r, dtype, -3, 0.5, symmetric);
        if (rep === 3) {
          // exact rounding ties: output steps are half-integers for every odd d (tests the tie rule)
          input = { scale: 0.5, zeroPoint: dtype === "int8" ? 3 : 0 };
          output = { scale: 1, zeroPoint: dtype === "int8" ? -1 : 0 };
        }
        add({ op: spec.op.name, dtype, method: spec.method, input, output });
      }
    }
    for (const c of EDGE_CASES) add(c);
  });

  it("covers every exportable kernel (int8 lut, int8/int16 fixed pwl2 and hardswish, int16 table, lut and poly)", () => {
    const names = new Set(cases.map((c) => c.e.kernel));
    for (const s of exportableKernels()) expect(names.has(kernelName(s, "scalar"))).toBe(true);
    const kinds = new Set(cases.map((c) => `${c.dtype}/${c.e.method}/${c.e.blocks.map((b) => b.kind).join("+")}`));
    for (const k of ["int8/lut/table", "int8/fixed/struct", "int16/fixed/struct", "int16/table/struct+table", "int16/lut/struct+records", "int16/poly/struct+records"]) {
      expect(kinds).toContain(k);
    }
    // the int16 table at its extremes: every code in the table, and a table of at most two entries
    const sizes = cases.filter((c) => c.e.method === "table").map((c) => (c.e.blocks[1] as { values: number[] }).values.length);
    expect(Math.max(...sizes)).toBe(65536);
    expect(Math.min(...sizes)).toBeLessThanOrEqual(2);
  });

  it("int16 lut and poly: every right-tail kind (0 constant, 1 int64 line, 2 int32 line) occurs with codes in the tail, and both tails are used", () => {
    const header = (c: Case) => {
      const v = new DataView(c.paramBytes.buffer, c.paramBytes.byteOffset);
      return { qa: v.getInt32(0, true), qb: v.getInt32(20, true), kind: v.getInt32(24, true) };
    };
    for (const method of ["lut", "poly"]) {
      const mine = cases.filter((c) => c.dtype === "int16" && c.e.method === method);
      const hs = mine.map(header);
      // the kinds of the tails some code reaches (qb < 32767): the C right tail runs for each
      expect([...new Set(hs.filter((h) => h.qb < 32767).map((h) => h.kind))].sort(), method).toEqual([0, 1, 2]);
      expect(hs.some((h) => h.qa > -32768), `${method}: a case with codes in the left tail`).toBe(true);
      // the union member the header holds follows the kind
      for (const c of mine) {
        const right = (c.e.blocks[0] as StructBlock).fields.find((f) => f.name === "right") as UnionField;
        expect(right.member).toBe(header(c).kind === 1 ? "pwl2" : "line");
      }
    }
  });

  it("JSON tables are indexed as their indexedBy says and equal the kernel's outputs; bin is the WASM params block (int8 lut: the JSON table)", () => {
    for (const c of cases) {
      const j = JSON.parse(toJson(c.e));
      const bin = toBin(c.e);
      const what = `${c.e.kernel} in ${JSON.stringify(c.e.input)} out ${JSON.stringify(c.e.output)}`;
      if (c.e.exportName === "i8_lut256" || c.e.exportName === "i8_lut256_trim") {
        expect(j.blocks[0].indexedBy).toBe("input code, from min to max");
        expect(j.blocks[0].values, what).toEqual(Array.from(c.wasm));
        expect(Array.from(new Int8Array(bin.buffer)), what).toEqual(Array.from(c.wasm));
        continue;
      }
      // every other export: the blocks' bytes in order are exactly the params block the WASM kernel read
      expect(Buffer.from(bin).equals(Buffer.from(c.paramBytes)), what).toBe(true);
      if (c.e.blocks[0].kind === "struct" && c.e.blocks.length === 1) {
        expect(j.blocks[0].fields.map((f: { name: string }) => f.name), what).toContain("in_zp");
      }
      if (c.e.blocks[1]?.kind === "records") {
        // header (with the right-tail union member it holds) + records: the same numbers as the C header
        const [h, r] = j.blocks;
        expect(h.bytes + r.recordBytes * r.rows.length, what).toBe(c.paramBytes.length);
        expect(r.rows, what).toEqual(c.e.blocks[1].rows);
        const right = h.fields.find((f: { name: string }) => f.name === "right");
        expect(right.member, what).toBe(h.fields.find((f: { name: string }) => f.name === "right_kind").value === 1 ? "pwl2" : "line");
      }
      if (c.e.exportName === "i16_table") {
        const h = j.blocks[0].fields as { name: string; value: number }[];
        const lo = h.find((f) => f.name === "lo")!.value, hi = h.find((f) => f.name === "hi")!.value;
        expect(j.blocks[1].indexedBy).toBe("input code − lo, codes lo..hi");
        expect(j.blocks[1].values.length, what).toBe(hi - lo + 1);
        const y = Array.from(c.wasm, (_, i) => j.blocks[1].values[Math.min(hi, Math.max(lo, i - 32768)) - lo]);
        expect(y, what).toEqual(Array.from(c.wasm));
      }
    }
  });

  it("headers compile with gcc -std=c99 -Wall -Wextra -Werror -pedantic and the C reference reproduces every output", async () => {
    expect(spawnSync("gcc", ["--version"]).status, "gcc is needed for this test (apt-get install gcc)").toBe(0);
    const dir = mkdtempSync(join(tmpdir(), "qact-c-"));
    const includes: string[] = [];
    for (const c of cases) {
      writeFileSync(join(dir, `${c.prefix}.h`), toC(c.e, c.prefix, "test"));
      includes.push(`#include "${c.prefix}.h"`);
      // each header alone, as the first and only thing a translation unit includes
      writeFileSync(join(dir, `only_${c.prefix}.c`), `#include "${c.prefix}.h"\nint only_${c.prefix}(void) { return (int)sizeof ${c.prefix}_${c.e.blocks[0].name}; }\n`);
    }
    // the first case of each multi-block int16 export and right-tail kind, a second time from its bin
    const seen = new Set<string>();
    const fromBin = cases.filter((c) => {
      if (!["i16_table", "i16_lut513", "i16_poly3"].includes(c.e.exportName)) return false;
      if (c.e.exportName === "i16_table" && c.paramBytes.length < 2000) return false; // a table of some size, not step's two entries
      const key = `${c.e.exportName}/${c.e.exportName === "i16_table" ? "" : new DataView(c.paramBytes.buffer, c.paramBytes.byteOffset).getInt32(24, true)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    expect(fromBin.length).toBe(7);
    const driver = [
      `#include <stdio.h>`, `#include <string.h>`, `#include "qact_ref.h"`, ...includes,
      `static int8_t in8[256], out8[256]; static int16_t in16[65536], out16[65536];`,
      `int main(void) {`,
      `  int i;`,
      `  for (i = 0; i < 256; i++) in8[i] = (int8_t)(i - 128);`,
      `  for (i = 0; i < 65536; i++) in16[i] = (int16_t)(i - 32768);`,
      ...cases.map((c) => `  ${applyCall(c)}`),
      ...fromBin.map((c) => `  ${binCall(c)}`),
      `  return 0;`, `}`,
    ].join("\n");
    writeFileSync(join(dir, "driver.c"), driver);
    const exe = join(dir, "driver");
    // the compiles run side by side (one gcc per core): most of their time is per-process start-up
    const jobs: string[][] = [[...CFLAGS, "-I", EXAMPLES, "-I", dir, "-o", exe, join(dir, "driver.c"), join(EXAMPLES, "qact_ref.c")]];
    const width = availableParallelism();
    for (let k = 0; k < width; k++) {
      const mine = cases.filter((_, i) => i % width === k).map((c) => join(dir, `only_${c.prefix}.c`));
      if (mine.length) jobs.push([...CFLAGS, "-I", dir, "-c", ...mine]);
    }
    // each header compiled on its own as C (the command, forced to C so unused tables would warn)
    for (const c of cases.filter((_, i) => i % 4 === 0)) jobs.push([...CFLAGS, "-x", "c", "-c", join(dir, `${c.prefix}.h`), "-o", join(dir, `${c.prefix}.o`)]);
    for (const r of await runPool(jobs, dir, width)) expect(r.status, `gcc ${r.args.slice(-2).join(" ")}: ${r.stderr}`).toBe(0);
    const run = spawnSync(exe, [], { maxBuffer: 64 << 20 });
    expect(run.status).toBe(0);
    const out = new Uint8Array(run.stdout);
    let off = 0, mismatches = 0;
    for (const [c, how] of [...cases.map((c) => [c, "header"] as const), ...fromBin.map((c) => [c, "bin"] as const)]) {
      const n = c.wasm.length, bpe = c.dtype === "int8" ? 1 : 2;
      const got = c.dtype === "int8" ? new Int8Array(out.slice(off, off + n).buffer) : new Int16Array(out.slice(off, off + 2 * n).buffer);
      off += n * bpe;
      for (let i = 0; i < n; i++) {
        if (got[i] !== c.wasm[i]) {
          if (mismatches++ < 5) console.error(`${c.e.kernel} (${how}) in ${JSON.stringify(c.e.input)} out ${JSON.stringify(c.e.output)}: code ${i + (bpe === 1 ? -128 : -32768)} C ${got[i]} WASM ${c.wasm[i]}`);
        }
      }
    }
    expect(off).toBe(out.length);
    expect(mismatches).toBe(0);
    expect(cases.length).toBeGreaterThan(60);
  });

  it("a kernel without a firmware decoder is a QactError naming method, listing the exportable dtype/methods", () => {
    const spec = KERNELS.find((k) => k.exportName === "i16_tflm_logistic")!;
    expect(spec.exportName in FIRMWARE_DECODERS).toBe(false);
    let err: unknown;
    try {
      firmwareExport({ spec, paramBytes: new Uint8Array(64), params: {} });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(QactError);
    expect((err as QactError).field).toBe("method");
    const msg = (err as Error).message;
    expect(msg).toMatch(/^i16_sigmoid__scalar_tflm\w* has no firmware export yet \(exportable dtype\/method: [^)]*\)$/);
    for (const m of ["int8/lut", "int8/fixed", "int16/fixed", "int16/table"]) expect(msg).toContain(m);
  });

  it("a params block without its export's layout is a QactError naming paramBytes and the header field", () => {
    const pick = (exportName: string) => cases.find((c) => c.e.exportName === exportName)!;
    const spec = (c: Case) => KERNELS.find((k) => kernelName(k, "scalar") === c.e.kernel)!;
    const corrupt = (c: Case, f: (v: DataView) => void) => {
      const b = c.paramBytes.slice();
      f(new DataView(b.buffer));
      return b;
    };
    const bad: [Case, Uint8Array, RegExp][] = [
      [pick("i16_table"), pick("i16_table").paramBytes.slice(0, -2), /i16_table params block: \d+ bytes, expected 16 \+ 2·\(hi − lo \+ 1\) = \d+/],
      [pick("i16_table"), corrupt(pick("i16_table"), (v) => v.setInt32(8, 1, true)), /i16_table params block: header bytes 8\.\.15 must be 0/],
      [pick("i16_lut513"), pick("i16_lut513").paramBytes.slice(0, 64), /i16_lut513 params block: 64 bytes, expected 4160/],
      [pick("i16_lut513"), corrupt(pick("i16_lut513"), (v) => v.setInt32(12, 0, true)), /header k \(fraction bits, bytes 12\.\.15\) must be 1\.\.30 \(got 0\)/],
      [pick("i16_lut513"), corrupt(pick("i16_lut513"), (v) => v.setInt32(24, 3, true)), /header right_kind \(bytes 24\.\.27\) must be 0, 1 or 2 \(got 3\)/],
      [pick("i16_poly3"), pick("i16_lut513").paramBytes, /i16_poly3 params block: 4160 bytes, expected 2112/],
    ];
    for (const [c, bytes, msg] of bad) {
      let err: unknown;
      try {
        firmwareExport({ spec: spec(c), paramBytes: bytes, params: {} });
      } catch (e) {
        err = e;
      }
      expect(err, String(msg)).toBeInstanceOf(QactError);
      expect((err as QactError).field).toBe("paramBytes");
      expect((err as Error).message).toMatch(msg);
    }
  });

  it("examples/c/example.c builds with the headers its comment generates and prints what the WASM kernels compute", async () => {
    const dir = mkdtempSync(join(tmpdir(), "qact-ex-"));
    const sig = { op: "sigmoid", dtype: "int8" as const, input: { scale: 0.0625, zeroPoint: 0 } };
    const r6 = { op: "relu6", dtype: "int16" as const, method: "fixed", input: { scale: 0.001, zeroPoint: 0 }, output: { scale: 0.0002, zeroPoint: 0 } };
    writeFileSync(join(dir, "sigmoid_lut.h"), renderExport(await prepareExport(sig), "c", undefined, "test"));
    writeFileSync(join(dir, "relu6.h"), renderExport(await prepareExport(r6), "c", undefined, "test"));
    const exe = join(dir, "example");
    const cc = spawnSync("gcc", [...CFLAGS, "-I", dir, "-I", EXAMPLES, join(EXAMPLES, "example.c"), join(EXAMPLES, "qact_ref.c"), "-o", exe], { encoding: "utf8" });
    expect(cc.status, cc.stderr).toBe(0);
    const run = spawnSync(exe, [], { encoding: "utf8" });
    const y8 = Array.from(scalar.prepare(sig).run(Int8Array.from([-128, -16, 0, 16, 127])));
    const y16 = Array.from(scalar.prepare(r6).run(Int16Array.from([-1000, 0, 1000, 30000])));
    expect(run.stdout).toBe(`${y8.join(" ")}\n${y16.join(" ")}\n`);
    expect(y16).toEqual([0, 0, 5000, 30000]); // relu6(1.0)/0.0002 = 5000; relu6(30) = 6 → 30000
  });
});
