// Size budgets of issue 6 (measured by scripts/sizes.mjs, which also writes docs/sizes.md): SIMD build
// ≤ 64 KiB, scalar (and integer-only) ≤ 48 KiB, a minimal int8 module with three kernels ≤ 8 KiB.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
// @ts-expect-error: plain .mjs script without types
import { measureSizes } from "../scripts/sizes.mjs";
import { KERNELS } from "../src/kernels/registry.js";

describe("module sizes", async () => {
  const m = await measureSizes();
  it("every module is within its budget", () => {
    expect(m.rows.length).toBeGreaterThanOrEqual(4);
    for (const r of m.rows) expect(r.bytes, `${r.name}: ${r.bytes} bytes > budget ${r.budget}`).toBeLessThanOrEqual(r.budget);
  });
  it("docs/sizes.md lists the params/table bytes of every kernel export", () => {
    const doc = readFileSync(new URL("../docs/sizes.md", import.meta.url), "utf8");
    for (const e of new Set(KERNELS.map((k) => k.exportName))) expect(doc, `run npm run sizes: ${e} missing`).toContain(`| \`${e}\` |`);
  });
});
