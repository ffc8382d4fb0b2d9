// Builds every target of the asconfig files, with the .wat beside each, then checks what the ABI
// promises: the module validates, imports nothing and exports its memory.
//   asconfig.json      build/qact.simd.wasm (SIMD128) and build/qact.scalar.wasm, from assembly/index.ts
//   asconfig.int.json  build/qact.int.wasm, the integer-only build (its own entry file, so it cannot be a
//                      target of asconfig.json, whose entries asc always appends)
//   asconfig.ref.json  build/qact.ref.wasm, the float64 references of `qact sweep`/`check` (not a kernel build)
// The kernel builds use shrinkLevel 1: AssemblyScript's std Math then takes its table-free exp/log
// (fdlibm-derived, < 1 ULP of float64), which drops a 6 KiB data section and brings the SIMD build
// from 68,010 to ~61,900 bytes (target ≤ 64 KiB, docs/sizes.md). Only the scalar float64 derivative
// kernels call std Math; they were 8-57% slower in an A/B run (f32_derivative sigmoid/tanh/gelu,
// n = 2^20, medians of 15), with bit-identical outputs on 8 × 64 Ki inputs per kernel; the vector
// kernels use their own exp and did not change. Both builds share the option, so they keep computing
// the same bits by construction.
//
//
// The SIMD target then goes through src/builder/pool-constants.ts (constants of loops loaded once
// from a pool in memory instead of rebuilt by V8 at every use; that file has the measurements), which
// is why `npm run build` compiles the TypeScript first; build/qact.relaxed.wasm is derived from the
// pooled SIMD module by src/builder/relaxed.ts.
import asc from "assemblyscript/asc";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { assemblePooled, assemble } from "../dist/builder/pool-constants.js";
import { relaxLaneSelects } from "../dist/builder/relaxed.js";

mkdirSync("build", { recursive: true });
for (const configFile of ["asconfig.json", "asconfig.int.json", "asconfig.ref.json"]) {
  const config = JSON.parse(readFileSync(configFile, "utf8"));
  for (const [target, { outFile }] of Object.entries(config.targets)) {
    const { error, stderr } = await asc.main(["--config", configFile, "--target", target]);
    if (error) {
      process.stderr.write(stderr.toString());
      console.error(`build-wasm: ${configFile} target ${target} failed: ${error.message}`);
      process.exit(1);
    }
    if (target === "simd") {
      const { textFile } = config.targets[target];
      const { text, bytes, constants, uses, loadSplats } = await assemblePooled(readFileSync(textFile, "utf8"));
      writeFileSync(outFile, bytes);
      writeFileSync(textFile, text);
      console.log(`build-wasm: ${outFile}: ${constants} loop constants pooled (${uses} uses), ${loadSplats} load + splat pairs fused`);
      // build/qact.relaxed.wasm: the same module with comparison-masked bitselects as relaxed_laneselect
      const relaxed = relaxLaneSelects(text);
      writeFileSync("build/qact.relaxed.wasm", await assemble(relaxed.text));
      writeFileSync("build/qact.relaxed.wat", relaxed.text);
      console.log(`build-wasm: build/qact.relaxed.wasm: ${relaxed.replaced} of ${relaxed.bitselects} bitselects as relaxed_laneselect`);
    }
    const mod = new WebAssembly.Module(readFileSync(outFile));
    const imports = WebAssembly.Module.imports(mod);
    const hasMemory = WebAssembly.Module.exports(mod).some((e) => e.name === "memory" && e.kind === "memory");
    if (imports.length > 0 || !hasMemory) {
      console.error(`build-wasm: ${outFile} must import nothing and export memory ` +
        `(imports: ${imports.map((i) => `${i.module}.${i.name}`).join(", ") || "none"}, memory exported: ${hasMemory})`);
      process.exit(1);
    }
    console.log(`build-wasm: ${outFile} (${readFileSync(outFile).length} bytes)`);
  }
}
