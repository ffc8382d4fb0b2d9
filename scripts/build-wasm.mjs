// Builds every target of asconfig.json (build/qact.simd.wasm with SIMD128, build/qact.scalar.wasm
// without) from assembly/index.ts, with the .wat beside each, then checks what the ABI promises:
// the module validates, imports nothing and exports its memory.
import asc from "assemblyscript/asc";
import { readFileSync, mkdirSync } from "node:fs";

const config = JSON.parse(readFileSync("asconfig.json", "utf8"));
mkdirSync("build", { recursive: true });
for (const [target, { outFile }] of Object.entries(config.targets)) {
  const { error, stderr } = await asc.main(["--config", "asconfig.json", "--target", target]);
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

// The float64 reference module of `qact sweep` (assembly/ref/; not part of the kernel builds).
{
  const { error, stderr } = await asc.main(["--config", "asconfig.ref.json", "--target", "ref"]);
  if (error) {
    process.stderr.write(stderr.toString());
    console.error(`build-wasm: reference module failed: ${error.message}`);
    process.exit(1);
  }
  const mod = new WebAssembly.Module(readFileSync("build/qact.ref.wasm"));
  if (WebAssembly.Module.imports(mod).length > 0) {
    console.error("build-wasm: build/qact.ref.wasm must import nothing");
    process.exit(1);
  }
  console.log(`build-wasm: build/qact.ref.wasm (${readFileSync("build/qact.ref.wasm").length} bytes)`);
}
