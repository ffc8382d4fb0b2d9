// The data behind the plots of one op: the float64 function, each kernel's output over its input
// range, each kernel's error per input (LSB for int8/int16, ULP for f32) with the worst input marked,
// and the float64 derivative. Everything is measured here from the kernel's output against the op's
// float64 reference (src/accuracy), never taken from another kernel.
//
// int8/int16: every input code is run (256 / 65,536). Plots keep at most MAX_POINTS points: int16
// outputs are decimated per bucket of consecutive codes (function: the bucket's first code; error:
// the bucket's min and max, so the envelope and the worst value survive), and the worst input is
// marked from the full, undecimated data.
// f32: F32_GRID values evenly spaced over the op's domain (plus the worst input of the report's
// evaluation when it lies in the domain).
// Row ops (softmax, log_softmax, maxout) have no per-input reference: they are plotted on one
// stated sample row.
import type { OpDescriptor } from "../../ops/index.js";
import type { Kernel } from "../../runtime/runtime.js";
import { allCodes, INT_RANGE } from "../../quant/dtype.js";
import { clamp, roundHalfAway } from "../../quant/rounding.js";
import { refPoint } from "../../accuracy/reference.js";
import { ulpError } from "../../accuracy/metrics.js";
import type { Params } from "../../types.js";
import type { Chart, Marker, Series } from "./svg.js";

export const MAX_POINTS = 2048;
export const F32_GRID = 4001;
export const REF_POINTS = 1201;
export const SAMPLE_ROW_LENGTH = 32;

type Pt = [number, number];

/** One kernel measured over its whole input range. */
export interface KernelCurve {
  name: string;
  dtype: string;
  unit: "LSB" | "ULP";
  /** kernel output as a real value, per plotted input */
  output: Pt[];
  /** signed error per plotted input (min/max envelope when decimated) */
  error: Pt[];
  /** inputs measured (all codes for int, the grid for f32) */
  count: number;
  /** largest |error| over ALL measured inputs, and where */
  maxAbsError: number;
  worst: { x: number; error: number; y: number; ref: number };
  decimated: boolean;
  /** every measured input and the kernel's real output, undecimated (for the zoomed plot) */
  samples: { x: Float64Array; y: Float64Array };
  /** what was measured, when not the default (row kernels: the sample row) */
  sampleText?: string;
  /** x axis label when x is not the input value */
  xLabel?: string;
}

export function linspace(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => (n === 1 ? lo : lo + ((hi - lo) * i) / (n - 1)));
}

/** Measures a prepared int8/int16 elementwise kernel over every input code. */
function intCurve(k: Kernel): KernelCurve {
  const dtype = k.dtype as "int8" | "int16";
  const input = k.input!, output = k.output!;
  const codes = allCodes(dtype);
  const ys = k.run(codes);
  const { min, max } = INT_RANGE[dtype];
  const n = codes.length;
  const xs = new Float64Array(n), out = new Float64Array(n), err = new Float64Array(n);
  let worstI = 0, maxAbs = -1;
  const refs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const pt = refPoint(k.op, k.params, codes[i], input, output, dtype);
    const r = clamp(pt.steps, min, max);
    xs[i] = pt.x;
    refs[i] = pt.ref;
    out[i] = output.scale * (ys[i] - output.zeroPoint);
    err[i] = ys[i] - r;
    if (Math.abs(err[i]) > maxAbs) {
      maxAbs = Math.abs(err[i]);
      worstI = i;
    }
  }
  const bucket = Math.max(1, Math.ceil(n / MAX_POINTS));
  const outputPts: Pt[] = [], errorPts: Pt[] = [];
  for (let b = 0; b < n; b += bucket) {
    outputPts.push([xs[b], out[b]]);
    if (bucket === 1) {
      errorPts.push([xs[b], err[b]]);
      continue;
    }
    let lo = Infinity, hi = -Infinity;
    for (let i = b; i < Math.min(n, b + bucket); i++) {
      lo = Math.min(lo, err[i]);
      hi = Math.max(hi, err[i]);
    }
    errorPts.push([xs[b], lo], [xs[b], hi]);
  }
  // the step plot holds the last output to the end of the last input's step
  outputPts.push([xs[n - 1] + input.scale * (bucket === 1 ? 1 : 0), out[n - 1]]);
  return {
    name: k.name, dtype, unit: "LSB", output: outputPts, error: errorPts, count: n,
    maxAbsError: Math.max(0, maxAbs), decimated: bucket > 1, samples: { x: xs, y: out },
    worst: { x: xs[worstI], error: err[worstI], y: out[worstI], ref: refs[worstI] },
  };
}

