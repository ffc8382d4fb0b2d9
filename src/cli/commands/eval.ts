// `qact eval`: apply one kernel to input values and print the outputs.
import { Command, Option } from "commander";
import { readFileSync } from "node:fs";
import { QactError } from "../../errors.js";
import { load } from "../../runtime/runtime.js";
import { getOp } from "../../ops/index.js";
import { isCustomOpRef, loadCustomOp } from "../../ops/custom.js";
import { formatOutput, parseInput, parseNumber, parseParams, quantFromOptions } from "../args.js";
import type { DType } from "../../types.js";

function readInput(path: string): Uint8Array {
  if (path === "-") {
    if (process.stdin.isTTY) throw new QactError("input", "no input: pass --input FILE, or pipe data to stdin with --input -");
    return new Uint8Array(readFileSync(0));
  }
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    throw new QactError("input", `cannot read --input ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

export function evalCommand(program: Command): void {
  program
    .command("eval")
    .description("apply one kernel to input values (JSON array or raw little-endian) and print the outputs the same way")
    .requiredOption("--op <name>", "activation (e.g. sigmoid, relu6, hardswish)")
    .addOption(new Option("--dtype <dtype>", "data type").choices(["f32", "int8", "int16"]).makeOptionMandatory())
    .option("--method <method>", "accurate|fast (f32), lut|fixed|poly|tflm (int), table (int16); default: the op's first")
    .option("--in-scale <s>", "input scale (int dtypes; default: covers the op's domain)")
    .option("--in-zp <z>", "input zero point")
    .option("--out-scale <s>", "output scale (default: the op's conventional output range)")
    .option("--out-zp <z>", "output zero point")
    .option("--out-dtype <dtype>", "output dtype (row ops; default: same as --dtype)")
    .option("--param <k=v>", "op parameter, repeatable (comma list for per-channel values)", (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option("--row <n>", "row length for row ops (softmax, log_softmax; maxout takes --param k)")
    .option("--derivative", "return d/dx of the op instead (f32)")
    .addOption(new Option("--engine <engine>", "WASM build").choices(["relaxed", "simd", "scalar", "auto"]).default("auto"))
    .option("--input <file>", "input file, or - for stdin", "-")
    .addOption(new Option("--format <format>", "input and output format").choices(["json", "bin"]).default("json"))
    .action(async (o) => {
      // a user-defined activation ("./acts/my-act.mjs#myAct") resolves relative to the working folder
      const op = isCustomOpRef(o.op) ? await loadCustomOp(o.op, process.cwd()) : getOp(o.op);
      const dtype = o.dtype as DType;
      if (o.row !== undefined && op.kind !== "rowwise") {
        throw new QactError("row", `--row applies to row ops (softmax, log_softmax), not ${op.name}`);
      }
      const rowLength = o.row === undefined ? undefined : parseNumber("row", o.row);
      const quant = (scale: string | undefined, zp: string | undefined, side: "in" | "out") => quantFromOptions(scale, zp, side, dtype);
      const input = quant(o.inScale, o.inZp, "in");
      const output = quant(o.outScale, o.outZp, "out");
      const rt = await load({ engine: o.engine });
      const kernel = rt.prepare({
        op, dtype, method: o.method, params: parseParams(o.param), input, output, outDtype: o.outDtype, rowLength,
        derivative: o.derivative === true,
      });
      const x = parseInput(readInput(o.input), dtype, o.format, o.input === "-" ? "stdin" : o.input);
      process.stdout.write(formatOutput(kernel.run(x), o.format));
    });
}
