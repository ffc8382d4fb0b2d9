// The modules the wasm2c hosts (native and Cortex-M4) run: the scalar build; the integer-only build
// build/qact.int.wasm when it exists; and "int-kernels", every integer kernel of the registry in one
// scalar module made by `qact build` (src/builder/minimal.ts), checked to hold no f32/f64 instruction,
// so the FPU-less path is exercised even before build/qact.int.wasm exists.
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import wabtInit from "wabt";
import { KERNELS } from "../../dist/index.js";
import { buildMinimal } from "../../dist/builder/minimal.js";

/** Float instructions in a module's text (none allowed in integer-only modules). */
export async function floatInstructions(bytes) {
  const wabt = await wabtInit();
  const mod = wabt.readWasm(bytes, { readDebugNames: false });
  const text = mod.toText({});
  mod.destroy();
  return [...new Set(text.match(/\b(f32|f64)\.[a-z_0-9]+/g) ?? [])];
}

let cached;
export async function wasm2cBuilds(workDir, log) {
  if (cached) return cached;
  const builds = [{ name: "scalar", wasm: "build/qact.scalar.wasm", intOnly: false }];
  if (existsSync("build/qact.int.wasm")) builds.push({ name: "int", wasm: "build/qact.int.wasm", intOnly: true });
  else log("  build/qact.int.wasm not built yet: the integer-only build is added automatically when it exists");
  const ints = KERNELS.filter((k) => k.dtype !== "f32");
  const m = await buildMinimal(ints, "scalar");
  const floats = await floatInstructions(m.bytes);
  if (floats.length) throw new Error(`int-kernels module uses float instructions: ${floats.join(", ")}`);
  const wasm = join(workDir, "qact.int-kernels.wasm");
  writeFileSync(wasm, m.bytes);
  log(`  int-kernels: ${m.exports.length} integer exports, ${m.bytes.length} bytes, no f32/f64 instruction`);
  builds.push({ name: "int-kernels", wasm, intOnly: true });
  return (cached = builds);
}
