// Host 5: a Cortex-M4 microcontroller. The same wasm2c output as the native host, cross-compiled
// with arm-none-eabi-gcc (-mcpu=cortex-m4 -mthumb; soft-float for every module: integer-only modules
// need no FPU, the scalar build's f32/f64 run through libgcc; the scalar build a second time with the
// M4F's single-precision FPU, -mfloat-abi=hard -mfpu=fpv4-sp-d16), linked with examples/mcu/
// (startup, linker script), run under qemu-system-arm -M mps2-an386 with semihosting. The vector
// blob (10 MB: too big for the 4 MiB flash) is not linked in: the firmware reads it case by case
// from the host file through semihosting (its absolute path is compiled in as QACT_VECTORS_FILE).
import { join, resolve } from "node:path";
import { wasm2cBuilds } from "./builds.mjs";
import { convert, WASM2C_RUNTIME, WASM2C_INCLUDE } from "./wasm2c.mjs";
import { run, checkVectorOutput, summary } from "./run.mjs";

export const MCU_CFLAGS = ["-mcpu=cortex-m4", "-mthumb", "-O2", "-std=gnu11", "-ffunction-sections", "-fdata-sections",
  // WASM never fuses a multiply and an add; gcc in gnu mode would (vfma.f32 on the M4F: sigmoid:f32:fast
  // and silu:f32:fast were 1 ULP off Node at input -7.906 (0xc0fd0000) with -mfpu=fpv4-sp-d16)
  "-ffp-contract=off",
  // wasm2c passes wasm_rt_type_t (an enum) through varargs: with the EABI toolchain's short enums gcc
  // compiles that va_arg to a trap (udf), so enums are int-sized here, as on every hosted target
  "-fno-short-enums"];

/** soft: no FPU (libgcc routines); fpu: the Cortex-M4F's FPv4-SP for f32 (f64 stays in libgcc). */
export const FLOAT_ABI = { soft: ["-mfloat-abi=soft"], fpu: ["-mfloat-abi=hard", "-mfpu=fpv4-sp-d16"] };

export function buildFirmware(build, wasm, outDir, blobPath, floatAbi = "soft") {
  convert(wasm, outDir);
  const elf = join(outDir, "qact-mcu.elf");
  run("arm-none-eabi-gcc", [...MCU_CFLAGS, ...FLOAT_ABI[floatAbi], `-DQACT_HOST_NAME="cortex-m4-qemu/${build}"`, `-DQACT_VECTORS_FILE=${JSON.stringify(resolve(blobPath))}`,
    "-I", outDir, "-I", "examples/c-host", "-I", "examples/mcu/include", "-I", WASM2C_RUNTIME, "-I", WASM2C_INCLUDE,
    "examples/mcu/startup.c", "examples/mcu/main.c", "examples/c-host/qact_vectors.c",
    join(outDir, "qact.c"), join(outDir, "qact_exports.gen.c"), join(WASM2C_RUNTIME, "wasm-rt-impl.c"),
    "-nostartfiles", "--specs=nano.specs", "--specs=nosys.specs", "-Wl,--gc-sections", "-Wl,--no-enum-size-warning", "-T", "examples/mcu/mps2-an386.ld",
    "-lm", "-o", elf], { allowFail: false });
  return elf;
}

export function runFirmware(elf, timeout = 240_000) {
  return run("qemu-system-arm", ["-M", "mps2-an386", "-cpu", "cortex-m4", "-nographic", "-monitor", "none", "-serial", "none",
    "-semihosting-config", "enable=on,target=native", "-kernel", elf], { timeout });
}

/** Soft-float helpers (libgcc) linked into the firmware: none may appear in an integer-only build. */
export function softFloatSymbols(elf) {
  const { stdout } = run("arm-none-eabi-nm", [elf], { allowFail: false });
  return [...stdout.matchAll(/ T (__aeabi_[fdi]2[fdi]\w*|__aeabi_[fd](add|sub|mul|div|cmp\w*)|__(add|sub|mul|div)[sd]f3|__(fix|float)\w*[sd]f\w*)$/gm)].map((m) => m[1]);
}

export async function testMcu(cases, blobPath, workDir, log) {
  const failures = [];
  const variants = [];
  for (const b of await wasm2cBuilds(workDir, log)) {
    variants.push({ ...b, floatAbi: "soft" });
    if (!b.intOnly) variants.push({ ...b, name: `${b.name}-fpu`, floatAbi: "fpu" });
  }
  for (const { name: build, wasm, intOnly, floatAbi } of variants) {
    const host = `cortex-m4-qemu/${build}`;
    const elf = buildFirmware(build, wasm, join(workDir, `mcu-${build}`), blobPath, floatAbi);
    const soft = softFloatSymbols(elf);
    if (intOnly && soft.length) failures.push(`${host}: integer-only firmware links soft-float helpers: ${soft.join(", ")}`);
    if (!intOnly) log(`  ${host}: ${floatAbi === "fpu" ? "f32 on the FPU, " : ""}${soft.length} libgcc soft-float helpers linked`);
    const { stdout: out, stderr, status } = runFirmware(elf);
    const stdout = out + stderr; // QEMU prints semihosting output on stderr
    const f = checkVectorOutput(host, stdout, cases, (c) => intOnly && c.spec.dtype === "f32");
    if (status !== 0 && f.length === 0) f.push(`${host}: qemu exited ${status}\n${stdout.slice(-1000)}`);
    log(`  ${host}: ${summary(stdout, cases, f)}`);
    failures.push(...f);
  }
  return failures;
}
