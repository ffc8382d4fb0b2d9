#!/usr/bin/env node
// The `qact` command. Bad input exits 2 with one line on stderr, never a stack trace.
import { Command, CommanderError, Option } from "commander";
import { readFileSync, writeFileSync, renameSync } from "node:fs";
import { QactError } from "../errors.js";
import { load } from "../runtime/runtime.js";
import { getOp } from "../ops/index.js";
import { buildReport, reportText } from "../report/accuracy.js";
import { formatOutput, parseInput, parseNumber, parseParams } from "./args.js";
import type { DType } from "../types.js";

class UsageError extends Error {}

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

/** Writes a file atomically (temporary file + rename): a failed run leaves nothing half-written. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

const program = new Command()
  .name("qact")
  .description("Quantized activation kernels for WebAssembly: run, measure and report them")
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s.split("\n")[0] + "\n") });

program
  .command("eval")
  .description("apply one kernel to input values (JSON array or raw little-endian) and print the outputs the same way")
  .requiredOption("--op <name>", "activation (e.g. sigmoid, relu6, hardswish)")
  .addOption(new Option("--dtype <dtype>", "data type").choices(["f32", "int8", "int16"]).makeOptionMandatory())
  .option("--method <method>", "accurate|fast (f32), lut|fixed|poly|tflm (int); default: the op's first")
  .option("--in-scale <s>", "input scale (int dtypes; default: covers the op's domain)")
  .option("--in-zp <z>", "input zero point")
  .option("--out-scale <s>", "output scale (default: the op's conventional output range)")
  .option("--out-zp <z>", "output zero point")
  .option("--out-dtype <dtype>", "output dtype (row ops; default: same as --dtype)")
  .option("--param <k=v>", "op parameter, repeatable (comma list for per-channel values)", (v: string, acc: string[]) => [...acc, v], [] as string[])
  .option("--row <n>", "row length for row ops (softmax, log_softmax, maxout)")
  .option("--derivative", "return d/dx of the op instead (f32)")
  .addOption(new Option("--engine <engine>", "WASM build").choices(["simd", "scalar", "auto"]).default("auto"))
  .option("--input <file>", "input file, or - for stdin", "-")
  .addOption(new Option("--format <format>", "input and output format").choices(["json", "bin"]).default("json"))
  .action(async (o) => {
    const op = getOp(o.op);
    const dtype = o.dtype as DType;
    if (o.outDtype !== undefined && o.outDtype !== dtype) {
      throw new QactError("out-dtype", `--out-dtype ${o.outDtype} is not available for ${op.name} ${dtype} in this version (allowed: ${dtype})`);
    }
    if (o.derivative) throw new QactError("derivative", `--derivative is not available for ${op.name} ${dtype} in this version`);
    if (o.row !== undefined && op.kind === "elementwise") {
      throw new QactError("row", `--row applies to row ops (softmax, log_softmax, maxout), not ${op.name}`);
    }
    const quant = (scale: string | undefined, zp: string | undefined, side: "in" | "out") => {
      if (scale === undefined && zp === undefined) return undefined;
      if (dtype === "f32") throw new QactError(`${side}-scale`, `--${side}-scale/--${side}-zp apply to int8 and int16 only (dtype is f32)`);
      const s = parseNumber(`${side}-scale`, scale);
      if (s === undefined) throw new QactError(`${side}-scale`, `--${side}-scale is required when --${side}-zp is given`);
      return { scale: s, zeroPoint: parseNumber(`${side}-zp`, zp) ?? 0 };
    };
    const input = quant(o.inScale, o.inZp, "in");
    const output = quant(o.outScale, o.outZp, "out");
    const rt = await load({ engine: o.engine });
    const kernel = rt.prepare({ op: op.name, dtype, method: o.method, params: parseParams(o.param), input, output });
    const x = parseInput(readInput(o.input), dtype, o.format, o.input === "-" ? "stdin" : o.input);
    process.stdout.write(formatOutput(kernel.run(x), o.format));
  });

program
  .command("report")
  .description("accuracy (and indicative speed) of every kernel, measured against float64 references")
  .option("--json <file>", "also write the report as JSON")
  .option("--no-speed", "skip the quick speed column")
  .addOption(new Option("--engine <engine>", "WASM build").choices(["simd", "scalar", "auto"]).default("auto"))
  .action(async (o) => {
    const rt = await load({ engine: o.engine });
    const other = rt.engine === "simd" ? await load({ engine: "scalar" }) : undefined;
    const report = buildReport(rt, other, { speed: o.speed });
    console.log(reportText(report));
    if (o.json) writeFileAtomic(o.json, JSON.stringify(report, null, 2) + "\n");
  });

export async function main(argv: string[]): Promise<number> {
  try {
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version print and exit 0; every other commander error was already printed
      return e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help" ? 0 : 2;
    }
    if (e instanceof QactError || e instanceof UsageError) {
      process.stderr.write(`qact: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`qact: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    return 3;
  }
}

process.exitCode = await main(process.argv.slice(2));