/** Measures a prepared f32 elementwise kernel on an even grid of the op's domain against `ref`. */
function f32Curve(k: Kernel, domain: [number, number], extraX: number[], ref: (x: number, p: Params) => number): KernelCurve {
  const grid = linspace(domain[0], domain[1], F32_GRID).map(Math.fround);
  for (const x of extraX) if (Number.isFinite(x) && x >= domain[0] && x <= domain[1]) grid.push(Math.fround(x));
  grid.sort((a, b) => a - b);
  const xs = Float32Array.from(grid);
  const ys = k.run(xs);
  const output: Pt[] = [], error: Pt[] = [];
  let maxAbs = -1, worst = { x: 0, error: 0, y: 0, ref: 0 };
  for (let i = 0; i < xs.length; i++) {
    const r = ref(xs[i], k.params);
    const u = ulpError(ys[i], r);
    // signed: the sign of y − ref
    const e = ys[i] < r ? -u : u;
    output.push([xs[i], ys[i]]);
    error.push([xs[i], e]);
    if (u > maxAbs) {
      maxAbs = u;
      worst = { x: xs[i], error: e, y: ys[i], ref: r };
    }
  }
  return { name: k.name, dtype: "f32", unit: "ULP", output, error, count: xs.length, maxAbsError: Math.max(0, maxAbs), worst, decimated: false,
    samples: { x: Float64Array.from(xs), y: Float64Array.from(ys) } };
}

/** The kernel fields measureCurve reads (a prepared Kernel has them all). */
export type MeasurableKernel = Pick<Kernel, "name" | "op" | "dtype" | "params" | "input" | "output" | "run">;

/**
 * Output and error of one prepared elementwise (or channelwise, scalar-param) kernel, against the
 * op's float64 function, or against its float64 derivative for a derivative kernel (f32 only).
 * `worstX`: the worst input of the report's own f32 evaluation, added to the grid when in the domain.
 */
export function measureCurve(k: MeasurableKernel, worstX?: number, against: "function" | "derivative" = "function"): KernelCurve {
  const ref = against === "derivative" ? k.op.derivative : k.op.ref;
  if (!ref) throw new Error(`${k.op.name} has no elementwise ${against === "derivative" ? "derivative" : "reference"}`);
  if (k.dtype !== "f32" && against === "derivative") throw new Error("integer derivative kernels are not plotted");
  return k.dtype === "f32" ? f32Curve(k as Kernel, k.op.domain, worstX === undefined ? [] : [worstX], ref) : intCurve(k as Kernel);
}

/** Input interval of a plot: the op's domain widened to every kernel's measured inputs. */
export function plotDomain(op: OpDescriptor, curves: KernelCurve[]): [number, number] {
  let [lo, hi] = op.domain;
  for (const c of curves) for (const [x] of c.output) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return [lo, hi];
}

