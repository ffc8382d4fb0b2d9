// `qact plot`: one SVG plot of an op for docs and notebooks — the float64 function with its kernels
// (step plots for int8/int16), one kernel's error per input (worst input marked), or the derivative.
import { Command, Option } from "commander";
import { QactError, show } from "../../errors.js";
import { load, type PrepareOptions } from "../../runtime/runtime.js";
import { isDerivativeSpec } from "../../report/html/site.js";
import { getOp, resolveParams } from "../../ops/index.js";
import { findKernel, KERNELS } from "../../kernels/registry.js";
import { derivativeChart, errorChart, functionChart, measureCurve, rowCharts, type KernelCurve } from "../../report/plot/op-plots.js";
import { renderChart, type Chart } from "../../report/plot/svg.js";
import { parseNumber, parseParams, quantFromOptions } from "../args.js";
import { writeFileAtomic } from "../files.js";
import type { DType } from "../../types.js";

export function plotCommand(program: Command): void {
  program
    .command("plot")
    .description("write one SVG plot of an op: its function with kernels, a kernel's error per input, or its derivative")
    .requiredOption("--op <name>", "activation (e.g. sigmoid, relu6, hardswish)")
    .addOption(new Option("--kind <kind>", "what to plot").choices(["function", "error", "derivative"]).default("function"))
    .addOption(new Option("--dtype <dtype>", "kernels of this data type (function: default all; error: required)").choices(["f32", "int8", "int16"]))
    .option("--method <method>", "kernel method (default: the dtype's first)")
    .option("--in-scale <s>", "input scale (int dtypes; default: covers the op's domain)")
    .option("--in-zp <z>", "input zero point")
    .option("--out-scale <s>", "output scale (default: the op's conventional output range)")
    .option("--out-zp <z>", "output zero point")
    .option("--param <k=v>", "op parameter, repeatable", (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option("--width <px>", "width in pixels (200..4000)", "720")
    .option("--height <px>", "height in pixels (150..3000)", "360")
    .addOption(new Option("--engine <engine>", "WASM build").choices(["relaxed", "simd", "scalar", "auto"]).default("auto"))
    .requiredOption("-o, --out <file>", "the .svg file to write")
    .action(async (o) => {
      const op = getOp(o.op);
      const dtype = o.dtype as DType | undefined;
      const size = (field: string, v: string, lo: number, hi: number) => {
        const n = parseNumber(field, v)!;
        if (!Number.isInteger(n) || n < lo || n > hi) throw new QactError(field, `--${field} must be an integer in [${lo}, ${hi}] (got ${show(v)})`);
        return n;
      };
      const width = size("width", o.width, 200, 4000), height = size("height", o.height, 150, 3000);
      const quant = (scale: string | undefined, zp: string | undefined, side: "in" | "out") => quantFromOptions(scale, zp, side, dtype ?? "none");
      const input = quant(o.inScale, o.inZp, "in"), output = quant(o.outScale, o.outZp, "out");
      const given = parseParams(o.param);
      const params = resolveParams(op, given);
      if (Object.values(params).some(Array.isArray)) {
        throw new QactError("param", `qact plot takes one value per param (per-channel lists are for qact eval)`);
      }
      let chart: Chart;
      if (!op.ref) {
        if (o.kind === "error" || dtype !== undefined) {
          throw new QactError("kind", `${op.name} is a row op: qact plot shows its float64 reference on a sample row (use --kind function or derivative without --dtype)`);
        }
        const charts = rowCharts(op, params);
        chart = o.kind === "derivative" && charts.length > 1 ? charts[1] : charts[0];
      } else if (o.kind === "derivative") {
        // with the op's derivative kernels (f32), where the registry has them
        const specs = KERNELS.filter((k) => k.op === op && isDerivativeSpec(k) && (dtype === undefined || k.dtype === dtype));
        if (dtype !== undefined && specs.length === 0) throw new QactError("dtype", `${op.name} has no ${dtype} derivative kernel; plot the float64 derivative without --dtype`);
        const rt = specs.length ? await load({ engine: o.engine }) : undefined;
        const curves = specs.map((spec) => {
          const po: PrepareOptions & { derivative?: boolean } = { op: op.name, dtype: spec.dtype, method: spec.method, params: given, derivative: true };
          const k = rt!.prepare(po);
          try {
            return measureCurve(k, undefined, "derivative");
          } finally {
            k.dispose();
          }
        });
        chart = derivativeChart(op, params, op.domain, curves);
      } else {
        if (o.kind === "error" && dtype === undefined) throw new QactError("dtype", "--kind error needs --dtype (f32, int8 or int16)");
        if (o.method !== undefined && dtype === undefined) throw new QactError("method", "--method needs --dtype");
        const specs = dtype === undefined ? KERNELS.filter((k) => k.op === op && !isDerivativeSpec(k)) : [findKernel(op, dtype, o.method)];
        const rt = await load({ engine: o.engine });
        const curves: KernelCurve[] = specs.map((spec) => {
          const k = rt.prepare({ op: op.name, dtype: spec.dtype, method: spec.method, params: given, input, output });
          try {
            return measureCurve(k);
          } finally {
            k.dispose();
          }
        });
        chart = o.kind === "error" ? errorChart(curves[0]) : functionChart(op, params, curves);
      }
      const svg = `<?xml version="1.0" encoding="UTF-8"?>\n${renderChart(chart, { width, height, id: `qact-${op.name}` })}\n`;
      writeFileAtomic(o.out, svg, "out");
      console.log(`wrote ${o.out}`);
    });
}
