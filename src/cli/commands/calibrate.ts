// `qact calibrate FILE`: scale and zero point from sample activations, for each observer, with SQNR.
import { Command, Option } from "commander";
import { parseNumber } from "../args.js";
import { readFileOrFail, writeOutput } from "../output.js";
import { parseSamples, formatFromPath, type SampleFormat } from "../../quant/samples.js";
import { calibrate } from "../../quant/calibrate/calibrate.js";
import { OBSERVERS, type ObserverName } from "../../quant/calibrate/observers.js";
import { proposeFixedOutput } from "../../quant/calibrate/fixed-range.js";

export function calibrateCommand(program: Command): void {
  program
    .command("calibrate")
    .description("scale and zero point of sample activations (.npy float32/float64, raw float32 .bin, or JSON) for each observer, with the SQNR of each")
    .argument("<file>", "sample activations")
    .addOption(new Option("--format <format>", "input format (default: from the extension)").choices(["npy", "bin", "json"]))
    .addOption(new Option("--dtype <dtype>", "int8 (asymmetric) or int16 (symmetric)").choices(["int8", "int16"]).default("int8"))
    .addOption(new Option("--method <observer>", "observer").choices([...OBSERVERS, "all"]).default("all"))
    .option("--axis <n>", "per-channel along this axis (negative counts from the end); default: per tensor")
    .option("--percentile <p>", "percentile observer: p in (50, 100]", "99.99")
    .option("--averaging <c>", "moving-average constant in (0, 1]", "0.01")
    .option("--batch <n>", "moving-average batch size when the first axis cannot serve as batches", "1024")
    .option("--op <name>", "the activation these samples feed: adds its fixed output params when its range is fixed (sigmoid, tanh, softmax, …)")
    .option("-o, --out <file>", "write the JSON here (atomically) instead of stdout")
    .option("--force", "replace an existing --out file")
    .action((file: string, o) => {
      const format = (o.format as SampleFormat | undefined) ?? formatFromPath(file);
      const samples = parseSamples(readFileOrFail(file, "input"), format, file);
      const axis = parseNumber("axis", o.axis);
      const result = calibrate(samples, {
        dtype: o.dtype,
        observers: o.method === "all" ? OBSERVERS : [o.method as ObserverName],
        axis,
        percentile: parseNumber("percentile", o.percentile),
        averaging: parseNumber("averaging", o.averaging),
        batch: parseNumber("batch", o.batch),
      });
      const out: Record<string, unknown> = { file, ...result };
      if (o.op !== undefined) {
        const p = proposeFixedOutput(o.op, o.dtype);
        out.outputProposal = p ?? { op: o.op, note: `${o.op}'s output range depends on its input: calibrate the output on its own samples` };
      }
      writeOutput(o.out, Boolean(o.force), JSON.stringify(out, null, 2) + "\n");
    });
}
