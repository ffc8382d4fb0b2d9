// Builds every target of asconfig.json (build/qact.simd.wasm with SIMD128, build/qact.scalar.wasm
// without) from assembly/index.ts, with the .wat beside each, then checks what the ABI promises:
// the module validates, imports nothing and exports its memory.
import asc from "assemblyscript/asc";
import { readFileSync, mkdirSync } from "node:fs";

// asconfig.int.json: the integer-only build (its own entry file, so it cannot be a target of asconfig.json,
// whose entries asc always appends).
for (const configFile of ["asconfig.json", "asconfig.int.json"]) {
const config = JSON.parse(readFileSync(configFile, "utf8"));
mkdirSync("build", { recursive: true });
for (const [target, { outFile }] of Object.entries(config.targets)) {
  const { error, stderr } = await asc.main(["--config", configFile, "--target", target]);
  if (error) {
    process.stderr.write(stderr.toString());
    console.error(`build-wasm: target ${target} failed: ${error.message}`);
    process.exit(1);
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
