// The HTML report (`qact report --html DIR`, `npm start`): a static, self-contained site with an
// index (the accuracy table of every op × dtype × method) and one page per op of the catalog (its
// formula, properties, params, usage, kernels and SVG plots). Driven by OPS and KERNELS only, so it
// grows as kernels are added; ops without kernels and row ops get the pages they can have.
// Every page is built in memory first; files are written only when all pages were built, each one
// atomically (src/cli/files.ts), so a failed run leaves no half-written page.
import { existsSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { OPS, resolveParams, type OpDescriptor } from "../../ops/index.js";
import { KERNELS, kernelName, type KernelSpec } from "../../kernels/registry.js";
import type { PrepareOptions, Runtime } from "../../runtime/runtime.js";
import { errorFigures, type Report, type ReportRow } from "../accuracy.js";
import type { Params } from "../../types.js";
import { fmt } from "../table.js";
import { renderChart, type Chart } from "../plot/svg.js";
import { MAX_POINTS, ZOOM_STEPS, zoomChart, measureRowKernel, derivativeChart, errorChart, fmtNum, functionChart, measureCurve, plotDomain, rowCharts, sampleRow, type KernelCurve } from "../plot/op-plots.js";
import { benchKey, type BenchSpeeds } from "./bench.js";
import { escapeHtml as h, figure, htmlTable, page } from "./page.js";
import { writeFileAtomic } from "../../cli/files.js";
import { QactError } from "../../errors.js";

export interface SiteOptions {
  bench?: BenchSpeeds;
}

export const opPagePath = (op: OpDescriptor) => `ops/${op.name}.html`;

const yesNo = (b: boolean) => (b ? "yes" : "no");

function rangeText(r: [number, number]): string {
  const e = (v: number) => (v === Infinity ? "∞" : v === -Infinity ? "−∞" : fmtNum(v));
  return `[${e(r[0])}, ${e(r[1])}]`;
}

function quantText(row: ReportRow): string {
  if (!row.input || !row.output) return "—";
  return `${fmt(row.input.scale, 6)}, ${row.input.zeroPoint} → ${fmt(row.output.scale, 6)}, ${row.output.zeroPoint}`;
}

function speedCell(row: ReportRow, bench?: BenchSpeeds): string {
  if (bench) {
    const s = bench.byKernel.get(benchKey(row.op, row.dtype, row.method));
    return s ? fmt(s.elemsPerSec / 1e9, 2) : "—";
  }
  return row.elemsPerSec === undefined ? "—" : fmt(row.elemsPerSec / 1e9, 2);
}

function kernelTable(rows: ReportRow[], opts: SiteOptions, link: boolean): string {
  const speedHead = opts.bench ? "Gelem/s (bench)" : "Gelem/s (quick)";
  const header = ["op", "dtype", "method", "kernel", "quantization (in → out)", "maxErr", "meanErr", "unit", "mismatches", "table/coef bytes", "simd≡scalar", speedHead];
  const body = rows.map((row) => {
    const m = row.metrics;
    const [maxE, meanE, unit] = errorFigures(m);
    const op = OPS.find((o) => o.name === row.op);
    const opCell = link && op ? `<a href="${h(opPagePath(op))}">${h(row.op)}</a>` : h(row.op);
    const agree = row.enginesAgree === undefined ? "—" : row.enginesAgree ? "yes" : `<span class="bad">NO</span>`;
    return [opCell, h(row.dtype), h(row.method), `<code>${h(row.kernel)}</code>`, h(quantText(row)), h(fmt(maxE)), h(fmt(meanE)), unit,
      String(m.mismatches), String(row.tableBytes), agree, h(speedCell(row, opts.bench))];
  });
  return htmlTable(header, body, [false, false, false, false, false, true, true, false, true, true, false, true]);
}

/** Rows grouped by op in catalog order (kernel order kept within an op). */
function byCatalogOrder(rows: ReportRow[]): ReportRow[] {
  const rank = (r: ReportRow) => { const i = OPS.findIndex((o) => o.name === r.op); return i < 0 ? OPS.length : i; };
  return rows.map((r, i) => ({ r, i })).sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i).map((x) => x.r);
}

