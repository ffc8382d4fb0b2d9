// `qact budget --from MODEL`: a budget file (shared/design.md) with one row per distinct activation
// kernel the model needs, ready for `qact check`.
import { Command } from "commander";
import { QactError, show } from "../../errors.js";
import { parseNumber } from "../args.js";
import { writeOutput } from "../output.js";
import { loadModelReport } from "./inspect.js";
import { budgetFromModel } from "../../models/budget.js";

export function budgetCommand(program: Command): void {
  program
    .command("budget")
    .description("write a budget file with one row per distinct activation kernel a .tflite/ONNX model needs")
    .requiredOption("--from <model>", "model file (.tflite, .onnx)")
    .option("--method <method>", "kernel method for every row (default: each op's default for its dtype)")
    .option("--max-abs-lsb <n>", "budget per row, in output LSB", "1")
    .option("-o, --out <file>", "write the budget here (atomically) instead of stdout")
    .option("--force", "replace an existing --out file")
    .action((o) => {
      const maxAbsLsb = parseNumber("max-abs-lsb", o.maxAbsLsb)!;
      if (!(maxAbsLsb >= 0)) throw new QactError("max-abs-lsb", `max-abs-lsb must be ≥ 0 (got ${show(maxAbsLsb)})`);
      const report = loadModelReport(o.from);
      const plan = budgetFromModel(report, { method: o.method, maxAbsLsb });
      if (plan.rows.length === 0) {
        throw new QactError("model", `${o.from}: none of its quantized activations has a qact kernel yet (${plan.skipped.map((s) => `${s.modelOp}: ${s.reason}`).join("; ")})`);
      }
      writeOutput(o.out, Boolean(o.force), JSON.stringify({ kernels: plan.rows }, null, 2) + "\n");
      const summary = [
        `${plan.rows.length} kernel row(s) from ${report.activations.length} activation op(s) of ${o.from}`,
        ...plan.rows.map((r, i) => `  ${r.dtype} ${r.op} (${r.method}): ${plan.usedBy[i].join("; ")}`),
        ...plan.skipped.map((s) => `  skipped ${s.where} ${s.modelOp}: ${s.reason}`),
      ].join("\n") + "\n";
      if (o.out === undefined || o.out === "-") process.stderr.write(summary);
      else process.stdout.write(summary);
    });
}
