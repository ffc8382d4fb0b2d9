// The built modules keep the ABI's promises: valid, no imports, memory exported, every kernel of the
// registry exported, and no v128 anywhere in the scalar build.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import wabtInit from "wabt";
import { KERNELS } from "../src/kernels/registry.js";

const wabt = await wabtInit();

function wat(path: string): string {
  const bytes = new Uint8Array(readFileSync(new URL(`../${path}`, import.meta.url)));
  const mod = wabt.readWasm(bytes, { readDebugNames: false, simd: true });
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
