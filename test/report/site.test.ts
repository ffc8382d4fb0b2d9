// The HTML report's pages (src/report/html/): one page per op, self-contained (no scripts, no
// network), the table of every kernel, the registry's properties and params, speed from a bench file.
import { beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { load, type Runtime } from "../../src/runtime/runtime.js";
import { buildReport, errorFigures, type Report } from "../../src/report/accuracy.js";
import { buildSite, writeSite } from "../../src/report/html/site.js";
import { parseBenchJson } from "../../src/report/html/bench.js";
import { OPS } from "../../src/ops/index.js";
import { KERNELS, kernelName } from "../../src/kernels/registry.js";
import { QactError } from "../../src/errors.js";

let rt: Runtime, report: Report, files: Map<string, string>;
beforeAll(async () => {
  rt = await load({ engine: "simd" });
  report = buildReport(rt, undefined, { speed: false });
  files = buildSite(report, rt);
});

/** Row-op kernels plotted on the sample row (shape rows or groups, not derivative kernels). */
const rowKernels = (op: (typeof OPS)[number]) =>
  KERNELS.filter((k) => k.op === op && (k.shape === "rows" || k.shape === "groups") && !(k as { derivative?: boolean }).derivative).length;

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

describe("HTML report pages", () => {
  it("an index and one page per op of the catalog", () => {
    expect([...files.keys()].sort()).toEqual(["index.html", ...OPS.map((o) => `ops/${o.name}.html`)].sort());
  });

  it("pages are self-contained: no scripts, stylesheets, images or URLs other than the SVG namespace", () => {
    for (const [rel, html] of files) {
      expect(html, rel).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|@import/i);
      const urls = [...html.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map((m) => m[0]);
      expect(new Set(urls), rel).toEqual(new Set(urls.length ? ["http://www.w3.org/2000/svg"] : []));
    }
  });

  it("the index lists every kernel with its measured error, linking each op page", () => {
    const index = files.get("index.html")!;
    for (const spec of KERNELS) expect(index).toContain(`<code>${kernelName(spec, "simd")}</code>`);
    for (const row of report.rows) {
      const m = row.metrics;
      const [maxE] = errorFigures(m);
      expect(index).toMatch(new RegExp(`${row.kernel}</code></td><td>[^<]*</td><td class="num">${String(Number(maxE.toFixed(3))).replace(".", "\\.")}</td>`));
    }
    for (const op of OPS) expect(index).toContain(`href="ops/${op.name}.html"`);
    for (const name of report.missing) expect(index).toMatch(new RegExp(`No kernel yet for:.*${name}`));
  });

  it("each op page shows formula, usage, properties, params and its plots", () => {
    for (const op of OPS) {
      const html = files.get(`ops/${op.name}.html`)!;
      expect(html).toContain(esc(op.formula));
      expect(html).toContain(esc(op.usage));
      const p = op.properties;
      expect(html).toContain(`<td>monotonic</td><td>${p.monotonic ? "yes" : "no"}</td>`);
      expect(html).toContain(`<td>smooth</td><td>${p.smooth ? "yes" : "no"}</td>`);
      expect(html).toContain(`<td>zero-centred</td><td>${p.zeroCentred ? "yes" : "no"}</td>`);
      expect(html).toContain(`<td>saturating</td><td>${p.saturating ? "yes" : "no"}</td>`);
      for (const ps of op.params) expect(html).toContain(`<code>${ps.name}</code></td><td>${ps.default}</td>`);
      const plots = (html.match(/<svg /g) ?? []).length;
      const kernels = KERNELS.filter((k) => k.op === op).length;
      if (op.ref) expect(plots, op.name).toBe(1 + kernels + (op.derivative ? 1 : 0) + (KERNELS.some((k) => k.op === op && k.dtype !== "f32") ? 1 : 0));
      else expect(plots, op.name).toBe(1 + (op.rowDerivative ? 1 : 0) + rowKernels(op));
      // every clip path id is unique on the page
      const ids = [...html.matchAll(/<clipPath id="([^"]+)"/g)].map((m) => m[1]);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it("the sigmoid page marks the worst input of its int8 kernel with the measured error", () => {
    const html = files.get("ops/sigmoid.html")!;
    const row = report.rows.find((r) => r.op === "sigmoid" && r.dtype === "int8")!;
    if (row.metrics.kind !== "quant") throw new Error("quant");
    const w = row.metrics.worst;
    expect(html).toContain(`worst ${Number((w.y - w.r).toPrecision(4))} LSB at x = ${Number(w.x.toPrecision(4))}`);
  });

  it("speed comes from a benchmark file when given (SIMD zero-copy, largest n)", () => {
    const bench = parseBenchJson(JSON.stringify({ machine: { cpu: "test cpu" }, rows: [
      { op: "relu", dtype: "int8", method: "lut", impl: "qact-simd", mode: "zero-copy", n: 4096, elemsPerSec: 1e9 },
      { op: "relu", dtype: "int8", method: "lut", impl: "qact-simd", mode: "zero-copy", n: 1048576, elemsPerSec: 7.5e9 },
      { op: "relu", dtype: "int8", method: "lut", impl: "qact-simd", mode: "end-to-end", n: 1048576, elemsPerSec: 3e9 },
      { op: "relu", dtype: "int8", method: "lut", impl: "js", mode: "end-to-end", n: 1048576, elemsPerSec: 1e8 },
    ] }), "b.json");
    const index = buildSite(report, rt, { bench }).get("index.html")!;
    expect(index).toContain("Gelem/s (bench)");
    expect(index).toContain("test cpu");
    const row = index.split("\n").find((l) => l.includes("<code>i8_relu__simd_lut_trim</code>"))!;
    expect(row).toMatch(/<td class="num">7\.5<\/td><\/tr>$/);
    const other = index.split("\n").find((l) => l.includes("<code>i8_sigmoid__simd_lut_trim</code>"))!;
    expect(other).toMatch(/<td class="num">—<\/td><\/tr>$/);
  });

  it("a bad benchmark file is a QactError naming --bench", () => {
    expect(() => parseBenchJson("{", "b.json")).toThrow(QactError);
    expect(() => parseBenchJson("{", "b.json")).toThrow(/--bench b\.json is not JSON/);
    expect(() => parseBenchJson("[]", "b.json")).toThrow(/"rows" array/);
    expect(() => parseBenchJson(JSON.stringify({ rows: [{ impl: "qact-simd", mode: "zero-copy", op: "relu" }] }), "b.json")).toThrow(/rows\[0\] needs/);
  });

  it("writeSite writes every page and leaves no temporary file", () => {
    const dir = mkdtempSync(join(tmpdir(), "qact-site-unit-"));
    const index = writeSite(join(dir, "out"), files);
    expect(index).toBe(join(dir, "out", "index.html"));
    for (const [rel, html] of files) expect(readFileSync(join(dir, "out", rel), "utf8")).toBe(html);
    expect(readdirSync(join(dir, "out", "ops")).every((f) => f.endsWith(".html"))).toBe(true);
    expect(existsSync(join(dir, "out", "index.html"))).toBe(true);
  });
});
