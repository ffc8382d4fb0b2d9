// Host 4: wasm2c native. Converts each wasm2c-able build (scripts/hosts/builds.mjs: scalar, the
// integer-only build when build/qact.int.wasm exists, int-kernels) to C, compiles it with gcc together
// with examples/c-host/ and the wasm2c runtime, and runs the vector blob through it.
import { join } from "node:path";
import { wasm2cBuilds } from "./builds.mjs";
import { convert, WASM2C_RUNTIME } from "./wasm2c.mjs";
import { run, checkVectorOutput, summary } from "./run.mjs";

export function buildNative(wasm, outDir) {
  convert(wasm, outDir);
  const exe = join(outDir, "qact-host");
  // -ffp-contract=off: WASM never fuses a multiply and an add (gcc in gnu mode may, e.g. with -march=native)
  run("gcc", ["-O2", "-std=gnu11", "-ffp-contract=off", "-Wall", "-Wno-unused-function", "-I", outDir, "-I", "examples/c-host", "-I", WASM2C_RUNTIME,
    "examples/c-host/main.c", "examples/c-host/qact_vectors.c", join(outDir, "qact.c"), join(outDir, "qact_exports.gen.c"),
    join(WASM2C_RUNTIME, "wasm-rt-impl.c"), "-lm", "-o", exe], { allowFail: false });
  return exe;
}

/** Returns failure lines (empty when every case matched). */
export async function testCNative(cases, blobPath, workDir, log) {
  const failures = [];
  for (const { name, wasm, intOnly } of await wasm2cBuilds(workDir, log)) {
    const host = `wasm2c-native/${name}`;
    const exe = buildNative(wasm, join(workDir, `c-${name}`));
    const { stdout } = run(exe, [host, blobPath]);
    const f = checkVectorOutput(host, stdout, cases, (c) => intOnly && c.spec.dtype === "f32");
    log(`  ${host}: ${summary(stdout, cases, f)}`);
    failures.push(...f);
  }
  return failures;
}
