// npm run test:hosts — the same bits in every host. For each kernel of the registry (a fixed param
// set each: the op's defaults), over all int8 codes, all int16 codes and a fixed f32 sample, every
// host's output bytes must equal Node's (V8, SIMD and scalar builds). Hosts: headless Chromium,
// (both builds), wasm-interp (wabt; both builds' kernels with self-test exports), wasm2c native (gcc;
// the scalar build, build/qact.int.wasm when it exists, and an integer-only qact-build module),
// Cortex-M4 under QEMU (mps2-an386, semihosting; the same modules, soft float, plus the scalar build
// on the M4F FPU). A mismatch prints the host, the kernel and the first differing input.
//
//   node scripts/test-hosts.mjs [--only browser,interp,c,mcu] [--self-check]
// --self-check also corrupts one expected element of an int16 and of an f32 kernel and checks that
// every host reports exactly those kernels at those inputs (the harness can fail).
// Needs the Debian packages installed by .ci/run (wabt, gcc, gcc-arm-none-eabi, libnewlib-arm-none-eabi,
// qemu-system-arm, chromium). Work files go to build/hosts/.
import { mkdirSync, writeFileSync } from "node:fs";
import { buildCases, encodeCases } from "./hosts/vectors.mjs";

const argv = process.argv.slice(2);
const onlyArg = argv.includes("--only") ? argv[argv.indexOf("--only") + 1].split(",") : null;
const want = (h) => !onlyArg || onlyArg.includes(h);
const selfCheck = argv.includes("--self-check");
const log = (s) => console.log(s);
const WORK = "build/hosts";
mkdirSync(WORK, { recursive: true });

const t0 = Date.now();
const cases = await buildCases();
const blobPath = `${WORK}/vectors.bin`;
writeFileSync(blobPath, encodeCases(cases));
log(`test-hosts: ${cases.length} kernels; Node vectors in ${blobPath} (${(Date.now() - t0) / 1000}s)`);

const HOSTS = {
  browser: async () => (await import("./hosts/browser.mjs")).testBrowser(cases, WORK, log),
  interp: async () => (await import("./hosts/interp.mjs")).testInterp(cases, WORK, log),
  c: async () => (await import("./hosts/c-native.mjs")).testCNative(cases, blobPath, WORK, log),
  mcu: async () => (await import("./hosts/mcu.mjs")).testMcu(cases, blobPath, WORK, log),
};

let failures = [];
for (const [name, test] of Object.entries(HOSTS)) {
  if (!want(name)) continue;
  const t = Date.now();
  log(`test-hosts: ${name}`);
  const f = await test();
  log(`test-hosts: ${name} ${f.length ? "FAILED" : "passed"} (${((Date.now() - t) / 1000).toFixed(1)}s)`);
  failures.push(...f);
}

if (selfCheck) {
  const { selfCheckHosts } = await import("./hosts/self-check.mjs");
  failures.push(...(await selfCheckHosts(cases, WORK, log, want)));
}

if (failures.length) {
  console.error(`test-hosts: ${failures.length} failure(s):\n${failures.join("\n")}`);
  process.exit(1);
}
log(`test-hosts: all hosts identical to Node (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
