// The built modules keep the ABI's promises: valid, no imports, memory exported, every kernel of the
// registry exported, and no v128 anywhere in the scalar build.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import wabtInit from "wabt";
import { KERNELS } from "../src/kernels/registry.js";

const wabt = await wabtInit();

function wat(path: string): string {
  const bytes = new Uint8Array(readFileSync(new URL(`../${path}`, import.meta.url)));
  const mod = wabt.readWasm(bytes, { readDebugNames: false, simd: true, relaxed_simd: true });
  mod.validate();
  return mod.toText({});
}

describe.each(["build/qact.simd.wasm", "build/qact.scalar.wasm"])("%s", (path) => {
  const text = wat(path);
  it("imports nothing and exports its memory", () => {
    expect(text).not.toMatch(/\(import /);
    expect(text).toMatch(/\(export "memory" \(memory/);
  });
  it("exports every kernel of the registry", () => {
    for (const k of KERNELS) expect(text).toContain(`(export "${k.exportName}"`);
  });
  it(path.includes("scalar") ? "has no SIMD instruction" : "uses SIMD", () => {
    const simdOps = (text.match(/\b(v128|i8x16|i16x8|i32x4|i64x2|f32x4|f64x2)\./g) ?? []).length;
    if (path.includes("scalar")) expect(simdOps).toBe(0);
    else expect(simdOps).toBeGreaterThan(100);
  });
});

// src/builder/pool-constants.ts: loops load their constants from a pool below heap_base() instead
// of rebuilding them (V8 turns every v128.const into three instructions at each use)
describe("build/qact.simd.wasm constant pool", () => {
  it("has no v128.const inside a loop other than zero and all-ones", () => {
    const offending: string[] = [];
    let depth = 0, loops = 0, pooledLoads = 0;
    const stack: string[] = [];
    for (const raw of wat("build/qact.simd.wasm").split("\n")) {
      const op = raw.trim();
      if (op.startsWith("(func")) { stack.length = 0; depth = 0; }
      else if (/^(block|loop|if)\b/.test(op)) { stack.push(op.split(/\s/)[0]); if (op.startsWith("loop")) { depth++; loops++; } }
      else if (op === "end" || op.startsWith("end ")) { if (stack.pop() === "loop") depth--; }
      else if (depth > 0 && op.startsWith("v128.const") &&
        !/^v128\.const i32x4 (0x0+ ?){4}$|^v128\.const i32x4 (0xffffffff ?){4}$/.test(op)) offending.push(op);
      else if (depth === 0 && /^v128\.load(32|64)_splat/.test(op)) pooledLoads++;
    }
    expect(loops).toBeGreaterThan(50);
    expect(pooledLoads).toBeGreaterThan(100);
    expect(offending).toEqual([]);
  });
  it("keeps the pool below heap_base()", async () => {
    const bytes = readFileSync(new URL("../build/qact.simd.wasm", import.meta.url));
    const { instance } = await WebAssembly.instantiate(bytes);
    const heapBase = (instance.exports.heap_base as () => number)();
    const mem = new Uint8Array((instance.exports.memory as WebAssembly.Memory).buffer);
    expect(heapBase).toBeGreaterThan(1024);
    expect(mem.slice(heapBase, heapBase + 4096).every((b) => b === 0)).toBe(true);
    expect(mem.slice(1024, heapBase).some((b) => b !== 0)).toBe(true);
  });
});

// src/builder/relaxed.ts: only comparison-masked bitselects become relaxed_laneselect, no other relaxed op
describe("build/qact.relaxed.wasm", () => {
  const text = wat("build/qact.relaxed.wasm");
  it("is the SIMD build with relaxed_laneselect for comparison masks and no other relaxed instruction", () => {
    const relaxedOps = new Set(text.match(/\b[a-z0-9]+\.relaxed_[a-z0-9_]+/g) ?? []);
    expect([...relaxedOps]).toEqual(["i8x16.relaxed_laneselect"]);
    expect((text.match(/i8x16\.relaxed_laneselect/g) ?? []).length).toBeGreaterThan(100);
    for (const k of KERNELS) expect(text).toContain(`(export "${k.exportName}"`);
    expect(text).not.toMatch(/\(import /);
  });
});
