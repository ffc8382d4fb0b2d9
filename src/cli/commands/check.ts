// `qact check BUDGET.json`: measures every kernel of a budget file exhaustively and compares each
// metric with its limit. Exit 0 all rows within budget, 1 a row over budget, 2 the file or a row
// is invalid (one stderr line naming the file, the row and the field).
import { Command, Option } from "commander";
import { readFileSync } from "node:fs";
import { QactError, show } from "../../errors.js";
import { load } from "../../runtime/runtime.js";
import { loadBudget } from "../../budget/load.js";
import { checkBudget } from "../../budget/check.js";
import { updatedBudgetText } from "../../budget/update.js";
import { rowLines } from "../../budget/lines.js";
import { CHECK_FORMATS, formatCheck, type CheckFormat } from "../../report/check.js";
import { writeFileAtomic } from "../files.js";
import { progressBar } from "../progress.js";

export function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string }).version;
}

/** `--also FORMAT=FILE` → [format, file] */
function parseAlso(list: string[]): [CheckFormat, string][] {
  return list.map((item) => {
    const eq = item.indexOf("=");
    const format = item.slice(0, Math.max(0, eq)) as CheckFormat;
    if (eq <= 0 || !CHECK_FORMATS.includes(format) || item.slice(eq + 1) === "") {
      throw new QactError("also", `--also must look like FORMAT=FILE with FORMAT one of ${CHECK_FORMATS.join(", ")} (got ${show(item)})`);
    }
    return [format, item.slice(eq + 1)];
  });
}

export function checkCommand(program: Command): void {
  program
    .command("check")
    .description("measure every kernel of a budget file exhaustively; exit 0 within budget, 1 over budget, 2 invalid file")
    .argument("<budget>", "budget file (JSON; schema: schema/budget.schema.json)")
    .addOption(new Option("--format <format>", "report format").choices([...CHECK_FORMATS]).default("text"))
    .option("--out <file>", "write the report to FILE (atomically) instead of stdout; stdout then gets the text lines")
    .option("--also <format=file>", "also write another format to a file, repeatable (e.g. markdown=summary.md)", (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option("--update", "rewrite the rows' measured fields in the budget file (limits untouched)")
    .option("--quiet", "no progress bar, and no text lines when --out is given")
    .option("--workers <n>", "worker threads for f32 rows (default: min(2, cores))")
    .addOption(new Option("--engine <engine>", "WASM build").choices(["relaxed", "simd", "scalar", "auto"]).default("auto"))
    .action(async (file: string, o) => {
      const also = parseAlso(o.also);
      let workers: number | undefined;
      if (o.workers !== undefined) {
        workers = Number(o.workers);
        if (!Number.isInteger(workers) || workers < 1 || workers > 16) throw new QactError("workers", `--workers must be an integer in [1, 16] (got ${show(o.workers)})`);
      }
      const { budget, text, rows } = await loadBudget(file);
      const rt = await load({ engine: o.engine });
      const bar = progressBar(rows.reduce((s, r) => s + r.size, 0), { quiet: o.quiet, label: "qact check" });
      let result;
      try {
        result = await checkBudget(rt, file, rows, { workers, onProgress: (n) => bar.tick(n) });
      } finally {
        bar.stop();
      }
      result.rowLines = rowLines(text);
      const version = packageVersion();
      const report = formatCheck(result, o.format as CheckFormat, version);
      // everything is formatted before anything is written
      const outputs: [string, string][] = also.map(([f, path]) => [path, formatCheck(result, f, version)]);
      if (o.out) outputs.unshift([o.out, report]);
      for (const [path, data] of outputs) {
        try {
          writeFileAtomic(path, data);
        } catch (e) {
          throw new QactError("out", `cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
        }
      }
      if (o.update) writeFileAtomic(file, updatedBudgetText(text, budget, result));
      if (!o.out) process.stdout.write(report);
      else if (!o.quiet) process.stdout.write(formatCheck(result, "text", version));
      process.exitCode = result.pass ? 0 : 1;
    });
}
