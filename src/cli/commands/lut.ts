// `qact lut` (alias `qact export`): a kernel's prepared tables/coefficients for firmware, as a C
// header, JSON or raw little-endian bytes.
import { Command, Option } from "commander";
import { QactError } from "../../errors.js";
import { getOp } from "../../ops/index.js";
import { parseNumber, parseParams } from "../args.js";
import { prepareExport, renderExport, type FirmwareFormat } from "../../tables/emit/index.js";
import { writeOutput } from "../output.js";
import type { DType } from "../../types.js";

export function lutCommand(program: Command): void {
  program
    .command("lut")
    .alias("export")
    .description("write one kernel's prepared tables/coefficients for firmware: C header, JSON or raw little-endian bytes")
    .requiredOption("--op <name>", "activation (e.g. sigmoid, relu6, hardswish)")
    .addOption(new Option("--dtype <dtype>", "data type").choices(["int8", "int16"]).makeOptionMandatory())
    .option("--method <method>", "lut|fixed|… (default: the op's first for the dtype)")
    .option("--in-scale <s>", "input scale (default: covers the op's domain)")
    .option("--in-zp <z>", "input zero point")
    .option("--out-scale <s>", "output scale (default: the op's conventional output range)")
    .option("--out-zp <z>", "output zero point")
    .option("--param <k=v>", "op parameter, repeatable", (v: string, acc: string[]) => [...acc, v], [] as string[])
    .addOption(new Option("--format <format>", "output format").choices(["c", "json", "bin"]).default("c"))
    .option("--name <ident>", "C symbol prefix (default: qact_<op>_<dtype>_<method>)")
    .option("-o, --out <file>", "write here (atomically) instead of stdout")
    .option("--force", "replace an existing --out file")
    .action(async (o) => {
      const op = getOp(o.op);
      const dtype = o.dtype as DType;
      const quant = (scale: string | undefined, zp: string | undefined, side: "in" | "out") => {
        if (scale === undefined && zp === undefined) return undefined;
        const s = parseNumber(`${side}-scale`, scale);
        if (s === undefined) throw new QactError(`${side}-scale`, `--${side}-scale is required when --${side}-zp is given`);
        return { scale: s, zeroPoint: parseNumber(`${side}-zp`, zp) ?? 0 };
      };
      if (o.format === "bin" && (o.out === undefined || o.out === "-") && process.stdout.isTTY) {
        throw new QactError("out", "--format bin writes binary: pass -o FILE or redirect stdout");
      }
      const e = await prepareExport({
        op: op.name, dtype, method: o.method, params: parseParams(o.param),
        input: quant(o.inScale, o.inZp, "in"), output: quant(o.outScale, o.outZp, "out"),
      });
      const command = ["qact lut", ...process.argv.slice(3)].join(" ");
      writeOutput(o.out, Boolean(o.force), renderExport(e, o.format as FirmwareFormat, o.name, command));
    });
}
