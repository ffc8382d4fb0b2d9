// Host 5: a Cortex-M4 microcontroller. The same wasm2c output as the native host, cross-compiled
// with arm-none-eabi-gcc (-mcpu=cortex-m4 -mthumb, soft-float: the integer-only build needs no FPU,
// and the scalar build's f32/f64 code runs through libgcc's soft-float routines), linked with the
// vector blob and examples/mcu/ (startup, linker script), run under qemu-system-arm -M mps2-an386
// with semihosting.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { convert, WASM2C_RUNTIME, WASM2C_INCLUDE } from "./wasm2c.mjs";
import { run, checkVectorOutput } from "./run.mjs";

export const MCU_BUILDS = ["scalar", "int"];
export const MCU_CFLAGS = ["-mcpu=cortex-m4", "-mthumb", "-mfloat-abi=soft", "-O2", "-std=gnu11", "-ffunction-sections", "-fdata-sections",
  // wasm2c passes wasm_rt_type_t (an enum) through varargs: with the EABI toolchain's short enums gcc
  // compiles that va_arg to a trap (udf), so enums are int-sized here, as on every hosted target
  "-fno-short-enums"];

export function buildFirmware(build, outDir, blobPath) {
  convert(`build/qact.${build}.wasm`, outDir);
  const elf = join(outDir, "qact-mcu.elf");
  const blobDir = resolve(blobPath, "..");
  run("arm-none-eabi-gcc", [...MCU_CFLAGS, `-DQACT_HOST_NAME="cortex-m4-qemu/${build}"`,
    "-I", outDir, "-I", "examples/c-host", "-I", "examples/mcu/include", "-I", WASM2C_RUNTIME, "-I", WASM2C_INCLUDE, `-Wa,-I,${blobDir}`,
    "examples/mcu/startup.c", "examples/mcu/main.c", "examples/mcu/vectors.S", "examples/c-host/qact_vectors.c",
    join(outDir, "qact.c"), join(outDir, "qact_exports.gen.c"), join(WASM2C_RUNTIME, "wasm-rt-impl.c"),
    "-nostartfiles", "--specs=nano.specs", "--specs=nosys.specs", "-Wl,--gc-sections", "-Wl,--no-enum-size-warning", "-T", "examples/mcu/mps2-an386.ld",
    "-lm", "-o", elf], { allowFail: false });
  return elf;
}

export function runFirmware(elf, timeout = 240_000) {
  return run("qemu-system-arm", ["-M", "mps2-an386", "-cpu", "cortex-m4", "-nographic", "-monitor", "none", "-serial", "none",
    "-semihosting-config", "enable=on,target=native", "-kernel", elf], { timeout });
}

export function testMcu(cases, blobPath, workDir, log) {
  const failures = [];
  for (const build of MCU_BUILDS) {
    if (!existsSync(`build/qact.${build}.wasm`)) {
      if (build === "int") log("  cortex-m4-qemu/int: build/qact.int.wasm not built yet; skipped");
      else failures.push(`cortex-m4-qemu/${build}: build/qact.${build}.wasm missing`);
      continue;
    }
    const host = `cortex-m4-qemu/${build}`;
    const elf = buildFirmware(build, join(workDir, `mcu-${build}`), blobPath);
    const { stdout: out, stderr, status } = runFirmware(elf);
    const stdout = out + stderr; // QEMU prints semihosting output on stderr
    const f = checkVectorOutput(host, stdout, cases, (c) => build === "int" && c.spec.dtype === "f32");
    if (status !== 0 && f.length === 0) f.push(`${host}: qemu exited ${status}\n${stdout.slice(-1000)}`);
    log(`  ${host}: ${cases.length - f.length}/${cases.length} kernels identical to Node`);
    failures.push(...f);
  }
  return failures;
}
