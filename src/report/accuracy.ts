// The report of every op × dtype × method: measured accuracy (exhaustive for int8/int16, a dense
// f32 sample otherwise), table bytes, SIMD ≡ scalar, and a quick zero-copy speed figure
// (indicative only; `npm run bench` is the benchmark).
import { OPS } from "../ops/index.js";
import { KERNELS, kernelName, type KernelSpec } from "../kernels/registry.js";
import { evaluateKernel, type KernelMetrics } from "../accuracy/evaluate.js";
import type { Kernel, Runtime } from "../runtime/runtime.js";
import { allCodes } from "../quant/dtype.js";
import { sampleF32 } from "../accuracy/f32space.js";
import { fmt, textTable } from "./table.js";
import type { DType } from "../types.js";

export interface ReportRow {
  op: string;
  dtype: DType;
  method: string;
  kernel: string;
  input?: { scale: number; zeroPoint: number };
  output?: { scale: number; zeroPoint: number };
  metrics: KernelMetrics;
  tableBytes: number;
  /** true when the other engine gave identical bytes (undefined when only one engine ran) */
  enginesAgree?: boolean;
  /** elements per second, zero-copy, n = 65536, median of 5 (indicative) */
  elemsPerSec?: number;
}

export interface Report {
  engine: string;
  rows: ReportRow[];
  /** ops of the catalog that have no kernel yet */
  missing: string[];
}

function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength), y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** Row length the report uses for row kernels (softmax, log_softmax) in its speed and engine checks. */
const REPORT_ROW_LENGTH = 256;

function testInput(k: Kernel) {
  if (k.dtype === "f32" && k.spec.shape !== undefined && k.spec.shape !== "elementwise") {
    const xs = sampleF32(k.op.domain[0], k.op.domain[1], 1 << 16, false); // whole rows/groups only
    return xs.subarray(0, xs.length - (xs.length % REPORT_ROW_LENGTH));
  }
  return k.dtype === "f32" ? sampleF32(k.op.domain[0], k.op.domain[1], 1 << 16) : allCodes(k.dtype);
}

function prepareOptions(spec: KernelSpec) {
  return { op: spec.op.name, dtype: spec.dtype, method: spec.method, derivative: spec.derivative, rowLength: spec.shape === "rows" ? REPORT_ROW_LENGTH : undefined };
}

function quickSpeed(rt: Runtime, k: Kernel): number {
  const n = 65536;
  const t = rt.tensor(k.dtype, n);
  const out = k.spec.shape === "groups" ? rt.tensor(k.dtype, n / (k.params.k as number)) : t;
  const src = testInput(k);
  const d = t.data;
  for (let i = 0; i < n; i++) d[i] = src[i % src.length];
  const times: number[] = [];
  for (let rep = 0; rep < 6; rep++) {
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) k.run(t, out);
    times.push(performance.now() - t0);
  }
  t.free();
  if (out !== t) out.free();
  times.shift(); // warm-up
  times.sort((a, b) => a - b);
  return (20 * n) / (times[2] / 1000);
}

export function buildReport(rt: Runtime, other?: Runtime, opts: { speed?: boolean; filter?: (k: KernelSpec) => boolean } = {}): Report {
  const rows: ReportRow[] = [];
  for (const spec of KERNELS) {
    if (opts.filter && !opts.filter(spec)) continue;
    const k = rt.prepare(prepareOptions(spec));
    const metrics = evaluateKernel(k);
    let enginesAgree: boolean | undefined;
    if (other) {
      const k2 = other.prepare(prepareOptions(spec));
      const x = testInput(k);
      enginesAgree = sameBytes(k.run(x), k2.run(x));
      k2.dispose();
    }
    rows.push({
      op: spec.op.name, dtype: spec.dtype, method: spec.method, kernel: kernelName(spec, rt.engine),
      input: k.input, output: k.output, metrics, tableBytes: k.paramBytes.length, enginesAgree,
      elemsPerSec: opts.speed === false ? undefined : quickSpeed(rt, k),
    });
    k.dispose();
  }
  const missing = OPS.filter((o) => !KERNELS.some((k) => k.op === o && !k.derivative)).map((o) => o.name);
  // catalog order, then dtype and method, so each op's kernels read together
  const opIndex = (name: string) => OPS.findIndex((o) => o.name === name);
  const dtypeIndex = (d: string) => ["f32", "int8", "int16"].indexOf(d);
  rows.sort((a, b) => opIndex(a.op) - opIndex(b.op) || dtypeIndex(a.dtype) - dtypeIndex(b.dtype) ||
    a.method.localeCompare(b.method) || a.kernel.localeCompare(b.kernel));
  return { engine: rt.engine, rows, missing };
}

/** max error, mean error and their unit (LSB for integer kernels, ULP for f32). */
export function errorFigures(m: KernelMetrics): [number, number, "LSB" | "ULP"] {
  return m.kind === "f32" ? [m.maxUlp, m.meanUlp, "ULP"] : [m.maxAbsLsb, m.meanAbsLsb, "LSB"];
}

export function reportText(r: Report): string {
  const header = ["op", "dtype", "method", "kernel", "quantization (in → out)", "maxErr", "meanErr", "unit", "mismatch", "bytes", "simd≡scalar", "Gelem/s"];
  const body = r.rows.map((row) => {
    const m = row.metrics;
    const qp = row.input ? `${fmt(row.input.scale, 6)},${row.input.zeroPoint} → ${fmt(row.output!.scale, 6)},${row.output!.zeroPoint}` : "—";
    const [maxE, meanE, unit] = errorFigures(m);
    return [row.op, row.dtype, row.kernel.includes("_grad__") ? `${row.method} d/dx` : row.method, row.kernel, qp, fmt(maxE), fmt(meanE), unit, String(m.mismatches),
      String(row.tableBytes), row.enginesAgree === undefined ? "—" : row.enginesAgree ? "yes" : "NO",
      row.elemsPerSec === undefined ? "—" : fmt(row.elemsPerSec / 1e9, 2)];
  });
  const lines = [
    `qact accuracy report (engine ${r.engine}); int8/int16: exhaustive over every input code; f32: 2^20 values evenly spaced over the op's domain + specials.`,
    "maxErr/meanErr: |y − ref| in output LSB (int) or ULP (f32) against the float64 reference; mismatch: outputs that are not the correctly rounded value.",
    "",
    textTable(header, body),
  ];
  if (r.missing.length) lines.push("", `No kernel yet for: ${r.missing.join(", ")} (see the open issues).`);
  return lines.join("\n");
}
