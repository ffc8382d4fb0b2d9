// Host 4: wasm2c native. Converts each wasm2c-able build (scalar; the integer-only build when
// build/qact.int.wasm exists) to C, compiles it with gcc together with examples/c-host/ and the
// wasm2c runtime, and runs the vector blob through it.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { convert, WASM2C_RUNTIME } from "./wasm2c.mjs";
import { run, checkVectorOutput } from "./run.mjs";

export const C_BUILDS = ["scalar", "int"];

export function buildNative(build, outDir) {
  convert(`build/qact.${build}.wasm`, outDir);
  const exe = join(outDir, "qact-host");
  run("gcc", ["-O2", "-std=gnu11", "-Wall", "-Wno-unused-function", "-I", outDir, "-I", "examples/c-host", "-I", WASM2C_RUNTIME,
    "examples/c-host/main.c", "examples/c-host/qact_vectors.c", join(outDir, "qact.c"), join(outDir, "qact_exports.gen.c"),
    join(WASM2C_RUNTIME, "wasm-rt-impl.c"), "-lm", "-o", exe], { allowFail: false });
  return exe;
}

/** Returns failure lines (empty when every case matched). */
export function testCNative(cases, blobPath, workDir, log) {
  const failures = [];
  for (const build of C_BUILDS) {
    if (!existsSync(`build/qact.${build}.wasm`)) {
      if (build === "int") log("  wasm2c-native/int: build/qact.int.wasm not built yet; skipped");
      else failures.push(`wasm2c-native/${build}: build/qact.${build}.wasm missing`);
      continue;
    }
    const host = `wasm2c-native/${build}`;
    const exe = buildNative(build, join(workDir, `c-${build}`));
    const { stdout } = run(exe, [host, blobPath]);
    const f = checkVectorOutput(host, stdout, cases, (c) => build === "int" && c.spec.dtype === "f32");
    log(`  ${host}: ${cases.length - f.length}/${cases.length} kernels identical to Node`);
    failures.push(...f);
  }
  return failures;
}
