// docs/abi.md documents every kernel export, and its hand-written JavaScript example (no qact runtime,
// only the ABI) runs as written and computes what the runtime computes.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { KERNELS } from "../src/kernels/registry.js";
import { load } from "../src/runtime/runtime.js";

const root = join(import.meta.dirname, "..");
const abi = readFileSync(join(root, "docs/abi.md"), "utf8");

describe("docs/abi.md", () => {
  it("documents the params block of every kernel export of the registry and of the builds", () => {
    const exports = new Set(KERNELS.map((k) => k.exportName));
    for (const build of ["simd", "scalar"]) {
      const mod = new WebAssembly.Module(readFileSync(join(root, `build/qact.${build}.wasm`)));
      for (const e of WebAssembly.Module.exports(mod)) if (e.kind === "function") exports.add(e.name);
    }
    for (const e of exports) expect(abi, `docs/abi.md must document export ${e}`).toContain(`\`${e}\``);
  });

  it("the by-hand JavaScript example runs and equals the runtime's output", async () => {
    const code = abi.match(/```js\n([\s\S]*?)```/)![1];
    const rt = await load({ engine: "scalar" });
    const k = rt.prepare({ op: "sigmoid", dtype: "int8", method: "lut" });
    const codes = Int8Array.from({ length: 1024 }, (_, i) => ((i * 37) % 256) - 128);
    const run = new Function("wasmBytes", "tableBytes", "codes", `return (async () => { ${code}; return Array.from(y); })();`);
    const y = await run(readFileSync(join(root, "build/qact.simd.wasm")), k.paramBytes, codes);
    expect(y).toEqual(Array.from(k.run(codes)));
  });
});