function indexPage(report: Report, opts: SiteOptions): string {
  const b = opts.bench;
  const speedNote = b
    ? `Speed: SIMD zero-copy median elements/s at the largest n of the benchmark file <code>${h(b.source)}</code>` +
      (b.machine ? ` (${h([b.machine.cpu, b.machine.node, b.machine.date].filter(Boolean).join(", "))})` : "") + "."
    : "Speed: a quick indicative figure (zero-copy, n = 65,536, median of 5) measured while the report was built; " +
      "pass <code>--bench FILE</code> with the JSON of <code>npm run bench -- --json FILE</code> for benchmark figures.";
  const opLinks = OPS.map((o) => `<a href="${h(opPagePath(o))}">${h(o.name)}</a>`).join(" · ");
  const missing = report.missing.length
    ? `<p class="note">No kernel yet for: ${report.missing.map((n) => { const o = OPS.find((x) => x.name === n); return o ? `<a href="${h(opPagePath(o))}">${h(n)}</a>` : h(n); }).join(", ")} (their pages show the float64 reference).</p>`
    : "";
  return page("qact accuracy report", `
<h1>qact accuracy report</h1>
<p class="note">Engine ${h(report.engine)}. int8/int16: exhaustive over every input code; f32: 2^20 values evenly spaced over the op's domain plus special values.
maxErr/meanErr: |y − ref| in output LSB (int) or ULP (f32) against the float64 reference (definitions: docs/accuracy.md);
mismatches: outputs that are not the correctly rounded value; simd≡scalar: the two WASM builds gave identical bytes. ${speedNote}</p>
<nav>Ops: ${opLinks}</nav>
<h2>Every kernel</h2>
${kernelTable(byCatalogOrder(report.rows), opts, true)}
${missing}
`);
}

interface Plot {
  chart: Chart;
  caption: string;
}

/** Kernels that compute d/dx of the op (a `derivative: true` KernelSpec field, where the registry has them). */
export const isDerivativeSpec = (spec: KernelSpec) => (spec as { derivative?: boolean }).derivative === true;

function elementwisePlots(op: OpDescriptor, rows: ReportRow[], rt: Runtime): { plots: Plot[]; notes: string[] } {
  const params = resolveParams(op);
  const curves: KernelCurve[] = [], dCurves: KernelCurve[] = [];
  const notes: string[] = [];
  for (const spec of KERNELS.filter((k) => k.op === op)) {
    const derivative = isDerivativeSpec(spec);
    const name = kernelName(spec, rt.engine);
    const row = rows.find((r) => r.kernel === name);
    const worstX = row?.metrics.kind === "f32" ? row.metrics.worst.x : undefined;
    try {
      const o: PrepareOptions & { derivative?: boolean } = { op: op.name, dtype: spec.dtype, method: spec.method };
      if (derivative) o.derivative = true;
      const k = rt.prepare(o);
      try {
        (derivative ? dCurves : curves).push(measureCurve(k, worstX, derivative ? "derivative" : "function"));
      } finally {
        k.dispose();
      }
    } catch (e) {
      notes.push(`${name}: not plotted (${(e as Error).message})`);
    }
  }
  const plots: Plot[] = [];
  plots.push({
    chart: functionChart(op, params, curves),
    caption: `The float64 reference (black) and ${curves.length ? "each kernel's output over its input range, dequantized: int8/int16 as step plots over every input code" +
      (curves.some((c) => c.decimated) ? ` (int16 drawn with one code in ${Math.ceil(65536 / MAX_POINTS)} for file size)` : "") +
      (curves.some((c) => c.unit === "ULP") ? ", f32 dashed" : "") : "no kernel yet"}.`,
  });
  const zoom = zoomChart(op, params, curves);
  if (zoom) {
    plots.push({
      chart: zoom,
      caption: `The same, ±${ZOOM_STEPS} input steps around the worst input of the first integer kernel, every input code drawn: ` +
        "the step between the kernel's output and the float64 curve is the error plotted below.",
    });
  }
  const errorPlot = (c: KernelCurve, what: string): Plot => {
    const w = c.worst;
    return {
      chart: errorChart(c),
      caption: `Signed error of <code>${h(c.name)}</code> against the float64 ${what}, in ${c.unit}. Largest |error| ${h(fmtNum(c.maxAbsError))} ${c.unit} at x = ${h(fmtNum(w.x))} ` +
        `(kernel ${h(fmtNum(w.y))}, float64 ${h(fmtNum(w.ref))}); measured over ${c.count} inputs${c.decimated ? "; drawn as the min/max of each bucket of consecutive codes, the worst input marked from all codes" : ""}` +
        `${c.unit === "ULP" ? " (the table's maxUlp also covers values outside the plotted domain)" : ""}.`,
    };
  };
  for (const c of curves) plots.push(errorPlot(c, "function"));
  if (op.derivative) {
    plots.push({
      chart: derivativeChart(op, params, plotDomain(op, curves), dCurves),
      caption: `The float64 derivative of the reference, from the op registry${dCurves.length ? ", with the derivative kernels' outputs (dashed)" : ""}.`,
    });
    for (const c of dCurves) plots.push(errorPlot(c, "derivative"));
  }
  return { plots, notes };
}

