// --self-check: proves the harness can fail. Node's expected output is corrupted for one element of
// one int16 kernel and one f32 kernel; every host must then report exactly those kernels, with the
// corrupted element's index as the first differing input, and pass every other kernel.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { encodeCases } from "./vectors.mjs";

export async function selfCheckHosts(cases, workDir, log, want) {
  const dir = join(workDir, "self-check");
  mkdirSync(dir, { recursive: true });
  const i16 = cases.findIndex((c) => c.spec.dtype === "int16" && c.nIn === c.nOut);
  const f32 = cases.findIndex((c) => c.spec.dtype === "f32");
  const targets = [{ at: i16, index: 12345 }, { at: f32, index: 777 }].filter((t) => t.at >= 0);
  const bad = cases.map((c) => ({ ...c, expected: c.expected.slice() }));
  for (const t of targets) bad[t.at].expected[t.index * bad[t.at].outBpe] ^= 0x01;
  const blob = join(dir, "vectors.bin");
  writeFileSync(blob, encodeCases(bad));

  const hosts = {
    browser: async () => (await import("./browser.mjs")).testBrowser(bad, dir, () => {}),
    interp: async () => (await import("./interp.mjs")).testInterp(bad, dir, () => {}),
    c: async () => (await import("./c-native.mjs")).testCNative(bad, blob, dir, () => {}),
    mcu: async () => (await import("./mcu.mjs")).testMcu(bad, blob, dir, () => {}),
  };
  const problems = [];
  for (const [name, test] of Object.entries(hosts)) {
    if (!want(name)) continue;
    const failures = await test();
    const hostsSeen = new Set(failures.map((f) => f.match(/host=(\S+)/)?.[1]));
    for (const host of hostsSeen) {
      const mine = failures.filter((f) => f.includes(`host=${host} `));
      // integer-only modules (…/int, …/int-kernels) have no f32 kernels to report
      const intOnly = /\/int(-kernels)?$/.test(host);
      const expectedLines = targets.filter((t) => !(intOnly && bad[t.at].spec.dtype === "f32"))
        .map((t) => `host=${host} case=${bad[t.at].label} MISMATCH index=${t.index} `);
      const ok = mine.length === expectedLines.length && expectedLines.every((e) => mine.some((f) => f.includes(e)));
      if (!ok) problems.push(`self-check: ${host} should report exactly ${expectedLines.join(" and ")}; it reported:\n${mine.join("\n")}`);
    }
    if (hostsSeen.size === 0) problems.push(`self-check: ${name} reported no mismatch for corrupted vectors`);
    log(`self-check: ${name}: ${[...hostsSeen].join(", ")} reported the corrupted elements, e.g.\n  ${failures[0] ?? "(nothing)"}`);
  }
  return problems;
}