const paramText = (p: Params) => Object.entries(p).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(",") : v}`).join(", ");

/** The float64 function with each kernel's output over it (step plots for int outputs). */
export function functionChart(op: OpDescriptor, params: Params, curves: KernelCurve[]): Chart {
  const [lo, hi] = plotDomain(op, curves);
  const refPts = linspace(lo, hi, REF_POINTS).map((x): Pt => [x, op.ref!(x, params)]);
  const series: Series[] = [{ label: "float64 reference", points: refPts, style: "line", color: "#000000" }];
  curves.forEach((c, i) => series.push({
    label: c.name + (c.decimated ? " (decimated)" : ""), points: c.output, style: c.unit === "LSB" ? "step" : "line",
    color: ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"][i % 6], dashed: c.unit === "ULP",
  }));
  const pt = paramText(params);
  return { title: `${op.name}(x)${pt ? ` — ${pt}` : ""}`, xLabel: "x (input)", yLabel: "y", series, xDomain: [lo, hi] };
}

/** Input steps each side of the worst input in the zoomed plot. */
export const ZOOM_STEPS = 12;

/**
 * The function around the worst input of the first int8/int16 kernel, ±ZOOM_STEPS of its input
 * steps, every kernel at full resolution: the steps that are below a pixel in the full plot.
 * undefined when the op has no int kernel.
 */
export function zoomChart(op: OpDescriptor, params: Params, curves: KernelCurve[]): Chart | undefined {
  const c0 = curves.find((c) => c.unit === "LSB");
  if (!c0 || c0.samples.x.length < 2) return undefined;
  const step = c0.samples.x[1] - c0.samples.x[0];
  const lo = c0.worst.x - ZOOM_STEPS * step, hi = c0.worst.x + ZOOM_STEPS * step;
  const series: Series[] = [{ label: "float64 reference", points: linspace(lo, hi, 401).map((x): Pt => [x, op.ref!(x, params)]), style: "line", color: "#000000" }];
  curves.forEach((c, i) => {
    const pts: Pt[] = [];
    const { x, y } = c.samples;
    for (let j = 0; j < x.length; j++) {
      // for steps, the value held from the last input at or before lo
      const keep = x[j] >= lo && x[j] <= hi || (c.unit === "LSB" && j + 1 < x.length && x[j] < lo && x[j + 1] > lo);
      if (keep) pts.push([Math.max(x[j], lo), y[j]]);
    }
    if (c.unit === "LSB" && pts.length) pts.push([hi, pts[pts.length - 1][1]]);
    series.push({ label: c.name, points: pts, style: c.unit === "LSB" ? "step" : "line",
      color: ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"][i % 6], dashed: c.unit === "ULP" });
  });
  return {
    title: `zoom: ±${ZOOM_STEPS} input steps around the worst input of ${c0.name}`,
    xLabel: "x (input)", yLabel: "y", series, xDomain: [lo, hi],
    markers: [{ x: c0.worst.x, y: c0.worst.y, label: `worst: ${fmtNum(c0.worst.error)} LSB` }],
  };
}

/** Signed error per input of one kernel, worst input marked. */
export function errorChart(c: KernelCurve): Chart {
  const w = c.worst;
  const marker: Marker = { x: w.x, y: w.error, label: `worst ${fmtNum(w.error)} ${c.unit} at ${c.xLabel ? "element" : "x ="} ${fmtNum(w.x)}` };
  const what = c.sampleText ?? (c.unit === "LSB" ? `all ${c.count} input codes${c.decimated ? ", min/max per bucket" : ""}` : `${c.count} f32 inputs over the domain`);
  return {
    title: `error of ${c.name} (${what})`,
    xLabel: c.xLabel ?? "x (input)",
    yLabel: c.unit === "LSB" ? "y − ref (output LSB)" : "y − ref (ULP of ref)",
    // row kernels: one point per output element; int over every code: steps; else a line
    series: [{ label: `error in ${c.unit}`, points: c.error, style: c.sampleText ? "points" : c.unit === "LSB" && !c.decimated ? "step" : "line", color: "#D55E00" }],
    markers: [marker],
    hline: 0,
  };
}

/** The float64 derivative over the op's domain, with the derivative kernels' outputs (f32, dashed). */
export function derivativeChart(op: OpDescriptor, params: Params, domain: [number, number] = op.domain, kernels: KernelCurve[] = []): Chart {
  const pts = linspace(domain[0], domain[1], REF_POINTS).map((x): Pt => [x, op.derivative!(x, params)]);
  const series: Series[] = [{ label: "float64 derivative", points: pts, style: "line", color: "#009E73" }];
  kernels.forEach((c, i) => series.push({ label: c.name, points: c.output, style: "line", dashed: true, color: ["#0072B2", "#D55E00", "#CC79A7"][i % 3] }));
  return { title: `d/dx ${op.name}(x) (float64)`, xLabel: "x (input)", yLabel: "dy/dx", series, hline: 0 };
}

/** The sample row used for row ops: SAMPLE_ROW_LENGTH (rounded down to a multiple of k) values evenly spaced over the domain. */
export function sampleRow(op: OpDescriptor, params: Params): Float64Array {
  const k = op.kind === "groupwise" ? Math.max(1, Number(params.k) || 1) : 1;
  const n = Math.max(k, SAMPLE_ROW_LENGTH - (SAMPLE_ROW_LENGTH % k));
  return Float64Array.from(linspace(op.domain[0], op.domain[1], n));
}

/** The kernel fields measureRowKernel reads (a prepared Kernel has them all). */
export type MeasurableRowKernel = MeasurableKernel & Pick<Kernel, "outDtype" | "spec">;

/**
 * A row-op kernel (shape rows or groups) on the sample row: its output and its error per output
 * element against the float64 row reference of the row it actually received (the quantized row for
 * int8/int16), in ULP (f32) or output LSB (int). x: the input element (rows) or the group's centre
 * index (groups).
 */
export function measureRowKernel(k: MeasurableRowKernel, row: Float64Array): KernelCurve {
  const n = row.length;
  let input: Float64Array, ys: ArrayLike<number>;
  if (k.dtype === "f32") {
    const xs = Float32Array.from(row);
    input = Float64Array.from(xs);
    ys = k.run(xs, undefined, { rowLength: n });
  } else {
    const { scale, zeroPoint } = k.input!;
    const { min, max } = INT_RANGE[k.dtype as "int8" | "int16"];
    const qs = Array.from(row, (x) => clamp(roundHalfAway(x / scale + zeroPoint), min, max));
    input = Float64Array.from(qs, (q) => scale * (q - zeroPoint));
    ys = k.run((k.dtype === "int8" ? Int8Array : Int16Array).from(qs), undefined, { rowLength: n });
  }
  const ref = k.op.rowRef!(input, k.params);
  const groups = k.spec.shape === "groups";
  const g = n / ref.length;
  const output: Pt[] = [], error: Pt[] = [];
  let maxAbs = -1, worst = { x: 0, error: 0, y: 0, ref: 0 };
  const intOut = k.outDtype !== "f32";
  const range = intOut ? INT_RANGE[k.outDtype as "int8" | "int16"] : undefined;
  for (let i = 0; i < ref.length; i++) {
    const x = groups ? i * g + (g - 1) / 2 : input[i];
    let yReal: number, e: number;
    if (intOut) {
      const { scale, zeroPoint } = k.output!;
      yReal = scale * (ys[i] - zeroPoint);
      e = ys[i] - clamp(ref[i] / scale + zeroPoint, range!.min, range!.max);
    } else {
      yReal = ys[i];
      const u = ulpError(ys[i], ref[i]);
      e = ys[i] < ref[i] ? -u : u;
    }
    output.push([x, yReal]);
    error.push([x, e]);
    if (Math.abs(e) > maxAbs) {
      maxAbs = Math.abs(e);
      worst = { x, error: e, y: yReal, ref: ref[i] };
    }
  }
  return {
    name: k.name, dtype: k.dtype, unit: intOut ? "LSB" : "ULP", output, error, count: ref.length, maxAbsError: Math.max(0, maxAbs), worst,
    decimated: false, samples: { x: Float64Array.from(output, (p) => p[0]), y: Float64Array.from(output, (p) => p[1]) },
    sampleText: `the sample row of ${n} values`, xLabel: groups ? "element index" : undefined,
  };
}

/** Row ops: the reference (and its derivative) on the sample row, against the input values, with
 *  the row kernels' outputs (measureRowKernel) as points. */
export function rowCharts(op: OpDescriptor, params: Params, kernels: KernelCurve[] = []): Chart[] {
  const row = sampleRow(op, params);
  const y = op.rowRef!(row, params);
  const kernelSeries = kernels.map((c, i): Series => ({ label: c.name, points: c.output, style: "points", color: ["#D55E00", "#CC79A7", "#E69F00", "#56B4E9"][i % 4] }));
  const desc = `one row of ${row.length} values evenly spaced over [${op.domain[0]}, ${op.domain[1]}]`;
  const charts: Chart[] = [];
  if (op.kind === "groupwise") {
    const k = row.length / y.length;
    const inPts = Array.from(row, (v, i): Pt => [i, v]);
    const outPts = Array.from(y, (v, j): Pt => [j * k + (k - 1) / 2, v]);
    charts.push({ title: `${op.name} on ${desc} (float64)`, xLabel: "element index", yLabel: "value",
      series: [{ label: "input x_i", points: inPts, style: "points", color: "#0072B2" }, { label: `output y_j (group of ${k})`, points: outPts, style: "points", color: "#000000" }, ...kernelSeries] });
  } else {
    charts.push({ title: `${op.name} on ${desc} (float64)`, xLabel: "x_i (input element)", yLabel: "y_i",
      series: [{ label: "float64 reference", points: Array.from(row, (x, i): Pt => [x, y[i]]), style: "line", color: "#000000" }, ...kernelSeries] });
  }
  if (op.rowDerivative) {
    const d = op.rowDerivative(row, params);
    charts.push({ title: `∂y_i/∂x_i of ${op.name} on the same row (float64)`, xLabel: op.kind === "groupwise" ? "element index" : "x_i (input element)", yLabel: "∂y_i/∂x_i",
      series: [{ label: "float64 derivative (diagonal)", points: Array.from(row, (x, i): Pt => [op.kind === "groupwise" ? i : x, d[i]]), style: op.kind === "groupwise" ? "points" : "line", color: "#009E73" }], hline: 0 });
  }
  return charts;
}

export function fmtNum(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) return v.toExponential(3);
  return String(Number(v.toPrecision(4)));
}
