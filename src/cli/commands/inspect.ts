// `qact inspect MODEL`: every activation op of a .tflite or ONNX (QDQ) model with its quantization.
import { Command, Option } from "commander";
import { readFileOrFail } from "../output.js";
import { readModel, requireQuantizedActivations, type ModelReport, type TensorQuant } from "../../models/index.js";

export function loadModelReport(path: string): ModelReport {
  return requireQuantizedActivations(readModel(readFileOrFail(path, "model"), path), path);
}

function side(t: TensorQuant): string {
  if (!t.quant) return t.dtype;
  return `${t.dtype} scale ${t.quant.scale} zp ${t.quant.zeroPoint}${t.perChannel ? ` (per-channel ×${t.perChannel})` : ""}`;
}

export function inspectCommand(program: Command): void {
  program
    .command("inspect")
    .description("list the activation ops of a .tflite or ONNX QDQ model with input/output scale, zero point and dtype")
    .argument("<model>", "model file (.tflite, .onnx)")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .action((path: string, o) => {
      const r = loadModelReport(path);
      if (o.format === "json") {
        process.stdout.write(JSON.stringify({ model: path, ...r }, null, 2) + "\n");
        return;
      }
      const lines = [`${path}: ${r.format} (${r.version}), ${r.activations.length} activation op(s), ${r.activations.filter((a) => a.quantized).length} quantized`];
      for (const a of r.activations) {
        const params = Object.keys(a.params).length ? ` ${JSON.stringify(a.params)}` : "";
        lines.push(`${a.where}: ${a.modelOp} → ${a.op}${params}  in ${side(a.input)}  out ${side(a.output)}${a.quantized ? "" : "  [not quantized]"}`);
        for (const n of a.notes) lines.push(`    note: ${n}`);
      }
      process.stdout.write(lines.join("\n") + "\n");
    });
}
