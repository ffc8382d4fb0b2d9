// The integer-only build (build/qact.int.wasm) holds the eval code of every integer kernel of the
// registry, contains no f32/f64 instruction, type or constant (for FPU-less microcontrollers) and no
// SIMD, and computes exactly what the scalar build computes.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import wabtInit from "wabt";
import { KERNELS } from "../src/kernels/registry.js";
import { load } from "../src/runtime/runtime.js";
import { allCodes } from "../src/quant/dtype.js";

const wabt = await wabtInit();
const bytes = new Uint8Array(readFileSync(new URL("../build/qact.int.wasm", import.meta.url)));
const mod = wabt.readWasm(bytes, { readDebugNames: false });
mod.validate();
const text = mod.toText({});
const intKernels = KERNELS.filter((k) => k.dtype !== "f32");

describe("build/qact.int.wasm", () => {
  it("imports nothing and exports its memory and heap_base", () => {
    expect(text).not.toMatch(/\(import /);
    expect(text).toMatch(/\(export "memory" \(memory/);
    expect(text).toMatch(/\(export "heap_base" \(func/);
  });

  it("exports every integer kernel of the registry and no f32 kernel", () => {
    expect(intKernels.length).toBeGreaterThan(20);
    for (const k of intKernels) expect(text).toContain(`(export "${k.exportName}"`);
    expect(text).not.toMatch(/\(export "f32_/);
  });

  it("has no f32/f64 instruction, local, param, result or global, and no SIMD", () => {
    const floats = text.match(/\bf(32|64)[.\s)]/g) ?? [];
    expect(floats, `float tokens: ${floats.slice(0, 5).join(" ")}`).toEqual([]);
    expect(text).not.toMatch(/\b(v128|i8x16|i16x8|i32x4|i64x2|f32x4|f64x2)\b/);
    // the check can fail: the scalar build (with the f32 kernels) does contain float instructions
    const scalar = wabt.readWasm(new Uint8Array(readFileSync(new URL("../build/qact.scalar.wasm", import.meta.url))), { readDebugNames: false }).toText({});
    expect(scalar).toMatch(/\bf(32|64)\./);
  });

  it("computes exactly what the scalar build computes, every integer kernel, every input code", async () => {
    const intRt = await load({ engine: "scalar", wasm: bytes });
    const scalarRt = await load({ engine: "scalar" });
    for (const spec of intKernels) {
      if ((spec.shape ?? "elementwise") !== "elementwise") continue;
      const codes = allCodes(spec.dtype as "int8" | "int16");
      const [a, b] = [intRt, scalarRt].map((rt) => {
        const k = rt.prepare({ op: spec.op.name, dtype: spec.dtype, method: spec.method });
        const y = k.run(codes);
        k.dispose();
        return y;
      });
      expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer)), `${spec.op.name} ${spec.dtype} ${spec.method}`).toBe(true);
    }
  });
});