function rowPlots(op: OpDescriptor, params: Params, rt: Runtime): { plots: Plot[]; notes: string[] } {
  const row = sampleRow(op, params);
  const curves: KernelCurve[] = [];
  const notes: string[] = [];
  for (const spec of KERNELS.filter((k) => k.op === op)) {
    const name = kernelName(spec, rt.engine);
    if (isDerivativeSpec(spec) || (spec.shape !== "rows" && spec.shape !== "groups")) {
      notes.push(`${name}: measured in the table; not plotted on the sample row.`);
      continue;
    }
    try {
      const k = rt.prepare({ op: op.name, dtype: spec.dtype, method: spec.method, rowLength: spec.shape === "rows" ? row.length : undefined });
      try {
        curves.push(measureRowKernel(k, row));
      } finally {
        k.dispose();
      }
    } catch (e) {
      notes.push(`${name}: not plotted (${(e as Error).message})`);
    }
  }
  const about = `one row of ${row.length} values evenly spaced over the op's domain (a row op has no per-input function)`;
  const plots: Plot[] = rowCharts(op, params, curves).map((chart, i) => ({
    chart,
    caption: i === 0
      ? `The float64 reference on ${about}${curves.length ? "; the kernels' outputs for the same row as points (int8/int16: dequantized, for the row as quantized)" : ""}. The table's errors cover many more rows.`
      : `The diagonal of the row Jacobian, float64, on the same row.`,
  }));
  for (const c of curves) {
    plots.push({
      chart: errorChart(c),
      caption: `Signed error of <code>${h(c.name)}</code> per output element on the sample row, against the float64 row reference, in ${c.unit}. ` +
        `Largest |error| ${h(fmtNum(c.maxAbsError))} ${c.unit} (kernel ${h(fmtNum(c.worst.y))}, float64 ${h(fmtNum(c.worst.ref))}).`,
    });
  }
  return { plots, notes };
}

function opPage(op: OpDescriptor, report: Report, rt: Runtime, opts: SiteOptions): string {
  const params = resolveParams(op);
  const rows = report.rows.filter((r) => r.op === op.name);
  let plots: Plot[] = [], notes: string[] = [];
  if (op.ref) {
    ({ plots, notes } = elementwisePlots(op, rows, rt));
  } else if (op.rowRef) {
    ({ plots, notes } = rowPlots(op, params, rt));
  }
  const props = htmlTable(["property", "value"], [
    ["kind", h(op.kind)],
    ["output range (default params)", h(rangeText(op.range(params)))],
    ["monotonic", yesNo(op.properties.monotonic)],
    ["smooth", yesNo(op.properties.smooth)],
    ["zero-centred", yesNo(op.properties.zeroCentred)],
    ["saturating", yesNo(op.properties.saturating)],
    ["default input domain", h(rangeText(op.domain))],
  ]);
  const paramTable = op.params.length
    ? htmlTable(["param", "default", "allowed", "meaning"], op.params.map((p) => {
      const lo = p.min === undefined ? "(−∞" : (p.exclusive ? "(" : "[") + p.min;
      const hi = p.max === undefined ? "∞)" : p.max + (p.exclusive ? ")" : "]");
      return [`<code>${h(p.name)}</code>`, h(String(p.default)), h(`${lo}, ${hi}${p.integer ? ", integer" : ""}${p.perChannel ? ", one per channel" : ""}`), h(p.description)];
    }))
    : `<p class="note">No parameters.</p>`;
  const figs = plots.map((p, i) => figure(renderChart(p.chart, { id: `${op.name}-${i}` }), p.caption)).join("\n");
  const aliases = op.aliases.length ? ` <span class="note">(also: ${op.aliases.map(h).join(", ")})</span>` : "";
  return page(`qact — ${op.name}`, `
<nav><a href="../index.html">← all kernels</a></nav>
<h1>${h(op.name)}${aliases}</h1>
<p class="formula"><code>${h(op.formula)}</code></p>
<p>${h(op.usage)}</p>
<h2>Properties</h2>
${props}
<h2>Parameters</h2>
${paramTable}
<h2>Kernels</h2>
${rows.length ? kernelTable(rows, opts, false) : `<p class="note">No kernel for ${h(op.name)} yet.</p>`}
${notes.map((n) => `<p class="note">${h(n)}</p>`).join("\n")}
<h2>Plots</h2>
<div class="plots">
${figs}
</div>
`);
}

/** Every page of the site: relative path → HTML. */
export function buildSite(report: Report, rt: Runtime, opts: SiteOptions = {}): Map<string, string> {
  const files = new Map<string, string>();
  files.set("index.html", indexPage(report, opts));
  for (const op of OPS) files.set(opPagePath(op), opPage(op, report, rt, opts));
  return files;
}

/** Fails early (before the report is measured) when `dir` exists and is not a folder. */
export function checkSiteDir(dir: string): void {
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new QactError("html", `--html ${dir} must be a folder (it is a file)`);
  }
}

/** Writes the pages under `dir` (created when missing); returns the index path. */
export function writeSite(dir: string, files: Map<string, string>): string {
  try {
    for (const rel of files.keys()) mkdirSync(join(dir, rel, ".."), { recursive: true });
    for (const [rel, html] of files) writeFileAtomic(join(dir, rel), html);
  } catch (e) {
    throw new QactError("html", `cannot write the HTML report to --html ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return join(dir, "index.html");
}
